"""My data: download everything about me as JSON; delete my account (LFPDPPP)."""

import json

import pytest
from allauth.account.models import EmailAddress
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse

from profiles.events import account_deleted
from profiles.models import ExpertProfile, ExpertSkill, FieldOfScience, Membership, State, User
from profiles.models.reference import normalize_term
from profiles.services.experts import profile_reindex
from tests.factories.profiles import (
    PASSWORD,
    MembershipFactory,
    UserFactory,
    skill,
)

pytestmark = pytest.mark.django_db


def sign_in(client, user):
    """Sign in through the login form, as a person does: deleting an account needs a recent
    sign-in recorded in the session (a forced login records none)."""
    client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert client.session["_auth_user_id"] == str(user.pk)


@pytest.fixture
def owner_profile(expert):
    """The expert persona with every exportable field filled in, and an institution."""
    ExpertProfile.objects.filter(pk=expert.pk).update(
        headline="Ingeniera de datos en Lyon",
        bio="Mi semblanza personal.",
        country="FR",
        city="Lyon",
        timezone="Europe/Paris",
        origin_municipality="Zamora",
        current_position="Data engineer",
        employer="Banque Exemple",
        orcid="0000-0002-1825-0097",
        linkedin_url="https://www.linkedin.com/in/dolores-datos",
        website_url="https://dolores.example.net",
        motivations=["give_back"],
        return_intention="maybe",
    )
    expert.refresh_from_db()
    for slug in ("data-engineering", "python"):
        ExpertSkill.objects.create(profile=expert, skill=skill(slug), years=5)
    expert.fields.set(FieldOfScience.objects.filter(code__in=["1.2"]))
    expert.states_of_interest.set(State.objects.filter(code__in=["16"]))
    expert.education.create(
        degree="master", field="Informática", institution="INSA Lyon", year=2015
    )
    expert.portfolio.create(kind="project", title="Plataforma de datos abiertos", year=2021)
    MembershipFactory(user=expert.user, role="admin", institution__name="Universidad de Zamora")
    profile_reindex(profile=expert)
    return expert


def test_my_data_page_offers_download_and_deletion(client, owner_profile):
    client.force_login(owner_profile.user)

    response = client.get(reverse("profiles:my_data"))

    assert response.status_code == 200
    html = response.content.decode()
    assert reverse("profiles:my_data_export") in html
    assert reverse("profiles:account_delete") in html


def test_my_data_requires_login(anonymous):
    for name in ("profiles:my_data", "profiles:my_data_export", "profiles:account_delete"):
        response = anonymous.get(reverse(name))
        assert response.status_code == 302
        assert reverse("account_login") in response["Location"]


def test_export_contains_every_profile_field_and_memberships(client, owner_profile, expert_owner):
    client.force_login(owner_profile.user)

    response = client.get(reverse("profiles:my_data_export"))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    exported = data["expert_profile"]
    opts = ExpertProfile._meta  # noqa: SLF001 - Model._meta is Django's documented model API
    for field in opts.concrete_fields:
        assert field.name in exported, field.name
    assert exported["headline"] == "Ingeniera de datos en Lyon"
    assert exported["linkedin_url"] == "https://www.linkedin.com/in/dolores-datos"
    assert exported["orcid"] == "0000-0002-1825-0097"
    assert exported["country"] == "FR"
    assert exported["origin_state"] == {"code": "16", "name": "Michoacán"}
    assert exported["motivations"] == ["give_back"]
    assert {s["slug"] for s in exported["skills"]} == {"data-engineering", "python"}
    assert {lang["code"] for lang in exported["languages"]} == {"es", "en"}
    assert exported["fields"][0]["code"] == "1.2"
    assert exported["states_of_interest"] == [{"code": "16", "name": "Michoacán"}]
    assert exported["education"] == [
        {"degree": "master", "field": "Informática", "institution": "INSA Lyon", "year": 2015}
    ]
    assert exported["portfolio"][0]["title"] == "Plataforma de datos abiertos"
    assert data["user"]["email"] == expert_owner.email
    assert data["user"]["name"] == expert_owner.name
    assert data["user"]["email_addresses"] == [
        {"email": expert_owner.email, "verified": True, "primary": True}
    ]
    [membership] = data["memberships"]
    assert membership["role"] == "admin"
    assert membership["institution"]["name"] == "Universidad de Zamora"


def test_export_of_a_user_without_profile_still_has_the_account(client):
    user = UserFactory(email="solo@example.org")
    client.force_login(user)

    data = json.loads(client.get(reverse("profiles:my_data_export")).content)

    assert data["user"]["email"] == "solo@example.org"
    assert data["expert_profile"] is None
    assert data["memberships"] == []


def test_export_only_contains_my_own_data(client, owner_profile, other_expert):
    client.force_login(other_expert.user)

    content = client.get(reverse("profiles:my_data_export")).content.decode()

    assert owner_profile.user.email not in content
    assert owner_profile.user.name not in content
    assert owner_profile.headline not in content
    assert owner_profile.linkedin_url not in content
    assert other_expert.user.email in content
    assert other_expert.headline in content


def test_deleting_with_the_wrong_email_shows_an_error_and_keeps_everything(client, owner_profile):
    sign_in(client, owner_profile.user)

    response = client.post(
        reverse("profiles:account_delete"), {"email": "otra@example.org", "password": PASSWORD}
    )

    assert response.status_code == 200
    assert "Ese no es el correo de tu cuenta" in response.content.decode()
    user = User.objects.get(pk=owner_profile.user.pk)
    assert user.is_active
    assert user.email == owner_profile.user.email
    assert ExpertProfile.objects.get(pk=owner_profile.pk).bio == "Mi semblanza personal."


# One scenario on purpose: everything a deletion erases and everything it keeps, checked together.
def test_deleting_my_account_erases_personal_data_and_keeps_anonymous_aggregates(
    client, owner_profile
):
    user_id = owner_profile.user.pk
    email = owner_profile.user.email
    first_name = normalize_term(owner_profile.user.name.split()[0])
    other_device = Client()
    other_device.force_login(owner_profile.user)
    sign_in(client, owner_profile.user)
    events = []

    def receiver(sender, user_id, **kwargs):
        events.append(user_id)

    account_deleted.connect(receiver)
    try:
        response = client.post(
            reverse("profiles:account_delete"), {"email": email.upper(), "password": PASSWORD}
        )
    finally:
        account_deleted.disconnect(receiver)

    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    assert events == [user_id]

    user = User.objects.get(pk=user_id)
    assert user.email != email
    assert user.email.endswith("@deleted.invalid")
    assert user.name == ""
    assert not user.is_active
    assert not user.has_usable_password()
    assert not EmailAddress.objects.filter(user=user).exists()
    assert not EmailAddress.objects.filter(email__iexact=email).exists()
    assert not Membership.objects.filter(user=user).exists()
    assert not any(
        s.get_decoded().get("_auth_user_id") == str(user_id) for s in Session.objects.all()
    )

    profile = ExpertProfile.objects.get(pk=owner_profile.pk)
    for name in (
        "headline",
        "bio",
        "city",
        "origin_municipality",
        "current_position",
        "employer",
        "orcid",
        "linkedin_url",
        "website_url",
    ):
        assert getattr(profile, name) == "", name
    assert profile.visibility == "hidden"
    assert not profile.education.exists()
    assert not profile.portfolio.exists()
    assert first_name not in profile.search_text
    # Anonymous aggregates stay for the network's statistics.
    assert str(profile.country) == "FR"
    assert profile.origin_state.code == "16"
    assert profile.sector == "academia"
    assert profile.collaboration_types == ["mentoring", "joint_research"]
    assert list(profile.fields.values_list("code", flat=True)) == ["1.2"]

    # Every session of the account is gone, on this device and on the others.
    assert other_device.get(reverse("profiles:me")).status_code == 302
    assert "_auth_user_id" not in client.session


def test_after_deletion_the_person_can_no_longer_log_in(client, owner_profile):
    email = owner_profile.user.email
    sign_in(client, owner_profile.user)
    client.post(reverse("profiles:account_delete"), {"email": email, "password": PASSWORD})
    client.logout()

    response = client.post(reverse("account_login"), {"login": email, "password": PASSWORD})

    assert "_auth_user_id" not in client.session
    assert response.status_code == 200
    assert client.get(reverse("profiles:me")).status_code == 302


def test_deleted_profile_disappears_from_the_directory(client, owner_profile, other_expert):
    name = owner_profile.user.name
    owner_client = Client()
    sign_in(owner_client, owner_profile.user)
    owner_client.post(
        reverse("profiles:account_delete"),
        {"email": owner_profile.user.email, "password": PASSWORD},
    )
    client.force_login(other_expert.user)

    html = client.get(reverse("profiles:directory"), {"q": name.split()[0]}).content.decode()

    assert name not in html
    assert client.get(reverse("profiles:expert_detail", args=[owner_profile.pk])).status_code == 404


def test_the_same_email_can_sign_up_again_after_deletion(client, owner_profile):
    email = owner_profile.user.email
    sign_in(client, owner_profile.user)
    client.post(reverse("profiles:account_delete"), {"email": email, "password": PASSWORD})

    again = UserFactory(email=email)

    assert again.pk != owner_profile.user.pk
