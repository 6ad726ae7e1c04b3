"""Prefill screens: import from ORCID, read a CV, review the proposals; skills from a need."""

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods, require_POST

from network.web import show_on_form
from prefill import cv, orcid
from prefill.forms import CvForm, NeedTextForm, OrcidForm, ReviewForm
from prefill.needs import need_proposals, rate_allows
from prefill.proposals import Proposal
from prefill.services import prefill_apply
from prefill.uploads import CappedMemoryUploadHandler
from profiles.models import Institution
from profiles.permissions import AuthenticatedHttpRequest, signed_in
from profiles.services.experts import profile_get_or_create
from profiles.views.account import expert_side_required

SOURCES = {"orcid": gettext_lazy("ORCID"), "cv": gettext_lazy("tu CV")}


def _session_key(source: str) -> str:
    return f"prefill:{source}"


def _remember(request: HttpRequest, source: str, proposals: list[Proposal]) -> None:
    request.session[_session_key(source)] = [p.as_dict() for p in proposals]


def _remembered(request: HttpRequest, source: str) -> list[Proposal]:
    raw = request.session.get(_session_key(source)) or []
    return [Proposal.from_dict(item) for item in raw if isinstance(item, dict)]


@login_required
@expert_side_required
@require_http_methods(["GET", "POST"])
def orcid_import(request: AuthenticatedHttpRequest) -> HttpResponse:
    profile = profile_get_or_create(user=request.user)
    form = OrcidForm(request.POST or None, initial={"orcid": profile.orcid})
    if request.method == "POST" and form.is_valid():
        iD = form.cleaned_data["orcid"]
        try:
            proposals = orcid.orcid_proposals(iD)
        except orcid.OrcidError as error:
            form.add_error("orcid", str(error))
        else:
            _remember(request, "orcid", proposals)
            return redirect("prefill:review", source="orcid")
    return render(request, "prefill/orcid_import.html", {"form": form}, status=_status(form))


def _status(form: Any) -> int:
    return 400 if form.is_bound and form.errors else 200


@csrf_exempt
@login_required
@expert_side_required
@require_http_methods(["GET", "POST"])
def cv_import(request: AuthenticatedHttpRequest) -> HttpResponse:
    # The upload is held in memory, capped, before anything reads the POST (CSRF included): a
    # CV never reaches a temporary file or MEDIA_ROOT.
    request.upload_handlers = [CappedMemoryUploadHandler(request)]
    return _cv_import(request)


@csrf_protect
def _cv_import(request: AuthenticatedHttpRequest) -> HttpResponse:
    profile_get_or_create(user=request.user)
    form = CvForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["cv"]
        try:
            proposals = cv.cv_proposals(cv.cv_text(name=upload.name or "", content=upload.read()))
        except ValidationError as error:
            form.add_error("cv", error)
        else:
            if proposals:
                _remember(request, "cv", proposals)
                return redirect("prefill:review", source="cv")
            form.add_error(
                "cv", _("No encontramos puestos, estudios ni habilidades en este archivo.")
            )
        finally:
            upload.close()
    return render(request, "prefill/cv_import.html", {"form": form}, status=_status(form))


@login_required
@expert_side_required
@require_http_methods(["GET", "POST"])
def review(request: AuthenticatedHttpRequest, source: str) -> HttpResponse:
    if source not in SOURCES:
        raise Http404
    proposals = _remembered(request, source)
    if not proposals:
        messages.info(request, _("No hay nada pendiente de revisar."))
        return redirect("profiles:me")
    form = ReviewForm(request.POST if request.method == "POST" else None, proposals=proposals)
    if request.method == "POST" and form.is_valid():
        accepted = form.accepted_proposals()
        profile = profile_get_or_create(user=request.user)
        try:
            if accepted:
                prefill_apply(profile=profile, accepted=accepted, by=request.user)
        except ValidationError as error:
            show_on_form(form, error)
        else:
            request.session.pop(_session_key(source), None)
            if accepted:
                messages.success(request, _("Añadimos a tu perfil lo que elegiste."))
            else:
                messages.info(request, _("No añadimos nada a tu perfil."))
            return redirect("profiles:me")
    items = [{"index": i, "proposal": p} for i, p in enumerate(proposals)]
    return render(
        request,
        "prefill/review.html",
        {"form": form, "items": items, "source": source, "source_name": SOURCES[source]},
        status=_status(form),
    )


# --- Skills from a need's text (JSON, called by static/js/need-skills.js) ----------------------


@require_POST
def need_skills(request: HttpRequest) -> JsonResponse:
    """Proposals for the project form. Members of an institution only; rate-limited per user."""
    user = request.user
    if not signed_in(user) or not Institution.objects.of_member(user).exists():
        return JsonResponse({"detail": _("Solo para miembros de una institución.")}, status=403)
    rate = settings.PREFILL_NEED_RATE
    if not rate_allows(scope="need", identity=str(user.pk), rate=rate):
        return JsonResponse({"detail": _("Demasiadas consultas; espera un momento.")}, status=429)
    form = NeedTextForm(request.POST)
    if not form.is_valid():
        return JsonResponse({"errors": form.errors.get_json_data()}, status=400)
    return JsonResponse(
        {
            **need_proposals(form.cleaned_data["text"]),
            "labels": {
                "title": _("Sugerencias a partir de tu texto"),
                "required": _("indispensable"),
                "nice": _("deseable"),
                "field": _("campo"),
                "add": _("Añadir"),
            },
        }
    )
