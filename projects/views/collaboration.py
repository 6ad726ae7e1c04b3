"""Interests, invitations, engagements, outcomes and the dashboard."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from projects import selectors, services
from projects.forms import DeclineForm, EngagementEndForm, InviteForm, OutcomeForm
from projects.models import Interest, Invitation
from projects.views.common import error_messages, get_or_404, redirect_next_or, show_on_form

# --- Interests ---------------------------------------------------------------------------------


@login_required
@require_POST
def interest_accept(request: HttpRequest, pk: int) -> HttpResponse:
    interest = get_or_404(selectors.interest_for_member, user=request.user, pk=pk)
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
    request_obj: Interest | Invitation,
    *,
    side: str,
    service: Callable[..., Any],
    target: str,
) -> HttpResponse:
    form = DeclineForm(request.POST or None, side=side)
    if request.method == "POST" and form.is_valid():
        try:
            service(
                **{side: request_obj},
                by=request.user,
                reason=form.cleaned_data["reason"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            show_on_form(form, error)
        else:
            messages.success(request, _("Respuesta enviada."))
            return redirect("projects:dashboard")
    return render(
        request,
        "projects/decline_form.html",
        {"form": form, "request_obj": request_obj, "side": side, "target": target},
    )


@login_required
@require_http_methods(["GET", "POST"])
def interest_decline(request: HttpRequest, pk: int) -> HttpResponse:
    interest = get_or_404(selectors.interest_for_member, user=request.user, pk=pk)
    return _decline(
        request,
        interest,
        side="interest",
        service=services.interest_decline,
        target=reverse("projects:interest_decline", args=[pk]),
    )


# --- Invitations ------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def invite(request: HttpRequest, pk: int) -> HttpResponse:
    project = get_or_404(selectors.project_of_member, user=request.user, pk=pk)
    initial = {"expert": request.GET.get("expert")} if request.GET.get("expert") else None
    form = InviteForm(request.POST or None, initial=initial, viewer=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.invitation_create(
                project=project,
                expert=form.expert_profile,
                message=form.cleaned_data["message"],
                by=request.user,
            )
        except ValidationError as error:
            show_on_form(form, error)
        else:
            messages.success(
                request,
                _("Invitación enviada a %(name)s.") % {"name": form.expert_profile.display_name},
            )
            return redirect_next_or(request, reverse("projects:detail", args=[project.pk]))
    return render(
        request,
        "projects/invite_form.html",
        {"form": form, "project": project},
        status=400 if form.is_bound and form.errors else 200,
    )


@login_required
@require_POST
def invitation_accept(request: HttpRequest, pk: int) -> HttpResponse:
    invitation = get_or_404(selectors.invitation_for_expert, user=request.user, pk=pk)
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
def invitation_decline(request: HttpRequest, pk: int) -> HttpResponse:
    invitation = get_or_404(selectors.invitation_for_expert, user=request.user, pk=pk)
    return _decline(
        request,
        invitation,
        side="invitation",
        service=services.invitation_decline,
        target=reverse("projects:invitation_decline", args=[pk]),
    )


# --- Engagements and outcomes -----------------------------------------------------------------


def _render_engagement(
    request: HttpRequest,
    page: selectors.EngagementPage,
    *,
    outcome_form: OutcomeForm | None = None,
    status: int = 200,
) -> HttpResponse:
    return render(
        request,
        "projects/engagement_detail.html",
        {
            "page": page,
            "engagement": page.engagement,
            "outcome_form": outcome_form or OutcomeForm(),
            "end_form": EngagementEndForm(),
        },
        status=status,
    )


@login_required
@require_GET
def engagement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    page = get_or_404(selectors.engagement_page, user=request.user, pk=pk)
    return _render_engagement(request, page)


def _party_page(request: HttpRequest, pk: int) -> selectors.EngagementPage:
    page = get_or_404(selectors.engagement_page, user=request.user, pk=pk)
    if not page.can_act:  # staff may look, only the parties act
        raise Http404
    return page


@login_required
@require_POST
def outcome_create(request: HttpRequest, pk: int) -> HttpResponse:
    page = _party_page(request, pk)
    form = OutcomeForm(request.POST)
    if form.is_valid():
        try:
            services.outcome_record(
                engagement=page.engagement, by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            show_on_form(form, error)
        else:
            messages.success(request, _("Resultado registrado. ¡Gracias por contarlo!"))
            return redirect("projects:engagement_detail", pk=pk)
    return _render_engagement(request, page, outcome_form=form, status=400)


@login_required
@require_POST
def engagement_end(request: HttpRequest, pk: int) -> HttpResponse:
    page = _party_page(request, pk)
    form = EngagementEndForm(request.POST)
    if form.is_valid():
        try:
            services.engagement_end(
                engagement=page.engagement, by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            for message in error_messages(error):
                messages.error(request, message)
        else:
            messages.success(request, _("La colaboración quedó cerrada."))
    else:
        messages.error(request, _("Elige cómo terminó la colaboración."))
    return redirect("projects:engagement_detail", pk=pk)


# --- Dashboard --------------------------------------------------------------------------------


@login_required
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "projects/dashboard.html",
        {
            "liaison": selectors.liaison_dashboard(user=request.user),
            "expert": selectors.expert_dashboard(user=request.user),
        },
    )
