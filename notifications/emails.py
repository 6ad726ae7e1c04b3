"""Rendering notification e-mails and notices.

Each kind has, per language, three templates under templates/emails/notifications/<lang>/:
`<kind>_subject.txt` (also the one-line title in the notification centre),
`<kind>_message.txt` and `<kind>_message.html`. Whole texts per language read better than
sentences stitched from fragments; a language without its own templates falls back to
settings.LANGUAGE_CODE. Every template gets the notice's payload plus `link` (absolute),
`unsubscribe_url` and `preferences_url`.

Every e-mail built here carries a signed one-click unsubscribe link and the RFC 8058 headers,
except those of the operations notices nobody can turn off (models.MANDATORY_KINDS, e.g. a
webhook switched off), whose templates say why they are sent. Security mail (password reset,
address verification) is sent by allauth and never passes through here.
"""

import contextlib
import datetime
import zoneinfo
from dataclasses import dataclass
from itertools import groupby
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import select_template
from django.urls import reverse
from django.utils import timezone, translation

from notifications.models import EmailDelivery, Frequency, Kind, Notification, can_turn_off
from notifications.unsubscribe import token_for_email, token_for_user, unsubscribe_url
from profiles.models import ExpertProfile, User

TEMPLATE_ROOT = "emails/notifications"


class NothingToSend(Exception):
    """A digest whose items are all gone."""


def absolute(path: str) -> str:
    if not path:
        return settings.SITE_URL + "/"
    if path.startswith(("http://", "https://")):
        return path
    return settings.SITE_URL + path


def _template_names(language: str, name: str) -> list[str]:
    names = [f"{TEMPLATE_ROOT}/{language}/{name}"]
    if language != settings.LANGUAGE_CODE:
        names.append(f"{TEMPLATE_ROOT}/{settings.LANGUAGE_CODE}/{name}")
    return names


def _render(language: str, name: str, context: dict[str, Any]) -> str:
    template = select_template(_template_names(language, name))
    with translation.override(language):
        return template.render(_in_language(context, language))


def _in_language(context: dict[str, Any], language: str) -> dict[str, Any]:
    """A payload may name a thing in another language too (`chapter_name_en` next to
    `chapter_name`): the reader's name, when there is one, replaces the default's."""
    suffix = f"_{language}"
    if language == settings.LANGUAGE_CODE:
        return context
    named = {key.removesuffix(suffix): v for key, v in context.items() if key.endswith(suffix)}
    return {**context, **{key: v for key, v in named.items() if v and key in context}}


def _language(code: str) -> str:
    available = {code for code, _name in settings.LANGUAGES}
    return code if code in available else settings.LANGUAGE_CODE


def timezone_of(user: User | None) -> zoneinfo.ZoneInfo:
    """The recipient's time zone: their expert profile's, else the network's default."""
    name = ""
    if user is not None:
        try:
            name = user.expert_profile.timezone
        except ExpertProfile.DoesNotExist:
            name = ""
    try:
        return zoneinfo.ZoneInfo(name or settings.NOTIFICATIONS_DEFAULT_TIMEZONE)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo(settings.NOTIFICATIONS_DEFAULT_TIMEZONE)


def payload_context(payload: dict[str, Any]) -> dict[str, Any]:
    """The payload as template context: ISO timestamps (keys ending in `_at`) become aware
    datetimes so templates format them in the reader's time zone and language."""
    context = dict(payload)
    for key, value in payload.items():
        if key.endswith("_at") and isinstance(value, str):
            with contextlib.suppress(ValueError):
                context[key] = datetime.datetime.fromisoformat(value)
    return context


def experts_still_shown(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The experts a payload names, less those hidden, paused, suspended or deleted since the
    notice was written (an e-mail is rendered when sent, maybe hours later)."""
    ids = {item.get("id") or _id_from_path(item.get("url", "")) for item in items}
    shown = set(
        ExpertProfile.objects.available().filter(pk__in=ids - {0}).values_list("pk", flat=True)
    )
    return [
        item for item in items if (item.get("id") or _id_from_path(item.get("url", ""))) in shown
    ]


def _id_from_path(path: str) -> int:
    # Notices written before payloads carried ids name the profile by its page's path.
    last = path.rstrip("/").rsplit("/", 1)[-1]
    return int(last) if last.isascii() and last.isdigit() else 0


def render_title(*, kind: str, payload: dict[str, Any], language: str) -> str:
    """One line saying what happened, in `language` (the e-mail's subject, the notice's title)."""
    text = _render(_language(language), f"{kind}_subject.txt", payload_context(payload))
    return " ".join(text.split())


# --- E-mails ----------------------------------------------------------------------------------


def _unsubscribe_link(delivery: EmailDelivery) -> str:
    """The one-click link that stops e-mails like this one ("" for a kind that cannot stop)."""
    if not delivery.is_digest and not can_turn_off(delivery.kind):
        return ""
    if delivery.recipient_id is not None:
        token = token_for_user(user_id=delivery.recipient_id, topic=delivery.kind)
    else:
        token = token_for_email(email=delivery.to_email, topic=delivery.kind)
    return unsubscribe_url(token)


def _base_context(delivery: EmailDelivery) -> dict[str, Any]:
    return {
        "site_url": settings.SITE_URL,
        "recipient_name": delivery.recipient.name if delivery.recipient else "",
        "unsubscribe_url": _unsubscribe_link(delivery),
        "preferences_url": (
            absolute(reverse("notifications:preferences")) if delivery.recipient_id else ""
        ),
        "to_email": delivery.to_email,
    }


@dataclass
class DigestGroup:
    """One kind's notices in a digest (the templates name the kind in their language)."""

    kind: str
    items: list[dict[str, Any]]


def _digest_groups(items: list[Notification], language: str) -> list[DigestGroup]:
    order = {kind: index for index, kind in enumerate(Kind.values)}
    items = sorted(items, key=lambda n: (order.get(n.kind, len(order)), n.created_at, n.pk))
    return [
        DigestGroup(
            kind=kind,
            items=[
                {
                    "title": render_title(kind=kind, payload=n.payload, language=language),
                    "link": absolute(n.url),
                    "created_at": n.created_at,
                }
                for n in members
            ],
        )
        for kind, members in groupby(items, key=lambda n: n.kind)
    ]


def _contents(delivery: EmailDelivery, context: dict[str, Any]) -> tuple[str, str, str]:
    language = _language(delivery.language)
    if delivery.is_digest:
        items = list(delivery.digest_items.all())
        if not items:
            raise NothingToSend("The digest has no items left")
        context["groups"] = _digest_groups(items, language)
        context["count"] = len(items)
        context["frequency"] = (
            Frequency.DAILY if delivery.kind == EmailDelivery.DIGEST_DAILY else Frequency.WEEKLY
        )
        context["link"] = absolute(reverse("notifications:list"))
        name = "digest"
    else:
        payload = delivery.notification.payload if delivery.notification else delivery.payload
        context.update(payload_context(payload))
        if "experts" in payload:
            context["experts"] = experts_still_shown(payload["experts"])
        context["link"] = absolute(payload.get("url", ""))
        name = delivery.kind
    subject = " ".join(_render(language, f"{name}_subject.txt", context).split())
    text = _render(language, f"{name}_message.txt", context)
    html = _render(language, f"{name}_message.html", context)
    return subject, text, html


def build_message(delivery: EmailDelivery) -> EmailMultiAlternatives:
    """The e-mail for one outbox row, in the recipient's language and time zone."""
    context = _base_context(delivery)
    with timezone.override(timezone_of(delivery.recipient)):
        subject, text, html = _contents(delivery, context)
    prefix = getattr(settings, "ACCOUNT_EMAIL_SUBJECT_PREFIX", "")
    headers = {"Message-ID": delivery.message_id}
    if context["unsubscribe_url"]:
        headers["List-Unsubscribe"] = f"<{context['unsubscribe_url']}>"
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    headers["Auto-Submitted"] = "auto-generated"
    headers["X-Puentes-Delivery"] = delivery.idempotency_key
    message = EmailMultiAlternatives(
        subject=f"{prefix}{subject}", body=text, to=[delivery.to_email], headers=headers
    )
    message.attach_alternative(html, "text/html")
    return message
