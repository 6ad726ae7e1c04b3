"""The shortlist page of an enquiry (engine suggestions with reasons, tags, directory search,
candidates and their answers) and its actions: add, tag, ask."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from enquiries import selectors
from enquiries.choices import Status
from enquiries.forms import CandidateAddForm, TagForm
from enquiries.services import introductions, shortlist
from enquiries.views import AuthenticatedRequest
from network.web import error_messages, get_or_404


@login_required
@require_GET
def shortlist_page(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    page = get_or_404(selectors.enquiry_page, user=request.user, pk=pk)
    enquiry = page.enquiry
    # The engine runs when the broker asks (one embedding and a ranked query), not on every view.
    engine = request.GET.get("engine") == "1"
    suggestions = []
    if engine and page.can_act and enquiry.status in (Status.ASSIGNED, Status.SEARCHING):
        suggestions = shortlist.shortlist_suggest(enquiry=enquiry)
    return render(
        request,
        "enquiries/shortlist.html",
        {
            "page": page,
            "enquiry": enquiry,
            "candidates": selectors.candidate_list_for_enquiry(enquiry=enquiry),
            "suggestions": suggestions,
            "engine": engine,
            "tag_form": TagForm(
                initial={"skills": enquiry.skills.all(), "areas": enquiry.fields.all()}
            ),
            "query": request.GET.get("q", "")[:100],
            "found": selectors.expert_search_for_broker(
                user=request.user, query=request.GET.get("q", "")[:100]
            ),
        },
    )


def _back(pk: int, *, engine: bool = False) -> HttpResponse:
    url = reverse("enquiries:shortlist", args=[pk])
    return redirect(url + "?engine=1" if engine else url)


@login_required
@require_POST
def candidate_add(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Add from the engine (its score and reasons are computed again here, never taken from
    the form) or from the directory."""
    enquiry = get_or_404(selectors.enquiry_get_for_handling, user=request.user, pk=pk)
    form = CandidateAddForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Elige a una persona del directorio."))
        return _back(pk)
    expert = form.cleaned_data["expert"]
    result = None
    if form.cleaned_data["from_engine"]:
        found = shortlist.shortlist_suggest(enquiry=enquiry, limit=30)
        result = next((s.result for s in found if s.expert.pk == expert.pk), None)
    try:
        shortlist.candidate_add(enquiry=enquiry, expert=expert, by=request.user, result=result)
    except ValidationError as error:
        for message in error_messages(error):
            messages.error(request, message)
    return _back(pk, engine=bool(form.cleaned_data["from_engine"]))


@login_required
@require_POST
def tag(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    enquiry = get_or_404(selectors.enquiry_get_for_handling, user=request.user, pk=pk)
    form = TagForm(request.POST)
    if form.is_valid():
        shortlist.enquiry_tag(
            enquiry=enquiry, skills=form.cleaned_data["skills"], fields=form.cleaned_data["areas"]
        )
    else:
        messages.error(request, _("Revisa las habilidades y áreas elegidas."))
    return _back(pk)


@login_required
@require_POST
def candidate_ask(request: AuthenticatedRequest, pk: int, candidate_pk: int) -> HttpResponse:
    enquiry = get_or_404(selectors.enquiry_get_for_handling, user=request.user, pk=pk)
    candidate = get_or_404(
        selectors.candidate_get_for_broker, user=request.user, enquiry=enquiry, pk=candidate_pk
    )
    try:
        introductions.candidate_ask(candidate=candidate, by=request.user)
        messages.success(request, _("Le preguntamos; te avisaremos cuando responda."))
    except ValidationError as error:
        for message in error_messages(error):
            messages.error(request, message)
    return _back(pk)
