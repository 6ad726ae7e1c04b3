"""ExpertProfile.objects.visible_to(user) as predicates on the row itself: the same profiles as
the former `own | pk IN (listed profiles of the audience)`, without a subquery over them all."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db.models import Q

from profiles.models import ExpertProfile, User
from tests.factories.profiles import ExpertProfileFactory, MembershipFactory, UserFactory


def _reference(user: User | AnonymousUser) -> set[int]:
    """The former formulation, kept here as the specification."""
    profiles = ExpertProfile.objects
    if not user.is_authenticated:
        return set(profiles.public().values_list("pk", flat=True))
    if user.is_network_member:
        shown = profiles.listed().filter(visibility__in=["public", "members"])
    else:
        shown = profiles.public()
    return set(profiles.filter(Q(user=user) | Q(pk__in=shown)).values_list("pk", flat=True))


@pytest.fixture
def population(db: None) -> dict[str, ExpertProfile]:
    return {
        "public": ExpertProfileFactory(visibility="public"),
        "members": ExpertProfileFactory(visibility="members"),
        "hidden": ExpertProfileFactory(visibility="hidden"),
        "unfinished": ExpertProfileFactory(visibility="public", onboarded_at=None),
        "unapproved": ExpertProfileFactory(visibility="public", approved_at=None),
        "suspended": ExpertProfileFactory(visibility="public", user__is_active=False),
        "own hidden": ExpertProfileFactory(visibility="hidden"),
    }


@pytest.mark.parametrize("membership", ["open", "vetted"])
def test_visible_profiles_are_the_same_as_before_for_every_kind_of_reader(
    population, settings, membership
):
    settings.NETWORK_MEMBERSHIP = membership
    readers = [
        AnonymousUser(),
        population["own hidden"].user,  # a network member, with a hidden profile of their own
        population["unfinished"].user,  # signed in, not a member
        MembershipFactory().user,  # a verified institution's liaison
        UserFactory(),  # signed in, nothing else
        UserFactory(is_staff=True),
    ]
    for reader in readers:
        shown = set(ExpertProfile.objects.visible_to(reader).values_list("pk", flat=True))
        assert shown == _reference(reader), reader


def test_visible_profiles_are_filtered_on_the_row_without_a_subquery_over_every_profile(
    population,
):
    reader = population["own hidden"].user
    sql = str(ExpertProfile.objects.visible_to(reader).query)
    assert sql.count("SELECT") == 1
