"""Engagements (what follows an accepted collaboration request): the page both parties share,
their outcomes and ending one; and the dashboard of a liaison and of an expert."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from network.web import error_messages, get_or_404, paginate, show_on_form
from projects import selectors, services
from projects.forms import EngagementEndForm, OutcomeForm
from projects.views import AuthenticatedRequest

PROJECTS_PER_PAGE = 20  # the liaison panel's projects, all statuses together

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
def engagement_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    page = get_or_404(selectors.engagement_page, user=request.user, pk=pk)
    return _render_engagement(request, page)


def _party_page(request: AuthenticatedRequest, pk: int) -> selectors.EngagementPage:
    page = get_or_404(selectors.engagement_page, user=request.user, pk=pk)
    if not page.can_act:  # staff may look, only the parties act
        raise Http404
    return page


@login_required
@require_POST
def outcome_create(request: AuthenticatedRequest, pk: int) -> HttpResponse:
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
def engagement_end(request: AuthenticatedRequest, pk: int) -> HttpResponse:
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
def dashboard(request: AuthenticatedRequest) -> HttpResponse:
    # Each side sees only its own panel: a liaison never gets the expert's, and the reverse.
    user = request.user
    expert_side, institution_side = user.acts_as_expert, user.acts_as_institution
    liaison = selectors.liaison_dashboard_page(user=user) if institution_side else None
    if liaison is not None:
        liaison.project_page = paginate(request, liaison.projects, PROJECTS_PER_PAGE)
    return render(
        request,
        "projects/dashboard.html",
        {
            "expert_side": expert_side,
            "institution_side": institution_side,
            "liaison": liaison,
            "expert": selectors.expert_dashboard_page(user=user) if expert_side else None,
        },
    )
