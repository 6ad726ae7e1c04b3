"""Issuing and revoking API keys (the rules live in partners.services.keys)."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from partners.models import ApiKey
from partners.services import ApiKeyRejected, api_key_authenticate, api_key_issue, api_key_revoke
from profiles.models import AuditEntry
from tests.factories.profiles import UserFactory

pytestmark = pytest.mark.django_db


def test_an_institution_admin_issues_a_key_and_the_issue_is_audited(institution_admin, institution):
    issued = api_key_issue(
        by=institution_admin,
        institution=institution,
        name=" CRM ",
        scopes=["experts:read", "projects:read"],
    )

    key = issued.api_key
    assert (key.name, key.scopes, key.created_by) == (
        "CRM",
        ["projects:read", "experts:read"],
        institution_admin,
    )
    assert issued.plaintext.startswith(f"{key.prefix}_")
    assert len(issued.plaintext) > 50
    entry = AuditEntry.objects.get(
        content_type=ContentType.objects.get_for_model(ApiKey), object_id=str(key.pk)
    )
    assert (entry.action, entry.actor) == ("api_key.issue", institution_admin)


def test_a_liaison_cannot_issue_keys(institution, liaison):
    with pytest.raises(PermissionDenied):
        api_key_issue(by=liaison, institution=institution, name="CRM", scopes=["projects:read"])
    assert not ApiKey.objects.exists()


def test_only_staff_issue_partner_keys_and_those_only_read(staff):
    with pytest.raises(PermissionDenied):
        api_key_issue(by=UserFactory(), name="R", scopes=["projects:read"], partner_name="R")
    with pytest.raises(ValidationError) as refused:
        api_key_issue(by=staff, name="R", scopes=["projects:write"], partner_name="Registro")
    assert refused.value.error_dict["scopes"][0].code == "partner_scope"
    with pytest.raises(ValidationError) as nameless:
        api_key_issue(by=staff, name="R", scopes=["projects:read"])
    assert "partner_name" in nameless.value.error_dict


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"scopes": []}, "scopes"),
        ({"scopes": ["projects:delete"]}, "scopes"),
        ({"name": "  "}, "name"),
        ({"expires_at": timezone.now() - datetime.timedelta(minutes=1)}, "expires_at"),
    ],
)
def test_bad_key_requests_are_refused_per_field(institution_admin, institution, kwargs, field):
    with pytest.raises(ValidationError) as error:
        api_key_issue(
            by=institution_admin,
            institution=institution,
            **{"name": "CRM", "scopes": ["projects:read"], **kwargs},
        )

    assert list(error.value.error_dict) == [field]


def test_revoking_is_idempotent(institution_admin, institution):
    key = api_key_issue(
        by=institution_admin, institution=institution, name="K", scopes=["projects:read"]
    )
    api_key_revoke(api_key=key.api_key, by=institution_admin)
    first = ApiKey.objects.get().revoked_at

    api_key_revoke(api_key=key.api_key, by=institution_admin)

    assert ApiKey.objects.get().revoked_at == first


def test_a_stranger_cannot_revoke_a_key(institution_admin, institution, stranger_admin):
    key = api_key_issue(
        by=institution_admin, institution=institution, name="K", scopes=["projects:read"]
    )

    with pytest.raises(PermissionDenied):
        api_key_revoke(api_key=key.api_key, by=stranger_admin)


@pytest.mark.parametrize(
    "garbage", ["", "pnt_", "pnt_123", "nope_abcdefgh_xyz", "pnt_zzzzzzzzXabc"]
)
def test_malformed_keys_are_rejected_without_a_lookup(garbage, django_assert_num_queries):
    with django_assert_num_queries(0), pytest.raises(ApiKeyRejected):
        api_key_authenticate(plaintext=garbage)


def test_last_use_is_written_at_most_once_a_minute(
    institution_admin, institution, django_assert_num_queries
):
    issued = api_key_issue(
        by=institution_admin, institution=institution, name="K", scopes=["projects:read"]
    )

    with django_assert_num_queries(2):
        api_key_authenticate(plaintext=issued.plaintext)
    with django_assert_num_queries(1):
        api_key_authenticate(plaintext=issued.plaintext)
