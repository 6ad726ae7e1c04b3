"""The brokers' side: the queue, an enquiry's page (timeline, notes, actions) and the
workload per broker. Anybody outside the brokers group gets a 404, staff included; a broker
acts only on their own enquiries and on those nobody has taken yet."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from enquiries import selectors
from enquiries.forms import AssignForm, CloseForm, DeclineForm, NoteForm
from enquiries.models import Enquiry
from enquiries.permissions import is_broker
from enquiries.services import workflow
from enquiries.views import AuthenticatedRequest
from network.web import error_messages, get_or_404, paginate

PER_PAGE = 25


def _brokers_only(request: AuthenticatedRequest) -> None:
    if not is_broker(request.user):
        raise Http404


@login_required
@require_GET
def queue(request: AuthenticatedRequest) -> HttpResponse:
    _brokers_only(request)
    show = request.GET.get("show", "open")
    if show not in selectors.QUEUE_FILTERS:
        show = "open"
    enquiries = selectors.enquiry_list_for_broker(user=request.user, show=show)
    return render(
        request,
        "enquiries/queue.html",
        {"page_obj": paginate(request, enquiries, PER_PAGE), "show": show},
    )


@login_required
@require_GET
def detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    page = get_or_404(selectors.enquiry_page, user=request.user, pk=pk)
    return render(
        request,
        "enquiries/enquiry_detail.html",
        {
            "page": page,
            "enquiry": page.enquiry,
            "assign_form": AssignForm(brokers=selectors.broker_list()),
            "note_form": NoteForm(),
            "decline_form": DeclineForm(),
            "close_form": CloseForm(),
        },
    )


@login_required
@require_GET
def workload(request: AuthenticatedRequest) -> HttpResponse:
    _brokers_only(request)
    return render(
        request, "enquiries/workload.html", {"rows": selectors.workload_list(user=request.user)}
    )


def _act(
    request: AuthenticatedRequest,
    pk: int,
    action: Callable[[Enquiry, dict[str, Any]], object],
    form: forms.Form | None = None,
) -> HttpResponse:
    """Look the enquiry up among those the broker may act on (else 404, before the form says
    anything), check the form, run one service, and go back to its page with the form's errors
    or the service's refusal (if any) as messages."""
    enquiry = get_or_404(selectors.enquiry_get_for_handling, user=request.user, pk=pk)
    if form is not None and not form.is_valid():
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, str(message))
        return redirect("enquiries:detail", pk=pk)
    try:
        action(enquiry, form.cleaned_data if form is not None else {})
    except ValidationError as error:
        for message in error_messages(error):
            messages.error(request, message)
    return redirect("enquiries:detail", pk=pk)


@login_required
@require_POST
def take(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    user = request.user
    return _act(request, pk, lambda e, _: workflow.enquiry_assign(enquiry=e, broker=user, by=user))


@login_required
@require_POST
def assign(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    user, form = request.user, AssignForm(request.POST, brokers=selectors.broker_list())
    return _act(
        request,
        pk,
        lambda e, data: workflow.enquiry_assign(enquiry=e, broker=data["broker"], by=user),
        form,
    )


@login_required
@require_POST
def start_search(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    user = request.user
    return _act(request, pk, lambda e, _: workflow.enquiry_start_search(enquiry=e, by=user))


@login_required
@require_POST
def decline(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    user = request.user
    return _act(
        request,
        pk,
        lambda e, data: workflow.enquiry_decline(enquiry=e, by=user, reason=data["reason"]),
        DeclineForm(request.POST),
    )


@login_required
@require_POST
def close(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    user = request.user
    return _act(
        request,
        pk,
        lambda e, data: workflow.enquiry_close(enquiry=e, by=user, outcome=data["outcome"]),
        CloseForm(request.POST),
    )


@login_required
@require_POST
def note(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    user = request.user
    return _act(
        request,
        pk,
        lambda e, data: workflow.note_add(enquiry=e, by=user, text=data["text"]),
        NoteForm(request.POST),
    )
