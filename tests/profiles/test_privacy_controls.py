"""Privacy controls (issue 18): a complete, documented export; suspension and reinstatement by
staff with a reason, an audit entry and a notice; deletion with re-authentication, audited."""

import datetime
import json

import pytest
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from chapters.models import ChapterInvitation
from enquiries.models import Candidate
from notifications import emails
from notifications.models import EmailDelivery
from profiles.models import (
    AuditEntry,
    ConflictOfInterest,
    ExpertProfile,
    MembershipInvitation,
    User,
)
from profiles.services.account import account_reinstate, account_suspend
from tests.factories.chapters import ChapterFactory, RegistrationFactory
from tests.factories.chapters import MembershipFactory as ChapterMembershipFactory
from tests.factories.conversations import AbuseReportFactory, MessageFactory
from tests.factories.enquiries import EnquiryFactory
from tests.factories.matching import MatchFactory
from tests.factories.notifications import NotificationFactory, NotificationPreferenceFactory
from tests.factories.profiles import PASSWORD, MembershipFactory
from tests.factories.projects import (
    EngagementFactory,
    EngagementFollowUpFactory,
    InvitationFactory,
    OutcomeFactory,
)

pytestmark = pytest.mark.django_db


def sign_in(client, user):
    """Through the login form: the session then records a recent sign-in (a forced login
    records none)."""
    client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert client.session["_auth_user_id"] == str(user.pk)


def audit_about(user):
    return AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(User), object_id=str(user.pk)
    ).order_by("pk")


# --- Export ------------------------------------------------------------------------------------

REQUEST_FIELDS = [
    "id",
    "project_id",
    "expert_id",
    "message",
    "status",
    "decline_reason",
    "decline_note",
    "created_at",
    "expires_at",
    "responded_at",
    "responded_by_id",
]
PROFILE_FIELDS = [
    f.name
    for f in ExpertProfile._meta.concrete_fields  # noqa: SLF001 - Django's documented API
] + ["fields", "states_of_interest", "skills", "languages", "education", "portfolio"]
EXPECTED_SCHEMA_FIELDS = {
    "user": ["id", "email", "name", "language", "date_joined", "last_login", "email_addresses"],
    "expert_profile": PROFILE_FIELDS,
    "memberships": ["institution", "role", "created_at"],
    "membership_invitations": [
        "id",
        "institution_id",
        "email",
        "role",
        "invited_by_id",
        "created_at",
        "accepted_at",
        "revoked_at",
    ],
    "audit_entries": ["id", "action", "actor_id", "object_repr", "note", "created_at"],
    "interests": REQUEST_FIELDS,
    "invitations": [*REQUEST_FIELDS, "invited_by_id"],
    "engagements": [
        "id",
        "project_id",
        "expert_id",
        "interest_id",
        "invitation_id",
        "institution_contact_id",
        "status",
        "started_at",
        "ended_at",
        "end_note",
        "outcomes",
        "follow_ups",
    ],
    "matches": [
        "id",
        "project_id",
        "score",
        "rank_score",
        "components",
        "reasons_es",
        "reasons_en",
        "missing_es",
        "missing_en",
        "algorithm_version",
        "computed_at",
        "state",
        "dismiss_reason",
        "state_changed_at",
    ],
    "notifications": ["id", "kind", "payload", "email_frequency", "created_at", "read_at"],
    "notification_preferences": ["kind", "frequency", "updated_at"],
    "emails": ["id", "kind", "to_email", "language", "state", "created_at", "sent_at"],
    "messages": [
        *["id", "thread_id", "kind", "body", "created_at"],
        *["attachment_name", "attachment_type", "attachment_size"],
        *["meeting_starts_at", "meeting_minutes", "meeting_timezone", "meeting_place"],
    ],
    "abuse_reports": ["id", "thread_id", "message_id", "reason", "created_at"],
    "chapter_memberships": [
        *["id", "chapter_id", "role", "state", "requested_at", "joined_at"],
        *["state_changed_at", "reason"],
    ],
    "event_registrations": [
        *["id", "event_id", "state", "queued_at", "promoted_at", "cancelled_at"],
        "checked_in_at",
    ],
    "conflicts": ["id", "institution_id", "note", "declared_by_id", "created_at"],
    "chapter_invitations": [
        *["id", "chapter_id", "email", "invited_by_id", "created_at", "accepted_at"],
    ],
    "introduction_requests": [
        *["id", "enquiry_id", "state", "reasons_es", "reasons_en", "created_at"],
        *["asked_at", "answered_at", "decline_reason"],
    ],
}


@pytest.fixture
def full_record(expert, institution, liaison, staff):
    """Something of every kind the platform keeps about the expert persona."""
    user = expert.user
    engagement = EngagementFactory(expert=expert, project__institution=institution)
    OutcomeFactory(engagement=engagement, recorded_by=liaison)
    EngagementFollowUpFactory(engagement=engagement, months=3, due_at=timezone.now())
    InvitationFactory(expert=expert, project__institution=institution, invited_by=liaison)
    MatchFactory(expert=expert, project__institution=institution, state="interested")
    NotificationFactory(recipient=user)
    NotificationPreferenceFactory(user=user, kind="suggested_projects", frequency="never")
    MembershipFactory(user=user, institution__name="Instituto de Zamora")
    MembershipInvitation.objects.create(
        institution=institution, email=user.email.upper(), invited_by=liaison
    )
    account_suspend(user=user, by=staff, reason="Revisión de identidad.")
    account_reinstate(user=user, by=staff, reason="Identidad confirmada.")
    message = MessageFactory(thread__engagement=engagement, author=user)
    AbuseReportFactory(thread=message.thread, message=message, reported_by=user)
    ChapterMembershipFactory(user=user)
    RegistrationFactory(user=user)
    ConflictOfInterest.objects.create(expert=expert, institution=institution, note="Fui becaria")
    ChapterInvitation.objects.create(
        chapter=ChapterFactory(), email=user.email.upper(), invited_by=staff
    )
    Candidate.objects.create(enquiry=EnquiryFactory(), expert=expert, source="engine")
    return user


def _keys(value):
    return sorted(value) if isinstance(value, dict) else None


def test_the_export_holds_every_section_with_its_documented_shape(client, full_record, expert):
    client.force_login(full_record)

    data = json.loads(client.get(reverse("profiles:my_data_export")).content)

    assert sorted(data) == sorted(["format", "exported_at", "schema", *EXPECTED_SCHEMA_FIELDS])
    assert data["format"] == "puentes-my-data/2"
    assert {name: s["fields"] for name, s in data["schema"].items()} == EXPECTED_SCHEMA_FIELDS
    assert all(s["description"] for s in data["schema"].values())
    # Every row has exactly the documented keys, and every list section has a row here.
    for name, fields in EXPECTED_SCHEMA_FIELDS.items():
        rows = data[name] if isinstance(data[name], list) else [data[name]]
        assert rows, name
        assert [_keys(r) for r in rows] == [sorted(fields)] * len(rows), name
    [engagement] = data["engagements"]
    assert [_keys(o) for o in engagement["outcomes"]] == [
        sorted(
            [
                "id",
                "kind",
                "description",
                "occurred_on",
                "url",
                "amount",
                "currency",
                "recorded_by_id",
                "created_at",
            ]
        )
    ]
    assert [f["months"] for f in engagement["follow_ups"]] == [3]
    assert [i["expert_id"] for i in data["interests"]] == [expert.pk]  # the engagement's
    assert [a["action"] for a in data["audit_entries"]] == [
        "account.suspend",
        "account.reinstate",
    ]
    assert [a["note"] for a in data["audit_entries"]] == [
        "Revisión de identidad.",
        "Identidad confirmada.",
    ]
    assert {e["kind"] for e in data["emails"]} == {"account_suspended", "account_reinstated"}
    assert data["notification_preferences"][0]["frequency"] == "never"
    assert len(data["membership_invitations"]) == 1
    assert len(data["memberships"]) == 1
    assert [c["note"] for c in data["conflicts"]] == ["Fui becaria"]
    assert len(data["chapter_invitations"]) == 1


def test_the_export_has_nothing_of_other_people(client, full_record, other_expert):
    client.force_login(other_expert.user)

    data = json.loads(client.get(reverse("profiles:my_data_export")).content)

    for name in ("interests", "invitations", "engagements", "matches", "notifications"):
        assert data[name] == [], name
    assert data["audit_entries"] == []
    assert full_record.email not in json.dumps(data)


def test_the_privacy_notice_documents_the_export_and_retention(client):
    html = client.get(reverse("privacy")).content.decode()

    assert "Qué contiene la descarga de tus datos" in html
    assert "Qué conservamos al borrar tu cuenta y por cuánto tiempo" in html
    assert "registro de auditoría" in html


# --- Suspension --------------------------------------------------------------------------------


def test_suspending_locks_out_hides_audits_and_emails_the_person_in_their_language(
    other_expert, staff
):
    user = other_expert.user  # writes in English
    device = Client()
    device.force_login(user)

    account_suspend(user=user, by=staff, reason="  Perfil   falso. ")

    user.refresh_from_db()
    assert not user.is_active
    assert user.suspended_at is not None
    assert device.get(reverse("profiles:me")).status_code == 302
    assert not ExpertProfile.objects.listed().filter(pk=other_expert.pk).exists()
    [entry] = audit_about(user)
    assert (entry.action, entry.actor, entry.note) == ("account.suspend", staff, "Perfil falso.")
    [delivery] = EmailDelivery.objects.filter(kind="account_suspended")
    assert (delivery.to_email, delivery.language, delivery.recipient) == (user.email, "en", None)
    message = emails.build_message(delivery)
    assert message.subject.endswith("We suspended your Puentes account")
    assert "Perfil falso." in message.body
    assert "List-Unsubscribe" not in message.extra_headers


def test_a_suspension_needs_a_reason_and_staff(other_expert, staff, liaison):
    with pytest.raises(ValidationError):
        account_suspend(user=other_expert.user, by=staff, reason="   ")
    with pytest.raises(PermissionDenied):
        account_suspend(user=other_expert.user, by=liaison, reason="Spam.")

    assert User.objects.get(pk=other_expert.user.pk).is_active
    assert not audit_about(other_expert.user).exists()
    assert not EmailDelivery.objects.exists()


def test_a_suspended_person_is_told_why_they_cannot_sign_in(client, expert, staff):
    account_suspend(user=expert.user, by=staff, reason="Spam.")

    response = client.post(
        reverse("account_login"), {"login": expert.user.email, "password": PASSWORD}
    )

    assert response.status_code == 403
    assert "El equipo de Puentes suspendió tu cuenta" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_wrong_password_does_not_reveal_a_suspension(client, expert, staff):
    account_suspend(user=expert.user, by=staff, reason="Spam.")

    response = client.post(reverse("account_login"), {"login": expert.user.email, "password": "x"})

    assert "suspendió" not in response.content.decode()


def test_reinstating_lets_the_person_back_in_audited_and_notified(client, expert, staff):
    account_suspend(user=expert.user, by=staff, reason="Spam.")

    account_reinstate(user=expert.user, by=staff, reason="Era un error.")

    user = User.objects.get(pk=expert.user.pk)
    assert user.is_active
    assert user.suspended_at is None
    assert ExpertProfile.objects.listed().filter(pk=expert.pk).exists()
    assert [(e.action, e.note) for e in audit_about(user)] == [
        ("account.suspend", "Spam."),
        ("account.reinstate", "Era un error."),
    ]
    delivery = EmailDelivery.objects.get(kind="account_reinstated")
    assert "Era un error." in emails.build_message(delivery).body
    sign_in(client, user)


def test_staff_suspend_from_the_admin_with_a_reason(client, staff, other_expert):
    client.force_login(staff)
    changelist = reverse("admin:profiles_user_changelist")
    chosen = {"action": "suspend_accounts", "_selected_action": [other_expert.user.pk]}

    asked = client.post(changelist, chosen)
    client.post(changelist, {**chosen, "apply": "1", "reason": ""})
    unchanged = User.objects.get(pk=other_expert.user.pk)
    client.post(changelist, {**chosen, "apply": "1", "reason": "Suplantación."})

    assert "Motivo" in asked.content.decode()
    assert unchanged.is_active
    user = User.objects.get(pk=other_expert.user.pk)
    assert user.suspended_at is not None
    assert audit_about(user).get().note == "Suplantación."


def test_staff_cannot_untick_is_active_without_the_workflow(client, staff):
    client.force_login(staff)

    html = client.get(reverse("admin:profiles_user_change", args=[staff.pk])).content.decode()

    assert 'name="is_active"' not in html


# --- Deletion ----------------------------------------------------------------------------------


def test_an_old_session_must_sign_in_again_before_deleting(client, expert):
    client.force_login(expert.user)  # no sign-in recorded in this session

    response = client.get(reverse("profiles:account_delete"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_reauthenticate"))


def test_a_session_signed_in_long_ago_must_sign_in_again(client, expert, time_machine):
    time_machine.move_to(timezone.now() - datetime.timedelta(hours=2))
    sign_in(client, expert.user)
    time_machine.move_to(timezone.now() + datetime.timedelta(hours=2))

    response = client.post(
        reverse("profiles:account_delete"), {"email": expert.user.email, "password": PASSWORD}
    )

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    assert User.objects.get(pk=expert.user.pk).is_active


def test_deleting_needs_the_current_password(client, expert):
    sign_in(client, expert.user)

    response = client.post(
        reverse("profiles:account_delete"), {"email": expert.user.email, "password": "wrong"}
    )

    assert response.status_code == 200
    assert "Esa no es tu contraseña actual" in response.content.decode()
    assert User.objects.get(pk=expert.user.pk).is_active


def test_deletion_is_audited_without_personal_data(client, expert, staff):
    user = expert.user
    account_suspend(user=user, by=staff, reason="Revisión.")
    account_reinstate(user=user, by=staff, reason="Listo.")
    email, name = user.email, user.name
    sign_in(client, user)

    client.post(reverse("profiles:account_delete"), {"email": email, "password": PASSWORD})

    entries = list(audit_about(user))
    assert [e.action for e in entries] == ["account.suspend", "account.reinstate", "account.delete"]
    assert {e.object_repr for e in entries} == {f"#{user.pk}"}
    assert entries[-1].actor_id is None
    for entry in entries:
        assert email not in f"{entry.object_repr} {entry.note}"
        assert name not in f"{entry.object_repr} {entry.note}"
    assert not Session.objects.filter(session_key=client.session.session_key).exists()


def test_after_signing_in_again_the_person_can_delete(client, expert):
    client.force_login(expert.user)
    to_reauth = client.get(reverse("profiles:account_delete"))

    back = client.post(to_reauth["Location"], {"password": PASSWORD})
    deleted = client.post(
        reverse("profiles:account_delete"), {"email": expert.user.email, "password": PASSWORD}
    )

    assert back.status_code == 302
    assert deleted.status_code == 302
    assert not User.objects.get(pk=expert.user.pk).is_active
