import re

import pytest
from allauth.account.models import EmailAddress
from django.db import IntegrityError
from django.urls import reverse

from profiles.models import User

pytestmark = pytest.mark.django_db

PASSWORD = "una-clave-larga-2026"


def _signup(client, email="nueva@example.org", name="Nueva Persona"):
    return client.post(
        reverse("account_signup"),
        {
            "name": name,
            "role": "expert",
            "email": email,
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )


def test_signup_creates_user_with_single_name_field_and_sends_verification(client, mailoutbox):
    response = _signup(client)

    assert response.status_code == 302
    user = User.objects.get(email="nueva@example.org")
    assert user.name == "Nueva Persona"
    assert user.language == "es"
    assert not EmailAddress.objects.get(user=user).verified
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["nueva@example.org"]
    assert "/accounts/confirm-email/" in mailoutbox[0].body


def test_login_is_refused_until_email_is_verified(client, mailoutbox):
    _signup(client)
    client.logout()

    response = client.post(
        reverse("account_login"), {"login": "nueva@example.org", "password": PASSWORD}
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert "_auth_user_id" not in client.session


def test_following_the_verification_link_allows_login(client, mailoutbox):
    _signup(client)
    link = re.search(r"https?://[^/\s]+(/accounts/confirm-email/[^\s]+)", mailoutbox[0].body)[1]
    client.post(link)

    response = client.post(
        reverse("account_login"), {"login": "NUEVA@example.org", "password": PASSWORD}
    )

    assert response.status_code == 302
    assert EmailAddress.objects.get(email="nueva@example.org").verified
    assert client.session["_auth_user_id"] == str(User.objects.get().pk)


def test_signup_without_name_shows_a_translated_error(client):
    response = client.post(
        reverse("account_signup"),
        {"email": "x@example.org", "role": "expert", "password1": PASSWORD, "password2": PASSWORD},
    )

    assert response.status_code == 200
    assert "Este campo es requerido." in response.content.decode()
    assert not User.objects.exists()


def test_signup_in_english_records_english_as_the_preferred_language(client, mailoutbox):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})

    _signup(client)

    assert User.objects.get().language == "en"
    assert "Confirm" in mailoutbox[0].subject or "confirm" in mailoutbox[0].body


def test_email_addresses_are_unique_regardless_of_case():
    User.objects.create_user("Ana@Example.org", "x")

    with pytest.raises(IntegrityError):
        User.objects.create_user("ana@example.org", "x")


def test_repeated_failed_logins_lock_the_account_for_a_while(client):
    user = User.objects.create_user("target@example.org", PASSWORD)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    for _ in range(5):
        client.post(reverse("account_login"), {"login": user.email, "password": "wrong"})

    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})

    assert response.status_code == 200
    assert "Demasiados intentos fallidos" in response.content.decode()
    assert "_auth_user_id" not in client.session
