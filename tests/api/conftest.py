"""Keys and helpers for the partner API tests.

People come from the shared personas (tests/conftest.py): `institution_admin` issues the key
of `institution` (`api`), `stranger_admin` the key of `stranger_institution`
(`stranger_api`), and `staff` a partner organisation's key (`partner_api`)."""

from collections.abc import Callable
from typing import Any

import pytest
from rest_framework import serializers
from rest_framework.test import APIClient

from partners.models import ApiKey, ApiScope
from partners.services import api_key_issue

ALL_INSTITUTION_SCOPES = list(ApiScope.values)
READ_SCOPES = [ApiScope.PROJECTS_READ, ApiScope.EXPERTS_READ]


def iso(value: Any) -> str | None:
    """A datetime as the API writes it (ISO 8601 in the site's time zone)."""
    return None if value is None else serializers.DateTimeField().to_representation(value)


@pytest.fixture(autouse=True)
def _site_url(settings) -> None:
    settings.SITE_URL = "https://puentes.example.org"


@pytest.fixture
def make_key(institution, institution_admin, staff) -> Callable[..., tuple[ApiKey, str]]:
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
def owner_key(make_key) -> tuple[ApiKey, str]:
    return make_key()


@pytest.fixture
def api(owner_key) -> APIClient:
    """A client with the key of `institution` (every scope)."""
    return client_with(owner_key[1])


@pytest.fixture
def stranger_api(make_key, stranger_institution, stranger_admin) -> APIClient:
    """A client with the key of the stranger institution (every scope)."""
    return client_with(make_key(institution_=stranger_institution, by=stranger_admin)[1])


@pytest.fixture
def partner_api(make_key) -> APIClient:
    """A client with a partner organisation's read-only key."""
    return client_with(make_key(partner_name="Consejo Estatal de Ciencia")[1])


def error(code: str, message: str, fields: dict | None = None) -> dict:
    return {"error": {"code": code, "message": message, "fields": fields or {}}}
