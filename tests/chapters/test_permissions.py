"""The permission matrix: coordinator of this chapter, coordinator of another, member,
non-member, anonymous and staff, against every chapter and event page and action.

A page out of someone's scope is a 404 (it does not exist for them); an anonymous visitor is
sent to sign in (302 to the login page)."""

import pytest
from django.urls import reverse

from chapters.models import ChapterMembership, EventRegistration
from tests.factories.chapters import EventFactory, MembershipFactory, RegistrationFactory
from tests.factories.profiles import ExpertProfileFactory

pytestmark = pytest.mark.django_db

PERSONAS = [
    "coordinator",
    "other_coordinator",
    "chapter_member",
    "non_member",
    "anonymous",
    "staff",
]
OPEN = dict.fromkeys(PERSONAS, 200)
COORDINATION = {
    "coordinator": 200,
    "other_coordinator": 404,
    "chapter_member": 404,
    "non_member": 404,
    "anonymous": 302,
    "staff": 200,
}
MEMBERS = {**COORDINATION, "chapter_member": 200}


@pytest.fixture
def world(chapter, coordinator, other_coordinator, chapter_member, expert_owner, staff):
    event = EventFactory(chapter=chapter, capacity=10)
    seat = RegistrationFactory(event=event, user=chapter_member)
    request = MembershipFactory(chapter=chapter, state="requested")
    users = {
        "coordinator": coordinator,
        "other_coordinator": other_coordinator,
        "chapter_member": chapter_member,
        "non_member": expert_owner,
        "anonymous": None,
        "staff": staff,
    }
    return {"chapter": chapter, "event": event, "seat": seat, "request": request, "users": users}


PAGES = [
    ("chapters:list", lambda w: [], OPEN),
    ("chapters:detail", lambda w: [w["chapter"].slug], OPEN),
    ("chapters:feed", lambda w: [w["chapter"].slug], OPEN),
    ("chapters:requests", lambda w: [w["chapter"].slug], COORDINATION),
    ("chapters:request_decline", lambda w: [w["chapter"].slug, w["request"].pk], COORDINATION),
    ("chapters:invite", lambda w: [w["chapter"].slug], COORDINATION),
    ("chapters:roster", lambda w: [w["chapter"].slug], MEMBERS),
    ("chapters:roster_csv", lambda w: [w["chapter"].slug], COORDINATION),
    ("chapters:announce", lambda w: [w["chapter"].slug], COORDINATION),
    ("chapters:share", lambda w: [w["chapter"].slug], COORDINATION),
    ("chapters:event_create", lambda w: [w["chapter"].slug], COORDINATION),
    ("chapters:event_list", lambda w: [], OPEN),
    ("chapters:event_detail", lambda w: [w["event"].pk], OPEN),
    ("chapters:event_ics", lambda w: [w["event"].pk], OPEN),
    ("chapters:attendees", lambda w: [w["event"].pk], COORDINATION),
    ("chapters:attendees_csv", lambda w: [w["event"].pk], COORDINATION),
]


@pytest.mark.parametrize("persona", PERSONAS)
def test_every_page_answers_each_persona_as_the_matrix_says(world, client_as, persona):
    client = client_as(world["users"][persona])
    answers = {}
    for name, args, expected in PAGES:
        answers[name] = (client.get(reverse(name, args=args(world))).status_code, expected[persona])

    assert {name: got for name, (got, _) in answers.items()} == {
        name: want for name, (_, want) in answers.items()
    }


ACTION_EFFECT = {
    "coordinator": (302, True),
    "other_coordinator": (404, False),
    "chapter_member": (404, False),
    "non_member": (404, False),
    "anonymous": (302, False),
    "staff": (302, True),
}


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_this_chapters_coordination_and_staff_approve_a_request(world, client_as, persona):
    client = client_as(world["users"][persona])
    url = reverse("chapters:request_approve", args=[world["chapter"].slug, world["request"].pk])

    response = client.post(url)

    approved = ChapterMembership.objects.get(pk=world["request"].pk).state == "active"
    assert (response.status_code, approved) == ACTION_EFFECT[persona]


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_this_chapters_coordination_and_staff_check_people_in(world, client_as, persona):
    client = client_as(world["users"][persona])
    url = reverse("chapters:check_in", args=[world["event"].pk, world["seat"].pk])

    response = client.post(url)

    checked_in = EventRegistration.objects.get(pk=world["seat"].pk).checked_in_at is not None
    assert (response.status_code, checked_in) == ACTION_EFFECT[persona]


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_this_chapters_coordination_and_staff_remove_a_member(world, client_as, persona):
    victim = MembershipFactory(chapter=world["chapter"], user=ExpertProfileFactory().user)
    client = client_as(world["users"][persona])
    url = reverse("chapters:member_remove", args=[world["chapter"].slug, victim.pk])

    response = client.post(url, {"reason": "Prueba"})

    removed = ChapterMembership.objects.get(pk=victim.pk).state == "removed"
    assert (response.status_code, removed) == ACTION_EFFECT[persona]


@pytest.mark.parametrize("persona", PERSONAS)
def test_anyone_signed_in_may_join_or_register_and_anonymous_is_sent_to_sign_in(
    world, client_as, persona
):
    client = client_as(world["users"][persona])

    join = client.post(reverse("chapters:join", args=[world["chapter"].slug]))
    register = client.post(reverse("chapters:event_register", args=[world["event"].pk]))

    assert join.status_code == register.status_code == 302
    if persona == "anonymous":
        assert join["Location"].startswith(reverse("account_login"))
        assert (
            not EventRegistration.objects.filter(event=world["event"])
            .exclude(user=world["users"]["chapter_member"])
            .exists()
            or persona != "anonymous"
        )
    else:
        assert EventRegistration.objects.filter(
            event=world["event"], user=world["users"][persona], state="registered"
        ).exists()


def test_members_only_chapter_and_its_events_do_not_exist_for_anonymous(world, client_as):
    chapter = world["chapter"]
    chapter.visibility = "members"
    chapter.save()
    event = EventFactory(chapter=chapter, visibility="members")
    anonymous = client_as(None)

    assert anonymous.get(reverse("chapters:detail", args=[chapter.slug])).status_code == 404
    assert anonymous.get(reverse("chapters:event_detail", args=[event.pk])).status_code == 404
    assert anonymous.get(reverse("chapters:feed", args=[chapter.slug])).status_code == 404
    listing = anonymous.get(reverse("chapters:list")).content.decode()
    assert chapter.name_es not in listing


def test_online_link_is_shown_only_to_registered_attendees(world, client_as):
    event = world["event"]
    url = reverse("chapters:event_detail", args=[event.pk])

    seated = client_as(world["users"]["chapter_member"]).get(url).content.decode()
    outsider = client_as(world["users"]["non_member"]).get(url).content.decode()
    ics = client_as(world["users"]["non_member"]).get(
        reverse("chapters:event_ics", args=[event.pk])
    )

    assert event.online_url in seated
    assert event.online_url not in outsider
    assert event.online_url.encode() not in ics.content
