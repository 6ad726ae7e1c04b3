"""The project workflow as services: allowed and refused paths of every transition."""

import datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from profiles.models import AuditEntry, FieldOfScience, Skill
from projects import services
from projects.models import Engagement, Interest, Invitation, Project, ProjectTransition
from tests.factories.profiles import InstitutionFactory, MembershipFactory, state
from tests.factories.projects import (
    EngagementFactory,
    InterestFactory,
    InvitationFactory,
    ProjectFactory,
    PublishedProjectFactory,
)

pytestmark = pytest.mark.django_db


def _create_kwargs(**overrides):
    today = timezone.localdate()
    data = {
        "title": "Co-director de tesis sobre cadenas de suministro de aguacate",
        "summary": "Buscamos co-director para una tesis de maestría.",
        "description": "La tesis estudia la logística de exportación del aguacate michoacano.",
        "collaboration_type": "thesis_cosupervision",
        "modality": "hybrid",
        "state": state("16"),
        "municipality": "Morelia",
        "languages": ["es", "en"],
        "hours_per_month": 8,
        "duration_months": 12,
        "compensation": ["pro_bono", "travel_covered"],
        "deadline": today + datetime.timedelta(days=20),
        "start_date": today + datetime.timedelta(days=40),
        "experts_sought": 1,
        "fields": FieldOfScience.objects.filter(code__in=["4.1", "5.2"]),
        "required_skills": Skill.objects.filter(slug__in=["supply-chain", "avocado-production"]),
        "nice_to_have_skills": Skill.objects.filter(slug="logistics"),
    }
    data.update(overrides)
    return data


# --- Create and edit --------------------------------------------------------------------------


def test_member_creates_a_draft_with_required_and_nice_to_have_skills(institution, liaison):
    project = services.project_create(institution=institution, by=liaison, **_create_kwargs())

    project.refresh_from_db()
    assert project.status == "draft"
    assert project.created_by == liaison
    assert project.institution == institution
    assert project.languages == ["es", "en"]
    assert project.compensation == ["pro_bono", "travel_covered"]
    assert sorted(s.slug for s in project.required_skills) == [
        "avocado-production",
        "supply-chain",
    ]
    assert [s.slug for s in project.nice_to_have_skills] == ["logistics"]
    assert sorted(f.code for f in project.fields.all()) == ["4.1", "5.2"]
    assert project.changed_at is not None


def test_stranger_cannot_create_a_project_for_another_institution(institution, stranger):
    with pytest.raises(PermissionDenied):
        services.project_create(institution=institution, by=stranger, **_create_kwargs())

    assert not Project.objects.exists()


def test_unknown_language_code_is_refused(institution, liaison):
    with pytest.raises(ValidationError) as error:
        services.project_create(
            institution=institution, by=liaison, **_create_kwargs(languages=["es", "xx"])
        )

    assert "languages" in error.value.message_dict
    assert not Project.objects.exists()


def test_pro_bono_with_honorarium_is_refused(institution, liaison):
    with pytest.raises(ValidationError) as error:
        services.project_create(
            institution=institution,
            by=liaison,
            **_create_kwargs(compensation=["pro_bono", "honorarium"]),
        )

    assert "compensation" in error.value.message_dict


def test_a_skill_cannot_be_required_and_nice_to_have_at_once(institution, liaison):
    same = Skill.objects.filter(slug="supply-chain")
    with pytest.raises(ValidationError) as error:
        services.project_create(
            institution=institution,
            by=liaison,
            **_create_kwargs(required_skills=same, nice_to_have_skills=same),
        )

    assert "nice_to_have_skills" in error.value.message_dict
    assert not Project.objects.exists()


@pytest.mark.parametrize("persona", ["teammate", "institution_admin"])
def test_a_colleague_edits_a_draft_and_relations_are_replaced(request, draft, persona, events_sent):
    services.project_update(
        project=draft,
        by=request.getfixturevalue(persona),
        title="Nuevo título",
        required_skills=Skill.objects.filter(slug="logistics"),
    )

    draft.refresh_from_db()
    assert draft.title == "Nuevo título"
    assert [s.slug for s in draft.required_skills] == ["logistics"]
    assert ("project_changed", {"project_id": draft.pk}) in events_sent


def test_a_submitted_project_cannot_be_edited(draft, liaison):
    services.project_submit(project=draft, by=liaison)

    with pytest.raises(ValidationError, match="borrador o rechazado"):
        services.project_update(project=draft, by=liaison, title="Otro")

    assert Project.objects.get(pk=draft.pk).title == "Cadena del aguacate"


def test_stranger_cannot_edit_a_draft(draft, stranger):
    with pytest.raises(PermissionDenied):
        services.project_update(project=draft, by=stranger, title="Hackeado")


# --- Submit -----------------------------------------------------------------------------------


def test_member_of_verified_institution_submits_a_draft(draft, liaison, events_sent):
    services.project_submit(project=draft, by=liaison, note="Listo")

    draft.refresh_from_db()
    assert draft.status == "submitted"
    assert draft.submitted_at is not None
    step = ProjectTransition.objects.get(project=draft)
    assert (step.from_status, step.to_status, step.by, step.note) == (
        "draft",
        "submitted",
        liaison,
        "Listo",
    )
    assert ("project_submitted", {"project_id": draft.pk, "by_id": liaison.pk}) in events_sent


def test_member_of_unverified_institution_cannot_submit(liaison):
    pending = InstitutionFactory(verification_status="pending", verified_at=None)
    MembershipFactory(institution=pending, user=liaison)
    project = ProjectFactory(institution=pending)

    with pytest.raises(ValidationError, match="no está verificada"):
        services.project_submit(project=project, by=liaison)

    assert Project.objects.get(pk=project.pk).status == "draft"
    assert not ProjectTransition.objects.exists()


def test_stranger_cannot_submit_another_institutions_draft(draft, stranger):
    with pytest.raises(PermissionDenied):
        services.project_submit(project=draft, by=stranger)

    assert Project.objects.get(pk=draft.pk).status == "draft"


def test_submit_requires_a_required_skill_and_a_field(institution, liaison):
    project = ProjectFactory(institution=institution, skill_slugs=[], field_codes=[])

    with pytest.raises(ValidationError) as error:
        services.project_submit(project=project, by=liaison)

    assert "habilidad indispensable" in error.value.messages[0]
    assert "campo de conocimiento" in error.value.messages[0]


def test_submit_refuses_a_deadline_in_the_past(institution, liaison):
    project = ProjectFactory(
        institution=institution, deadline=timezone.localdate() - datetime.timedelta(days=1)
    )

    with pytest.raises(ValidationError, match="fecha límite ya pasó"):
        services.project_submit(project=project, by=liaison)


def test_a_project_cannot_be_submitted_twice(draft, liaison):
    services.project_submit(project=draft, by=liaison)

    with pytest.raises(ValidationError, match="ya fue enviado"):
        services.project_submit(project=draft, by=liaison)

    assert ProjectTransition.objects.filter(project=draft).count() == 1


# --- Moderation -------------------------------------------------------------------------------


def test_staff_publishes_a_submitted_project(draft, liaison, staff, events_sent):
    services.project_submit(project=draft, by=liaison)

    services.project_publish(project=draft, by=staff, note="Bien descrito")

    draft.refresh_from_db()
    assert draft.status == "published"
    assert draft.published_at is not None
    assert list(draft.transitions.values_list("to_status", flat=True)) == [
        "submitted",
        "published",
    ]
    audit = AuditEntry.objects.get(action="project.publish")
    assert (audit.actor, audit.object_id, audit.note) == (
        staff,
        str(draft.pk),
        "Bien descrito",
    )
    assert ("project_published", {"project_id": draft.pk, "by_id": staff.pk}) in events_sent


def test_a_liaison_cannot_publish(draft, liaison):
    services.project_submit(project=draft, by=liaison)

    with pytest.raises(PermissionDenied):
        services.project_publish(project=draft, by=liaison)

    assert Project.objects.get(pk=draft.pk).status == "submitted"


def test_cannot_publish_an_unverified_institutions_project(draft, liaison, staff):
    services.project_submit(project=draft, by=liaison)
    draft.institution.verification_status = "pending"
    draft.institution.save()

    with pytest.raises(ValidationError, match="no verificada"):
        services.project_publish(project=draft, by=staff)

    assert Project.objects.get(pk=draft.pk).status == "submitted"


def test_cannot_publish_a_draft(draft, staff):
    with pytest.raises(ValidationError, match="Solo se publican proyectos en revisión"):
        services.project_publish(project=draft, by=staff)


def test_cannot_publish_when_the_deadline_passed_during_review(draft, liaison, staff):
    services.project_submit(project=draft, by=liaison)

    with (
        time_machine.travel(timezone.now() + datetime.timedelta(days=40)),
        pytest.raises(ValidationError, match="fecha límite"),
    ):
        services.project_publish(project=draft, by=staff)


def test_reject_needs_a_reason(draft, liaison, staff):
    services.project_submit(project=draft, by=liaison)

    with pytest.raises(ValidationError) as error:
        services.project_reject(project=draft, by=staff, reason="   ")

    assert "reason" in error.value.message_dict
    assert Project.objects.get(pk=draft.pk).status == "submitted"


def test_staff_rejects_with_a_reason_and_the_member_resubmits(draft, liaison, staff, events_sent):
    services.project_submit(project=draft, by=liaison)
    services.project_reject(project=draft, by=staff, reason="Falta el perfil buscado.")

    draft.refresh_from_db()
    assert draft.status == "rejected"
    assert draft.rejection_reason == "Falta el perfil buscado."
    assert AuditEntry.objects.filter(action="project.reject", note=draft.rejection_reason).exists()
    assert (
        "project_rejected",
        {"project_id": draft.pk, "by_id": staff.pk, "reason": "Falta el perfil buscado."},
    ) in events_sent

    services.project_update(project=draft, by=liaison, description="Ahora con el perfil.")
    services.project_submit(project=draft, by=liaison)

    draft.refresh_from_db()
    assert draft.status == "submitted"
    assert draft.rejection_reason == ""
    assert list(draft.transitions.values_list("to_status", flat=True)) == [
        "submitted",
        "rejected",
        "submitted",
    ]


def test_staff_cannot_reject_a_published_project(liaison, staff):
    project = PublishedProjectFactory()

    with pytest.raises(ValidationError, match="Solo se rechazan"):
        services.project_reject(project=project, by=staff, reason="Tarde")


# --- Deadline closing -------------------------------------------------------------------------


def test_published_projects_past_their_deadline_close_once(events_sent):
    today = timezone.localdate()
    late = PublishedProjectFactory(deadline=today - datetime.timedelta(days=1))
    due_today = PublishedProjectFactory(deadline=today)
    no_deadline = PublishedProjectFactory(deadline=None)
    draft_late = ProjectFactory(deadline=today - datetime.timedelta(days=3))

    assert services.projects_close_past_deadline() == 1
    assert services.projects_close_past_deadline() == 0

    statuses = dict(Project.objects.values_list("pk", "status"))
    assert statuses == {
        late.pk: "closed",
        due_today.pk: "published",
        no_deadline.pk: "published",
        draft_late.pk: "draft",
    }
    step = ProjectTransition.objects.get(project=late)
    assert (step.from_status, step.to_status, step.by) == ("published", "closed", None)
    assert events_sent == [
        ("project_closed", {"project_id": late.pk, "status": "closed", "by_id": None})
    ]


def test_a_closed_project_takes_no_new_interest_but_pending_answers_go_on(liaison, expert):
    project = PublishedProjectFactory(institution=MembershipFactory(user=liaison).institution)
    interest = InterestFactory(project=project, expert=expert)
    Project.objects.filter(pk=project.pk).update(
        deadline=timezone.localdate() - datetime.timedelta(days=1)
    )
    services.projects_close_past_deadline()
    project.refresh_from_db()

    assert project.status == "closed"
    assert not project.is_open
    engagement = services.interest_accept(interest=interest, by=liaison)
    assert engagement.project_id == project.pk


# --- Start, complete, cancel ------------------------------------------------------------------


def test_starting_needs_an_active_engagement(liaison, institution):
    project = PublishedProjectFactory(institution=institution)

    with pytest.raises(ValidationError, match="Acepta primero"):
        services.project_start(project=project, by=liaison)

    EngagementFactory(project=project)
    services.project_start(project=project, by=liaison)
    assert Project.objects.get(pk=project.pk).status == "in_progress"


def test_completing_a_project_concludes_its_active_engagements(liaison, institution, events_sent):
    project = PublishedProjectFactory(institution=institution)
    engagement = EngagementFactory(project=project)
    services.project_start(project=project, by=liaison)

    services.project_complete(project=project, by=liaison, note="Tesis defendida")

    engagement.refresh_from_db()
    assert Project.objects.get(pk=project.pk).status == "completed"
    assert engagement.status == "completed"
    assert engagement.ended_at is not None
    assert (
        "project_closed",
        {"project_id": project.pk, "status": "completed", "by_id": liaison.pk},
    ) in (events_sent)


def test_cancelling_expires_pending_requests_and_cancels_engagements(liaison, institution):
    project = PublishedProjectFactory(institution=institution)
    interest = InterestFactory(project=project)
    invitation = InvitationFactory(project=project)
    engagement = EngagementFactory(project=project)

    services.project_cancel(project=project, by=liaison, note="Sin presupuesto")

    assert Project.objects.get(pk=project.pk).status == "cancelled"
    assert Interest.objects.get(pk=interest.pk).status == "expired"
    assert Invitation.objects.get(pk=invitation.pk).status == "expired"
    assert Engagement.objects.get(pk=engagement.pk).status == "cancelled"


def test_a_draft_cannot_be_completed(draft, liaison):
    with pytest.raises(ValidationError, match="no puede pasar"):
        services.project_complete(project=draft, by=liaison)

    assert Project.objects.get(pk=draft.pk).status == "draft"


def test_a_cancelled_project_cannot_be_reopened(draft, liaison):
    services.project_cancel(project=draft, by=liaison)

    with pytest.raises(ValidationError, match="no puede pasar"):
        services.project_submit(project=draft, by=liaison)


def test_stranger_cannot_cancel(draft, stranger):
    with pytest.raises(PermissionDenied):
        services.project_cancel(project=draft, by=stranger)
