"""The other accounts a person signs in with (allauth's social accounts), for the account page
and the connections page."""

from dataclasses import dataclass

from allauth.socialaccount.models import SocialAccount
from django import template
from django.http import Http404

register = template.Library()

# allauth's own name for ORCID is "Orcid.org".
BRANDS = {"orcid": "ORCID"}


@dataclass(frozen=True)
class ConnectedAccount:
    pk: int
    provider: str  # the brand: "Google", "ORCID", the university's name
    identity: str  # how the provider knows the person: an e-mail, a name, an iD


@register.simple_tag
def connected_accounts(user: object) -> list[ConnectedAccount]:
    """A query or two per account (a person has a handful). A provider switched off since (its
    variables unset) still shows, by its id, so the person can see and remove the connection."""
    rows = []
    for account in SocialAccount.objects.filter(user_id=getattr(user, "pk", None)).order_by("pk"):
        try:
            shown = account.get_provider_account()
            brand, identity = shown.get_brand()["name"], shown.to_str()
        except Http404:
            brand = account.provider
            identity = account.extra_data.get("email", "") or account.uid
        rows.append(ConnectedAccount(account.pk, BRANDS.get(account.provider, brand), identity))
    return rows
