from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from django_htmx.middleware import HtmxDetails

from matching import learning, runs, selectors, services, tasks
from matching.forms import DismissForm
from matching.models import MatchRun
from network.web import error_messages, get_or_404, paginate
from profiles.models import User

PAGE_SIZE = 20


class HtmxHttpRequest(HttpRequest):
    """What django_htmx's middleware adds to every request."""

    htmx: HtmxDetails


def _user(request: HttpRequest) -> User:
    # Every view here is login_required, so the user is never anonymous.
    return cast(User, request.user)


@login_required
@require_GET
def project_suggestions(request: HttpRequest, pk: int) -> HttpResponse:
    project = get_or_404(selectors.project_get_for_suggestions, user=request.user, pk=pk)
    page = paginate(
        request,
        selectors.suggestion_list_for_project(project=project, user=_user(request)),
        PAGE_SIZE,
    )
    if not _user(request).is_staff:  # staff looking over a need are not its audience
        learning.suggestions_shown(matches=page.object_list)
    run = selectors.run_get_latest(scope=MatchRun.Scope.PROJECT, object_id=project.pk)
    return render(
        request,
        "matching/project_suggestions.html",
        {"project": project, "page": page, "run": run, "dismiss_form": DismissForm()},
    )


@login_required
@require_POST
def project_recompute(request: HttpRequest, pk: int) -> HttpResponse:
    project = get_or_404(selectors.project_get_for_suggestions, user=request.user, pk=pk)
    if project.status != "published":
        messages.error(request, _("Solo los proyectos publicados reciben sugerencias."))
    else:
        try:
            run = runs.project_run_request(project_id=project.pk)
        except ValidationError as error:
            messages.info(request, " ".join(error_messages(error)))
        else:
            tasks.project_matches_task.delay(project.pk, run.pk)
            messages.info(request, _("Calculando sugerencias de nuevo…"))
    return redirect("matching:project_suggestions", pk=project.pk)


@login_required
@require_GET
def run_status(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    run = get_or_404(selectors.run_get_for_viewer, user=request.user, pk=pk)
    response = render(request, "matching/_partials/run_status.html", {"run": run})
    if run.is_finished and request.htmx:
        # The list below the banner is now stale: reload the page once.
        response["HX-Refresh"] = "true"
    return response


@login_required
@require_GET
def my_suggestions(request: HttpRequest) -> HttpResponse:
    page = paginate(request, selectors.suggestion_list_for_expert(user=_user(request)), PAGE_SIZE)
    learning.suggestions_shown(matches=page.object_list)
    services.matches_mark_seen(match_ids=[m.pk for m in page.object_list if m.state == "new"])
    return render(
        request, "matching/my_suggestions.html", {"page": page, "dismiss_form": DismissForm()}
    )


@login_required
@require_POST
def dismiss(request: HttpRequest, pk: int) -> HttpResponse:
    match = get_or_404(selectors.match_get_for_viewer, user=request.user, pk=pk)
    form = DismissForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    services.match_dismiss(match=match, by=_user(request), reason=reason)
    messages.success(request, _("Listo: ya no te mostraremos esta sugerencia."))
    if match.expert.user_id == request.user.pk:
        return redirect("matching:my_suggestions")
    return redirect("matching:project_suggestions", pk=match.project_id)
