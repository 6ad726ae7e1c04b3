from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from matching import selectors, services
from matching.forms import DismissForm
from matching.models import Match, MatchRun
from projects.models import Project

PAGE_SIZE = 20


def _project_or_404(user: object, pk: int) -> Project:
    try:
        return selectors.project_for_suggestions(user=user, pk=pk)
    except Project.DoesNotExist as exc:
        raise Http404 from exc


@login_required
@require_GET
def project_suggestions(request: HttpRequest, pk: int) -> HttpResponse:
    project = _project_or_404(request.user, pk)
    page = Paginator(selectors.suggestions_for_project(project=project), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    run = selectors.latest_run(scope=MatchRun.Scope.PROJECT, object_id=project.pk)
    return render(
        request,
        "matching/project_suggestions.html",
        {"project": project, "page": page, "run": run, "dismiss_form": DismissForm()},
    )


@login_required
@require_POST
def project_recompute(request: HttpRequest, pk: int) -> HttpResponse:
    project = _project_or_404(request.user, pk)
    if project.status != "published":
        messages.error(request, _("Solo los proyectos publicados reciben sugerencias."))
    else:
        services.match_run_enqueue(scope=MatchRun.Scope.PROJECT, object_id=project.pk)
        messages.info(request, _("Calculando sugerencias de nuevo…"))
    return redirect("matching:project_suggestions", pk=project.pk)


@login_required
@require_GET
def run_status(request: HttpRequest, pk: int) -> HttpResponse:
    run = MatchRun.objects.filter(pk=pk, scope=MatchRun.Scope.PROJECT).first()
    if run is None:
        raise Http404
    _project_or_404(request.user, run.object_id)
    response = render(request, "matching/_partials/run_status.html", {"run": run})
    if run.is_finished and request.htmx:
        # The list below the banner is now stale: reload the page once.
        response["HX-Refresh"] = "true"
    return response


@login_required
@require_GET
def my_suggestions(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.suggestions_for_expert(user=request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    services.matches_mark_seen(match_ids=[m.pk for m in page.object_list if m.state == "new"])
    return render(
        request, "matching/my_suggestions.html", {"page": page, "dismiss_form": DismissForm()}
    )


@login_required
@require_POST
def dismiss(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        match = selectors.match_of_viewer(user=request.user, pk=pk)
    except Match.DoesNotExist as exc:
        raise Http404 from exc
    form = DismissForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    services.match_dismiss(match=match, by=request.user, reason=reason)
    messages.success(request, _("Listo: ya no te mostraremos esta sugerencia."))
    if match.expert.user_id == request.user.pk:
        return redirect("matching:my_suggestions")
    return redirect("matching:project_suggestions", pk=match.project_id)
