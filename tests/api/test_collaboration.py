"""My institution's invitations, engagements and outcomes through the API."""

import datetime

import pytest
from django.utils import timezone

from projects.models import Invitation, Outcome
from tests.api.conftest import iso
from tests.factories.profiles import ExpertProfileFactory
from tests.factories.projects import (
    EngagementFactory,
    InvitationFactory,
    OutcomeFactory,
    PublishedProjectFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def project(institution, institution_admin):
    return PublishedProjectFactory(
        institution=institution, title="Logística del aguacate", created_by=institution_admin
    )


def invitation_payload(invitation: Invitation) -> dict:
    invitation = Invitation.objects.get(pk=invitation.pk)
    return {
        "id": invitation.pk,
        "project": {
            "id": invitation.project_id,
            "title": invitation.project.title,
            "status": invitation.project.status,
        },
        "expert": {
            "id": invitation.expert_id,
            "name": invitation.expert.user.name,
            "headline": invitation.expert.headline,
        },
        "message": invitation.message,
        "status": invitation.status,
        "decline_reason": invitation.decline_reason,
        "decline_note": invitation.decline_note,
        "created_at": iso(invitation.created_at),
        "expires_at": iso(invitation.expires_at),
        "responded_at": iso(invitation.responded_at),
    }


# --- Invitations -------------------------------------------------------------------------------


def test_invitations_lists_my_institutions_invitations_only(api, project, expert):
    mine = InvitationFactory(project=project, expert=expert)
    InvitationFactory()  # another institution's

    response = api.get("/api/v1/institution/invitations/")

    assert response.status_code == 200
    assert response.json() == {
        "count": 1,
        "next": None,
        "previous": None,
        "results": [invitation_payload(mine)],
    }


def test_another_institution_cannot_see_my_invitation(stranger_api, project, expert):
    invitation = InvitationFactory(project=project, expert=expert)

    assert stranger_api.get(f"/api/v1/institution/invitations/{invitation.pk}/").status_code == 404
    assert stranger_api.get("/api/v1/institution/invitations/").json()["count"] == 0


def test_inviting_goes_through_the_service(api, project, expert, institution_admin):
    response = api.post(
        "/api/v1/institution/invitations/",
        {"project": project.pk, "expert": expert.pk, "message": "Su experiencia nos ayudaría."},
        format="json",
    )

    assert response.status_code == 201
    invitation = Invitation.objects.get()
    assert response.json() == invitation_payload(invitation)
    assert invitation.invited_by == institution_admin
    assert invitation.status == "pending"
    assert invitation.expires_at > timezone.now()


def test_inviting_the_same_person_twice_is_refused_with_the_services_code(api, project, expert):
    InvitationFactory(project=project, expert=expert)

    response = api.post(
        "/api/v1/institution/invitations/",
        {"project": project.pk, "expert": expert.pk, "message": "Otra vez."},
        format="json",
    )

    assert response.status_code == 400
    assert response.json() == {
        "error": {
            "code": "invitation_pending",
            "message": "Ya invitaste a esta persona; espera su respuesta.",
            "fields": {},
        }
    }
    assert Invitation.objects.count() == 1


def test_an_invitation_must_be_to_my_project_and_to_someone_i_may_see(api, expert):
    others = PublishedProjectFactory()
    hidden = ExpertProfileFactory(visibility="hidden")

    response = api.post(
        "/api/v1/institution/invitations/",
        {"project": others.pk, "expert": hidden.pk, "message": "Hola"},
        format="json",
    )

    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {
        "project": [f"No existe ningún registro con el identificador «{others.pk}»."],
        "expert": [f"No existe ningún registro con el identificador «{hidden.pk}»."],
    }
    assert not Invitation.objects.exists()


def test_invitations_filter_by_project_and_status(api, project, institution):
    pending = InvitationFactory(project=project)
    InvitationFactory(project=project, status="declined", decline_reason="timing")
    InvitationFactory(project=PublishedProjectFactory(institution=institution))

    response = api.get(
        "/api/v1/institution/invitations/", {"project": project.pk, "status": "pending"}
    )

    assert [row["id"] for row in response.json()["results"]] == [pending.pk]


def test_invitations_list_costs_the_same_queries_with_more_rows(
    api, project, django_assert_max_num_queries
):
    InvitationFactory(project=project)
    api.get("/api/v1/me/")
    with django_assert_max_num_queries(3):
        api.get("/api/v1/institution/invitations/")
    for _ in range(20):
        InvitationFactory(project=project)
    with django_assert_max_num_queries(3):
        response = api.get("/api/v1/institution/invitations/", {"page_size": 25})

    assert len(response.json()["results"]) == 21


# --- Engagements and outcomes ------------------------------------------------------------------


def engagement_payload(engagement, outcomes_count: int) -> dict:
    return {
        "id": engagement.pk,
        "project": {
            "id": engagement.project_id,
            "title": engagement.project.title,
            "status": engagement.project.status,
        },
        "expert": {
            "id": engagement.expert_id,
            "name": engagement.expert.user.name,
            "headline": engagement.expert.headline,
        },
        "status": engagement.status,
        "started_at": iso(engagement.started_at),
        "ended_at": iso(engagement.ended_at),
        "outcomes_count": outcomes_count,
    }


def test_engagements_list_and_detail_show_my_institutions_collaborations(api, project, expert):
    engagement = EngagementFactory(project=project, expert=expert)
    OutcomeFactory(engagement=engagement)
    EngagementFactory()  # another institution's

    listed = api.get("/api/v1/institution/engagements/")
    detail = api.get(f"/api/v1/institution/engagements/{engagement.pk}/")

    assert listed.json() == {
        "count": 1,
        "next": None,
        "previous": None,
        "results": [engagement_payload(engagement, 1)],
    }
    assert detail.json() == engagement_payload(engagement, 1)


def test_another_institution_cannot_see_my_engagement_or_its_outcomes(
    stranger_api, project, expert
):
    engagement = EngagementFactory(project=project, expert=expert)

    assert stranger_api.get(f"/api/v1/institution/engagements/{engagement.pk}/").status_code == 404
    outcomes = stranger_api.get(f"/api/v1/institution/engagements/{engagement.pk}/outcomes/")
    assert outcomes.status_code == 404
    created = stranger_api.post(
        f"/api/v1/institution/engagements/{engagement.pk}/outcomes/",
        {"kind": "other", "description": "x", "occurred_on": "2026-01-01"},
        format="json",
    )
    assert created.status_code == 404
    assert not Outcome.objects.exists()


def test_outcomes_list_whole(api, project, expert):
    engagement = EngagementFactory(project=project, expert=expert)
    outcome = OutcomeFactory(
        engagement=engagement,
        kind="grant",
        amount="250000.00",
        currency="MXN",
        url="https://example.org/resultados",
    )

    response = api.get(f"/api/v1/institution/engagements/{engagement.pk}/outcomes/")

    assert response.status_code == 200
    assert response.json() == {
        "count": 1,
        "next": None,
        "previous": None,
        "results": [
            {
                "id": outcome.pk,
                "kind": "grant",
                "description": "Artículo conjunto sobre logística del aguacate.",
                "occurred_on": outcome.occurred_on.isoformat(),
                "url": "https://example.org/resultados",
                "amount": "250000.00",
                "currency": "MXN",
                "created_at": iso(outcome.created_at),
            }
        ],
    }


def test_recording_an_outcome_goes_through_the_service(api, project, expert, institution_admin):
    engagement = EngagementFactory(project=project, expert=expert)
    yesterday = timezone.localdate() - datetime.timedelta(days=1)

    response = api.post(
        f"/api/v1/institution/engagements/{engagement.pk}/outcomes/",
        {
            "kind": "investment",
            "description": "Inversión semilla para la cooperativa.",
            "occurred_on": yesterday.isoformat(),
            "amount": "1500000",
            "currency": "USD",
        },
        format="json",
    )

    assert response.status_code == 201
    outcome = Outcome.objects.get()
    assert response.json() == {
        "id": outcome.pk,
        "kind": "investment",
        "description": "Inversión semilla para la cooperativa.",
        "occurred_on": yesterday.isoformat(),
        "url": "",
        "amount": "1500000.00",
        "currency": "USD",
        "created_at": iso(outcome.created_at),
    }
    assert outcome.recorded_by == institution_admin


def test_an_investment_without_amount_is_refused_per_field(api, project, expert):
    engagement = EngagementFactory(project=project, expert=expert)

    response = api.post(
        f"/api/v1/institution/engagements/{engagement.pk}/outcomes/",
        {"kind": "investment", "description": "Inversión", "occurred_on": "2026-01-01"},
        format="json",
    )

    assert response.status_code == 400
    assert response.json() == {
        "error": {
            "code": "invalid",
            "message": "Revisa los datos enviados: hay campos con errores.",
            "fields": {"amount": ["Indica el monto y la moneda de la inversión."]},
        }
    }


def test_a_cancelled_engagement_takes_no_outcomes(api, project, expert):
    engagement = EngagementFactory(
        project=project, expert=expert, status="cancelled", ended_at=timezone.now()
    )

    response = api.post(
        f"/api/v1/institution/engagements/{engagement.pk}/outcomes/",
        {"kind": "other", "description": "Algo", "occurred_on": "2026-01-01"},
        format="json",
    )

    assert response.status_code == 400
    assert response.json()["error"]["code"] == "cancelled"


def test_engagements_list_costs_the_same_queries_with_more_rows(
    api, project, django_assert_max_num_queries
):
    EngagementFactory(project=project)
    api.get("/api/v1/me/")
    with django_assert_max_num_queries(3):
        api.get("/api/v1/institution/engagements/")
    for _ in range(20):
        OutcomeFactory(engagement=EngagementFactory(project=project))
    with django_assert_max_num_queries(3):
        response = api.get("/api/v1/institution/engagements/", {"page_size": 25})

    assert len(response.json()["results"]) == 21


def test_outcomes_list_costs_the_same_queries_with_more_rows(
    api, project, django_assert_max_num_queries
):
    engagement = EngagementFactory(project=project)
    OutcomeFactory(engagement=engagement)
    api.get("/api/v1/me/")
    with django_assert_max_num_queries(4):
        api.get(f"/api/v1/institution/engagements/{engagement.pk}/outcomes/")
    for _ in range(20):
        OutcomeFactory(engagement=engagement)
    with django_assert_max_num_queries(4):
        response = api.get(
            f"/api/v1/institution/engagements/{engagement.pk}/outcomes/", {"page_size": 25}
        )

    assert len(response.json()["results"]) == 21
