"""Browser journey in real Chromium: sign in with an institution's OpenID Connect provider.

The provider is real (django-oauth-toolkit with OIDC on, tests/e2e/oidc_provider/) and runs as a
separate process on its own port; Puentes talks to it through allauth, with nothing mocked.
"""

import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from allauth.account.models import EmailAddress
from allauth.socialaccount.models import SocialAccount
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from django.conf import settings as django_settings
from django.core import mail
from playwright.sync_api import Page, expect

from profiles import socialproviders
from profiles.models import User
from tests.conftest import BASE_DIR

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PROVIDER_ID = "udeprueba"
PROVIDER_NAME = "Universidad de Prueba"
IDP_PASSWORD = "clave-del-proveedor"
PEOPLE = {
    # A new member: the provider vouches for her e-mail.
    "ana": {"name": "Ana Universitaria", "email": "ana@uprueba.example", "email_verified": True},
    # The other expert persona's own e-mail, vouched for: the same person, from the university.
    "pedro": {"name": "Pedro Otro", "email": "pedro.otro@example.org", "email_verified": True},
    # Someone whose provider account carries the expert persona's e-mail, NOT verified.
    "intruso": {"name": "Intruso", "email": "maria.experta@example.org", "email_verified": False},
}


@dataclass
class IdentityProvider:
    url: str
    environ: dict[str, str]  # the SIGNIN_OIDC_* variables an operator would set


@pytest.fixture(scope="module")
def identity_provider(live_server, tmp_path_factory) -> Iterator[IdentityProvider]:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()
    config = {
        "database": str(tmp_path_factory.mktemp("idp") / "idp.sqlite3"),
        "private_key": pem,
        "client_id": "puentes",
        "client_secret": "secreto-del-cliente",
        "redirect_uri": f"{live_server.url}/accounts/oidc/{PROVIDER_ID}/login/callback/",
        "people": {name: {**p, "password": IDP_PASSWORD} for name, p in PEOPLE.items()},
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.e2e.oidc_provider.serve"],
        cwd=BASE_DIR,
        env={**os.environ, "OIDC_TEST_PROVIDER_CONFIG": json.dumps(config)},
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        ready = process.stdout.readline()
        assert ready.startswith("READY "), f"the identity provider did not start: {ready!r}"
        url = ready.split()[1]
        yield IdentityProvider(
            url=url,
            environ={
                "SIGNIN_OIDC_NAME": PROVIDER_NAME,
                "SIGNIN_OIDC_ID": PROVIDER_ID,
                "SIGNIN_OIDC_SERVER_URL": f"{url}/o",
                "SIGNIN_OIDC_CLIENT_ID": config["client_id"],
                "SIGNIN_OIDC_CLIENT_SECRET": config["client_secret"],
            },
        )
    finally:
        process.stdin.close()
        process.wait(timeout=10)


@pytest.fixture
def signin_enabled(identity_provider: IdentityProvider, settings) -> IdentityProvider:
    """Puentes configured as an operator would, from the provider's variables."""
    settings.SOCIALACCOUNT_PROVIDERS = socialproviders.providers(identity_provider.environ)
    form_action = socialproviders.form_action(settings.SOCIALACCOUNT_PROVIDERS, [])
    directives = django_settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]
    settings.CONTENT_SECURITY_POLICY = {
        "DIRECTIVES": {**directives, "form-action": ["'self'", *form_action]}
    }
    return identity_provider


def sign_in_at_the_provider(page: Page, base_url: str, username: str) -> None:
    page.goto(base_url + "/accounts/login/")
    page.get_by_role("button", name=f"Entrar con {PROVIDER_NAME}").click()
    expect(page.get_by_role("heading", name="Identidad institucional de prueba")).to_be_visible()
    page.get_by_label("Usuario").fill(username)
    page.get_by_label("Clave").fill(IDP_PASSWORD)
    page.get_by_role("button", name="Entrar al proveedor").click()


def test_members_sign_in_with_their_university_account(
    page: Page, live_server, signin_enabled: IdentityProvider, other_expert
):
    # A newcomer: the provider identifies her, Puentes asks only her side and her name.
    sign_in_at_the_provider(page, live_server.url, "ana")
    expect(page.get_by_role("heading", name="Crear cuenta")).to_be_visible()
    expect(page.get_by_label("Nombre completo")).to_have_value("Ana Universitaria")
    expect(page.get_by_label("Correo electrónico")).to_have_value("ana@uprueba.example")
    page.get_by_label("Vivo fuera de México y quiero colaborar como persona experta").check()
    page.get_by_role("button", name="Crear mi cuenta").click()

    # Signed in at once (the provider verified the e-mail), in the expert's onboarding.
    expect(page.get_by_test_id("logout")).to_be_visible()
    expect(page).to_have_url(re.compile(r"/perfil/"))
    ana = User.objects.get(email="ana@uprueba.example")
    assert (ana.name, ana.role) == ("Ana Universitaria", "expert")
    assert EmailAddress.objects.get(user=ana).verified
    assert SocialAccount.objects.get(user=ana).provider == PROVIDER_ID

    page.goto(live_server.url + "/cuenta/")
    expect(page.get_by_test_id("account-connections")).to_contain_text(PROVIDER_NAME)

    # Next time the provider's button is all it takes (its own session is still open).
    page.get_by_test_id("logout").click()
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_role("button", name=f"Entrar con {PROVIDER_NAME}").click()
    expect(page.get_by_test_id("logout")).to_be_visible()
    expect(page).to_have_url(re.compile(r"/perfil/"))

    # A member who already has an account, with the e-mail the provider vouches for: the
    # provider's sign-in opens that account and stays connected to it.
    page.context.clear_cookies()
    sign_in_at_the_provider(page, live_server.url, "pedro")
    expect(page.get_by_test_id("logout")).to_be_visible()
    assert SocialAccount.objects.get(user=other_expert.user).provider == PROVIDER_ID
    assert User.objects.filter(email__iexact="pedro.otro@example.org").count() == 1


def test_an_unverified_email_from_the_provider_never_takes_over_an_account(
    page: Page, live_server, signin_enabled: IdentityProvider, expert_owner
):
    sign_in_at_the_provider(page, live_server.url, "intruso")

    # Not let in: the sign-up form instead. Sending it neither reveals that the address has
    # an account nor opens one; its owner is told by e-mail that someone tried.
    expect(page.get_by_role("heading", name="Crear cuenta")).to_be_visible()
    expect(page.get_by_test_id("logout")).to_have_count(0)
    page.get_by_label("Vivo fuera de México y quiero colaborar como persona experta").check()
    page.get_by_role("button", name="Crear mi cuenta").click()
    expect(
        page.get_by_role("heading", name="Verifica tu dirección de correo electrónico")
    ).to_be_visible()
    expect(page.get_by_test_id("logout")).to_have_count(0)
    assert [message.to for message in mail.outbox] == [[expert_owner.email]]

    page.goto(live_server.url + "/cuenta/")
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    assert not SocialAccount.objects.exists()
    assert User.objects.filter(email__iexact=expert_owner.email).count() == 1
    expert_owner.refresh_from_db()
    assert expert_owner.has_usable_password()
