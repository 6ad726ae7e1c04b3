"""Contract tests: Schemathesis generates requests from the OpenAPI schema the API publishes and
checks every answer: never a 5xx, a documented status code and content type, and a body that
conforms to the documented schema. Bounded (a few hundred cases), with a valid key of every
scope; path ids point at real rows half of the time, so the happy paths run too."""

import json
import tempfile
from collections.abc import Iterator
from itertools import count
from pathlib import Path

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.utils import timezone
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, Phase
from hypothesis import settings as hypothesis_settings
from hypothesis.configuration import set_hypothesis_home_dir
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from matching.models import Match
from partners.services import api_key_issue, webhook_subscription_create
from partners.services.deliveries import webhook_event_dispatch
from tests.factories.profiles import ExpertProfileFactory
from tests.factories.projects import (
    EngagementFactory,
    InvitationFactory,
    OutcomeFactory,
    ProjectFactory,
    PublishedProjectFactory,
)

# Hypothesis keeps caches on disk: outside the repository.
set_hypothesis_home_dir(Path(tempfile.gettempdir()) / "puentes-hypothesis")

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    response_headers_conformance,
]
EXAMPLES_PER_OPERATION = 12


@pytest.fixture
def wsgi_app(settings) -> Iterator[object]:
    """Django's WSGI application inside the test's transaction: like Django's test client, it
    must not close the connection around each request."""
    settings.PARTNERS_API_RATE = "100000/minute"
    settings.PARTNERS_API_ANON_RATE = "100000/minute"
    settings.PARTNERS_WEBHOOK_REQUIRE_HTTPS = True
    settings.ALLOWED_HOSTS = ["*"]
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield get_wsgi_application()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


# Long but flat: one row of every resource the schema names, so each path gets a real id.
@pytest.fixture
def world(institution, institution_admin) -> dict:
    """A key of `institution` with every scope, and one row of each resource it may touch."""
    admin = institution_admin
    issued = api_key_issue(
        by=admin,
        institution=institution,
        name="Contrato",
        scopes=[
            "projects:read",
            "projects:write",
            "experts:read",
            "matches:read",
            "webhooks:manage",
        ],
    )
    published = PublishedProjectFactory(institution=institution, created_by=admin)
    draft = ProjectFactory(institution=institution, created_by=admin)
    expert = ExpertProfileFactory(visibility="public", skill_slugs=["agronomy"])
    invitation = InvitationFactory(project=published)
    engagement = EngagementFactory(project=published, expert=expert)
    OutcomeFactory(engagement=engagement)
    Match.objects.create(
        project=published,
        expert=expert,
        score=70,
        rank_score=70,
        reasons_es=["Razón"],
        reasons_en=["Reason"],
        algorithm_version="2026.1",
        computed_at=timezone.now(),
    )
    subscription = webhook_subscription_create(
        by=admin,
        institution=institution,
        url="https://crm.example.org/hooks",
        events=["project.published"],
    )
    [delivery_id] = webhook_event_dispatch(
        event="project.published",
        refs={"project_id": published.pk},
        occurred_at=timezone.now().isoformat(),
    )
    real_ids = {
        "/projects/{id}/": {"id": published.pk},
        "/experts/{id}/": {"id": expert.pk},
        "/institutions/{id}/": {"id": institution.pk},
        "/skills/{slug}/": {"slug": "agronomy"},
        "/institution/projects/{id}/": {"id": draft.pk},
        "/institution/projects/{id}/submit/": {"id": draft.pk},
        "/institution/projects/{project_pk}/matches/": {"project_pk": published.pk},
        "/institution/invitations/{id}/": {"id": invitation.pk},
        "/institution/engagements/{id}/": {"id": engagement.pk},
        "/institution/engagements/{id}/outcomes/": {"id": engagement.pk},
        "/webhooks/{id}/": {"id": subscription.pk},
        "/webhooks/{id}/deliveries/": {"id": subscription.pk},
        "/webhooks/{id}/rotate-secret/": {"id": subscription.pk},
        "/webhooks/{id}/deliveries/{delivery_pk}/redeliver/": {
            "id": subscription.pk,
            "delivery_pk": delivery_id,
        },
    }
    return {"key": issued.plaintext, "real_ids": real_ids, "turn": count()}


def published_schema() -> dict:
    """The schema /api/v1/schema/ serves (generated without a request: no database, no cache,
    so it can be built while tests are collected)."""
    return SchemaGenerator().get_schema(request=None, public=True)


# Built at collection time: Schemathesis' fixture-based loader does not support pytest 9 yet.
schema = schemathesis.openapi.from_dict(published_schema())


def test_the_schema_endpoint_serves_the_schema_under_test(client):
    response = client.get("/api/v1/schema/", {"format": "json"})

    assert response.status_code == 200
    assert response.json() == json.loads(json.dumps(published_schema()))
    assert response.json()["openapi"].startswith("3.")


@schema.parametrize()
@hypothesis_settings(
    max_examples=EXAMPLES_PER_OPERATION,
    deadline=None,
    database=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
def test_every_operation_conforms_to_the_published_schema(case, world, wsgi_app):
    path = case.operation.path.removeprefix("/api/v1")
    real = world["real_ids"].get(path)
    if real and next(world["turn"]) % 2 == 0:
        case.path_parameters = {**(case.path_parameters or {}), **real}

    case.call_and_validate(
        headers={"Authorization": f"Bearer {world['key']}"}, checks=CHECKS, app=wsgi_app
    )
