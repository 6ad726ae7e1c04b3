"""Approving expert profiles when the network is vetted or by invitation: staff and chapter
coordinators see the profiles waiting, approve them or reject them with a reason."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from chapters.forms import ReasonForm
from chapters.models import ChapterMembership
from network.web import error_messages, get_or_404, paginate
from profiles.models import ExpertProfile
from profiles.permissions import AuthenticatedHttpRequest
from profiles.services.vetting import profile_vet

PAGE_SIZE = 30


def _require_approver(request: AuthenticatedHttpRequest) -> None:
    """Staff and the coordinators of any chapter approve profiles; for others (and in an
    open network) the page does not exist."""
    if settings.NETWORK_MEMBERSHIP == "open":
        raise Http404
    if request.user.is_staff:
        return
    if not ChapterMembership.objects.coordinating().filter(user=request.user).exists():
        raise Http404


@login_required
@require_GET
def profiles_pending(request: AuthenticatedHttpRequest) -> HttpResponse:
    _require_approver(request)
    waiting = (
        ExpertProfile.objects.awaiting_approval()
        .select_related("user", "origin_state")
        .order_by("onboarded_at", "pk")
    )
    page = paginate(request, waiting, PAGE_SIZE)
    return render(
        request,
        "chapters/profiles_pending.html",
        {"page_obj": page, "profiles": page.object_list, "form": ReasonForm()},
    )


@login_required
@require_POST
def profile_decide(request: AuthenticatedHttpRequest, pk: int, decision: str) -> HttpResponse:
    _require_approver(request)
    onboarded = ExpertProfile.objects.active().filter(onboarded_at__isnull=False)
    profile = get_or_404(onboarded.get, pk=pk)
    if profile.approved_at is not None:  # decided in another tab or by another approver
        messages.info(request, _("Este perfil ya estaba aprobado."))
        return redirect("chapters:profiles_pending")
    approved = decision == "aprobar"
    try:
        profile_vet(
            profile=profile,
            by=request.user,
            approved=approved,
            reason=request.POST.get("reason", ""),
        )
    except ValidationError as error:
        for message in error_messages(error):
            messages.error(request, message)
    else:
        messages.success(
            request,
            _("Perfil aprobado.") if approved else _("Perfil rechazado; guardamos el motivo."),
        )
    return redirect("chapters:profiles_pending")
