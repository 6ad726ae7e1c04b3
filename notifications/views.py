"""The notification centre, the header's bell (htmx partials), preferences and one-click
unsubscribe. Every view but unsubscribe needs a login and only ever sees the viewer's own
notices (someone else's is a 404)."""

from typing import cast

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from chapters.selectors.chapters import viewer_zone
from network.web import get_or_404, paginate, redirect_next_or, safe_next_url
from notifications import selectors, services
from notifications.forms import PreferencesForm
from notifications.models import Kind, Notification
from notifications.unsubscribe import read_token
from profiles.models import User

PAGE_SIZE = 20
# htmx stops polling when it receives this status (sent when the session has ended).
HTMX_STOP_POLLING = 286


def _viewer(request: HttpRequest) -> User:
    """The logged-in person (only for views behind login_required or an is_authenticated
    check: there `request.user` is never anonymous)."""
    return cast(User, request.user)


def _own(request: HttpRequest, pk: int) -> Notification:
    return get_or_404(selectors.notification_get_for_user, user=_viewer(request), pk=pk)


@login_required
@require_GET
def notification_list(request: HttpRequest) -> HttpResponse:
    user = _viewer(request)
    page = paginate(request, selectors.notification_list_for_user(user=user), PAGE_SIZE)
    return render(
        request,
        "notifications/notification_list.html",
        {
            "page_obj": page,
            "notifications": page.object_list,
            "unread_count": selectors.notification_unread_count(user=user),
            "zone": viewer_zone(user),
        },
    )


@login_required
@require_GET
def notification_open(request: HttpRequest, pk: int) -> HttpResponse:
    """Follow a notice to what it is about; opening it is reading it."""
    notification = _own(request, pk)
    services.notification_mark_read(notification=notification, by=_viewer(request))
    return redirect(safe_next_url(request, notification.url) or "notifications:list")


@login_required
@require_POST
def notification_mark_read(request: HttpRequest, pk: int) -> HttpResponse:
    services.notification_mark_read(notification=_own(request, pk), by=_viewer(request))
    return redirect_next_or(request, reverse("notifications:list"))


@login_required
@require_POST
def notifications_mark_all_read(request: HttpRequest) -> HttpResponse:
    count = services.notifications_mark_all_read(user=_viewer(request))
    if count:
        messages.success(
            request,
            ngettext(
                "Marcamos %(count)s aviso como leído.",
                "Marcamos %(count)s avisos como leídos.",
                count,
            )
            % {"count": count},
        )
    return redirect_next_or(request, reverse("notifications:list"))


@require_GET
def bell_count(request: HttpRequest) -> HttpResponse:
    """The bell's unread badge (polled by htmx)."""
    if not request.user.is_authenticated:
        return HttpResponse(status=HTMX_STOP_POLLING)
    return render(
        request,
        "notifications/_partials/bell_count.html",
        {
            "unread_count": selectors.notification_unread_count(user=_viewer(request)),
            "poll_seconds": settings.NOTIFICATIONS_BELL_POLL_SECONDS,
        },
    )


@require_GET
def bell_menu(request: HttpRequest) -> HttpResponse:
    """The bell's menu: the latest notices (loaded when it opens)."""
    if not request.user.is_authenticated:
        return HttpResponse(status=HTMX_STOP_POLLING)
    return render(
        request,
        "notifications/_partials/bell_menu.html",
        {"notifications": selectors.notification_list_for_bell(user=_viewer(request))},
    )


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request: HttpRequest) -> HttpResponse:
    user = _viewer(request)
    form = PreferencesForm(
        request.POST or None, current=selectors.preference_list_for_user(user=user)
    )
    if request.method == "POST" and form.is_valid():
        services.preferences_update(user=user, frequencies=form.cleaned_data)
        messages.success(request, _("Guardamos tus preferencias de avisos."))
        return redirect("notifications:preferences")
    return render(
        request,
        "notifications/preferences.html",
        {"form": form},
        status=400 if form.is_bound and form.errors else 200,
    )


# Mail clients POST here without a session or a CSRF token (RFC 8058 one-click); the signed
# token is the authorisation, and the only thing it can do is turn e-mails off.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    if request.method == "GET":
        # Link checkers and previews follow GET links: GET only asks for confirmation.
        try:
            topic = read_token(token).topic
        except signing.BadSignature:
            return _bad_link(request)
        return render(
            request,
            "notifications/unsubscribe_confirm.html",
            {
                "action": reverse("notifications:unsubscribe", kwargs={"token": token}),
                "topic": topic,
                "label": Kind(topic).label if topic in Kind.values else "",
            },
        )
    try:
        result = services.unsubscribe(token=token)
    except signing.BadSignature:
        return _bad_link(request)
    return render(
        request,
        "notifications/unsubscribe_done.html",
        {
            "result": result,
            "labels": [Kind(kind).label for kind in result.kinds],
        },
    )


def _bad_link(request: HttpRequest) -> HttpResponse:
    return render(request, "notifications/unsubscribe_invalid.html", status=400)
