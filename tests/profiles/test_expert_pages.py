"""Profile pages and the owner's preview: who sees what, and contact data never leaks."""

import pytest
from django.urls import reverse

from profiles.services.experts import profile_reindex
from tests.factories.profiles import (
    ExpertProfileFactory,
    InstitutionFactory,
    MembershipFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

LINKEDIN = "https://www.linkedin.com/in/lupita-privada"
WEBSITE = "https://lupita-privada.example.net"
ORCID = "0000-0002-1825-0097"


def make_expert(**kwargs):
    profile = ExpertProfileFactory(
        linkedin_url=LINKEDIN,
        website_url=WEBSITE,
        orcid=ORCID,
        city="Naperville",
        skill_slugs=["water-management"],
        **kwargs,
    )
    profile_reindex(profile=profile)
    return profile


def detail_url(profile) -> str:
    return reverse("profiles:expert_detail", args=[profile.pk])


def assert_no_contact_data(html: str, profile) -> None:
    assert profile.user.email not in html
    assert LINKEDIN not in html
    assert WEBSITE not in html
    assert "linkedin" not in html.lower()


@pytest.fixture
def member(client, expert_owner):
    """The expert persona, signed in: a member of the network looking at others' profiles."""
    client.force_login(expert_owner)
    return expert_owner


@pytest.fixture
def newcomer(client):
    """Signed in, but neither an expert nor a member of a verified institution yet."""
    user = UserFactory()
    client.force_login(user)
    return user


def test_member_sees_a_members_only_profile_without_contact_data(client, member):
    profile = make_expert(visibility="members")

    response = client.get(detail_url(profile))

    assert response.status_code == 200
    html = response.content.decode()
    assert profile.user.name in html
    assert "Gestión del agua" in html
    assert ORCID in html
    assert "Naperville" in html
    assert_no_contact_data(html, profile)


def test_newcomer_cannot_see_a_members_only_profile(client, newcomer):
    profile = make_expert(visibility="members")

    assert client.get(detail_url(profile)).status_code == 404


def test_anonymous_visitor_cannot_see_a_members_only_profile(anonymous):
    profile = make_expert(visibility="members")

    assert anonymous.get(detail_url(profile)).status_code == 404


def test_hidden_profile_is_not_found_for_members_and_strangers(client, member, stranger):
    profile = make_expert(visibility="hidden")

    assert client.get(detail_url(profile)).status_code == 404
    client.force_login(stranger)
    assert client.get(detail_url(profile)).status_code == 404


# Issue 18 reversed the old rule (staff opened hidden profiles on the site): staff see a hidden
# profile only in the admin, never on the public site.
def test_staff_open_a_hidden_profile_only_in_the_admin(client, staff):
    profile = make_expert(visibility="hidden")
    client.force_login(staff)

    assert client.get(detail_url(profile)).status_code == 404
    admin_url = reverse("admin:profiles_expertprofile_change", args=[profile.pk])
    assert client.get(admin_url).status_code == 200


def test_public_profile_is_open_to_anyone_without_contact_data_or_city(anonymous):
    profile = make_expert(visibility="public")

    response = anonymous.get(detail_url(profile))

    assert response.status_code == 200
    html = response.content.decode()
    assert profile.user.name in html
    assert "Naperville" not in html
    assert "horas al mes" not in html
    assert_no_contact_data(html, profile)


def test_profile_of_a_deactivated_account_is_not_found(client, member):
    profile = make_expert(visibility="public")
    profile.user.is_active = False
    profile.user.save()

    assert client.get(detail_url(profile)).status_code == 404


def test_unfinished_profile_is_not_shown_to_members(client, member):
    profile = make_expert(visibility="members", onboarded_at=None)

    assert client.get(detail_url(profile)).status_code == 404


def test_verified_institution_member_sees_how_to_invite(client, liaison):
    profile = make_expert(visibility="members")
    client.force_login(liaison)

    response = client.get(detail_url(profile))

    assert response.status_code == 200
    html = response.content.decode()
    assert "invita a esta persona desde uno de tus proyectos" in html
    assert_no_contact_data(html, profile)


def test_member_of_a_pending_institution_is_a_stranger(client):
    profile = make_expert(visibility="members")
    institution = InstitutionFactory(verification_status="pending", verified_at=None)
    client.force_login(MembershipFactory(institution=institution).user)

    assert client.get(detail_url(profile)).status_code == 404


# --- Preview ----------------------------------------------------------------------------------


def preview(client, audience: str) -> str:
    response = client.get(reverse("profiles:preview"), {"como": audience})
    assert response.status_code == 200
    return response.content.decode()


def test_preview_shows_the_three_audiences_of_a_members_only_profile(client):
    profile = make_expert(visibility="members")
    client.force_login(profile.user)

    public = preview(client, "publico")
    assert "Así te ve: El público" in public
    assert "El público no ve tu perfil" in public
    assert "Gestión del agua" not in public

    member = preview(client, "miembro")
    assert "Así te ve: Un miembro de la red" in member
    assert "Gestión del agua" in member
    assert "Naperville" in member
    assert "invita a esta persona" not in member

    institution = preview(client, "institucion")
    assert "Así te ve: Una institución verificada" in institution
    assert "invita a esta persona desde uno de tus proyectos" in institution

    for html in (public, member, institution):
        assert LINKEDIN not in html
        assert WEBSITE not in html


def test_preview_as_public_of_a_public_profile_hides_city_and_availability(client):
    profile = make_expert(visibility="public")
    client.force_login(profile.user)

    html = preview(client, "publico")

    assert "Gestión del agua" in html
    assert "Naperville" not in html
    assert "horas al mes" not in html


def test_preview_of_a_hidden_profile_says_nobody_sees_it(client):
    profile = make_expert(visibility="hidden")
    client.force_login(profile.user)

    for audience in ("publico", "miembro", "institucion"):
        html = preview(client, audience)
        assert "Tu perfil está oculto: nadie lo ve" in html
        assert "Gestión del agua" not in html


def test_my_profile_page_shows_my_own_contact_data_only_to_me(client):
    profile = make_expert(visibility="members")
    client.force_login(profile.user)

    html = client.get(reverse("profiles:me")).content.decode()

    assert LINKEDIN in html
    assert "Solo tú ves esto" in html
    assert "Ver cómo me ven" in html


def test_preview_requires_login(anonymous):
    response = anonymous.get(reverse("profiles:preview"))

    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_profile_page_query_count_does_not_grow_with_its_content(
    client, member, django_assert_max_num_queries
):
    small = make_expert(visibility="members")
    big = ExpertProfileFactory(
        skill_slugs=["python", "data-science", "machine-learning", "statistics", "databases"],
        languages={"es": "native", "en": "fluent", "fr": "working", "de": "basic"},
    )
    for n in range(8):
        big.education.create(degree="master", field=f"Área {n}", institution="UNAM", year=2000 + n)
        big.portfolio.create(kind="publication", title=f"Artículo {n}", year=2010 + n)

    for profile in (small, big):
        with django_assert_max_num_queries(14):
            response = client.get(detail_url(profile))
        assert response.status_code == 200
    assert "Artículo 7" in response.content.decode()
