"""Webhook subscriptions: create, change, rotate the secret, delete.

Institution subscriptions are managed by the institution's admins (in the site, or through a
key they issued); a partner organisation's subscriptions by its key (issued by staff).
"""

import datetime
import secrets
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from partners.models import ALREADY_SUBSCRIBED, ApiKey, WebhookEvent, WebhookSubscription
from partners.outbound import DestinationRefused, destination_check_url
from partners.services.errors import field_error
from profiles.models import Institution, User
from profiles.services.institutions import is_institution_admin

SECRET_PREFIX = "whsec_"
URL_ONCE = frozenset({"webhook_url_once_per_institution", "webhook_url_once_per_partner_key"})
T = TypeVar("T")


def _new_secret() -> str:
    return SECRET_PREFIX + secrets.token_urlsafe(32)


def can_manage_subscriptions(
    *, user: object, institution: Institution | None = None, partner_key: ApiKey | None = None
) -> bool:
    # Platform staff manage every subscription (from the Django admin).
    if getattr(user, "is_staff", False) and getattr(user, "is_active", False):
        return institution is not None or partner_key is not None
    if institution is not None:
        return is_institution_admin(user=user, institution=institution)
    return False


def _require_manager(
    *, by: User, institution: Institution | None, partner_key: ApiKey | None
) -> None:
    if not can_manage_subscriptions(user=by, institution=institution, partner_key=partner_key):
        raise PermissionDenied(_("Solo los administradores de la institución manejan webhooks."))


def _clean_url(url: str) -> str:
    url = (url or "").strip()
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError as error:
        raise field_error(
            "url",
            _("Escribe una URL completa, p. ej. https://crm.example.org/puentes."),
            code="invalid_url",
        ) from error
    if len(url) > 500:
        raise field_error("url", _("La URL es demasiado larga."), code="url_too_long")
    try:
        destination_check_url(url)
    except DestinationRefused as error:
        raise field_error("url", str(error), code="url_refused") from error
    return url


def _already_subscribed() -> ValidationError:
    return field_error("url", ALREADY_SUBSCRIBED, code="already_subscribed")


def _require_url_free(
    url: str,
    *,
    institution: Institution | None,
    partner_key: ApiKey | None,
    other_than: int | None = None,
) -> None:
    owned = WebhookSubscription.objects.filter(
        institution=institution, partner_key=partner_key, url=url
    )
    if other_than is not None:
        owned = owned.exclude(pk=other_than)
    if owned.exists():
        raise _already_subscribed()


def _write_once(write: Callable[[], T]) -> T:
    """Run a write that two requests at once could both pass the URL check for: the loser
    hits the database's constraint and gets the same field error (never a 500)."""
    try:
        with transaction.atomic():
            return write()
    except IntegrityError as error:
        constraint = getattr(getattr(error.__cause__, "diag", None), "constraint_name", None)
        if constraint in URL_ONCE:
            raise _already_subscribed() from error
        raise


def _clean_events(events: Iterable[str]) -> list[str]:
    chosen = set(events)
    unknown = chosen - set(WebhookEvent.values)
    if unknown:
        raise field_error(
            "events",
            _("Eventos desconocidos: %(events)s."),
            code="unknown_event",
            params={"events": ", ".join(sorted(unknown))},
        )
    if not chosen:
        raise field_error("events", _("Elige al menos un evento."), code="no_event")
    return [e for e in WebhookEvent.values if e in chosen]


@transaction.atomic
def webhook_subscription_create(
    *,
    by: User,
    url: str,
    events: Iterable[str],
    description: str = "",
    institution: Institution | None = None,
    partner_key: ApiKey | None = None,
) -> WebhookSubscription:
    """Subscribe `url` for an institution or for a partner organisation's key, once: the
    same owner subscribing the same URL again is refused on `url` (the receiver would hear
    every event twice; change the events of the one it has)."""
    if (institution is None) == (partner_key is None):
        raise ValueError("A subscription belongs to an institution or to a partner key")
    if partner_key is not None and partner_key.institution_id is not None:
        raise ValueError("An institution's key subscribes for its institution")
    _require_manager(by=by, institution=institution, partner_key=partner_key)
    url = _clean_url(url)
    _require_url_free(url, institution=institution, partner_key=partner_key)
    events = _clean_events(events)
    return _write_once(
        lambda: WebhookSubscription.objects.create(
            institution=institution,
            partner_key=partner_key,
            url=url,
            events=events,
            description=(description or "").strip()[:200],
            secret=_new_secret(),
            created_by=by,
        )
    )


def _owner_kwargs(subscription: WebhookSubscription) -> dict[str, Any]:
    return {"institution": subscription.institution, "partner_key": subscription.partner_key}


@transaction.atomic
def webhook_subscription_update(
    *,
    subscription: WebhookSubscription,
    by: User,
    url: str | None = None,
    events: Iterable[str] | None = None,
    description: str | None = None,
    is_active: bool | None = None,
) -> WebhookSubscription:
    """Change what is given. Switching a subscription back on clears its failure count."""
    _require_manager(by=by, **_owner_kwargs(subscription))
    if url is not None:
        subscription.url = _clean_url(url)
        _require_url_free(
            subscription.url, **_owner_kwargs(subscription), other_than=subscription.pk
        )
    if events is not None:
        subscription.events = _clean_events(events)
    if description is not None:
        subscription.description = description.strip()[:200]
    if is_active is not None:
        if is_active and not subscription.is_active:
            subscription.consecutive_failures = 0
            subscription.disabled_at = None
        subscription.is_active = is_active
    _write_once(subscription.save)
    return subscription


@transaction.atomic
def webhook_secret_rotate(*, subscription: WebhookSubscription, by: User) -> WebhookSubscription:
    """A new secret signs from now on; the old one keeps signing too during a grace period
    (PARTNERS_WEBHOOK_SECRET_GRACE_HOURS) so the receiver can switch without a gap."""
    _require_manager(by=by, **_owner_kwargs(subscription))
    locked = WebhookSubscription.objects.select_for_update().get(pk=subscription.pk)
    locked.previous_secret = locked.secret
    locked.previous_secret_expires_at = timezone.now() + datetime.timedelta(
        hours=settings.PARTNERS_WEBHOOK_SECRET_GRACE_HOURS
    )
    locked.secret = _new_secret()
    locked.save(update_fields=["secret", "previous_secret", "previous_secret_expires_at"])
    return locked


@transaction.atomic
def webhook_subscription_delete(*, subscription: WebhookSubscription, by: User) -> None:
    """Delete the subscription and its delivery log."""
    _require_manager(by=by, **_owner_kwargs(subscription))
    subscription.delete()
