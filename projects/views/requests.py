"""Collaboration requests: an expert's interest in a project and an institution's invitation
to an expert, sent and answered."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from network.web import error_messages, get_or_404, redirect_next_or, show_on_form
from profiles.models import ExpertProfile
from projects import selectors, services
from projects.forms import DeclineForm, InterestForm, InviteForm, ProjectPickForm
from projects.models import Interest, Invitation, Project
from projects.views import AuthenticatedRequest
from projects.views.projects import render_project_detail

# --- Interests -------------------------------------------------------------------------------


@login_required
@require_POST
def interest_create(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    project = get_or_404(selectors.project_get_visible, user=request.user, pk=pk)
    expert = ExpertProfile.objects.filter(user=request.user).first()
    if expert is None:
        messages.error(request, _("Crea tu perfil de experto para mostrar interés en proyectos."))
        return redirect("projects:detail", pk=project.pk)
    form = InterestForm(request.POST)
    if form.is_valid():
        try:
            services.interest_create(
                project=project,
                expert=expert,
                message=form.cleaned_data["message"],
                by=request.user,
            )
        except ValidationError as error:
            show_on_form(form, error)
        else:
            messages.success(
                request,
                _("Enviamos tu interés. La institución te responderá desde su panel."),
            )
            return redirect("projects:detail", pk=project.pk)
    return render_project_detail(request, pk, interest_form=form, status=400)


@login_required
@require_POST
def interest_accept(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    interest = get_or_404(selectors.interest_get_for_member, user=request.user, pk=pk)
    try:
        engagement = services.interest_accept(interest=interest, by=request.user)
    except ValidationError as error:
        for message in error_messages(error):
            messages.error(request, message)
        return redirect_next_or(request, reverse("projects:dashboard"))
    messages.success(
        request,
        _("Aceptaste el interés. Ya pueden ver los datos de contacto de cada quien."),
    )
    return redirect("projects:engagement_detail", pk=engagement.pk)


def _decline(
    request: HttpRequest,
    collaboration_request: Interest | Invitation,
    *,
    side: str,
    service: Callable[..., Any],
    target: str,
    then: tuple[str, str] | None = None,
) -> HttpResponse:
    """`then`: where to go after the answer and what to say there (default: the panel)."""
    form = DeclineForm(request.POST or None, side=side)
    if request.method == "POST" and form.is_valid():
        try:
            service(
                **{side: collaboration_request},
                by=request.user,
                reason=form.cleaned_data["reason"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            show_on_form(form, error)
        else:
            url, message = then or (reverse("projects:dashboard"), _("Respuesta enviada."))
            messages.success(request, message)
            return redirect(url)
    return render(
        request,
        "projects/request_decline.html",
        {
            "form": form,
            "collaboration_request": collaboration_request,
            "side": side,
            "target": target,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def interest_decline(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    interest = get_or_404(selectors.interest_get_for_member, user=request.user, pk=pk)
    return _decline(
        request,
        interest,
        side="interest",
        service=services.interest_decline,
        target=reverse("projects:interest_decline", args=[pk]),
    )


# --- Invitations ------------------------------------------------------------------------------


def _invite(
    request: AuthenticatedRequest,
    form: InviteForm | ProjectPickForm,
    *,
    project: Project,
    expert: ExpertProfile,
) -> bool:
    """Send the invitation with the form's message: True once sent (and said so), False with
    the service's refusal on the form."""
    try:
        services.invitation_create(
            project=project, expert=expert, message=form.cleaned_data["message"], by=request.user
        )
    except ValidationError as error:
        show_on_form(form, error)
        return False
    messages.success(request, _("Invitación enviada a %(name)s.") % {"name": expert.display_name})
    return True


@login_required
@require_http_methods(["GET", "POST"])
def invite(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    project = get_or_404(selectors.project_get_for_member, user=request.user, pk=pk)
    # The person comes from a suggestion or a profile (?expert=); the page names them.
    form = InviteForm(request.POST or request.GET or None, viewer=request.user)
    if request.method == "GET" and form.is_bound:
        form.is_valid()  # resolve the name to show; errors wait for the POST
        form = _unbound_with(form)
    if (
        request.method == "POST"
        and form.is_valid()
        and _invite(request, form, project=project, expert=form.cleaned_data["expert"])
    ):
        return redirect_next_or(request, reverse("projects:detail", args=[project.pk]))
    return render(
        request,
        "projects/invitation_form.html",
        {"form": form, "project": project},
        status=400 if form.is_bound and form.errors else 200,
    )


def _unbound_with(form: InviteForm) -> InviteForm:
    fresh = InviteForm(initial={"expert": form.data.get("expert")}, viewer=form.viewer)
    fresh.expert_profile = form.expert_profile
    return fresh


@login_required
@require_http_methods(["GET", "POST"])
def invite_expert(request: AuthenticatedRequest, expert_pk: int) -> HttpResponse:
    """Invite from where the person is (their profile, a card): pick one of my projects."""
    expert = get_or_404(selectors.expert_get_for_invitation, user=request.user, pk=expert_pk)
    projects = selectors.project_list_for_inviting(user=request.user)
    initial = {"project": request.GET.get("proyecto")} if request.GET.get("proyecto") else None
    form = ProjectPickForm(request.POST or None, initial=initial, projects=projects)
    if (
        request.method == "POST"
        and form.is_valid()
        and _invite(request, form, project=form.cleaned_data["project"], expert=expert)
    ):
        return redirect("projects:detail", pk=form.cleaned_data["project"].pk)
    return render(
        request,
        "projects/invite_expert.html",
        {"form": form, "expert": expert, "has_projects": projects.exists()},
        status=400 if form.is_bound and form.errors else 200,
    )


@login_required
@require_POST
def invitation_accept(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    invitation = get_or_404(selectors.invitation_get_for_expert, user=request.user, pk=pk)
    try:
        engagement = services.invitation_accept(invitation=invitation, by=request.user)
    except ValidationError as error:
        for message in error_messages(error):
            messages.error(request, message)
        return redirect_next_or(request, reverse("projects:dashboard"))
    messages.success(
        request,
        _("Aceptaste la invitación. Ya pueden ver los datos de contacto de cada quien."),
    )
    return redirect("projects:engagement_detail", pk=engagement.pk)


@login_required
@require_http_methods(["GET", "POST"])
def invitation_decline(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    invitation = get_or_404(selectors.invitation_get_for_expert, user=request.user, pk=pk)
    return _decline(
        request,
        invitation,
        side="invitation",
        service=services.invitation_decline,
        target=reverse("projects:invitation_decline", args=[pk]),
        # Not a dead end: the expert's own suggestions (other needs that fit, or a page saying
        # there are none yet). A URL name, not an import: matching sits above projects.
        then=(
            reverse("matching:my_suggestions"),
            _("Respuesta enviada. Estos otros proyectos encajan con tu perfil."),
        ),
    )
