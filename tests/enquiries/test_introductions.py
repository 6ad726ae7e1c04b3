import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError

from enquiries.choices import CandidateSource, CandidateState, Status
from enquiries.models import Candidate
from enquiries.services import introductions, shortlist, workflow
from matching import services as matching_services
from profiles.models import Skill
from tests.factories.enquiries import EnquiryFactory
from tests.factories.profiles import ExpertProfileFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("hashing_embedder")]


@pytest.fixture
def hashing_embedder(settings):
    settings.MATCHING_EMBEDDER = "hashing"
    return settings


def _expert(bio: str, types=("business_introductions",), **kwargs):
    profile = ExpertProfileFactory(bio=bio, collaboration_types=list(types), **kwargs)
    matching_services.expert_index_refresh(profile_id=profile.pk)
    return profile


@pytest.fixture
def searching(broker):
    enquiry = EnquiryFactory(
        text="Exportar tequila a Canadá: distribución y permisos de importación de bebidas.",
        broker=broker,
        status=Status.SEARCHING,
        language="es",
    )
    return enquiry


def test_the_engine_ranks_experts_for_an_enquiry_with_matchings_reasons(searching, broker):
    strong = _expert(
        "Distribución de bebidas y tequila en Canadá; permisos de importación.",
        skill_slugs=["supply-chain"],
    )
    weak = _expert("Historia del arte virreinal y restauración de retablos.")
    closed = _expert("Distribución de tequila en Canadá.", open_to_introductions=False)
    other_type = _expert("Distribución de tequila en Canadá.", types=("lectures",))
    searching.skills.set([Skill.objects.get(slug="supply-chain")])

    suggestions = shortlist.shortlist_suggest(enquiry=searching)

    ids = [s.expert.pk for s in suggestions]
    assert ids[0] == strong.pk
    assert weak.pk in ids
    assert closed.pk not in ids
    assert other_type.pk not in ids
    best = suggestions[0].result
    assert best.reasons_es
    assert best.reasons_en
    assert any(
        "supply" in r.lower() or "suministro" in r.lower()
        for r in best.reasons_es + best.reasons_en
    )

    candidate = shortlist.candidate_add(enquiry=searching, expert=strong, by=broker, result=best)
    assert candidate.source == CandidateSource.ENGINE
    assert candidate.reasons_es == best.reasons_es
    assert strong.pk not in [s.expert.pk for s in shortlist.shortlist_suggest(enquiry=searching)]


def test_asking_accepting_and_declining_follow_the_double_opt_in(
    searching, broker, expert, other_expert, events_sent
):
    yes = shortlist.candidate_add(enquiry=searching, expert=expert, by=broker)
    no = shortlist.candidate_add(enquiry=searching, expert=other_expert, by=broker)
    assert yes.source == CandidateSource.DIRECTORY
    introductions.candidate_ask(candidate=yes, by=broker)
    introductions.candidate_ask(candidate=no, by=broker)
    with pytest.raises(ValidationError):
        introductions.candidate_decline(candidate=no, reason=" ")
    introductions.candidate_decline(candidate=no, reason="Estoy de viaje todo el trimestre.")
    searching.refresh_from_db()
    assert searching.status == Status.SEARCHING
    introductions.candidate_accept(candidate=yes)
    searching.refresh_from_db()
    assert searching.status == Status.INTRODUCED
    assert Candidate.objects.get(pk=yes.pk).state == CandidateState.ACCEPTED
    assert Candidate.objects.get(pk=no.pk).decline_reason == "Estoy de viaje todo el trimestre."
    names = [name for name, _kwargs in events_sent]
    assert names.count("introduction_requested") == 2
    assert "introduction_declined" in names
    assert names[-1] == "introduction_accepted"
    with pytest.raises(ValidationError):
        introductions.candidate_accept(candidate=yes)


def test_experts_are_asked_only_when_open_and_under_their_quarterly_limit(
    searching, broker, expert
):
    expert.introductions_per_quarter = 1
    expert.save()
    first = shortlist.candidate_add(enquiry=searching, expert=expert, by=broker)
    introductions.candidate_ask(candidate=first, by=broker)
    other = EnquiryFactory(broker=broker, status=Status.SEARCHING)
    second = shortlist.candidate_add(enquiry=other, expert=expert, by=broker)
    with pytest.raises(ValidationError):
        introductions.candidate_ask(candidate=second, by=broker)
    # A new quarter, a new allowance.
    with time_machine.travel(datetime.timedelta(days=95)):
        introductions.candidate_ask(candidate=second, by=broker)
    assert Candidate.objects.get(pk=second.pk).state == CandidateState.ASKED


def test_nobody_is_asked_before_the_search_starts(broker, expert):
    enquiry = EnquiryFactory(broker=broker, status=Status.ASSIGNED)
    candidate = shortlist.candidate_add(enquiry=enquiry, expert=expert, by=broker)
    with pytest.raises(ValidationError):
        introductions.candidate_ask(candidate=candidate, by=broker)
    workflow.enquiry_start_search(enquiry=enquiry, by=broker)
    introductions.candidate_ask(candidate=candidate, by=broker)
