"""Demo experts (profiles.demo.seed_experts): realistic, searchable, idempotent."""

import io

import pytest
from allauth.account.models import EmailAddress

from profiles.demo import DEMO_PASSWORD, seed_experts
from profiles.models import ExpertProfile, User
from profiles.selectors.experts import (
    profile_completeness,
    profile_get_for_owner,
    profile_list_directory,
)
from tests.factories.profiles import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # Fifty demo accounts with the production hasher would take most of a minute.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def test_seed_experts_creates_a_varied_searchable_network_once(client):
    out = io.StringIO()

    profiles = seed_experts(stdout=out)
    again = seed_experts()

    assert 45 <= len(profiles) <= 60
    assert [p.pk for p in again] == [p.pk for p in profiles]
    assert ExpertProfile.objects.count() == len(profiles)
    assert "experta@diaspora.example" in out.getvalue()
    rows = ExpertProfile.objects.filter(pk__in=[p.pk for p in profiles])
    assert not rows.filter(onboarded_at__isnull=True).exists()
    assert not rows.filter(privacy_consent_at__isnull=True).exists()
    assert len(set(rows.values_list("country", flat=True))) >= 10
    in_region = rows.filter(
        origin_state__code__in=["01", "06", "11", "14", "16", "18", "22", "24", "32"]
    )
    assert in_region.count() >= len(profiles) - 5
    visibilities = list(rows.values_list("visibility", flat=True))
    assert (
        visibilities.count("members")
        > visibilities.count("public")
        > visibilities.count("hidden")
        > 0
    )
    for profile in rows.prefetch_related("skill_links", "languages", "fields"):
        assert 3 <= len(profile.skill_links.all()) <= 6, profile
        assert profile.languages.all(), profile
        assert profile.fields.all(), profile
        assert profile.collaboration_types, profile
        assert profile.hours_per_month > 0, profile
    users = User.objects.filter(expert_profile__in=rows)
    assert EmailAddress.objects.filter(user__in=users, verified=True).count() == len(profiles)

    # The known demo login has a complete profile.
    maria = User.objects.get(email="experta@diaspora.example")
    assert maria.name == "María Experta"
    assert profile_completeness(profile=profile_get_for_owner(user=maria)).missing == []
    assert client.login(email="experta@diaspora.example", password=DEMO_PASSWORD)

    # Demo profiles are indexed: an English synonym finds a Spanish-language profile.
    found = profile_list_directory(user=maria, text="avocado farming")
    assert "Raúl Guzmán Tapia" in [p.user.name for p in found]


def test_seeding_keeps_an_existing_demo_user_and_fills_their_profile():
    existing = UserFactory(email="experta@diaspora.example", name="María Experta")

    seed_experts()

    profile = ExpertProfile.objects.get(user=existing)
    assert profile.is_onboarded
    assert profile.headline
    existing.refresh_from_db()
    assert existing.check_password("una-clave-larga-2026")
