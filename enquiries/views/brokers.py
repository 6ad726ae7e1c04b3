"""The brokers' side: the queue, an enquiry's page (timeline, notes, actions) and the
workload per broker. Anybody outside the brokers group gets a 404, staff included; a broker
acts only on their own enquiries and on those nobody has taken yet."""

from collections.abc import Callable

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
    request: AuthenticatedRequest, pk: int, action: Callable[[Enquiry], object]
) -> HttpResponse:
    """Look the enquiry up among those the broker may act on, run one service, go back to its
    page with the service's refusal (if any) as a message."""
    enquiry = get_or_404(selectors.enquiry_get_for_handling, user=request.user, pk=pk)
    try:
        action(enquiry)
    except ValidationError as error:
        for message in error_messages(error):
            messages.error(request, message)
    return redirect("enquiries:detail", pk=pk)


def _invalid(request: AuthenticatedRequest, pk: int, form: object) -> HttpResponse:
    for errors in getattr(form, "errors", {}).values():
        for message in errors:
            messages.error(request, message)
    return redirect("enquiries:detail", pk=pk)


@login_required
@require_POST
def take(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    user = request.user
    return _act(request, pk, lambda e: workflow.enquiry_assign(enquiry=e, broker=user, by=user))


@login_required
@require_POST
def assign(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    form = AssignForm(request.POST, brokers=selectors.broker_list())
    if not form.is_valid():
        get_or_404(selectors.enquiry_get_for_handling, user=request.user, pk=pk)
        return _invalid(request, pk, form)
    broker, user = form.cleaned_data["broker"], request.user
    return _act(request, pk, lambda e: workflow.enquiry_assign(enquiry=e, broker=broker, by=user))


@login_required
@require_POST
def start_search(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    user = request.user
    return _act(request, pk, lambda e: workflow.enquiry_start_search(enquiry=e, by=user))


@login_required
@require_POST
def decline(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    form = DeclineForm(request.POST)
    if not form.is_valid():
        get_or_404(selectors.enquiry_get_for_handling, user=request.user, pk=pk)
        return _invalid(request, pk, form)
    reason, user = form.cleaned_data["reason"], request.user
    return _act(request, pk, lambda e: workflow.enquiry_decline(enquiry=e, by=user, reason=reason))


@login_required
@require_POST
def close(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    form = CloseForm(request.POST)
    if not form.is_valid():
        get_or_404(selectors.enquiry_get_for_handling, user=request.user, pk=pk)
        return _invalid(request, pk, form)
    outcome, user = form.cleaned_data["outcome"], request.user
    return _act(request, pk, lambda e: workflow.enquiry_close(enquiry=e, by=user, outcome=outcome))


@login_required
@require_POST
def note(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    form = NoteForm(request.POST)
    if not form.is_valid():
        get_or_404(selectors.enquiry_get_for_handling, user=request.user, pk=pk)
        return _invalid(request, pk, form)
    text, user = form.cleaned_data["text"], request.user
    return _act(request, pk, lambda e: workflow.note_add(enquiry=e, by=user, text=text))
