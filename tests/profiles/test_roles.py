"""Roles from the first screen: sign-up asks what you come for; each side gets its own first
step, menu and panel; the other side can be added later from the account page."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from profiles.models import ExpertProfile, User
from tests.factories.profiles import PASSWORD, ExpertProfileFactory, UserFactory

pytestmark = pytest.mark.django_db


def _signup(client, role: str | None, email: str = "rol@example.org"):
    data = {"name": "Ana Enlace", "email": email, "password1": PASSWORD, "password2": PASSWORD}
    if role is not None:
        data["role"] = role
    return client.post(reverse("account_signup"), data)


def _verify_and_log_in(client, mailoutbox, email: str = "rol@example.org"):
    link = re.search(r"https?://[^/\s]+(/accounts/confirm-email/[^\s]+)", mailoutbox[-1].body)[1]
    client.post(link)
    return client.post(reverse("account_login"), {"login": email, "password": PASSWORD})


def test_signup_asks_what_you_come_for_and_refuses_without_an_answer(client):
    page = client.get(reverse("account_signup")).content.decode()
    assert "¿Qué vienes a hacer?" in page
    assert "Represento a una institución de la región" in page

    response = _signup(client, role=None)

    assert response.status_code == 200
    assert "Elige qué vienes a hacer en Puentes." in response.content.decode()
    assert not User.objects.exists()


def test_a_liaison_who_signs_up_as_an_institution_starts_at_the_institution_registration(
    client, mailoutbox
):
    _signup(client, role="institution")
    response = _verify_and_log_in(client, mailoutbox)

    assert User.objects.get().role == "institution"
    assert response["Location"] == reverse("profiles:institution_register")


def test_an_expert_who_signs_up_as_an_expert_starts_at_the_profile_wizard(client, mailoutbox):
    _signup(client, role="expert")
    response = _verify_and_log_in(client, mailoutbox)

    assert response["Location"] == reverse("profiles:me")


def test_an_institution_only_account_never_opens_the_expert_wizard(client):
    user = UserFactory(role="institution")
    client.force_login(user)

    for url in (
        reverse("profiles:me"),
        reverse("profiles:onboarding", args=[1]),
        reverse("profiles:edit", args=["quien-eres"]),
    ):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"] == reverse("profiles:account")
    assert not ExpertProfile.objects.filter(user=user).exists()


def test_an_expert_only_account_is_not_offered_the_institution_registration(client):
    client.force_login(UserFactory(role="expert"))

    response = client.get(reverse("profiles:institution_register"))

    assert response["Location"] == reverse("profiles:account")


def test_the_liaison_panel_and_menu_show_nothing_of_the_expert_side(client, liaison):
    liaison.role = "institution"
    liaison.save()
    # An expert profile left over from before does not bring the expert side back.
    ExpertProfileFactory(user=liaison)
    client.force_login(liaison)

    page = client.get(reverse("projects:dashboard")).content.decode()

    assert 'data-testid="liaison-dashboard"' in page
    assert "Mi participación como experto" not in page
    assert "Completa tu perfil" not in page
    assert reverse("profiles:me") not in page
    assert reverse("matching:my_suggestions") not in page


def test_the_expert_panel_and_menu_show_nothing_of_the_institution_side(client, expert_owner):
    expert_owner.role = "expert"
    expert_owner.save()
    client.force_login(expert_owner)

    page = client.get(reverse("projects:dashboard")).content.decode()

    assert 'data-testid="expert-dashboard"' in page
    assert 'data-testid="liaison-dashboard"' not in page
    assert 'data-testid="institution-start"' not in page
    assert reverse("profiles:institution_mine") not in page
    assert reverse("projects:create") not in page


def test_a_new_institution_account_sees_its_first_step_on_its_panel(client):
    client.force_login(UserFactory(role="institution"))

    page = client.get(reverse("projects:dashboard")).content.decode()

    assert 'data-testid="institution-start"' in page
    assert 'data-testid="expert-start"' not in page


def test_adding_the_expert_side_later_opens_the_wizard(client):
    user = UserFactory(role="institution")
    client.force_login(user)

    page = client.get(reverse("profiles:account")).content.decode()
    assert "Qué haces en Puentes" in page
    response = client.post(reverse("profiles:account"), {"role": "both"})

    assert response.status_code == 302
    user.refresh_from_db()
    assert user.role == "both"
    assert client.get(reverse("profiles:me"))["Location"] == reverse(
        "profiles:onboarding", args=[1]
    )


def test_a_bad_role_on_the_account_page_is_a_form_error(client):
    user = UserFactory(role="expert")
    client.force_login(user)

    response = client.post(reverse("profiles:account"), {"role": "admin"})

    assert response.status_code == 200
    assert "Elige una de las opciones." in response.content.decode()
    user.refresh_from_db()
    assert user.role == "expert"


def test_the_account_page_needs_a_signed_in_person(client):
    response = client.get(reverse("profiles:account"))

    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_the_account_page_sets_the_language_of_the_site_and_of_the_emails(client):
    user = UserFactory(role="expert", language="es")
    client.force_login(user)

    # The middleware activates English in this thread: leave the next test the language it had.
    with translation.override("es"):
        response = client.post(reverse("profiles:account"), {"language": "en"})
        page = client.get(reverse("profiles:account")).content.decode()

    user.refresh_from_db()
    assert user.language == "en"
    assert response.cookies["django_language"].value == "en"
    assert "My account" in page
