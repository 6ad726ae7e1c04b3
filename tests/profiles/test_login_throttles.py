"""Login throttles see the real client behind the trusted proxies, and an account locked out by
failed logins is freed by its owner through a password-reset e-mail (issue 18)."""

import os
import re
import subprocess
import sys

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from tests.factories.profiles import PASSWORD

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "otra-clave-muy-larga-2027"
LOCKED_OUT = "Demasiados intentos fallidos"


def _login(client: Client, email: str, password: str, forwarded_for: str | None = None):
    extra = {"HTTP_X_FORWARDED_FOR": forwarded_for} if forwarded_for else {}
    return client.post(reverse("account_login"), {"login": email, "password": password}, **extra)


def _fail_ten_logins_from_ten_forwarded_clients() -> None:
    for number in range(10):
        response = _login(
            Client(), f"nadie{number}@example.org", "mala-clave", f"198.51.100.{number + 1}"
        )
        assert response.status_code == 200


def test_with_one_trusted_proxy_ten_failing_clients_do_not_lock_out_an_eleventh(liaison, settings):
    settings.TRUSTED_PROXY_COUNT = settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    _fail_ten_logins_from_ten_forwarded_clients()

    response = _login(Client(), liaison.email, PASSWORD, "198.51.100.200")

    assert response.status_code == 302
    assert response.wsgi_request.user == liaison


def test_a_client_cannot_pick_its_address_by_prepending_to_the_forwarded_header(liaison, settings):
    settings.TRUSTED_PROXY_COUNT = settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    # The proxy appends the address it saw (always the same attacker): whatever the client
    # wrote before it does not count as another client.
    for number in range(10):
        forwarded = f"10.0.0.{number}, 198.51.100.66"
        assert _login(Client(), f"nadie{number}@example.org", "mala", forwarded).status_code == 200

    response = _login(Client(), liaison.email, PASSWORD, "10.0.0.99, 198.51.100.66")

    assert response.status_code == 200
    assert LOCKED_OUT in response.content.decode()


def test_with_no_trusted_proxy_the_forwarded_header_is_ignored(liaison, settings):
    settings.TRUSTED_PROXY_COUNT = settings.ALLAUTH_TRUSTED_PROXY_COUNT = 0
    _fail_ten_logins_from_ten_forwarded_clients()

    response = _login(Client(), liaison.email, PASSWORD, "198.51.100.200")

    assert response.status_code == 200
    assert LOCKED_OUT in response.content.decode()


def test_an_account_locked_out_by_failed_logins_is_usable_again_after_a_password_reset(
    liaison, settings, mailoutbox
):
    settings.TRUSTED_PROXY_COUNT = settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    for number in range(5):
        _login(Client(), liaison.email, "mala-clave", f"198.51.100.{number + 1}")
    locked = _login(Client(), liaison.email, PASSWORD, "198.51.100.99")
    assert LOCKED_OUT in locked.content.decode()
    assert "restablece tu contraseña por correo para entrar de inmediato" in (
        locked.content.decode()
    )

    owner = Client(HTTP_X_FORWARDED_FOR="203.0.113.5")
    owner.post(reverse("account_reset_password"), {"email": liaison.email})
    [message] = mailoutbox
    link = re.search(r"https?://[^/\s]+(/accounts/password/reset/key/\S+)", message.body)[1]
    form_url = owner.get(link)["Location"]
    done = owner.post(form_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert done.status_code == 302

    response = _login(Client(), liaison.email, NEW_PASSWORD, "198.51.100.99")

    assert response.status_code == 302
    assert response.wsgi_request.user == liaison


def test_one_environment_variable_sets_the_trusted_proxies_of_every_throttle():
    script = (
        "from django.conf import settings as s; "
        "print(s.TRUSTED_PROXY_COUNT, s.ALLAUTH_TRUSTED_PROXY_COUNT, "
        "s.REST_FRAMEWORK['NUM_PROXIES'])"
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", script],
        cwd=settings.BASE_DIR,
        env={**os.environ, "TRUSTED_PROXY_COUNT": "2"},
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.stdout.splitlines()[-1].split() == ["2", "2", "2"], result.stderr
