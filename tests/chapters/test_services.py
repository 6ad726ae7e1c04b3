"""Joining, leaving and coordinating chapters; the audit trail of role changes and removals."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from chapters import services
from chapters.models import ChapterInvitation, ChapterMembership
from chapters.selectors.chapters import chapter_list_suggested
from profiles.models import AuditEntry
from tests.factories.chapters import ChapterFactory
from tests.factories.profiles import ExpertProfileFactory, state

pytestmark = pytest.mark.django_db


def test_expert_joins_an_open_chapter_at_once(expert_owner):
    chapter = ChapterFactory(join_policy="open")

    membership = services.chapter_join(chapter=chapter, user=expert_owner)

    assert (membership.state, membership.role) == ("active", "member")
    assert membership.joined_at is not None


def test_request_to_a_chapter_with_approval_waits_for_the_coordinator(
    chapter, coordinator, expert_owner
):
    membership = services.chapter_join(chapter=chapter, user=expert_owner)
    assert membership.state == "requested"

    services.membership_approve(membership=membership, by=coordinator)

    membership.refresh_from_db()
    assert (membership.state, membership.state_changed_by) == ("active", coordinator)


def test_coordinator_of_another_chapter_cannot_approve(chapter, other_coordinator, expert_owner):
    membership = services.chapter_join(chapter=chapter, user=expert_owner)

    with pytest.raises(PermissionDenied):
        services.membership_approve(membership=membership, by=other_coordinator)
    membership.refresh_from_db()
    assert membership.state == "requested"


def test_decline_needs_a_reason_and_keeps_it(chapter, coordinator, expert_owner):
    membership = services.chapter_join(chapter=chapter, user=expert_owner)

    with pytest.raises(ValidationError):
        services.membership_decline(membership=membership, by=coordinator, reason="  ")
    services.membership_decline(membership=membership, by=coordinator, reason="Solo residentes")

    membership.refresh_from_db()
    assert (membership.state, membership.reason) == ("declined", "Solo residentes")


def test_invitation_only_chapter_refuses_a_request(expert_owner):
    chapter = ChapterFactory(join_policy="invitation")

    with pytest.raises(ValidationError, match="solo se entra por invitación"):
        services.chapter_join(chapter=chapter, user=expert_owner)
    assert not ChapterMembership.objects.exists()


def test_member_leaves_and_may_ask_again(chapter, chapter_member):
    membership = ChapterMembership.objects.get(user=chapter_member)

    services.membership_leave(membership=membership, by=chapter_member)
    again = services.chapter_join(chapter=chapter, user=chapter_member)

    assert again.pk == membership.pk
    assert again.state == "requested"


def test_removal_is_audited_and_a_removed_person_cannot_just_ask_again(
    chapter, coordinator, chapter_member
):
    membership = ChapterMembership.objects.get(user=chapter_member)

    services.membership_remove(membership=membership, by=coordinator, reason="Spam")

    entry = AuditEntry.objects.get(action="chapters.member_removed")
    assert (entry.actor, entry.object_id, entry.note) == (coordinator, str(membership.pk), "Spam")
    with pytest.raises(ValidationError):
        services.chapter_join(chapter=chapter, user=chapter_member)


def test_role_changes_are_staff_only_and_audited(chapter, chapter_member, coordinator, staff):
    membership = ChapterMembership.objects.get(user=chapter_member)

    with pytest.raises(PermissionDenied):
        services.membership_set_role(membership=membership, role="co_coordinator", by=coordinator)
    services.membership_set_role(membership=membership, role="co_coordinator", by=staff)

    entry = AuditEntry.objects.get(action="chapters.role_changed")
    assert (entry.actor, entry.note) == (staff, "member -> co_coordinator")


def test_invitation_link_lets_the_invited_address_in_and_nobody_else(
    chapter, coordinator, django_capture_on_commit_callbacks
):
    chapter.join_policy = "invitation"
    chapter.save()
    invited = ExpertProfileFactory(user__email="invitada@example.org").user
    invitation = services.invitation_create(
        chapter=chapter, email="Invitada@example.org", by=coordinator
    )
    token = services.invitation_token(invitation)

    found = services.invitation_from_token(token)
    with pytest.raises(ValidationError):
        services.invitation_accept(invitation=found, user=coordinator)
    membership = services.invitation_accept(invitation=found, user=invited)

    assert membership.state == "active"
    with pytest.raises(ChapterInvitation.DoesNotExist):
        services.invitation_from_token(token)  # used once
    with pytest.raises(ChapterInvitation.DoesNotExist):
        services.invitation_from_token(token[:-2] + "xx")


def test_dormant_chapter_takes_no_new_members(expert_owner):
    chapter = ChapterFactory(status="dormant", join_policy="open")

    with pytest.raises(ValidationError):
        services.chapter_join(chapter=chapter, user=expert_owner)
    assert mail.outbox == []


def test_suggestions_come_from_residence_and_state_of_origin(client):
    profile = ExpertProfileFactory(country="US", city="Houston", origin_state=state("14"))
    houston = ChapterFactory(name_es="Houston", country="US", city="Houston")
    chicago = ChapterFactory(name_es="Chicago", country="US", city="Chicago")
    ChapterFactory(name_es="Madrid", country="ES", city="Madrid")
    jalisco = ChapterFactory(
        kind="state_node", name_es="Nodo Jalisco", country="", city="", state=state("14")
    )
    ChapterFactory(
        kind="state_node", name_es="Nodo Michoacán", country="", city="", state=state("16")
    )
    joined = ChapterFactory(name_es="Ya estoy", country="US", city="Houston")
    services.chapter_join(chapter=joined, user=profile.user)

    suggested = chapter_list_suggested(user=profile.user)

    assert suggested == [houston, chicago, jalisco]
    client.force_login(profile.user)
    page = client.get(reverse("profiles:me")).content.decode()
    assert 'data-testid="suggested-chapters"' in page
    assert reverse("chapters:detail", args=[houston.slug]) in page
