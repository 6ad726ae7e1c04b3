"""Issuing, revoking and checking API keys.

A key is shown once, when issued; only its SHA-256 hash is stored. A key acts through the
person who issued it (services take that person as `by`), so it stops working as soon as that
person loses the right to issue it: an institution key when its issuer is no longer an admin
of the institution (or their account is deactivated), a partner key when its issuer is no
longer platform staff.
"""

import datetime
import hashlib
import hmac
import re
import secrets
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from network.web import LATEST_INSTANT, TOO_FAR
from partners.models import INSTITUTION_ONLY_SCOPES, ApiKey, ApiScope
from partners.services.errors import field_error
from profiles.models import Institution, User
from profiles.services.audit import audit_record
from profiles.services.institutions import is_institution_admin

KEY_PREFIX = "pnt_"
# The visible part: "pnt_" + 8 hex characters.
PREFIX_LENGTH = len(KEY_PREFIX) + 8
# What _generate() makes: the prefix, "_", then token_urlsafe's alphabet. Anything else (a NUL
# byte, which PostgreSQL text cannot hold, or any other stray character) is refused before the
# lookup.
KEY_SHAPE = re.compile(re.escape(KEY_PREFIX) + r"[0-9a-f]{8}_[A-Za-z0-9_-]{1,128}")
# last_used_at is written at most this often per key (not on every request).
LAST_USED_RESOLUTION = datetime.timedelta(minutes=1)


class ApiKeyRejected(Exception):
    """The presented key does not authenticate (the message says why, for the caller)."""


@dataclass(frozen=True)
class IssuedKey:
    api_key: ApiKey
    # The full key: shown to the person once and never stored.
    plaintext: str


def key_hash(plaintext: str) -> str:
    return hashlib.sha256(plaintext.encode()).hexdigest()


def _generate() -> tuple[str, str]:
    prefix = KEY_PREFIX + secrets.token_hex(4)
    return prefix, f"{prefix}_{secrets.token_urlsafe(32)}"


def _clean_scopes(scopes: Iterable[str], *, for_institution: bool) -> list[str]:
    chosen = set(scopes)
    unknown = chosen - set(ApiScope.values)
    if unknown:
        raise field_error(
            "scopes",
            _("Permisos desconocidos: %(scopes)s."),
            code="unknown_scope",
            params={"scopes": ", ".join(sorted(unknown))},
        )
    if not chosen:
        raise field_error("scopes", _("Elige al menos un permiso."), code="no_scope")
    if not for_institution and chosen & INSTITUTION_ONLY_SCOPES:
        raise field_error(
            "scopes",
            _("Una organización aliada solo lee: no puede escribir proyectos ni ver sugerencias."),
            code="partner_scope",
        )
    # Stored in the vocabulary's order so equal sets look equal everywhere.
    return [s for s in ApiScope.values if s in chosen]


def _clean_expiry(expires_at: datetime.datetime | None) -> datetime.datetime | None:
    if expires_at is not None and expires_at <= timezone.now():
        raise field_error(
            "expires_at",
            _("La fecha de vencimiento debe estar en el futuro."),
            code="expiry_in_past",
        )
    if expires_at is not None and expires_at >= LATEST_INSTANT:
        raise field_error("expires_at", TOO_FAR, code="expiry_too_far")
    return expires_at


@transaction.atomic
def api_key_issue(
    *,
    by: User,
    name: str,
    scopes: Iterable[str],
    institution: Institution | None = None,
    partner_name: str = "",
    contact_email: str = "",
    expires_at: datetime.datetime | None = None,
) -> IssuedKey:
    """A new key for `institution` (issued by one of its admins) or for a partner organisation
    (issued by platform staff). Returns the key and its plaintext, which is never stored."""
    name, partner_name, contact_email = name.strip(), partner_name.strip(), contact_email.strip()
    if institution is not None:
        if not is_institution_admin(user=by, institution=institution):
            raise PermissionDenied(
                _("Solo los administradores de la institución pueden emitir claves de API.")
            )
        partner_name = ""
    else:
        if not (getattr(by, "is_authenticated", False) and by.is_staff):
            raise PermissionDenied(
                _("Solo el equipo de la plataforma emite claves para organizaciones aliadas.")
            )
        if not partner_name:
            raise field_error(
                "partner_name",
                _("Indica el nombre de la organización aliada."),
                code="partner_required",
            )
    if not name:
        raise field_error(
            "name", _("Ponle un nombre a la clave: para qué sistema es."), code="name_required"
        )
    if contact_email:
        validate_email(contact_email)
    prefix, plaintext = _generate()
    api_key = ApiKey.objects.create(
        institution=institution,
        partner_name=partner_name,
        contact_email=contact_email,
        name=name[:100],
        prefix=prefix,
        hashed_key=key_hash(plaintext),
        scopes=_clean_scopes(scopes, for_institution=institution is not None),
        expires_at=_clean_expiry(expires_at),
        created_by=by,
    )
    audit_record(actor=by, action="api_key.issue", target=api_key, note=", ".join(api_key.scopes))
    return IssuedKey(api_key=api_key, plaintext=plaintext)


def can_manage_key(*, user: object, api_key: ApiKey) -> bool:
    if getattr(user, "is_staff", False) and getattr(user, "is_active", False):
        return True
    if api_key.institution is None:
        return False
    return is_institution_admin(user=user, institution=api_key.institution)


@transaction.atomic
def api_key_revoke(*, api_key: ApiKey, by: User) -> ApiKey:
    """Revoke at once (idempotent: revoking a revoked key changes nothing)."""
    if not can_manage_key(user=by, api_key=api_key):
        raise PermissionDenied(_("No puedes revocar esta clave."))
    locked = ApiKey.objects.select_for_update().get(pk=api_key.pk)
    if locked.revoked_at is None:
        locked.revoked_at, locked.revoked_by = timezone.now(), by
        locked.save(update_fields=["revoked_at", "revoked_by"])
        audit_record(actor=by, action="api_key.revoke", target=locked)
    api_key.revoked_at, api_key.revoked_by = locked.revoked_at, locked.revoked_by
    return locked


def api_key_authenticate(*, plaintext: str) -> ApiKey:
    """The active key matching `plaintext` (with its institution and issuer loaded), its
    last use stamped; raises ApiKeyRejected otherwise. One query, plus one write a minute."""
    plaintext = plaintext.strip()
    prefix = plaintext[:PREFIX_LENGTH]
    if not KEY_SHAPE.fullmatch(plaintext):
        raise ApiKeyRejected(_("La clave de API no es válida."))
    api_key = (
        ApiKey.objects.select_related("institution", "created_by")
        .with_issuer_standing()
        .filter(prefix=prefix)
        .first()
    )
    if api_key is None or not hmac.compare_digest(api_key.hashed_key, key_hash(plaintext)):
        raise ApiKeyRejected(_("La clave de API no es válida."))
    if api_key.is_revoked:
        raise ApiKeyRejected(_("Esta clave de API fue revocada."))
    if api_key.is_expired:
        raise ApiKeyRejected(_("Esta clave de API venció."))
    if not api_key.issuer_may_issue:
        raise ApiKeyRejected(
            _(
                "Quien emitió esta clave ya no puede hacerlo (dejó la institución o el equipo): "
                "pide una clave nueva."
            )
        )
    now = timezone.now()
    if api_key.last_used_at is None or api_key.last_used_at < now - LAST_USED_RESOLUTION:
        ApiKey.objects.filter(pk=api_key.pk).update(last_used_at=now)
        api_key.last_used_at = now
    return api_key
