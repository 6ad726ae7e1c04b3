"""Round pages and re-routing a declined invitation, through the client."""

import pytest
from django.urls import reverse

from matching import services
from matching.models import MatchRound, RoundCandidate
from matching.rounds import services as rounds
from profiles.models import ConflictOfInterest
from projects.models import Invitation
from projects.services.requests import invitation_create, invitation_decline
from tests.factories.profiles import ExpertProfileFactory
from tests.matching.rounds.conftest import _round

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("hashing_embedder")]


def test_staff_creates_a_round_from_the_page_and_reviews_it(client, staff, pool):
    _, projects = pool
    client.force_login(staff)

    response = client.post(
        reverse("matching:rounds:list"),
        {
            "name": "Convocatoria estatal",
            "projects": [p.pk for p in projects],
            "wanted": 2,
            "max_load": 2,
            "min_score": 0,
            "objective": "fair",
        },
    )

    match_round = MatchRound.objects.get(name="Convocatoria estatal")
    assert response.status_code == 302
    rounds.round_run(round_id=match_round.pk)  # the task's body, here in-process
    page = client.get(reverse("matching:rounds:detail", args=[match_round.pk]))
    assert page.status_code == 200
    assert page.content.decode().count('data-testid="round-need"') == 3
    assert "Necesidad peor atendida" in page.content.decode()


def test_round_pages_are_not_found_for_liaisons_and_strangers(client, staff, liaison, pool):
    match_round = _round(staff)
    client.force_login(liaison)

    assert client.get(reverse("matching:rounds:detail", args=[match_round.pk])).status_code == 404
    assert client.get(reverse("matching:rounds:list")).status_code == 404
    response = client.post(reverse("matching:rounds:publish", args=[match_round.pk]))
    assert response.status_code == 404
    assert not Invitation.objects.exists()


def test_the_review_page_reads_a_bounded_number_of_queries(
    client, staff, pool, django_assert_max_num_queries
):
    match_round = _round(staff, wanted=3, max_load=3)
    _, projects = pool
    RoundCandidate.objects.bulk_create(
        RoundCandidate(
            round=match_round, project=projects[i % 3], expert=expert, score=50, assigned=i < 10
        )
        for i, expert in enumerate(ExpertProfileFactory.create_batch(30))
    )
    client.force_login(staff)
    with django_assert_max_num_queries(14):
        client.get(reverse("matching:rounds:detail", args=[match_round.pk]))


def test_a_declined_invitation_offers_the_next_best_never_the_decliner_nor_a_conflict(
    client, institution, liaison, pool
):
    experts, projects = pool
    project = projects[0]
    services.project_matches_recompute(project_id=project.pk)
    first = invitation_create(project=project, expert=experts[0], message="Hola", by=liaison)
    invitation_decline(invitation=first, by=experts[0].user, reason="timing")
    ConflictOfInterest.objects.create(expert=experts[1], institution=institution)
    client.force_login(liaison)

    page = client.get(reverse("matching:rounds:project_next", args=[project.pk]))
    offered = [c.expert.pk for c in page.context["candidates"]]
    assert offered == [experts[2].pk]

    client.post(
        reverse("matching:rounds:project_next", args=[project.pk]), {"expert": experts[0].pk}
    )
    client.post(
        reverse("matching:rounds:project_next", args=[project.pk]), {"expert": experts[2].pk}
    )
    assert set(Invitation.objects.filter(status="pending").values_list("expert_id", flat=True)) == {
        experts[2].pk
    }


def test_a_stranger_cannot_see_a_projects_next_candidates(client, stranger, pool):
    _, projects = pool
    client.force_login(stranger)
    url = reverse("matching:rounds:project_next", args=[projects[0].pk])
    assert client.get(url).status_code == 404
