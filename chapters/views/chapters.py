"""Chapter screens for everyone: the directory, a chapter's page, joining and leaving, the
invitation link, the chapter's calendar feed."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from chapters import calendar, services
from chapters.forms import ChapterFilterForm
from chapters.fragments import CHAPTERS_DATA, pages_true_until
from chapters.models import ChapterInvitation, ChapterMembership, MembershipState
from chapters.selectors.chapters import chapter_get, chapter_list, chapter_page, viewer_zone
from chapters.selectors.events import event_list_feed_chapter
from network.web import anonymous_page_cache, error_messages, get_or_404, paginate
from profiles.fragments import EXPERTS_DATA
from profiles.permissions import AuthenticatedHttpRequest
from projects.fragments import PROJECTS_DATA

PAGE_SIZE = 30


@require_GET
@anonymous_page_cache(CHAPTERS_DATA, until=pages_true_until)
def chapter_directory(request: HttpRequest) -> HttpResponse:
    form = ChapterFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    page = paginate(request, chapter_list(user=request.user, filters=filters), PAGE_SIZE)
    return render(
        request,
        "chapters/chapter_list.html",
        {
            "form": form,
            "page_obj": page,
            "chapters": page.object_list,
            "is_filtered": bool(filters and any(filters.values())),
        },
    )


@require_GET
@anonymous_page_cache(CHAPTERS_DATA, PROJECTS_DATA, EXPERTS_DATA, until=pages_true_until)
def chapter_detail(request: HttpRequest, slug: str) -> HttpResponse:
    chapter = get_or_404(chapter_get, user=request.user, slug=slug)
    return render(
        request,
        "chapters/chapter_detail.html",
        {
            "page": chapter_page(user=request.user, chapter=chapter),
            "zone": viewer_zone(request.user),
        },
    )


@login_required
@require_POST
def chapter_join(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    chapter = get_or_404(chapter_get, user=request.user, slug=slug)
    try:
        membership = services.chapter_join(chapter=chapter, user=request.user)
    except ValidationError as error:
        for message in error_messages(error):
            messages.error(request, message)
    else:
        if membership.is_active:
            messages.success(
                request, _("Ya eres miembro de %(chapter)s.") % {"chapter": chapter.name}
            )
        else:
            messages.success(request, _("Enviamos tu solicitud a la coordinación del capítulo."))
    return redirect("chapters:detail", slug=chapter.slug)


@login_required
@require_POST
def chapter_leave(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    chapter = get_or_404(chapter_get, user=request.user, slug=slug)
    membership = ChapterMembership.objects.filter(chapter=chapter, user=request.user).first()
    if membership is None:
        raise Http404
    was_request = membership.state == MembershipState.REQUESTED
    try:
        services.membership_leave(membership=membership, by=request.user)
    except ValidationError as error:
        for message in error_messages(error):
            messages.error(request, message)
    else:
        messages.success(
            request, _("Retiraste tu solicitud.") if was_request else _("Saliste del capítulo.")
        )
    return redirect("chapters:detail", slug=chapter.slug)


@login_required
@require_http_methods(["GET", "POST"])
def invitation(request: AuthenticatedHttpRequest, token: str) -> HttpResponse:
    try:
        found = services.invitation_from_token(token)
    except ChapterInvitation.DoesNotExist:
        return render(request, "chapters/invitation_invalid.html", status=404)
    if request.method == "POST":
        try:
            services.invitation_accept(invitation=found, user=request.user)
        except ValidationError as error:
            for message in error_messages(error):
                messages.error(request, message)
        else:
            messages.success(request, _("Te damos la bienvenida al capítulo."))
            return redirect("chapters:detail", slug=found.chapter.slug)
    return render(request, "chapters/invitation.html", {"invitation": found})


@require_GET
def chapter_feed(request: HttpRequest, slug: str) -> HttpResponse:
    chapter = get_or_404(chapter_get, user=None, slug=slug)
    body = calendar.calendar_bytes(event_list_feed_chapter(chapter=chapter), name=chapter.name)
    return HttpResponse(body, content_type="text/calendar; charset=utf-8")
