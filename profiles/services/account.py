"""Deleting an account (LFPDPPP right of cancellation): erase the person, keep the statistics.
Suspending and reinstating an account (platform staff, with a reason, audited and notified)."""

import secrets
from typing import Any

from allauth.account.models import EmailAddress
from django.contrib.auth import SESSION_KEY
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from network.sessions import session_delete
from profiles.choices import AccountRole, Visibility
from profiles.events import (
    account_deleted,
    account_reinstated,
    account_suspended,
    profile_changed,
    profile_hidden,
)
from profiles.models import (
    AuditEntry,
    Education,
    ExpertProfile,
    Membership,
    MembershipInvitation,
    PortfolioItem,
    Skill,
    User,
)
from profiles.services.audit import audit_record
from profiles.services.experts import profile_reindex

# Erased: everything that identifies or contacts the person. Kept on the anonymised profile
# for the network's statistics: country, origin state, fields, sector, collaboration types,
# approved skills, languages and the survey answers.
ERASED_PROFILE_VALUES: dict[str, Any] = {
    "headline": "",
    "bio": "",
    "city": "",
    "timezone": "",
    "origin_municipality": "",
    "current_position": "",
    "employer": "",
    "orcid": "",
    "linkedin_url": "",
    "website_url": "",
    "visibility": Visibility.HIDDEN,
    "is_paused": True,
}
DELETED_EMAIL_DOMAIN = "deleted.invalid"  # RFC 2606: can never receive mail


def _delete_sessions_of(user: User) -> None:
    # Django keeps no user → session index; scan the live sessions once.
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if session.get_decoded().get(SESSION_KEY) == str(user.pk):
            session_delete(session.session_key)  # its cached copy too


def _anonymous_repr(user: User) -> str:
    """How the audit log names an account without personal data."""
    return f"#{user.pk}"


@transaction.atomic
def account_delete(*, user: User) -> None:
    """Erase the user's personal data in one transaction; the account can no longer log in.

    The audit entry it writes (and those already about the account) keep only the account's
    number, so the log survives the erasure without personal data.
    The caller must log the current request out afterwards (its session row is gone already).
    """
    user = User.objects.select_for_update().get(pk=user.pk)
    old_email = user.email
    AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(User), object_id=str(user.pk)
    ).update(object_repr=_anonymous_repr(user))
    audit_record(actor=None, action="account.delete", target=user, repr_=_anonymous_repr(user))
    user.email = f"deleted-{user.pk}-{secrets.token_hex(6)}@{DELETED_EMAIL_DOMAIN}"
    user.name = ""
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    user.set_unusable_password()
    user.save()
    user.groups.clear()
    user.user_permissions.clear()
    EmailAddress.objects.filter(user=user).delete()
    MembershipInvitation.objects.filter(email__iexact=old_email).delete()
    Membership.objects.filter(user=user).delete()
    _delete_sessions_of(user)

    profile = ExpertProfile.objects.filter(user=user).first()
    if profile is not None:
        for name, value in ERASED_PROFILE_VALUES.items():
            setattr(profile, name, value)
        profile.changed_at = timezone.now()
        profile.save()
        profile.states_of_interest.clear()
        Education.objects.filter(profile=profile).delete()
        PortfolioItem.objects.filter(profile=profile).delete()
        # Pending skills are the person's own free text, not yet part of the vocabulary.
        profile.skill_links.filter(skill__status=Skill.Status.PENDING).delete()
        profile_reindex(profile=profile)
        profile_changed.send(sender=ExpertProfile, profile_id=profile.pk)
        profile_hidden.send(sender=ExpertProfile, profile_id=profile.pk)
    account_deleted.send(sender=User, user_id=user.pk)


# --- Suspension --------------------------------------------------------------------------------


def _checked_reason(reason: str, *, by: User) -> str:
    if not getattr(by, "is_staff", False):
        raise PermissionDenied(_("Solo el equipo de la plataforma puede suspender cuentas."))
    reason = " ".join((reason or "").split())
    if not reason:
        raise ValidationError({"reason": _("Escribe el motivo: la persona lo recibirá.")})
    return reason


@transaction.atomic
def account_suspend(*, user: User, by: User, reason: str) -> User:
    """Suspend an account: it can no longer sign in (its sessions end now) and its profile
    leaves every audience at once, like a hidden one (its pending suggestions are withdrawn).
    Audited with the reason; `account_suspended` tells the person (notifications e-mails them).
    The profile's own settings are untouched, so reinstating restores it as it was."""
    reason = _checked_reason(reason, by=by)
    user = User.objects.select_for_update().get(pk=user.pk)
    if user.pk == by.pk:
        raise ValidationError(_("No puedes suspender tu propia cuenta."))
    if user.is_suspended:
        raise ValidationError(_("La cuenta %(account)s ya está suspendida.") % {"account": user})
    if user.email.endswith(f"@{DELETED_EMAIL_DOMAIN}"):
        raise ValidationError(_("Esa cuenta fue eliminada."))
    user.is_active = False
    user.suspended_at = timezone.now()
    user.save(update_fields=["is_active", "suspended_at"])
    _delete_sessions_of(user)
    audit_record(actor=by, action="account.suspend", target=user, note=reason)
    profile_id = ExpertProfile.objects.filter(user=user).values_list("pk", flat=True).first()
    if profile_id is not None:
        profile_hidden.send(sender=ExpertProfile, profile_id=profile_id)
        profile_changed.send(sender=ExpertProfile, profile_id=profile_id)
    account_suspended.send(sender=User, user_id=user.pk, by_id=by.pk, reason=reason)
    return user


@transaction.atomic
def account_reinstate(*, user: User, by: User, reason: str) -> User:
    """Lift a suspension: the person can sign in again and their profile is shown as its own
    settings say. Audited with the reason; `account_reinstated` tells the person."""
    reason = _checked_reason(reason, by=by)
    user = User.objects.select_for_update().get(pk=user.pk)
    if not user.is_suspended:
        raise ValidationError(_("La cuenta %(account)s no está suspendida.") % {"account": user})
    user.is_active = True
    user.suspended_at = None
    user.save(update_fields=["is_active", "suspended_at"])
    audit_record(actor=by, action="account.reinstate", target=user, note=reason)
    profile_id = ExpertProfile.objects.filter(user=user).values_list("pk", flat=True).first()
    if profile_id is not None:
        profile_changed.send(sender=ExpertProfile, profile_id=profile_id)
    account_reinstated.send(sender=User, user_id=user.pk, by_id=by.pk, reason=reason)
    return user


__all__ = ["account_delete", "account_reinstate", "account_suspend"]


def account_role_set(*, user: User, role: str) -> User:
    """Switch sides or add the other one. Nothing is deleted: a profile or a membership made
    under the other side stays, and shows again when that side is chosen again."""
    if role not in AccountRole.values:
        raise ValidationError(_("Elige una de las opciones."), code="invalid_role")
    user.role = role
    user.save(update_fields=["role"])
    return user


def account_language_set(*, user: User, language: str) -> User:
    """The language of the site and of the e-mails Puentes sends this person."""
    user.language = language
    user.save(update_fields=["language"])
    return user
