"""The read replica: the directory and the API lists read it, every write lands on the primary.

The "replica" is a second database on the same server, copied from the test database and then
made to differ: a name changed only on the primary shows which database a page read."""

from collections.abc import Iterator

import pytest
from django.db import connections
from django.urls import reverse

from network.db_router import REPLICA, forget_writes, replica_alias
from profiles.models import ExpertProfile, User
from profiles.selectors.experts import profile_list_directory
from profiles.services.experts import profile_reindex
from tests.api.conftest import client_with
from tests.factories.profiles import ExpertProfileFactory

pytestmark = pytest.mark.django_db(transaction=True, databases=["default", REPLICA])


@pytest.fixture(scope="module", autouse=True)
def _replica_alias(django_db_setup: None, django_db_blocker) -> Iterator[None]:
    """Declare the alias (the rest of the suite has none); the database is made per test."""
    default = connections["default"].settings_dict
    connections.settings[REPLICA] = {**default, "NAME": f"{default['NAME']}_replica"}
    yield
    connections[REPLICA].close()
    del connections.settings[REPLICA]
    with django_db_blocker.unblock(), connections["default"]._nodb_cursor() as cursor:  # noqa: SLF001 - a server connection
        cursor.execute(f'DROP DATABASE IF EXISTS "{default["NAME"]}_replica"')


def _snapshot_to_replica() -> None:
    """The replica becomes a copy of the primary as it is now."""
    for alias in ("default", REPLICA):
        connections[alias].close()
    name = connections["default"].settings_dict["NAME"]
    with connections["default"]._nodb_cursor() as cursor:  # noqa: SLF001 - a server connection
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}_replica"')
        cursor.execute(f'CREATE DATABASE "{name}_replica" TEMPLATE "{name}"')


@pytest.fixture
def renamed(api_key_plaintext) -> ExpertProfile:
    """An expert named "Ana Réplica" on the replica and "Ana Primaria" on the primary."""
    profile = ExpertProfileFactory(user__name="Ana Réplica", headline="Riego por goteo")
    profile_reindex(profile=profile)
    _snapshot_to_replica()
    User.objects.filter(pk=profile.user_id).update(name="Ana Primaria")
    return profile


@pytest.fixture
def api_key_plaintext(make_key) -> str:
    return make_key()[1]


def test_without_a_replica_alias_lists_read_the_primary(renamed):
    del connections.settings[REPLICA]
    try:
        forget_writes()
        assert replica_alias() == "default"
    finally:
        connections.settings[REPLICA] = {
            **connections["default"].settings_dict,
            "NAME": f"{connections['default'].settings_dict['NAME']}_replica",
        }


def test_the_directory_page_reads_the_replica(renamed, client, expert_owner):
    client.force_login(expert_owner)

    html = client.get(reverse("profiles:directory"), {"q": "Ana"}).content.decode()

    assert "Ana Réplica" in html
    assert "Ana Primaria" not in html


def test_the_api_expert_list_reads_the_replica_and_one_expert_the_primary(
    renamed, api_key_plaintext
):
    api = client_with(api_key_plaintext)

    listed = api.get(reverse("api-expert-list")).content.decode()
    one = api.get(reverse("api-expert-detail", args=[renamed.pk])).content.decode()

    assert "Ana Réplica" in listed
    assert "Ana Primaria" not in listed
    assert "Ana Primaria" in one


def test_writes_land_on_the_primary_and_later_reads_in_that_request_follow_them(renamed):
    forget_writes()
    assert replica_alias() == REPLICA

    ExpertProfileFactory(user__name="Bruno Nuevo")

    assert replica_alias() == "default"
    assert User.objects.using("default").filter(name="Bruno Nuevo").exists()
    assert not User.objects.using(REPLICA).filter(name="Bruno Nuevo").exists()
    names = [p.user.name for p in profile_list_directory(user=renamed.user)]
    assert "Ana Primaria" in names
