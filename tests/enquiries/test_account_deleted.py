"""A deleted account declines its open candidacies (asked or only shortlisted), as the person
would have: the broker stops waiting on someone who no longer exists, and cannot ask them.
"Download my data" still lists the candidacies before the deletion."""

import json

import pytest
from django.urls import reverse

from enquiries.choices import CandidateState, EntryKind, Status
from enquiries.models import Candidate, TimelineEntry
from enquiries.services import introductions, shortlist
from profiles.services.account import account_delete
from tests.factories.enquiries import EnquiryFactory

pytestmark = pytest.mark.django_db


def test_a_deleted_account_declines_its_open_candidacies_and_tells_the_broker(
    client, broker, expert, expert_owner, other_expert, events_sent
):
    asked_on, listed_on = (EnquiryFactory(broker=broker, status=Status.SEARCHING) for _ in range(2))
    asked = shortlist.candidate_add(enquiry=asked_on, expert=expert, by=broker)
    introductions.candidate_ask(candidate=asked, by=broker)
    listed = shortlist.candidate_add(enquiry=listed_on, expert=expert, by=broker)
    someone_else = shortlist.candidate_add(enquiry=listed_on, expert=other_expert, by=broker)
    client.force_login(expert_owner)
    export = json.loads(client.get(reverse("profiles:my_data_export")).content)
    assert {row["id"] for row in export["introduction_requests"]} == {asked.pk, listed.pk}
    events_sent.clear()

    account_delete(user=expert_owner)

    states = dict(Candidate.objects.values_list("pk", "state"))
    assert states == {
        asked.pk: CandidateState.DECLINED,
        listed.pk: CandidateState.DECLINED,
        someone_else.pk: CandidateState.SHORTLISTED,
    }
    assert all(
        c.decline_reason and c.answered_at
        for c in Candidate.objects.filter(pk__in=[asked.pk, listed.pk])
    )
    assert ("introduction_declined", {"candidate_id": asked.pk, "enquiry_id": asked_on.pk}) in (
        events_sent
    )
    declined = TimelineEntry.objects.filter(kind=EntryKind.CANDIDATE_DECLINED)
    assert set(declined.values_list("enquiry_id", flat=True)) == {asked_on.pk, listed_on.pk}
