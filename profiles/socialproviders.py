"""Sign-in with other accounts: django-allauth's providers, built from environment variables.

Read by `network/settings_apps.py` before Django is set up, so it imports no model. A provider is
on only when all of its variables are set; otherwise it is absent (no button, its URLs 404).
"""

from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

# The origins each provider's sign-in passes through: the sign-in form's POST is redirected
# there, and the Content-Security-Policy's form-action must allow it.
MICROSOFT_ORIGINS = ["https://login.microsoftonline.com", "https://login.live.com"]
GOOGLE_ORIGINS = ["https://accounts.google.com"]


def _app(environ: Mapping[str, str], prefix: str, **extra: Any) -> dict[str, Any] | None:
    client_id = environ.get(f"{prefix}_CLIENT_ID", "").strip()
    secret = environ.get(f"{prefix}_CLIENT_SECRET", "").strip()
    if not (client_id and secret):
        return None
    return {"client_id": client_id, "secret": secret, "key": "", **extra}


def _oidc(environ: Mapping[str, str]) -> dict[str, Any] | None:
    """The institution's identity provider: its discovery URL and the name on its button too."""
    server_url = environ.get("SIGNIN_OIDC_SERVER_URL", "").strip()
    name = environ.get("SIGNIN_OIDC_NAME", "").strip()
    if not (server_url and name):
        return None
    # The id is in the callback URL registered at the provider: /accounts/oidc/<id>/login/callback/
    provider_id = environ.get("SIGNIN_OIDC_ID", "").strip() or "institucional"
    settings = {"server_url": server_url, "oauth_pkce_enabled": True}
    return _app(environ, "SIGNIN_OIDC", provider_id=provider_id, name=name, settings=settings)


def providers(environ: Mapping[str, str]) -> dict[str, dict[str, Any]]:
    """SOCIALACCOUNT_PROVIDERS for the providers whose variables are set (APPS from settings,
    no SocialApp rows). E-mails count as verified only where the provider says so per address
    (Google's and OpenID Connect's `email_verified`); Microsoft's and ORCID's never do."""
    orcid_domain = environ.get("SIGNIN_ORCID_BASE_DOMAIN", "").strip() or "orcid.org"
    tenant = environ.get("SIGNIN_MICROSOFT_TENANT", "").strip() or "common"
    apps: dict[str, tuple[dict[str, Any] | None, dict[str, Any]]] = {
        "google": (_app(environ, "SIGNIN_GOOGLE"), {"SCOPE": ["openid", "profile", "email"]}),
        "microsoft": (_app(environ, "SIGNIN_MICROSOFT", settings={"tenant": tenant}), {}),
        "orcid": (_app(environ, "SIGNIN_ORCID"), {"BASE_DOMAIN": orcid_domain}),
        "openid_connect": (_oidc(environ), {}),
    }
    return {
        provider: {"APPS": [app], "VERIFIED_EMAIL": False, **options}
        for provider, (app, options) in apps.items()
        if app is not None
    }


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def form_action(configured: Mapping[str, Mapping[str, Any]], extra: list[str]) -> list[str]:
    """The origins to add to the CSP's form-action for the configured providers, plus `extra`
    (an identity provider that sends people on to another address, e.g. a federation's)."""
    origins: list[str] = []
    if "google" in configured:
        origins += GOOGLE_ORIGINS
    if "microsoft" in configured:
        origins += MICROSOFT_ORIGINS
    if "orcid" in configured:
        origins.append(f"https://{configured['orcid']['BASE_DOMAIN']}")
    for app in configured.get("openid_connect", {}).get("APPS", []):
        origins.append(_origin(app["settings"]["server_url"]))
    origins += [_origin(url) for url in extra if url.strip()]
    return list(dict.fromkeys(origins))
