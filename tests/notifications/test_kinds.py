"""Every kind of notice: the service that triggers it writes the Notification and its outbox
row in its own transaction, and the e-mail (Spanish and English) names the right object, links
to it and carries a working one-click unsubscribe link."""

import datetime
import zoneinfo

import pytest
import time_machine
from django.conf import settings
from django.db import transaction
from django.utils import dateformat, timezone, translation

from matching import events as matching_events
from notifications import services as notification_services
from notifications.models import EmailDelivery, Notification
from profiles.services import institutions as institution_services
from projects import services as project_services
from projects.models import EngagementFollowUp
from tests.factories.profiles import (
    ExpertProfileFactory,
    InstitutionFactory,
    MembershipFactory,
    UserFactory,
)
from tests.factories.projects import (
    InterestFactory,
    InvitationFactory,
    ProjectFactory,
    PublishedProjectFactory,
)
from tests.notifications.conftest import html_of, render

pytestmark = pytest.mark.django_db

SITE = settings.SITE_URL


def assert_email(
    delivery: EmailDelivery, *, language: str, subject: str, says: list[str], link: str
) -> None:
    message = render(delivery, language)
    html = html_of(message)
    assert subject in message.subject
    assert message.to == [delivery.to_email]
    greeting = {"es": "Hola", "en": "Hello"}[language]
    assert message.body.startswith(greeting)
    assert f'<html lang="{language}">' in html
    for text in says:
        assert text in message.body, text
        assert text in html, text
    assert link in message.body
    assert f'href="{link}"' in html
    unsubscribe = message.extra_headers["List-Unsubscribe"].strip("<>")
    assert unsubscribe.startswith(SITE + "/notificaciones/baja/")
    assert unsubscribe in message.body
    assert f'href="{unsubscribe}"' in html
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def only_notice(kind: str, recipient) -> Notification:
    notices = list(Notification.objects.filter(kind=kind))
    assert [n.recipient for n in notices] == [recipient]
    return notices[0]


# --- Invitations ------------------------------------------------------------------------------


def test_inviting_an_expert_notifies_them_with_an_email_in_their_language(
    project, expert, liaison, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        invitation = project_services.invitation_create(
            project=project, expert=expert, message="Nos encantaría contar contigo.", by=liaison
        )

    notice = only_notice("invitation_received", expert.user)
    assert notice.target == invitation
    assert notice.read_at is None
    delivery = notice.email_delivery
    assert (delivery.state, delivery.to_email, delivery.language) == (
        "pending",
        expert.user.email,
        "es",
    )
    assert delivery.idempotency_key == f"notification:{notice.pk}"
    assert len(callbacks) >= 1  # the send is enqueued only once the invitation commits
    link = f"{SITE}/proyectos/{project.pk}/#participate-title"
    assert_email(
        delivery,
        language="es",
        subject="Universidad Michoacana de San Nicolás te invita a «Cadena de frío del aguacate»",
        says=[
            f"{liaison.name}, de Universidad Michoacana de San Nicolás, te invita",
            "Nos encantaría contar contigo.",
        ],
        link=link,
    )
    assert_email(
        delivery,
        language="en",
        subject="invites you to “Cadena de frío del aguacate”",
        says=[
            f"{liaison.name}, from Universidad Michoacana de San Nicolás, invites you",
            "Please answer before",
        ],
        link=link,
    )


def test_a_rolled_back_invitation_leaves_no_notice_and_no_delivery(project, expert, liaison):
    def invite_then_fail() -> None:
        with transaction.atomic():
            project_services.invitation_create(
                project=project, expert=expert, message="Hola", by=liaison
            )
            raise RuntimeError("the request failed after the service")

    with pytest.raises(RuntimeError):
        invite_then_fail()

    assert not Notification.objects.exists()
    assert not EmailDelivery.objects.exists()


def test_accepting_an_invitation_notifies_whoever_sent_it(project, expert, liaison, teammate):
    invitation = InvitationFactory.create(project=project, expert=expert, invited_by=teammate)

    engagement = project_services.invitation_accept(invitation=invitation, by=expert.user)

    notice = only_notice("invitation_accepted", teammate)
    link = f"{SITE}/proyectos/colaboraciones/{engagement.pk}/"
    assert notice.email_delivery.language == "en"
    assert_email(
        notice.email_delivery,
        language="en",
        subject="María Experta accepted your invitation to “Cadena de frío del aguacate”",
        says=["The collaboration has started"],
        link=link,
    )
    assert_email(
        notice.email_delivery,
        language="es",
        subject="María Experta aceptó tu invitación a «Cadena de frío del aguacate»",
        says=["La colaboración empezó"],
        link=link,
    )


def test_declining_an_invitation_tells_the_institution_the_reason(project, expert, liaison):
    invitation = InvitationFactory.create(project=project, expert=expert, invited_by=liaison)

    project_services.invitation_decline(
        invitation=invitation,
        by=expert.user,
        reason="timing",
        note="Vuelvo a tener tiempo en junio.",
    )

    notice = only_notice("invitation_declined", liaison)
    assert notice.payload["reason"] == "timing"
    link = f"{SITE}/proyectos/{project.pk}/#invitations-title"
    assert_email(
        notice.email_delivery,
        language="es",
        subject="María Experta declinó la invitación a «Cadena de frío del aguacate»",
        says=["Motivo: Las fechas no funcionan", "Vuelvo a tener tiempo en junio."],
        link=link,
    )
    assert_email(
        notice.email_delivery,
        language="en",
        subject="María Experta declined the invitation to “Cadena de frío del aguacate”",
        says=["Reason: The dates do not work", "Vuelvo a tener tiempo en junio."],
        link=link,
    )


def test_an_invitation_whose_sender_left_the_institution_answers_to_its_members(
    project, expert, liaison, teammate
):
    former = UserFactory.create(name="Quien se fue")
    invitation = InvitationFactory.create(project=project, expert=expert, invited_by=former)

    project_services.invitation_decline(invitation=invitation, by=expert.user, reason="no_capacity")

    recipients = set(
        Notification.objects.filter(kind="invitation_declined").values_list("recipient", flat=True)
    )
    assert recipients == {liaison.pk, teammate.pk}


def test_an_invitation_about_to_expire_is_reminded_once_three_days_before(project, expert, liaison):
    now = timezone.now()
    soon = InvitationFactory.create(
        project=project, expert=expert, expires_at=now + datetime.timedelta(days=2, hours=20)
    )
    InvitationFactory.create(
        project=PublishedProjectFactory.create(institution=project.institution),
        expires_at=now + datetime.timedelta(days=5),
    )
    InvitationFactory.create(
        project=PublishedProjectFactory.create(institution=project.institution),
        expires_at=now - datetime.timedelta(hours=1),
    )
    InvitationFactory.create(
        project=PublishedProjectFactory.create(institution=project.institution),
        expires_at=now + datetime.timedelta(days=1),
        status="declined",
        decline_reason="timing",
    )

    assert notification_services.invitations_remind_expiring(now=now) == 1
    assert (
        notification_services.invitations_remind_expiring(now=now + datetime.timedelta(hours=1))
        == 0
    )

    notice = only_notice("invitation_expiring", expert.user)
    assert notice.target == soon
    link = f"{SITE}/proyectos/{project.pk}/#participate-title"
    local = soon.expires_at.astimezone(zoneinfo.ZoneInfo("America/Chicago"))
    with translation.override("es"):
        deadline_es = dateformat.format(local, r"j \d\e F \d\e Y")
    with translation.override("en"):
        deadline_en = dateformat.format(local, "F j, Y")
    assert_email(
        notice.email_delivery,
        language="es",
        subject="Tu invitación a «Cadena de frío del aguacate» vence pronto",
        says=[f"vence el {deadline_es}", "aún no la respondes"],
        link=link,
    )
    assert_email(
        notice.email_delivery,
        language="en",
        subject="Your invitation to “Cadena de frío del aguacate” expires soon",
        says=[f"expires on {deadline_en}", "you have not answered it yet"],
        link=link,
    )


# --- Interests --------------------------------------------------------------------------------


def test_an_interest_notifies_every_member_of_the_institution(
    project, expert, liaison, teammate, stranger
):
    project_services.interest_create(
        project=project, expert=expert, message="Trabajé diez años en la FDA.", by=expert.user
    )

    notices = Notification.objects.filter(kind="interest_received").order_by("recipient")
    assert [n.recipient for n in notices] == [liaison, teammate]
    assert [n.email_delivery.language for n in notices] == ["es", "en"]
    link = f"{SITE}/proyectos/{project.pk}/#interests-title"
    for notice in notices:
        assert_email(
            notice.email_delivery,
            language="es",
            subject="María Experta mostró interés en «Cadena de frío del aguacate»",
            says=["Trabajé diez años en la FDA."],
            link=link,
        )
        assert_email(
            notice.email_delivery,
            language="en",
            subject="María Experta is interested in “Cadena de frío del aguacate”",
            says=["Trabajé diez años en la FDA.", "Review their profile"],
            link=link,
        )


def test_accepting_an_interest_tells_the_expert(project, expert, liaison):
    interest = InterestFactory.create(project=project, expert=expert)

    engagement = project_services.interest_accept(interest=interest, by=liaison)

    notice = only_notice("interest_accepted", expert.user)
    link = f"{SITE}/proyectos/colaboraciones/{engagement.pk}/"
    assert_email(
        notice.email_delivery,
        language="es",
        subject="aceptó tu interés en «Cadena de frío del aguacate»",
        says=["La colaboración empezó"],
        link=link,
    )
    assert_email(
        notice.email_delivery,
        language="en",
        subject="accepted your interest in “Cadena de frío del aguacate”",
        says=["Good news!"],
        link=link,
    )


def test_declining_an_interest_tells_the_expert_why(project, expert, liaison):
    interest = InterestFactory.create(project=project, expert=expert)

    project_services.interest_decline(interest=interest, by=liaison, reason="filled")

    notice = only_notice("interest_declined", expert.user)
    link = f"{SITE}/proyectos/{project.pk}/#participate-title"
    assert_email(
        notice.email_delivery,
        language="es",
        subject="respondió a tu interés en «Cadena de frío del aguacate»",
        says=["Motivo: Ya cubrimos esta necesidad"],
        link=link,
    )
    assert_email(
        notice.email_delivery,
        language="en",
        subject="answered your interest in “Cadena de frío del aguacate”",
        says=["Reason: We have already covered this need"],
        link=link,
    )


# --- Moderation -------------------------------------------------------------------------------


@pytest.fixture
def submitted(institution, liaison):
    return ProjectFactory.create(
        institution=institution,
        created_by=liaison,
        title="Laboratorio de agua",
        status="submitted",
        submitted_at=timezone.now(),
    )


def test_publishing_a_project_tells_its_institution(submitted, liaison, teammate, staff):
    project_services.project_publish(project=submitted, by=staff)

    notices = Notification.objects.filter(kind="project_approved").order_by("recipient")
    assert [n.recipient for n in notices] == [liaison, teammate]
    link = f"{SITE}/proyectos/{submitted.pk}/"
    assert_email(
        notices[0].email_delivery,
        language="es",
        subject="«Laboratorio de agua» ya está publicado",
        says=["aprobó el proyecto «Laboratorio de agua»"],
        link=link,
    )
    assert_email(
        notices[0].email_delivery,
        language="en",
        subject="“Laboratorio de agua” is now published",
        says=["approved Universidad Michoacana de San Nicolás’s project"],
        link=link,
    )


def test_rejecting_a_project_twice_notifies_each_decision_with_its_reason(
    submitted, liaison, teammate, staff
):
    project_services.project_reject(project=submitted, by=staff, reason="Falta la compensación.")
    project_services.project_submit(project=submitted, by=liaison)
    project_services.project_reject(project=submitted, by=staff, reason="Aclara el horario.")

    notices = Notification.objects.filter(kind="project_rejected", recipient=liaison).order_by(
        "created_at", "pk"
    )
    assert [n.payload["reason"] for n in notices] == [
        "Falta la compensación.",
        "Aclara el horario.",
    ]
    link = f"{SITE}/proyectos/{submitted.pk}/"
    assert_email(
        notices[1].email_delivery,
        language="es",
        subject="«Laboratorio de agua» necesita cambios antes de publicarse",
        says=["Aclara el horario."],
        link=link,
    )
    assert_email(
        notices[1].email_delivery,
        language="en",
        subject="“Laboratorio de agua” needs changes before it can be published",
        says=["Aclara el horario.", "This is why"],
        link=link,
    )


@pytest.fixture
def pending_institution(db):
    return InstitutionFactory.create(
        name="Instituto Tecnológico de Morelia",
        slug="itm",
        verification_status="pending",
        verified_at=None,
    )


def test_verifying_an_institution_tells_its_members(pending_institution, staff):
    admin = MembershipFactory.create(
        institution=pending_institution, role="admin", user__language="en"
    ).user

    institution_services.institution_verify(institution=pending_institution, by=staff)

    notice = only_notice("institution_verified", admin)
    link = f"{SITE}/instituciones/itm/"
    assert_email(
        notice.email_delivery,
        language="en",
        subject="Instituto Tecnológico de Morelia is now verified on Puentes",
        says=["You can now send projects for review"],
        link=link,
    )
    assert_email(
        notice.email_delivery,
        language="es",
        subject="Instituto Tecnológico de Morelia ya está verificada en Puentes",
        says=["Ya pueden enviar proyectos a revisión"],
        link=link,
    )


def test_rejecting_an_institution_tells_its_members_the_reason(pending_institution, staff):
    admin = MembershipFactory.create(institution=pending_institution, role="admin").user

    institution_services.institution_reject(
        institution=pending_institution, by=staff, reason="El sitio web no corresponde."
    )

    notice = only_notice("institution_rejected", admin)
    link = f"{SITE}/instituciones/itm/editar/"
    assert_email(
        notice.email_delivery,
        language="es",
        subject="No pudimos verificar Instituto Tecnológico de Morelia",
        says=["El sitio web no corresponde."],
        link=link,
    )
    assert_email(
        notice.email_delivery,
        language="en",
        subject="We could not verify Instituto Tecnológico de Morelia",
        says=["El sitio web no corresponde.", "This is why"],
        link=link,
    )


# --- Membership invitations -------------------------------------------------------------------


def test_inviting_an_address_without_an_account_writes_an_email_only_delivery(
    institution, institution_admin
):
    invitation = institution_services.membership_invite(
        institution=institution, by=institution_admin, email="nueva@example.org"
    )

    assert not Notification.objects.filter(kind="membership_invitation").exists()
    delivery = EmailDelivery.objects.get(kind="membership_invitation")
    assert (delivery.recipient, delivery.to_email, delivery.notification) == (
        None,
        "nueva@example.org",
        None,
    )
    link = f"{SITE}/instituciones/unirse/{invitation.token}/"
    assert_email(
        delivery,
        language="es",
        subject="Te invitan a unirte a Universidad Michoacana de San Nicolás en Puentes",
        says=[f"{institution_admin.name} te invita", "con el rol de enlace", "nueva@example.org"],
        link=link,
    )
    assert_email(
        delivery,
        language="en",
        subject="You are invited to join Universidad Michoacana de San Nicolás on Puentes",
        says=[f"{institution_admin.name} invites you", "as liaison"],
        link=link,
    )


def test_inviting_someone_with_an_account_also_shows_it_in_their_notices(
    institution, institution_admin
):
    invitee = UserFactory.create(email="colega@example.org", language="en")

    invitation = institution_services.membership_invite(
        institution=institution, by=institution_admin, email="Colega@Example.org", role="admin"
    )

    notice = only_notice("membership_invitation", invitee)
    assert notice.email_delivery.to_email == "Colega@Example.org"
    assert_email(
        notice.email_delivery,
        language="en",
        subject="You are invited to join",
        says=["as institution administrator"],
        link=f"{SITE}/instituciones/unirse/{invitation.token}/",
    )


# --- Engagement follow-ups --------------------------------------------------------------------


def test_follow_ups_ask_both_sides_at_three_six_and_twelve_months_once_each(
    project, expert, liaison
):
    invitation = InvitationFactory.create(project=project, expert=expert, invited_by=liaison)
    start = timezone.now()
    engagement = project_services.invitation_accept(invitation=invitation, by=expert.user)

    assert notification_services.follow_ups_send(now=start + datetime.timedelta(days=80)) == 0
    with time_machine.travel(start + datetime.timedelta(days=93), tick=False):
        assert notification_services.follow_ups_send() == 1
        assert notification_services.follow_ups_send() == 0
    with time_machine.travel(start + datetime.timedelta(days=400), tick=False):
        assert notification_services.follow_ups_send() == 2

    assert not EngagementFollowUp.objects.filter(
        engagement=engagement, sent_at__isnull=True
    ).exists()
    notices = Notification.objects.filter(kind="engagement_follow_up")
    assert sorted((n.recipient_id, n.payload["months"]) for n in notices) == sorted(
        (user.pk, months) for user in (expert.user, liaison) for months in (3, 6, 12)
    )
    notice = notices.get(recipient=expert.user, payload__months=3)
    link = f"{SITE}/proyectos/colaboraciones/{engagement.pk}/"
    assert_email(
        notice.email_delivery,
        language="es",
        subject="¿Qué resultó de «Cadena de frío del aguacate»?",
        says=["Hace 3 meses empezó la colaboración de María Experta"],
        link=link,
    )
    assert_email(
        notice.email_delivery,
        language="en",
        subject="What came of “Cadena de frío del aguacate”?",
        says=["3 months ago María Experta started collaborating"],
        link=link,
    )


def test_follow_ups_of_a_cancelled_engagement_are_closed_without_a_notice(project, expert, liaison):
    invitation = InvitationFactory.create(project=project, expert=expert, invited_by=liaison)
    engagement = project_services.invitation_accept(invitation=invitation, by=expert.user)
    project_services.engagement_end(engagement=engagement, by=liaison, status="cancelled")

    assert (
        notification_services.follow_ups_send(now=timezone.now() + datetime.timedelta(days=400))
        == 0
    )
    assert not Notification.objects.filter(kind="engagement_follow_up").exists()
    assert not EngagementFollowUp.objects.filter(sent_at__isnull=True).exists()


# --- Matching ---------------------------------------------------------------------------------


def test_new_suggested_experts_wait_for_the_liaisons_daily_digest_by_default(
    project, liaison, teammate
):
    experts = ExpertProfileFactory.create_batch(3)
    with transaction.atomic():
        matching_events.matches_computed.send(
            sender=None, project_id=project.pk, expert_ids=[e.pk for e in experts]
        )

    notices = Notification.objects.filter(kind="suggested_experts")
    assert {n.recipient for n in notices} == {liaison, teammate}
    assert {n.email_frequency for n in notices} == {"daily"}
    assert not EmailDelivery.objects.exists()


def test_new_suggested_experts_are_mailed_at_once_to_who_asked_for_it(project, liaison):
    notification_services.preferences_update(
        user=liaison, frequencies={"suggested_experts": "immediately"}
    )
    experts = ExpertProfileFactory.create_batch(2, user__name="Rosa Sugerida")
    with transaction.atomic():
        matching_events.matches_computed.send(
            sender=None, project_id=project.pk, expert_ids=[e.pk for e in experts]
        )
        # The same computation announced twice is one notice.
        matching_events.matches_computed.send(
            sender=None, project_id=project.pk, expert_ids=[e.pk for e in reversed(experts)]
        )

    notice = only_notice("suggested_experts", liaison)
    link = f"{SITE}/proyectos/{project.pk}/sugerencias/"
    expert_link = f"{SITE}/expertos/{experts[0].pk}/"
    assert_email(
        notice.email_delivery,
        language="es",
        subject="2 personas expertas sugeridas para «Cadena de frío del aguacate»",
        says=["Rosa Sugerida", expert_link],
        link=link,
    )
    assert_email(
        notice.email_delivery,
        language="en",
        subject="2 experts suggested for “Cadena de frío del aguacate”",
        says=["Rosa Sugerida", "who match the project"],
        link=link,
    )


def test_new_suggested_projects_are_mailed_to_the_expert_who_asked_for_it(project, expert):
    notification_services.preferences_update(
        user=expert.user, frequencies={"suggested_projects": "immediately"}
    )
    with transaction.atomic():
        matching_events.expert_suggestions_computed.send(
            sender=None, profile_id=expert.pk, project_ids=[project.pk]
        )

    notice = only_notice("suggested_projects", expert.user)
    project_link = f"{SITE}/proyectos/{project.pk}/"
    link = f"{SITE}/sugerencias/"
    assert_email(
        notice.email_delivery,
        language="es",
        subject="1 proyecto nuevo sugerido para ti",
        says=["Cadena de frío del aguacate", project_link],
        link=link,
    )
    assert_email(
        notice.email_delivery,
        language="en",
        subject="1 new project suggested for you",
        says=["Cadena de frío del aguacate", "that matches your profile"],
        link=link,
    )


def test_a_kind_set_to_never_shows_in_the_site_but_is_not_mailed(project, expert, liaison):
    notification_services.preferences_update(
        user=expert.user, frequencies={"invitation_received": "never"}
    )

    project_services.invitation_create(project=project, expert=expert, message="Hola", by=liaison)

    notice = only_notice("invitation_received", expert.user)
    assert notice.email_frequency == "never"
    assert not EmailDelivery.objects.exists()
