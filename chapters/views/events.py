"""Event screens: the list, one event, registering and cancelling, `.ics` files and the
personal feed; attendees, check-in and their CSV for the coordination."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from chapters import calendar, services
from chapters.exports import csv_response
from chapters.forms import EventForm
from chapters.fragments import CHAPTERS_DATA, pages_true_until
from chapters.models import EventRegistration
from chapters.selectors.chapters import chapter_get_coordinated, viewer_zone
from chapters.selectors.events import (
    event_get,
    event_get_coordinated,
    event_list,
    event_list_feed_person,
    event_page,
    registration_list_attendees,
)
from network.web import (
    anonymous_page_cache,
    error_messages,
    get_or_404,
    paginate,
    redirect_next_or,
    show_on_form,
)
from profiles.models import User
from profiles.permissions import AuthenticatedHttpRequest, signed_in

PAGE_SIZE = 20
ATTENDEES_PAGE_SIZE = 50


@require_GET
@anonymous_page_cache(CHAPTERS_DATA, until=pages_true_until)
def event_list_view(request: HttpRequest) -> HttpResponse:
    page = paginate(request, event_list(user=request.user), PAGE_SIZE)
    feed_url = None
    if signed_in(request.user):
        feed_url = request.build_absolute_uri(
            reverse("chapters:my_feed", args=[calendar.feed_token(request.user.pk)])
        )
    return render(
        request,
        "chapters/event_list.html",
        {
            "page_obj": page,
            "events": page.object_list,
            "zone": viewer_zone(request.user),
            "feed_url": feed_url,
        },
    )


@require_GET
@anonymous_page_cache(CHAPTERS_DATA, until=pages_true_until)
def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_or_404(event_get, user=request.user, pk=pk)
    return render(
        request,
        "chapters/event_detail.html",
        {"page": event_page(user=request.user, event=event), "zone": viewer_zone(request.user)},
    )


@login_required
@require_POST
def event_register(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    event = get_or_404(event_get, user=request.user, pk=pk)
    try:
        registration = services.event_register(event=event, user=request.user)
    except ValidationError as error:
        for message in error_messages(error):
            messages.error(request, message)
    else:
        if registration.is_registered:
            messages.success(request, _("Tienes tu lugar en el evento."))
        else:
            messages.info(
                request,
                _(
                    "El evento está lleno: te pusimos en la lista de espera. "
                    "Te avisaremos si se libera un lugar."
                ),
            )
    return redirect("chapters:event_detail", pk=event.pk)


@login_required
@require_POST
def event_cancel(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    event = get_or_404(event_get, user=request.user, pk=pk)
    registration = EventRegistration.objects.filter(event=event, user=request.user).first()
    if registration is None:
        raise Http404
    try:
        services.registration_cancel(registration=registration, by=request.user)
    except ValidationError as error:
        for message in error_messages(error):
            messages.error(request, message)
    else:
        messages.success(request, _("Cancelaste tu inscripción."))
    return redirect("chapters:event_detail", pk=event.pk)


@require_GET
def event_ics(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_or_404(event_get, user=request.user, pk=pk)
    page = event_page(user=request.user, event=event)
    body = calendar.calendar_bytes(
        [event], name=event.title, links_for={event.pk} if page.shows_online_link else set()
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="evento-{event.pk}.ics"'
    return response


@require_GET
def my_feed(request: HttpRequest, token: str) -> HttpResponse:
    """A person's events, for calendar programs: the signed token in the address stands for
    the session they do not have."""
    user_id = calendar.feed_user_id(token)
    user = User.objects.filter(pk=user_id, is_active=True).first() if user_id else None
    if user is None:
        raise Http404
    events = list(event_list_feed_person(user=user))
    seated = {
        e.pk
        for e in events
        if any(r.is_registered for r in e.mine)  # type: ignore[attr-defined]
    }
    body = calendar.calendar_bytes(events, name=_("Mis eventos en Puentes"), links_for=seated)
    return HttpResponse(body, content_type="text/calendar; charset=utf-8")


@login_required
@require_GET
def attendees(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    event = get_or_404(event_get_coordinated, user=request.user, pk=pk)
    page = paginate(request, registration_list_attendees(event=event), ATTENDEES_PAGE_SIZE)
    return render(
        request,
        "chapters/attendees.html",
        {
            "event": event,
            "page_obj": page,
            "registrations": page.object_list,
            "zone": viewer_zone(request.user),
        },
    )


@login_required
@require_POST
def check_in(request: AuthenticatedHttpRequest, pk: int, registration_pk: int) -> HttpResponse:
    event = get_or_404(event_get_coordinated, user=request.user, pk=pk)
    registration = get_or_404(registration_list_attendees(event=event).get, pk=registration_pk)
    try:
        services.registration_check_in(registration=registration, by=request.user)
    except ValidationError as error:
        for message in error_messages(error):
            messages.error(request, message)
    else:
        messages.success(
            request, _("Registraste la asistencia de %(name)s.") % {"name": registration.user}
        )
    return redirect_next_or(request, reverse("chapters:attendees", args=[event.pk]))


@login_required
@require_GET
def attendees_csv(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    event = get_or_404(event_get_coordinated, user=request.user, pk=pk)
    rows = list(registration_list_attendees(event=event))
    zone = event.zone
    return csv_response(
        f"asistentes-evento-{event.pk}.csv",
        [_("Nombre"), _("Estado"), _("Inscrita desde"), _("Asistió")],
        (
            [
                r.user.name,
                r.get_state_display(),
                r.queued_at.astimezone(zone).strftime("%Y-%m-%d %H:%M"),
                r.checked_in_at.astimezone(zone).strftime("%Y-%m-%d %H:%M")
                if r.checked_in_at
                else "",
            ]
            for r in rows
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
def event_create(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    chapter = get_or_404(chapter_get_coordinated, user=request.user, slug=slug)
    form = EventForm(request.POST or None, initial={"timezone": request_zone(request)})
    if request.method == "POST" and form.is_valid():
        try:
            event = services.event_create(chapter=chapter, data=form.cleaned_data, by=request.user)
        except ValidationError as error:
            show_on_form(form, error)
        else:
            messages.success(
                request, _("Guardamos el evento como borrador: publícalo cuando esté listo.")
            )
            return redirect("chapters:event_detail", pk=event.pk)
    return render(request, "chapters/event_form.html", {"chapter": chapter, "form": form})


@login_required
@require_POST
def event_publish(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    event = get_or_404(event_get_coordinated, user=request.user, pk=pk)
    try:
        services.event_publish(event=event, by=request.user)
    except ValidationError as error:
        for message in error_messages(error):
            messages.error(request, message)
    else:
        messages.success(request, _("Publicaste el evento."))
    return redirect("chapters:event_detail", pk=event.pk)


def request_zone(request: HttpRequest) -> str:
    return viewer_zone(request.user).key
