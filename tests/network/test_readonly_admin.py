"""Records written by tasks and services are read-only in the admin, through two shared mixins
(`network.admin_site.ViewOnlyMixin`, `ReadOnlyMixin`) instead of the same methods per admin."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.test import RequestFactory

READ_ONLY = [  # staff can neither add, edit nor delete
    "matching.SuggestionDecision",
    "profiles.AuditEntry",
    "imports.ImportRow",
    "conversations.AbuseReport",
]
VIEW_ONLY = [  # staff can delete (clean-up), never add or edit
    "observatory.Snapshot",
    "notifications.EmailDelivery",
    "notifications.Notification",
    "imports.ImportJob",
    "partners.WebhookDelivery",
    "profiles.MembershipInvitation",
    "network.Heartbeat",  # every field read-only: saving the add form was a 500
    "matching.WeightSet",  # fitted by matching.learning, only adopted in the admin
]


def _admin_and_request(label: str, superuser: object) -> tuple[admin.ModelAdmin, object]:
    model_admin = admin.site._registry[apps.get_model(label)]  # noqa: SLF001 - the registry
    request = RequestFactory().get("/admin/")
    request.user = superuser
    return model_admin, request


@pytest.fixture
def superuser(django_user_model: type) -> object:
    return django_user_model.objects.create_superuser("root@example.org", "x-long-password-1")


@pytest.mark.parametrize("label", READ_ONLY)
def test_a_log_cannot_be_added_edited_or_deleted_even_by_a_superuser(
    label: str, superuser: object
) -> None:
    model_admin, request = _admin_and_request(label, superuser)
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request)
    assert not model_admin.has_delete_permission(request)
    assert model_admin.has_view_permission(request)


@pytest.mark.parametrize("label", VIEW_ONLY)
def test_a_record_written_by_the_system_is_viewed_not_added_or_edited(
    label: str, superuser: object
) -> None:
    model_admin, request = _admin_and_request(label, superuser)
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request)
    assert model_admin.has_view_permission(request)
