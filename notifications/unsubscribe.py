"""Signed one-click unsubscribe links (RFC 8058). A link names who (an account, or an address
without one) and what to stop (a kind, or a digest); it never expires, because old e-mails
must keep working, and it can only ever turn e-mails off (never those of
notifications.models.MANDATORY_KINDS, whose e-mails carry no link)."""

from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.urls import reverse

from notifications.models import EmailDelivery, Kind, can_turn_off

SALT = "notifications.unsubscribe"


@dataclass(frozen=True)
class UnsubscribeRequest:
    topic: str
    user_id: int | None = None
    email: str = ""


def token_for_user(*, user_id: int, topic: str) -> str:
    return signing.dumps({"u": user_id, "t": topic}, salt=SALT, compress=True)


def token_for_email(*, email: str, topic: str) -> str:
    return signing.dumps({"e": email, "t": topic}, salt=SALT, compress=True)


def read_token(token: str) -> UnsubscribeRequest:
    """The request a link stands for; raises signing.BadSignature when it was tampered with
    or names nothing that can be turned off."""
    data = signing.loads(token, salt=SALT)
    topics = {
        *filter(can_turn_off, Kind.values),
        EmailDelivery.DIGEST_DAILY,
        EmailDelivery.DIGEST_WEEKLY,
    }
    if not isinstance(data, dict) or data.get("t") not in topics:
        raise signing.BadSignature("Malformed unsubscribe token")
    if isinstance(data.get("u"), int):
        return UnsubscribeRequest(topic=data["t"], user_id=data["u"])
    if isinstance(data.get("e"), str) and data["e"]:
        return UnsubscribeRequest(topic=data["t"], email=data["e"])
    raise signing.BadSignature("Malformed unsubscribe token")


def unsubscribe_url(token: str) -> str:
    return settings.SITE_URL + reverse("notifications:unsubscribe", kwargs={"token": token})
