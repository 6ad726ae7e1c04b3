"""Every write of the partner API (each POST/PUT/PATCH/DELETE operation the published schema
lists) receives the hostile corpus in each field of its documented example body, then raw
bodies no JSON client would send; the answer is never a 5xx and every error has the API's one
shape. Schemathesis (tests/api/test_schema.py) generates valid-looking cases from the schema;
this test sends the fixed hostile ones it would not think of."""

import copy
import json
from collections.abc import Iterator
from typing import Any

import pytest
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from drf_spectacular.generators import SchemaGenerator
from rest_framework.test import APIClient

from matching.models import Match
from partners.models import ApiScope
from partners.services import api_key_issue, webhook_subscription_create
from partners.services.deliveries import webhook_event_dispatch
from tests.factories.profiles import ExpertProfileFactory
from tests.factories.projects import EngagementFactory, ProjectFactory, PublishedProjectFactory
from tests.hardening.corpus import (
    HOSTILE_VALUES,
    JSON_ONLY_VALUES,
    RAW_JSON_BODIES,
    deep_json,
    oversized_body,
)

WRITE_METHODS = ("post", "put", "patch", "delete")


def _schema() -> dict:
    return SchemaGenerator().get_schema(request=None, public=True)


SCHEMA = _schema()
OPERATIONS = [
    (method.upper(), path.removeprefix("/api/v1"))
    for path, operations in SCHEMA["paths"].items()
    for method in operations
    if method in WRITE_METHODS
]


def _resolve(node: dict) -> dict:
    ref = node.get("$ref")
    return SCHEMA["components"]["schemas"][ref.rsplit("/", 1)[1]] if ref else node


def _body_of(method: str, path: str) -> tuple[dict, list[str], set[str]]:
    """The operation's documented example body, every property its schema accepts and the
    names of the list properties."""
    operation = SCHEMA["paths"]["/api/v1" + path][method.lower()]
    content = operation.get("requestBody", {}).get("content", {}).get("application/json")
    if not content:
        return {}, [], set()
    example = next(iter(content.get("examples", {}).values()), {}).get("value", {})
    properties = _resolve(content["schema"]).get("properties", {})
    arrays = {name for name, node in properties.items() if _resolve(node).get("type") == "array"}
    return copy.deepcopy(example), list(dict.fromkeys([*example, *properties])), arrays


@pytest.fixture
def api_world(institution, institution_admin, expert, settings) -> dict:
    settings.PARTNERS_API_RATE = "1000000/minute"
    settings.PARTNERS_API_ANON_RATE = "1000000/minute"
    key = api_key_issue(
        by=institution_admin,
        institution=institution,
        name="Contrato",
        scopes=list(ApiScope.values),
    ).plaintext
    published = PublishedProjectFactory(institution=institution, created_by=institution_admin)
    draft = ProjectFactory(institution=institution, created_by=institution_admin)
    invitee = ExpertProfileFactory(visibility="public", skill_slugs=["agronomy"])
    engagement = EngagementFactory(project=published, expert=expert)
    Match.objects.create(
        project=published,
        expert=invitee,
        score=70,
        rank_score=70,
        reasons_es=["Razón"],
        reasons_en=["Reason"],
        algorithm_version="2026.1",
        computed_at=timezone.now(),
    )
    subscription = webhook_subscription_create(
        by=institution_admin,
        institution=institution,
        url="https://crm.example.org/hooks",
        events=["project.published"],
    )
    [delivery] = webhook_event_dispatch(
        event="project.published",
        refs={"project_id": published.pk},
        occurred_at=timezone.now().isoformat(),
    )
    client = APIClient(raise_request_exception=False)
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    return {
        "client": client,
        "path_ids": {"id": None, "delivery_pk": delivery},
        "ids": {
            "/institution/projects/{id}/": draft.pk,
            "/institution/projects/{id}/submit/": draft.pk,
            "/institution/engagements/{id}/outcomes/": engagement.pk,
            "/webhooks/{id}/": subscription.pk,
            "/webhooks/{id}/rotate-secret/": subscription.pk,
            "/webhooks/{id}/deliveries/{delivery_pk}/redeliver/": subscription.pk,
        },
        "body": {"project": published.pk, "expert": invitee.pk},
    }


def _path(world: dict, path: str) -> str:
    pk = world["ids"].get(path)
    return "/api/v1" + path.replace("{id}", str(pk)).replace(
        "{delivery_pk}", str(world["path_ids"]["delivery_pk"])
    )


# One field at a time gets these (a representative of each family); every field at once gets
# the whole corpus (a serializer validates each field independently and reports them all).
ONE_FIELD_VALUES = (
    "empty",
    "nul",
    "lone-surrogate",
    "emoji",
    "huge-int",
    "minus-one",
    "nan",
    "superscript-digit",
    "null",
    "float",
    "list",
    "object",
)


def _json_cases(example: dict, names: list[str], arrays: set[str]) -> Iterator[tuple[str, bytes]]:
    """The example body with the whole corpus in every field at once, then one field at a
    time (the others valid, so what a field accepts reaches the service) with a value of each
    family, inside a list for list fields, and duplicated."""
    yield "baseline", json.dumps(example).encode()
    values = [(h.name, h.json) for h in HOSTILE_VALUES] + list(JSON_ONLY_VALUES)
    for label, value in values:
        yield f"*={label}", json.dumps({name: value for name in names}).encode()
    for name in names:
        for label, value in values:
            if label in ONE_FIELD_VALUES:
                yield f"{name}={label}", json.dumps({**example, name: value}).encode()
                if name in arrays:
                    yield f"{name}=[{label}]", json.dumps({**example, name: [value]}).encode()
        current = example.get(name)
        twice = current * 2 if isinstance(current, list) and current else [current, current]
        yield f"{name}=duplicated", json.dumps({**example, name: twice}).encode()


def _raw_cases() -> Iterator[tuple[str, str, bytes]]:
    yield from RAW_JSON_BODIES
    yield "deep-nesting", "application/json", deep_json()
    yield "deep-object", "application/json", b'{"a":' * 100_000 + b"1" + b"}" * 100_000
    yield "oversized", "application/json", oversized_body(settings.DATA_UPLOAD_MAX_MEMORY_SIZE)


def _problem(response: Any) -> str | None:
    """Why an answer breaks the contract (a 5xx, or an error not in the API's shape)."""
    if response.status_code >= 500:
        exc = getattr(response, "exc_info", None)
        return f"{response.status_code} {exc[0].__name__ + ': ' + str(exc[1])[:160] if exc else ''}"
    if response.status_code < 400:
        return None
    try:
        body = json.loads(response.content)
    except ValueError:
        return f"{response.status_code} not JSON: {response.content[:80]!r}"
    error = body.get("error") if isinstance(body, dict) else None
    if (
        set(body) != {"error"}
        or not isinstance(error, dict)
        or set(error) != {"code", "message", "fields"}
        or not isinstance(error["code"], str)
        or not isinstance(error["message"], str)
        or not isinstance(error["fields"], dict)
    ):
        return f"{response.status_code} off-shape: {response.content[:120]!r}"
    return None


def _send(client: APIClient, method: str, path: str, body: bytes, content_type: str, **extra: Any):
    with transaction.atomic():
        response = client.generic(method, path, body, content_type=content_type, **extra)
        transaction.set_rollback(True)
    return response


def test_the_fuzz_covers_every_write_the_schema_publishes():
    assert {path for _m, path in OPERATIONS} >= {
        "/institution/projects/",
        "/institution/projects/{id}/",
        "/institution/projects/{id}/submit/",
        "/institution/invitations/",
        "/institution/engagements/{id}/outcomes/",
        "/webhooks/",
        "/webhooks/{id}/",
    }
    # Every operation with a JSON body documents an example: the fuzz starts from it.
    for method, path in OPERATIONS:
        operation = SCHEMA["paths"]["/api/v1" + path][method.lower()]
        content = operation.get("requestBody", {}).get("content", {}).get("application/json")
        assert not content or content.get("examples"), f"{method} {path} has no example"


@pytest.mark.parametrize(("method", "path"), OPERATIONS, ids=[f"{m} {p}" for m, p in OPERATIONS])
def test_no_hostile_api_input_ends_in_a_server_error_or_off_shape(method, path, api_world):
    client, url = api_world["client"], _path(api_world, path)
    example, names, arrays = _body_of(method, path)
    example.update({k: v for k, v in api_world["body"].items() if k in example})
    problems = []
    for label, body in _json_cases(example, names, arrays):
        response = _send(client, method, url, body, "application/json")
        if problem := _problem(response):
            problems.append(f"{method} {url} [{label}] -> {problem}")
    for label, content_type, body in _raw_cases():
        response = _send(client, method, url, body, content_type)
        if problem := _problem(response):
            problems.append(f"{method} {url} [raw {label}] -> {problem}")

    assert problems == []


@pytest.mark.parametrize("hostile", HOSTILE_VALUES, ids=lambda h: h.name)
def test_no_hostile_header_ends_in_a_server_error_or_off_shape(hostile, api_world):
    client = APIClient(raise_request_exception=False)
    text = hostile.text.decode("latin-1") if isinstance(hostile.text, bytes) else hostile.text
    latin = text.encode("utf-8", "surrogatepass").decode("latin-1")
    keys = {
        # The value inside a key's 8-character prefix, where the lookup reads it.
        "HTTP_AUTHORIZATION": f"Bearer pnt_{(latin + '00000000')[:8]}_{latin}",
        "HTTP_API_KEY": latin,
    }
    others = {
        name: latin for name in ("HTTP_IF_NONE_MATCH", "HTTP_IF_MATCH", "HTTP_ACCEPT_LANGUAGE")
    }
    problems = []
    draft = api_world["ids"]["/institution/projects/{id}/"]
    for method, url in (
        ("GET", "/api/v1/projects/"),
        ("GET", f"/api/v1/institution/projects/{draft}/"),
        ("PATCH", f"/api/v1/institution/projects/{draft}/"),
        ("POST", "/api/v1/webhooks/"),
    ):
        # Each key header alone, and Accept alone (refused by content negotiation, before
        # authentication and conditions are read), then the rest with a valid key.
        for label, sender, extra in (
            ("authorization", client, {"HTTP_AUTHORIZATION": keys["HTTP_AUTHORIZATION"]}),
            ("api-key", client, {"HTTP_API_KEY": keys["HTTP_API_KEY"]}),
            ("accept", api_world["client"], {"HTTP_ACCEPT": latin}),
            ("keyed", api_world["client"], others),
        ):
            response = _send(sender, method, url, b"{}", "application/json", **extra)
            if problem := _problem(response):
                problems.append(f"{method} {url} [{label}] -> {problem}")

    assert problems == []
