"""Project pages: the public list, the detail page, create/edit and the workflow buttons.

Each view: authenticate → look the object up scoped to the user (out of scope is a 404) →
validate a form → call one service or selector → render or redirect.
"""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from network.web import (
    anonymous_page_cache,
    cached_cards,
    data_version,
    error_messages,
    get_or_404,
    paginate,
    show_on_form,
)
from profiles.models import Institution
from projects import selectors, services
from projects.forms import InterestForm, ProjectFilterForm, ProjectForm, TransitionForm
from projects.fragments import PROJECTS_DATA
from projects.models import Project
from projects.views import AuthenticatedRequest

PAGE_SIZE = 20
REQUESTS_PER_PAGE = 20  # a project's interests, and its invitations, on its page


# --- Public list and detail -------------------------------------------------------------------


@require_GET
@anonymous_page_cache(PROJECTS_DATA)
def project_list(request: HttpRequest) -> HttpResponse:
    form = ProjectFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    if form.is_bound and not form.is_valid():
        # Keep the valid filters; the invalid ones are shown as errors.
        filters = {k: v for k, v in form.cleaned_data.items() if k not in form.errors}
    page = paginate(
        request, selectors.project_list_visible(user=request.user, filters=filters), PAGE_SIZE
    )
    cached_cards(
        page,
        template="projects/_partials/project_card.html",
        name="project",
        kind="project",
        version=data_version(PROJECTS_DATA),
        keep=("title",),
    )
    return render(
        request,
        "projects/project_list.html",
        {
            "form": form,
            "page_obj": page,
            "projects": page.object_list,
            "is_filtered": any(filters.values()),
        },
    )


def render_project_detail(
    request: HttpRequest, pk: int, *, interest_form: InterestForm | None = None, status: int = 200
) -> HttpResponse:
    page = get_or_404(selectors.project_page, user=request.user, pk=pk)
    return render(
        request,
        "projects/project_detail.html",
        {
            "page": page,
            # Each list pages on its own (?intereses=, ?invitaciones=): both grow with the project.
            "interests": paginate(request, page.interests, REQUESTS_PER_PAGE, param="intereses"),
            "invitations": paginate(
                request, page.invitations, REQUESTS_PER_PAGE, param="invitaciones"
            ),
            "project": page.project,
            "interest_form": interest_form or InterestForm(),
            "transition_form": TransitionForm(),
        },
        status=status,
    )


@require_GET
@anonymous_page_cache(PROJECTS_DATA)
def project_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return render_project_detail(request, pk)


# --- Create, edit, workflow -------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def project_create(request: AuthenticatedRequest) -> HttpResponse:
    institutions = list(Institution.objects.of_member(request.user).order_by("name"))
    if not institutions:
        return render(request, "projects/project_form.html", {"no_institution": True})
    form = ProjectForm(request.POST or None, institutions=institutions)
    if request.method == "POST" and form.is_valid():
        try:
            project = services.project_create(
                institution=form.cleaned_data["institution"],
                by=request.user,
                **form.service_kwargs(),
            )
        except ValidationError as error:
            show_on_form(form, error)
        else:
            messages.success(
                request,
                _("Guardamos el proyecto como borrador. Revísalo y envíalo a revisión."),
            )
            return redirect("projects:detail", pk=project.pk)
    return render(
        request,
        "projects/project_form.html",
        {"form": form, "institutions": institutions, "creating": True},
    )


@login_required
@require_http_methods(["GET", "POST"])
def project_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    project = get_or_404(selectors.project_get_for_member, user=request.user, pk=pk)
    if not project.is_editable:
        messages.error(request, _("Solo se puede editar un proyecto en borrador o rechazado."))
        return redirect("projects:detail", pk=project.pk)
    form = ProjectForm(request.POST or None, instance=project)
    if request.method == "POST" and form.is_valid():
        try:
            services.project_update(project=project, by=request.user, **form.service_kwargs())
        except ValidationError as error:
            show_on_form(form, error)
        else:
            messages.success(request, _("Cambios guardados."))
            return redirect("projects:detail", pk=project.pk)
    return render(request, "projects/project_form.html", {"form": form, "project": project})


TRANSITIONS: dict[str, tuple[Callable[..., Project], Any]] = {
    "submit": (
        services.project_submit,
        gettext_lazy("Enviamos el proyecto a revisión. Verás la decisión en tu panel."),
    ),
    "start": (services.project_start, gettext_lazy("El proyecto está en curso.")),
    "complete": (services.project_complete, gettext_lazy("El proyecto quedó concluido.")),
    "cancel": (services.project_cancel, gettext_lazy("El proyecto quedó cancelado.")),
}


@login_required
@require_POST
def project_transition(request: AuthenticatedRequest, pk: int, action: str) -> HttpResponse:
    project = get_or_404(selectors.project_get_for_member, user=request.user, pk=pk)
    form = TransitionForm(request.POST)
    service, done = TRANSITIONS[action]
    if form.is_valid():
        try:
            service(project=project, by=request.user, note=form.cleaned_data["note"])
        except ValidationError as error:
            for message in error_messages(error):
                messages.error(request, message)
        else:
            messages.success(request, done)
    return redirect("projects:detail", pk=project.pk)


@login_required
@require_POST
def project_pause(request: AuthenticatedRequest, pk: int, resume: bool) -> HttpResponse:
    project = get_or_404(selectors.project_get_for_member, user=request.user, pk=pk)
    service = services.project_resume if resume else services.project_pause
    try:
        service(project=project, by=request.user)
    except ValidationError as error:
        for message in error_messages(error):
            messages.error(request, message)
    else:
        messages.success(
            request,
            _("El proyecto vuelve a recibir personas.")
            if resume
            else _("Proyecto en pausa: ya no aparece en la lista ni en las sugerencias."),
        )
    return redirect("projects:detail", pk=project.pk)
