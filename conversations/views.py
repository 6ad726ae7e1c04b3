"""A thread's page (read, post, propose a meeting, report abuse), its downloads and the list
of one's threads. Out of scope (not the expert nor a member of the institution) is a 404."""

import zoneinfo

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from conversations import selectors, services
from conversations.forms import MeetingForm, MessageForm, ReportForm
from conversations.ics import meeting_ics
from conversations.models import Message, Thread
from network.web import get_or_404, paginate, show_on_form
from profiles.models import User

THREADS_PER_PAGE = 20


class AuthenticatedRequest(HttpRequest):
    user: User


def _zone_label(name: str) -> str:
    return name.replace("_", " ")


def meeting_zones(thread: Thread) -> list[tuple[str, str]]:
    """The expert's time zone, the network's and UTC (each once), as choices."""
    names = [thread.engagement.expert.timezone, settings.TIME_ZONE, "UTC"]
    zones: list[tuple[str, str]] = []
    for name in names:
        if name and name not in dict(zones):
            try:
                zoneinfo.ZoneInfo(name)
            except (zoneinfo.ZoneInfoNotFoundError, ValueError):
                continue
            zones.append((name, _zone_label(name)))
    return zones


def _thread(request: AuthenticatedRequest, engagement_pk: int) -> Thread:
    engagement = get_or_404(
        selectors.engagement_get_for_thread, user=request.user, pk=engagement_pk
    )
    thread = services.thread_open(engagement_id=engagement.pk)
    thread.engagement = engagement  # already loaded with what the page shows
    return thread


def _number(request: HttpRequest, name: str) -> int | None:
    value = request.GET.get(name, "")
    return int(value) if value.isascii() and value.isdigit() and len(value) < 12 else None


def _before(request: HttpRequest) -> int | None:
    return _number(request, "antes")


def _reported(request: HttpRequest) -> int | None:
    return _number(request, "reportar")


def _render(
    request: AuthenticatedRequest,
    thread: Thread,
    *,
    message_form: MessageForm | None = None,
    meeting_form: MeetingForm | None = None,
    report_form: ReportForm | None = None,
    status: int = 200,
) -> HttpResponse:
    page = selectors.thread_page(thread=thread, user=request.user, before=_before(request))
    if _before(request) is None:  # the latest messages are on screen
        services.thread_mark_read(thread=thread, user=request.user)
    return render(
        request,
        "conversations/thread_detail.html",
        {
            "page": page,
            "thread": thread,
            "engagement": thread.engagement,
            "message_form": message_form or MessageForm(),
            "meeting_form": meeting_form or MeetingForm(zones=meeting_zones(thread)),
            "report_form": report_form or ReportForm(initial={"message": _reported(request)}),
            "max_length": settings.CONVERSATIONS_MESSAGE_MAX_LENGTH,
        },
        status=status,
    )


def _posted(engagement_pk: int, message: Message) -> HttpResponse:
    return redirect(reverse("conversations:thread", args=[engagement_pk]) + f"#m{message.pk}")


@login_required
@require_http_methods(["GET", "POST"])
def thread_detail(request: AuthenticatedRequest, engagement_pk: int) -> HttpResponse:
    thread = _thread(request, engagement_pk)
    if request.method != "POST":
        return _render(request, thread)
    form = MessageForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            message = services.message_post(
                thread=thread,
                by=request.user,
                body=form.cleaned_data["body"],
                attachment=form.cleaned_data["attachment"],
            )
        except ValidationError as error:
            show_on_form(form, error)
        else:
            return _posted(engagement_pk, message)
    return _render(request, thread, message_form=form, status=400)


@login_required
@require_POST
def meeting_create(request: AuthenticatedRequest, engagement_pk: int) -> HttpResponse:
    thread = _thread(request, engagement_pk)
    form = MeetingForm(request.POST, zones=meeting_zones(thread))
    if form.is_valid():
        try:
            message = services.meeting_propose(thread=thread, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            show_on_form(form, error)
        else:
            return _posted(engagement_pk, message)
    return _render(request, thread, meeting_form=form, status=400)


@login_required
@require_POST
def report_create(request: AuthenticatedRequest, engagement_pk: int) -> HttpResponse:
    thread = _thread(request, engagement_pk)
    form = ReportForm(request.POST)
    if form.is_valid():
        message_pk = form.cleaned_data["message"]
        message = thread.messages.filter(pk=message_pk).first() if message_pk else None
        try:
            services.abuse_report(
                thread=thread, by=request.user, reason=form.cleaned_data["reason"], message=message
            )
        except ValidationError as error:
            show_on_form(form, error)
        else:
            messages.success(
                request,
                _("Gracias por avisarnos. El equipo de Puentes revisará esta conversación."),
            )
            return redirect("conversations:thread", engagement_pk=engagement_pk)
    return _render(request, thread, report_form=form, status=400)


def _message(request: AuthenticatedRequest, engagement_pk: int, pk: int) -> Message:
    """A message of a thread the user takes part in, or (staff) of a reported thread."""
    threads = Thread.objects.of_participant(request.user)
    if request.user.is_staff and not threads.filter(engagement_id=engagement_pk).exists():
        threads = Thread.objects.reported()
    message = (
        Message.objects.filter(thread__in=threads.values("pk"), thread__engagement_id=engagement_pk)
        .select_related("thread__engagement__project")
        .filter(pk=pk)
        .first()
    )
    if message is None:
        raise Http404
    return message


@login_required
@require_GET
def attachment_download(
    request: AuthenticatedRequest, engagement_pk: int, pk: int
) -> HttpResponseBase:
    message = _message(request, engagement_pk, pk)
    if not message.attachment:
        raise Http404
    response = FileResponse(
        message.attachment.open("rb"),
        as_attachment=True,
        filename=message.attachment_name,
        content_type=message.attachment_type,
    )
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_GET
def meeting_download(request: AuthenticatedRequest, engagement_pk: int, pk: int) -> HttpResponse:
    message = _message(request, engagement_pk, pk)
    if not message.is_meeting:
        raise Http404
    project = message.thread.engagement.project
    body = meeting_ics(
        message,
        title=_("Reunión: %(title)s") % {"title": project.title},
        link=request.build_absolute_uri(reverse("conversations:thread", args=[engagement_pk])),
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="reunion-{message.pk}.ics"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_GET
def thread_list(request: AuthenticatedRequest) -> HttpResponse:
    page = paginate(request, selectors.thread_list(user=request.user), THREADS_PER_PAGE)
    return render(
        request,
        "conversations/thread_list.html",
        {"threads": selectors.with_unread(page.object_list, user=request.user), "page": page},
    )
