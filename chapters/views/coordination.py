"""Coordinator tools: requests, invitations, the roster and its CSV, announcements, shared
needs. Every chapter is looked up among those the person coordinates (else a 404); the roster
is also open to the chapter's active members, who see what the directory shows them."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from chapters import services
from chapters.exports import csv_response
from chapters.forms import (
    AnnouncementForm,
    InviteForm,
    ReasonForm,
    RosterFilterForm,
    ShareProjectForm,
)
from chapters.models import Chapter, ChapterMembership, MembershipState
from chapters.permissions import coordinates, is_active_member
from chapters.selectors.chapters import (
    chapter_get,
    chapter_get_coordinated,
    membership_list_requested,
    membership_list_roster,
)
from network.web import error_messages, get_or_404, paginate, show_on_form
from profiles.permissions import AuthenticatedHttpRequest
from profiles.services.audit import audit_record

ROSTER_PAGE_SIZE = 50
REQUESTS_PAGE_SIZE = 30


@login_required
@require_GET
def requests(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    chapter = get_or_404(chapter_get_coordinated, user=request.user, slug=slug)
    page = paginate(
        request,
        membership_list_requested(chapter=chapter).order_by("requested_at", "pk"),
        REQUESTS_PAGE_SIZE,
    )
    return render(
        request,
        "chapters/requests.html",
        {"chapter": chapter, "requests": page.object_list, "page_obj": page, "form": ReasonForm()},
    )


def _requested(request: AuthenticatedHttpRequest, slug: str, pk: int) -> ChapterMembership:
    """A membership of a chapter the viewer coordinates, in any state: a request answered in
    another tab is told apart from one that does not exist."""
    chapter = get_or_404(chapter_get_coordinated, user=request.user, slug=slug)
    return get_or_404(ChapterMembership.objects.filter(chapter=chapter).get, pk=pk)


@login_required
@require_POST
def request_approve(request: AuthenticatedHttpRequest, slug: str, pk: int) -> HttpResponse:
    membership = _requested(request, slug, pk)
    try:
        services.membership_approve(membership=membership, by=request.user)
    except ValidationError as error:
        for message in error_messages(error):
            messages.error(request, message)
    else:
        messages.success(
            request, _("Aprobaste la solicitud de %(name)s.") % {"name": membership.user}
        )
    return redirect("chapters:requests", slug=slug)


@login_required
@require_http_methods(["GET", "POST"])
def request_decline(request: AuthenticatedHttpRequest, slug: str, pk: int) -> HttpResponse:
    membership = _requested(request, slug, pk)
    if membership.state != MembershipState.REQUESTED:
        messages.error(request, _("Esta solicitud ya fue respondida."))
        return redirect("chapters:requests", slug=slug)
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_decline(
                membership=membership, by=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            show_on_form(form, error)
        else:
            messages.success(request, _("Declinaste la solicitud."))
            return redirect("chapters:requests", slug=slug)
    return render(
        request, "chapters/request_decline.html", {"membership": membership, "form": form}
    )


@login_required
@require_http_methods(["GET", "POST"])
def invite(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    chapter = get_or_404(chapter_get_coordinated, user=request.user, slug=slug)
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.invitation_create(
                chapter=chapter, email=form.cleaned_data["email"], by=request.user
            )
        except ValidationError as error:
            show_on_form(form, error)
        else:
            messages.success(request, _("Enviamos la invitación por correo."))
            return redirect("chapters:invite", slug=slug)
    return render(request, "chapters/invite.html", {"chapter": chapter, "form": form})


def _roster_chapter(request: AuthenticatedHttpRequest, slug: str) -> Chapter:
    chapter = get_or_404(chapter_get, user=request.user, slug=slug)
    if not (coordinates(request.user, chapter) or is_active_member(request.user, chapter)):
        raise Http404
    return chapter


@login_required
@require_GET
def roster(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    chapter = _roster_chapter(request, slug)
    form = RosterFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    members = membership_list_roster(user=request.user, chapter=chapter, filters=filters)
    page = paginate(request, members, ROSTER_PAGE_SIZE)
    return render(
        request,
        "chapters/roster.html",
        {
            "chapter": chapter,
            "form": form,
            "page_obj": page,
            "members": page.object_list,
            "is_coordinator": coordinates(request.user, chapter),
            "remove_form": ReasonForm(),
        },
    )


@login_required
@require_GET
def roster_csv(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    chapter = get_or_404(chapter_get_coordinated, user=request.user, slug=slug)
    form = RosterFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    members = list(membership_list_roster(user=request.user, chapter=chapter, filters=filters))
    audit_record(
        actor=request.user,
        action="chapters.roster_exported",
        target=chapter,
        note=f"{len(members)} rows",
    )
    return csv_response(
        f"miembros-{chapter.slug}.csv",
        [
            _("Nombre"),
            _("Rol"),
            _("Ciudad"),
            _("País"),
            _("Sector"),
            _("Estado de origen"),
            _("Campos"),
            _("Se unió"),
        ],
        (
            [
                m.user.name,
                m.get_role_display(),
                m.user.expert_profile.city,
                m.user.expert_profile.get_country_display(),
                m.user.expert_profile.get_sector_display(),
                m.user.expert_profile.origin_state or "",
                "; ".join(f.name for f in m.user.expert_profile.fields.all()),
                m.joined_at.date().isoformat() if m.joined_at else "",
            ]
            for m in members
        ),
    )


@login_required
@require_POST
def member_remove(request: AuthenticatedHttpRequest, slug: str, pk: int) -> HttpResponse:
    chapter = get_or_404(chapter_get_coordinated, user=request.user, slug=slug)
    membership = get_or_404(ChapterMembership.objects.active().filter(chapter=chapter).get, pk=pk)
    form = ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Explica el motivo del retiro."))
        return redirect("chapters:roster", slug=slug)
    try:
        services.membership_remove(
            membership=membership, by=request.user, reason=form.cleaned_data["reason"]
        )
    except ValidationError as error:
        for message in error_messages(error):
            messages.error(request, message)
    else:
        messages.success(
            request, _("Retiraste a %(name)s del capítulo.") % {"name": membership.user}
        )
    return redirect("chapters:roster", slug=slug)


@login_required
@require_http_methods(["GET", "POST"])
def announce(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    chapter = get_or_404(chapter_get_coordinated, user=request.user, slug=slug)
    form = AnnouncementForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.announcement_send(chapter=chapter, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            show_on_form(form, error)
        else:
            messages.success(request, _("Enviamos el anuncio a los miembros del capítulo."))
            return redirect("chapters:detail", slug=slug)
    return render(request, "chapters/announce.html", {"chapter": chapter, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def share_project(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    chapter = get_or_404(chapter_get_coordinated, user=request.user, slug=slug)
    form = ShareProjectForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.project_share(
                chapter=chapter, project=form.cleaned_data["project"], by=request.user
            )
        except ValidationError as error:
            show_on_form(form, error)
        else:
            messages.success(request, _("Compartiste la necesidad con el capítulo."))
            return redirect("chapters:detail", slug=slug)
    return render(request, "chapters/share_project.html", {"chapter": chapter, "form": form})
