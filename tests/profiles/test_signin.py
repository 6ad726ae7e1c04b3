"""Sign-in with other accounts: providers from the environment, buttons only for those that are
on, and an existing account reached only through an e-mail verified on both sides."""

import os
import subprocess
import sys

import pytest
from allauth.account.models import EmailAddress
from allauth.socialaccount.models import SocialAccount, SocialLogin
from django.conf import settings as django_settings
from django.test import Client

from profiles import socialproviders
from profiles.adapters import SocialAccountAdapter
from profiles.models import User
from tests.conftest import BASE_DIR
from tests.factories.profiles import UserFactory

GOOGLE = {"SIGNIN_GOOGLE_CLIENT_ID": "google-id", "SIGNIN_GOOGLE_CLIENT_SECRET": "google-secret"}
OIDC = {
    "SIGNIN_OIDC_NAME": "Universidad de Guadalajara",
    "SIGNIN_OIDC_SERVER_URL": "https://idp.udg.example/realms/udg",
    "SIGNIN_OIDC_CLIENT_ID": "puentes",
    "SIGNIN_OIDC_CLIENT_SECRET": "oidc-secret",
}
OFF_URLS = [
    "/accounts/google/login/",
    "/accounts/google/login/callback/",
    "/accounts/microsoft/login/",
    "/accounts/orcid/login/callback/",
    "/accounts/oidc/institucional/login/",
    "/accounts/oidc/institucional/login/callback/",
]


@pytest.fixture
def google_on(settings) -> None:
    settings.SOCIALACCOUNT_PROVIDERS = socialproviders.providers(GOOGLE)


# --- Providers from the environment ------------------------------------------------------------


def test_no_provider_is_on_without_its_variables():
    assert socialproviders.providers({}) == {}
    assert socialproviders.form_action({}, []) == []


def test_a_provider_with_a_client_id_but_no_secret_stays_off():
    environ = {**GOOGLE, "SIGNIN_GOOGLE_CLIENT_SECRET": " ", "SIGNIN_ORCID_CLIENT_ID": "orcid"}

    assert socialproviders.providers(environ) == {}


def test_the_institutions_provider_needs_its_server_url_and_its_name():
    assert socialproviders.providers({**OIDC, "SIGNIN_OIDC_NAME": ""}) == {}
    assert socialproviders.providers({**OIDC, "SIGNIN_OIDC_SERVER_URL": ""}) == {}


def test_each_provider_is_configured_from_its_variables():
    environ = {
        **GOOGLE,
        **OIDC,
        "SIGNIN_MICROSOFT_CLIENT_ID": "ms-id",
        "SIGNIN_MICROSOFT_CLIENT_SECRET": "ms-secret",
        "SIGNIN_MICROSOFT_TENANT": "organizations",
        "SIGNIN_ORCID_CLIENT_ID": "APP-1",
        "SIGNIN_ORCID_CLIENT_SECRET": "orcid-secret",
        "SIGNIN_ORCID_BASE_DOMAIN": "sandbox.orcid.org",
        "SIGNIN_OIDC_ID": "udg",
    }

    assert socialproviders.providers(environ) == {
        "google": {
            "APPS": [{"client_id": "google-id", "secret": "google-secret", "key": ""}],
            "VERIFIED_EMAIL": False,
            "SCOPE": ["openid", "profile", "email"],
        },
        "microsoft": {
            "APPS": [
                {
                    "client_id": "ms-id",
                    "secret": "ms-secret",
                    "key": "",
                    "settings": {"tenant": "organizations"},
                }
            ],
            "VERIFIED_EMAIL": False,
        },
        "orcid": {
            "APPS": [{"client_id": "APP-1", "secret": "orcid-secret", "key": ""}],
            "VERIFIED_EMAIL": False,
            "BASE_DOMAIN": "sandbox.orcid.org",
        },
        "openid_connect": {
            "APPS": [
                {
                    "client_id": "puentes",
                    "secret": "oidc-secret",
                    "key": "",
                    "provider_id": "udg",
                    "name": "Universidad de Guadalajara",
                    "settings": {
                        "server_url": "https://idp.udg.example/realms/udg",
                        "oauth_pkce_enabled": True,
                    },
                }
            ],
            "VERIFIED_EMAIL": False,
        },
    }


def test_the_sign_in_form_may_be_sent_on_to_each_enabled_provider_only():
    configured = socialproviders.providers({**GOOGLE, **OIDC})

    assert socialproviders.form_action(configured, ["https://fed.example/x", " "]) == [
        "https://accounts.google.com",
        "https://idp.udg.example",
        "https://fed.example",
    ]


def test_every_sign_in_variable_is_listed_in_env_example_and_in_the_readme():
    read: set[str] = set()

    class Recording(dict):
        def get(self, key: str, default: object = None) -> str:
            read.add(key)
            return "set"

    socialproviders.providers(Recording())
    env_example = (BASE_DIR / ".env.example").read_text()
    readme = (BASE_DIR / "README.md").read_text()

    assert len(read) == 13
    assert [name for name in sorted(read) if f"# {name}=" not in env_example] == []
    assert [name for name in sorted(read) if f"`{name}`" not in readme] == []


def test_settings_turn_a_provider_on_from_the_environment_and_let_the_sign_in_form_go_there():
    # The settings module alone, as the process starting Puentes reads it (no app loading).
    code = (
        "from network import settings as s; "
        "print(sorted(s.SOCIALACCOUNT_PROVIDERS)); "
        "print(s.CONTENT_SECURITY_POLICY['DIRECTIVES']['form-action']); "
        "print(s.CONTENT_SECURITY_POLICY['DIRECTIVES']['default-src'])"
    )
    environ = {k: v for k, v in os.environ.items() if not k.startswith("SIGNIN_")}
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=BASE_DIR,
        env={**environ, **GOOGLE},
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.stdout.splitlines() == [
        "['google']",
        "[\"'self'\", 'https://accounts.google.com']",
        "[\"'self'\"]",
    ], result.stderr


def test_without_providers_the_sign_in_form_goes_nowhere_else():
    assert django_settings.SOCIALACCOUNT_PROVIDERS == {}
    assert django_settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["form-action"] == ["'self'"]


# --- Pages: buttons only for enabled providers; a provider that is off is not there -----------


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/accounts/login/", "/accounts/signup/"])
def test_no_sign_in_buttons_when_no_provider_is_on(anonymous: Client, path: str):
    page = anonymous.get(path).content.decode()

    assert "Entrar con" not in page
    assert "O entra con otra cuenta" not in page


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/accounts/login/", "/accounts/signup/"])
def test_sign_in_buttons_show_only_for_the_enabled_providers(
    anonymous: Client, google_on: None, path: str
):
    page = anonymous.get(path).content.decode()

    assert "O entra con otra cuenta" in page
    assert 'action="/accounts/google/login/?process=login"' in page
    assert "Entrar con Google" in page
    assert "Microsoft" not in page
    assert "ORCID" not in page


@pytest.mark.django_db
@pytest.mark.parametrize("path", OFF_URLS)
def test_a_provider_that_is_off_answers_not_found(anonymous: Client, path: str):
    assert anonymous.get(path).status_code == 404
    assert anonymous.post(path).status_code == 404


@pytest.mark.django_db
def test_a_provider_that_is_on_sends_the_sign_in_on_to_it(anonymous: Client, google_on: None):
    response = anonymous.post("/accounts/google/login/?process=login")

    assert response.status_code == 302
    assert response["Location"].startswith("https://accounts.google.com/o/oauth2/v2/auth?")
    assert "client_id=google-id" in response["Location"]


# --- An existing account only through an e-mail verified on both sides ------------------------


def _login(email: str, *, verified: bool) -> SocialLogin:
    return SocialLogin(
        provider=SocialAccountAdapter().get_provider(None, "google"),
        user=User(email=email),
        account=SocialAccount(provider="google", uid="g-1"),
        email_addresses=[EmailAddress(email=email, verified=verified, primary=True)],
    )


@pytest.mark.django_db
def test_an_email_the_provider_verified_reaches_the_account_that_verified_it(
    google_on: None, expert_owner: User
):
    login = _login("MARIA.experta@example.org", verified=True)

    assert SocialAccountAdapter().authenticate_by_email(login) == (
        expert_owner,
        "maria.experta@example.org",
    )


@pytest.mark.django_db
def test_an_email_the_provider_did_not_verify_reaches_no_account(
    google_on: None, expert_owner: User
):
    assert (
        SocialAccountAdapter().authenticate_by_email(_login(expert_owner.email, verified=False))
        is None
    )


@pytest.mark.django_db
def test_an_account_that_never_verified_its_email_is_not_reached_by_it(google_on: None):
    squatter = UserFactory(email="victima@example.org")
    EmailAddress.objects.filter(user=squatter).update(verified=False)

    assert (
        SocialAccountAdapter().authenticate_by_email(_login(squatter.email, verified=True)) is None
    )


# --- Connected accounts on the account page ----------------------------------------------------


@pytest.mark.django_db
def test_the_account_page_lists_connected_accounts_even_of_a_provider_now_off(
    client: Client, expert_owner: User
):
    SocialAccount.objects.create(
        user=expert_owner, provider="google", uid="g-1", extra_data={"email": "maria@gmail.example"}
    )
    client.force_login(expert_owner)

    page = client.get("/cuenta/").content.decode()

    assert "google · maria@gmail.example" in page
    assert 'href="/accounts/3rdparty/"' in page


@pytest.mark.django_db
def test_the_account_page_says_nothing_of_other_accounts_when_none_is_possible(
    client: Client, expert_owner: User
):
    client.force_login(expert_owner)

    page = client.get("/cuenta/").content.decode()

    assert "Otras cuentas con las que entras" not in page


@pytest.mark.django_db
def test_connections_page_lists_mine_and_offers_the_enabled_providers(
    client: Client, google_on: None, expert_owner: User, other_expert
):
    mine = SocialAccount.objects.create(
        user=expert_owner, provider="google", uid="g-1", extra_data={"email": "maria@gmail.example"}
    )
    SocialAccount.objects.create(
        user=other_expert.user,
        provider="google",
        uid="g-2",
        extra_data={"email": "pedro@x.example"},
    )
    client.force_login(expert_owner)

    page = client.get("/accounts/3rdparty/").content.decode()

    assert f'value="{mine.pk}"' in page
    assert "maria@gmail.example" in page
    assert "pedro@x.example" not in page
    assert 'action="/accounts/google/login/?process=connect"' in page
    assert "Conectar Google" in page


@pytest.mark.django_db
def test_stranger_cannot_disconnect_someone_elses_account(
    client: Client, google_on: None, expert_owner: User, stranger: User
):
    theirs = SocialAccount.objects.create(user=expert_owner, provider="google", uid="g-1")
    client.force_login(stranger)

    response = client.post("/accounts/3rdparty/", {"account": theirs.pk})

    assert response.status_code == 200  # the form again, with its error
    assert SocialAccount.objects.filter(pk=theirs.pk).exists()


@pytest.mark.django_db
def test_a_member_disconnects_their_own_account(
    client: Client, google_on: None, expert_owner: User
):
    mine = SocialAccount.objects.create(user=expert_owner, provider="google", uid="g-1")
    client.force_login(expert_owner)

    response = client.post("/accounts/3rdparty/", {"account": mine.pk})

    assert response.status_code == 302
    assert not SocialAccount.objects.filter(pk=mine.pk).exists()
