"""A need's life is visible: once its seats are filled (or its institution pauses it) a project
leaves the list, the experts' suggestions and the interest button, saying why; an engagement
called off early reopens it."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from projects import services
from projects.models import Engagement, Interest
from tests.factories.matching import MatchFactory
from tests.factories.profiles import ExpertProfileFactory
from tests.factories.projects import InterestFactory, PublishedProjectFactory

pytestmark = pytest.mark.django_db

FULL = "ya cuenta con las personas expertas que buscaba"


@pytest.fixture
def need(institution, liaison):
    return PublishedProjectFactory(
        institution=institution,
        created_by=liaison,
        title="Inocuidad del aguacate",
        experts_sought=1,
    )


@pytest.fixture
def staffed(need, liaison, other_expert):
    """`need` (one seat) after the liaison accepted the other expert's interest."""
    interest = InterestFactory(project=need, expert=other_expert)
    services.interest_accept(interest=interest, by=liaison)
    need.refresh_from_db()
    return need


def test_accepting_the_last_seat_marks_the_project_staffed_and_says_so(
    need, liaison, other_expert, events_sent
):
    services.interest_accept(
        interest=InterestFactory(project=need, expert=other_expert), by=liaison
    )

    staffed = need.__class__.objects.get(pk=need.pk)
    assert staffed.is_staffed
    assert ("project_availability_changed", {"project_id": need.pk, "change": "staffed"}) in (
        events_sent
    )
    assert not staffed.is_open
    assert FULL in staffed.closed_reason


def test_a_staffed_project_leaves_the_public_list(client, staffed, expert_owner):
    client.force_login(expert_owner)
    other = PublishedProjectFactory(institution=staffed.institution, title="Riego por goteo")

    page = client.get(reverse("projects:list")).content.decode()

    assert other.title in page
    assert staffed.title not in page


def test_a_staffed_project_leaves_the_experts_suggestions(client, staffed, expert, expert_owner):
    MatchFactory(project=staffed, expert=expert)
    MatchFactory(project=PublishedProjectFactory(title="Riego por goteo"), expert=expert)
    client.force_login(expert_owner)

    page = client.get(reverse("matching:my_suggestions")).content.decode()

    assert "Riego por goteo" in page
    assert staffed.title not in page


def test_a_staffed_project_refuses_new_interest_with_a_clear_message(
    client, staffed, expert, expert_owner
):
    with pytest.raises(ValidationError, match=FULL):
        services.interest_create(project=staffed, expert=expert, message="Hola", by=expert_owner)

    client.force_login(expert_owner)
    page = client.get(reverse("projects:detail", args=[staffed.pk])).content.decode()
    assert FULL in page
    assert "Me interesa" not in page

    response = client.post(
        reverse("projects:interest_create", args=[staffed.pk]), {"message": "Quiero ayudar"}
    )
    assert FULL in response.content.decode()
    assert not Interest.objects.filter(project=staffed, expert=expert).exists()


def test_a_staffed_project_takes_no_invitation(staffed, liaison, expert):
    with pytest.raises(ValidationError, match=FULL):
        services.invitation_create(project=staffed, expert=expert, message="Hola", by=liaison)


def test_an_engagement_called_off_early_reopens_the_project(client, staffed, liaison, expert_owner):
    engagement = Engagement.objects.get(project=staffed)

    services.engagement_end(engagement=engagement, by=liaison, status="cancelled")

    staffed.refresh_from_db()
    assert not staffed.is_staffed
    assert staffed.is_open
    client.force_login(expert_owner)
    assert staffed.title in client.get(reverse("projects:list")).content.decode()


def test_a_completed_engagement_keeps_its_seat(staffed, liaison):
    services.engagement_end(
        engagement=Engagement.objects.get(project=staffed), by=liaison, status="completed"
    )

    staffed.refresh_from_db()
    assert staffed.is_staffed


def test_a_project_seeking_two_people_stays_open_after_the_first(need, liaison, other_expert):
    need.experts_sought = 2
    need.save()
    services.interest_accept(
        interest=InterestFactory(project=need, expert=other_expert), by=liaison
    )

    need.refresh_from_db()
    assert not need.is_staffed
    assert need.is_open


def test_the_institution_pauses_and_resumes_a_need(client, need, liaison, expert, expert_owner):
    client.force_login(liaison)
    client.post(reverse("projects:pause", args=[need.pk]))
    need.refresh_from_db()
    assert need.is_paused

    with pytest.raises(ValidationError, match="pausó este proyecto"):
        services.interest_create(project=need, expert=expert, message="Hola", by=expert_owner)
    client.force_login(expert_owner)
    assert need.title not in client.get(reverse("projects:list")).content.decode()

    client.force_login(liaison)
    client.post(reverse("projects:resume", args=[need.pk]))
    need.refresh_from_db()
    assert need.is_open


def test_a_stranger_cannot_pause_a_need(client, need, stranger):
    client.force_login(stranger)

    response = client.post(reverse("projects:pause", args=[need.pk]))

    assert response.status_code == 404
    need.refresh_from_db()
    assert not need.is_paused


def test_a_new_expert_can_still_show_interest_in_an_open_need(need):
    newcomer = ExpertProfileFactory()

    interest = services.interest_create(
        project=need, expert=newcomer, message="Hola", by=newcomer.user
    )

    assert interest.pk
