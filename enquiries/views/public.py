"""The public side: the intake form (no account needed, or as a signed-in member), the
confirmation link, and the requester's page (status, delete) reached through its link."""

import ipaddress
import uuid
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.core import signing
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from enquiries import tasks
from enquiries.choices import Channel
from enquiries.forms import EnquiryForm, OutcomeForm
from enquiries.models import Enquiry
from enquiries.ratelimit import hit
from enquiries.selectors import enquiry_get_for_requester
from enquiries.services import intake, outcomes, workflow
from network.web import get_or_404, show_on_form
from profiles.models import Institution, User


def client_ip(request: HttpRequest) -> str:
    """The client's address: REMOTE_ADDR, or the hop TRUSTED_PROXY_COUNT proxies saw."""
    remote = str(request.META.get("REMOTE_ADDR") or "")
    trusted = int(settings.TRUSTED_PROXY_COUNT)
    hops = [h.strip() for h in str(request.META.get("HTTP_X_FORWARDED_FOR") or "").split(",")]
    hops = [h for h in hops if h]
    if trusted <= 0 or len(hops) < trusted:
        return remote
    try:
        return str(ipaddress.ip_address(hops[-trusted]))
    except ValueError:
        return remote


def _member(request: HttpRequest) -> User | None:
    user = request.user
    if isinstance(user, User) and Institution.objects.of_member(user).exists():
        return user
    return None


RATE_LIMITED = gettext_lazy(
    "Recibimos demasiadas consultas desde tu conexión o tu correo en poco tiempo. "
    "Espera un rato y vuelve a intentarlo; si es urgente, escríbenos directamente."
)


def _refuse(request: HttpRequest, form: EnquiryForm) -> HttpResponse:
    form.add_error(None, str(RATE_LIMITED))
    return render(request, "enquiries/enquiry_form.html", {"form": form}, status=429)


def _submit(request: HttpRequest, form: EnquiryForm, member: User | None) -> HttpResponse:
    data = dict(form.cleaned_data)
    if member is not None:
        institution = data.pop("institution")
        data.update(email=member.email, organisation=institution.name)
        enquiry = intake.enquiry_submit(
            data=data, channel=Channel.MEMBER, submitted_by=member, institution=institution
        )
        messages.success(request, _("Recibimos tu consulta; ya está en la cola del equipo."))
        return redirect("enquiries:requester", token=intake.requester_token(enquiry))
    enquiry = intake.enquiry_submit(data=data, channel=Channel.PUBLIC_FORM)
    tasks.confirmation_send.delay(enquiry.pk)
    return redirect("enquiries:sent")


@require_http_methods(["GET", "POST"])
def enquiry_create(request: HttpRequest) -> HttpResponse:
    """Anti-abuse without outside services: a honeypot (a bot is told it worked and nothing is
    written), a per-IP limit on every post and a per-address limit on every valid one."""
    member = _member(request)
    if request.method != "POST":
        return render(request, "enquiries/enquiry_form.html", {"form": EnquiryForm(member=member)})
    form = EnquiryForm(request.POST, member=member)
    if form.is_bot:
        return redirect("enquiries:sent")
    if not hit("ip", client_ip(request), settings.ENQUIRIES_RATE_PER_IP):
        return _refuse(request, form)
    if not form.is_valid():
        return render(request, "enquiries/enquiry_form.html", {"form": form}, status=400)
    email = member.email if member else form.cleaned_data["email"]
    if not hit("email", email, settings.ENQUIRIES_RATE_PER_EMAIL):
        return _refuse(request, form)
    return _submit(request, form, member)


def enquiry_sent(request: HttpRequest) -> HttpResponse:
    return render(request, "enquiries/enquiry_sent.html")


def _from_token(token: str, decode: Callable[[str], uuid.UUID]) -> Enquiry:
    try:
        public_id = decode(token)
    except signing.BadSignature as error:
        raise Http404 from error
    return get_or_404(enquiry_get_for_requester, public_id=public_id)


@require_http_methods(["GET", "POST"])
def enquiry_confirm(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows a button (mail scanners that open links confirm nothing); POST confirms."""
    try:
        public_id = intake.public_id_from_confirmation(token)
    except signing.SignatureExpired:
        return render(request, "enquiries/confirm_expired.html", status=410)
    except signing.BadSignature as error:
        raise Http404 from error
    enquiry = get_or_404(enquiry_get_for_requester, public_id=public_id)
    if request.method == "POST":
        workflow.enquiry_confirm(enquiry=enquiry)
        messages.success(
            request, _("Gracias: tu correo está confirmado y tu consulta, en la cola.")
        )
        return redirect("enquiries:requester", token=intake.requester_token(enquiry))
    return render(request, "enquiries/confirm.html", {"enquiry": enquiry})


def enquiry_requester(request: HttpRequest, token: str) -> HttpResponse:
    """What the requester may see: their own words and the status, nothing about experts
    before an introduction is accepted (the introduction e-mail carries the contacts)."""
    enquiry = _from_token(token, intake.public_id_from_requester_token)
    return render(
        request,
        "enquiries/requester.html",
        {"enquiry": enquiry, "token": token},
    )


@require_POST
def enquiry_requester_delete(request: HttpRequest, token: str) -> HttpResponse:
    enquiry = _from_token(token, intake.public_id_from_requester_token)
    intake.enquiry_delete(enquiry=enquiry)
    messages.success(request, _("Borramos tu consulta y sus datos."))
    return redirect(reverse("enquiries:create"))


@require_http_methods(["GET", "POST"])
def outcome(request: HttpRequest, token: str) -> HttpResponse:
    """A follow-up's link: one side tells what came of the introduction."""
    try:
        public_id, side = outcomes.outcome_token_read(token)
        enquiry = get_or_404(enquiry_get_for_requester, public_id=uuid.UUID(public_id))
    except (signing.BadSignature, ValueError) as error:
        raise Http404 from error
    form = OutcomeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            outcomes.outcome_record(enquiry=enquiry, side=side, **form.cleaned_data)
            messages.success(request, _("Gracias: anotamos el resultado."))
            return redirect("enquiries:outcome", token=token)
        except ValidationError as error:
            show_on_form(form, error)
    return render(
        request,
        "enquiries/outcome.html",
        {"enquiry": enquiry, "form": form, "recorded": enquiry.outcomes.filter(side=side)},
        status=400 if form.errors else 200,
    )
