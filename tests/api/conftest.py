"""Personas and helpers for the partner API tests.

Personas: the key of institution A (owner), the key of institution B (stranger), a partner
organisation's key (issued by platform staff), and people of institution A (its admin, who
issues keys; a liaison)."""

from collections.abc import Callable
from typing import Any

import pytest
from rest_framework import serializers
from rest_framework.test import APIClient

from partners.models import ApiKey, ApiScope
from partners.services import api_key_issue
from tests.factories.profiles import InstitutionFactory, MembershipFactory, UserFactory

ALL_INSTITUTION_SCOPES = list(ApiScope.values)
READ_SCOPES = [ApiScope.PROJECTS_READ, ApiScope.EXPERTS_READ]


def iso(value: Any) -> str | None:
    """A datetime as the API writes it (ISO 8601 in the site's time zone)."""
    return None if value is None else serializers.DateTimeField().to_representation(value)


@pytest.fixture(autouse=True)
def _site_url(settings) -> None:  # noqa: ANN001
    settings.SITE_URL = "https://puentes.example.org"


@pytest.fixture
def institution():  # noqa: ANN201
    return InstitutionFactory(name="Universidad de Colima", slug="universidad-de-colima")


@pytest.fixture
def institution_admin(institution):  # noqa: ANN001, ANN201
    return MembershipFactory(institution=institution, role="admin").user


@pytest.fixture
def other_institution():  # noqa: ANN201
    return InstitutionFactory(name="Instituto Tecnológico de Morelia", slug="itm")


@pytest.fixture
def other_admin(other_institution):  # noqa: ANN001, ANN201
    return MembershipFactory(institution=other_institution, role="admin").user


@pytest.fixture
def staff():  # noqa: ANN201
    return UserFactory(is_staff=True, name="Ana Plataforma")


@pytest.fixture
def make_key(institution, institution_admin, staff) -> Callable[..., tuple[ApiKey, str]]:  # noqa: ANN001
    """make_key(scopes=…, institution=…, by=…, partner_name=…) → (ApiKey, plaintext)."""

    def make(
        scopes: list[str] | None = None,
        *,
        institution_: Any = institution,
        by: Any = None,
        partner_name: str = "",
        **kwargs: Any,
    ) -> tuple[ApiKey, str]:
        if partner_name:
            issued = api_key_issue(
                by=by or staff,
                name=kwargs.pop("name", "Registro nacional"),
                scopes=scopes or READ_SCOPES,
                partner_name=partner_name,
                **kwargs,
            )
        else:
            issued = api_key_issue(
                by=by or institution_admin,
                institution=institution_,
                name=kwargs.pop("name", "CRM de vinculación"),
                scopes=ALL_INSTITUTION_SCOPES if scopes is None else scopes,
                **kwargs,
            )
        return issued.api_key, issued.plaintext

    return make


def client_with(plaintext: str | None) -> APIClient:
    client = APIClient()
    if plaintext:
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {plaintext}")
    return client


@pytest.fixture
def owner_key(make_key) -> tuple[ApiKey, str]:  # noqa: ANN001
    return make_key()


@pytest.fixture
def api(owner_key) -> APIClient:  # noqa: ANN001
    """A client with the key of institution A (every scope)."""
    return client_with(owner_key[1])


@pytest.fixture
def stranger_api(make_key, other_institution, other_admin) -> APIClient:  # noqa: ANN001
    """A client with the key of institution B (every scope)."""
    return client_with(make_key(institution_=other_institution, by=other_admin)[1])


@pytest.fixture
def partner_api(make_key) -> APIClient:  # noqa: ANN001
    """A client with a partner organisation's read-only key."""
    return client_with(make_key(partner_name="Consejo Estatal de Ciencia")[1])


def error(code: str, message: str, fields: dict | None = None) -> dict:
    return {"error": {"code": code, "message": message, "fields": fields or {}}}
