"""Institutions and their members: registration, verification by platform staff, invitations.

Every rule lives here; views, the Django admin and demo data all call these functions. Each
decision is written to the audit log (profiles.services.audit) and the ones other apps care
about are sent as domain events (profiles.events).
"""

import datetime
import functools
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from profiles import events
from profiles.models import Institution, Membership, MembershipInvitation, State, User
from profiles.services.audit import audit_record

# Path segments under /instituciones/ that are pages, so no institution may take them as slug.
RESERVED_SLUGS = frozenset({"registrar", "unirse"})
# An unanswered invitation stops working after this many days; the admin can send a new one.
INVITATION_VALID_DAYS = 30
EDITABLE_FIELDS = frozenset(
    {"name", "kind", "state", "municipality", "website", "description", "logo"}
)


# --- Permissions ------------------------------------------------------------------------------


def is_institution_admin(*, user: object, institution: Institution) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return Membership.objects.filter(
        user=user, institution=institution, role=Membership.Role.ADMIN
    ).exists()


def _require_institution_admin(*, user: object, institution: Institution) -> None:
    if not is_institution_admin(user=user, institution=institution):
        raise PermissionDenied(_("Solo los administradores de la institución pueden hacer esto."))


def _require_staff(*, user: object) -> None:
    if not (getattr(user, "is_authenticated", False) and user.is_staff):
        raise PermissionDenied(
            _("Solo el equipo de la plataforma puede verificar o rechazar instituciones.")
        )


# --- Institutions -----------------------------------------------------------------------------


def _unique_slug(name: str) -> str:
    base = slugify(name)[:200].strip("-") or "institucion"
    slug, n = base, 1
    while slug in RESERVED_SLUGS or Institution.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def _refuse_duplicate_name(*, name: str, exclude_pk: int | None = None) -> None:
    # A second "Universidad de Guadalajara" would let anyone speak for the real one.
    clashes = Institution.objects.exclude(
        verification_status=Institution.Verification.REJECTED
    ).filter(name__iexact=name)
    if exclude_pk is not None:
        clashes = clashes.exclude(pk=exclude_pk)
    if clashes.exists():
        raise ValidationError(
            {
                "name": _(
                    "Ya hay una institución registrada con ese nombre. Pide a uno de sus "
                    "administradores que te invite."
                )
            },
            code="duplicate_institution",
        )


@transaction.atomic
def institution_register(
    *,
    by: User,
    name: str,
    kind: str,
    state: State,
    municipality: str = "",
    website: str = "",
    description: str = "",
    logo: UploadedFile | None = None,
) -> Institution:
    """Register an institution, pending until platform staff verify it; `by` becomes its admin."""
    if not getattr(by, "is_authenticated", False):
        raise PermissionDenied(_("Inicia sesión para registrar una institución."))
    name = " ".join(name.split())
    _refuse_duplicate_name(name=name)
    institution = Institution(
        name=name,
        slug=_unique_slug(name),
        kind=kind,
        state=state,
        municipality=municipality.strip(),
        website=website.strip(),
        description=description.strip(),
        verification_status=Institution.Verification.PENDING,
        created_by=by,
    )
    if logo:
        institution.logo = logo
    institution.full_clean()
    institution.save()
    Membership.objects.create(user=by, institution=institution, role=Membership.Role.ADMIN)
    audit_record(actor=by, action="institution.register", target=institution)
    return institution


@transaction.atomic
def institution_update(*, institution: Institution, by: User, **changes: Any) -> Institution:
    """Change an institution's public data (institution admins only).

    `logo` replaces the logo with an uploaded file, or removes it when falsy; leave it out to
    keep the current one. A verified institution keeps its name (staff change it in the admin);
    editing a rejected institution sends it back to the verification queue.
    """
    _require_institution_admin(user=by, institution=institution)
    unknown = set(changes) - EDITABLE_FIELDS
    if unknown:
        raise TypeError(f"institution_update() cannot change {sorted(unknown)}")
    # A full save follows: start from the stored row, not from what the caller last read.
    institution.refresh_from_db(from_queryset=Institution.objects.select_for_update())
    if "name" in changes:
        changes["name"] = " ".join(changes["name"].split())
        if changes["name"] != institution.name:
            if institution.is_verified:
                raise ValidationError(
                    {
                        "name": _(
                            "El nombre de una institución verificada solo lo puede cambiar el "
                            "equipo de la plataforma; escríbele si tu institución cambió de "
                            "nombre."
                        )
                    },
                    code="verified_name_locked",
                )
            _refuse_duplicate_name(name=changes["name"], exclude_pk=institution.pk)
    for field in ("municipality", "website", "description"):
        if field in changes:
            changes[field] = (changes[field] or "").strip()

    old_logo_name = institution.logo.name if institution.logo else ""
    changed = []
    for field, value in changes.items():
        if field == "logo":
            if value or old_logo_name:
                institution.logo = value or None
                changed.append(field)
        elif getattr(institution, field) != value:
            setattr(institution, field, value)
            changed.append(field)
    resubmitted = institution.verification_status == Institution.Verification.REJECTED
    if not changed and not resubmitted:
        return institution
    if resubmitted:
        institution.verification_status = Institution.Verification.PENDING
        institution.rejection_reason = ""
    # created_by is null once the registrant's account is deleted; that must not block edits.
    institution.full_clean(exclude=["created_by"])
    institution.save()
    if "logo" in changed and old_logo_name:
        storage = institution.logo.storage
        transaction.on_commit(functools.partial(storage.delete, old_logo_name), robust=True)
    audit_record(
        actor=by, action="institution.update", target=institution, note=", ".join(sorted(changed))
    )
    if resubmitted:
        audit_record(actor=by, action="institution.resubmit", target=institution)
    return institution


@transaction.atomic
def institution_verify(*, institution: Institution, by: User) -> Institution:
    """Mark an institution verified (platform staff only). Verifying twice changes nothing."""
    _require_staff(user=by)
    institution.refresh_from_db(from_queryset=Institution.objects.select_for_update())
    if institution.is_verified:
        return institution
    institution.verification_status = Institution.Verification.VERIFIED
    institution.rejection_reason = ""
    institution.verified_at = timezone.now()
    institution.save(update_fields=["verification_status", "rejection_reason", "verified_at"])
    audit_record(actor=by, action="institution.verify", target=institution)
    events.institution_verified.send(
        sender=Institution, institution_id=institution.pk, by_id=by.pk, reason=""
    )
    return institution


@transaction.atomic
def institution_reject(*, institution: Institution, by: User, reason: str) -> Institution:
    """Reject an institution with a reason its admins will read (platform staff only).

    Rejecting a verified institution withdraws its verification."""
    _require_staff(user=by)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            {"reason": _("Escribe el motivo del rechazo: la institución lo leerá.")},
            code="reason_required",
        )
    institution.refresh_from_db(from_queryset=Institution.objects.select_for_update())
    institution.verification_status = Institution.Verification.REJECTED
    institution.rejection_reason = reason
    institution.verified_at = None
    institution.save(update_fields=["verification_status", "rejection_reason", "verified_at"])
    audit_record(actor=by, action="institution.reject", target=institution, note=reason)
    events.institution_rejected.send(
        sender=Institution, institution_id=institution.pk, by_id=by.pk, reason=reason
    )
    return institution


# --- Invitations ------------------------------------------------------------------------------


def invitation_expires_at(invitation: MembershipInvitation) -> datetime.datetime:
    return invitation.created_at + datetime.timedelta(days=INVITATION_VALID_DAYS)


def invitation_is_expired(invitation: MembershipInvitation) -> bool:
    return invitation.is_open and timezone.now() >= invitation_expires_at(invitation)


def _users_with_email(email: str) -> Q:
    """Users whose account e-mail or a verified allauth address is `email` (any case)."""
    return Q(email__iexact=email) | Q(
        emailaddress__email__iexact=email, emailaddress__verified=True
    )


def mask_email(email: str) -> str:
    """«l***@udg.example»: enough to recognise one's own address, not to harvest it."""
    local, _sep, domain = email.partition("@")
    return f"{local[:1]}***@{domain}" if domain else "***"


@transaction.atomic
def membership_invite(
    *,
    institution: Institution,
    by: User,
    email: str,
    role: str = Membership.Role.LIAISON,
) -> MembershipInvitation:
    """Invite a colleague by e-mail (institution admins only) and e-mail them the link.

    The e-mail leaves once the invitation is committed."""
    _require_institution_admin(user=by, institution=institution)
    email = email.strip()
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationError(
            {"email": _("Escribe un correo electrónico válido.")}, code="invalid_email"
        ) from None
    if role not in Membership.Role.values:
        raise ValidationError({"role": _("Elige un rol válido.")}, code="invalid_role")
    members = User.objects.filter(
        _users_with_email(email), memberships__institution=institution
    ).distinct()
    if members.exists():
        raise ValidationError(
            {
                "email": ValidationError(
                    _("%(email)s ya es miembro de %(institution)s."),
                    params={"email": email, "institution": institution.name},
                    code="already_member",
                )
            }
        )
    open_invitation = (
        MembershipInvitation.objects.select_for_update()
        .filter(
            institution=institution,
            email__iexact=email,
            accepted_at__isnull=True,
            revoked_at__isnull=True,
        )
        .first()
    )
    if open_invitation is not None:
        if not invitation_is_expired(open_invitation):
            raise ValidationError(
                {
                    "email": ValidationError(
                        _(
                            "Ya hay una invitación abierta para %(email)s. Revócala si "
                            "quieres enviar otra."
                        ),
                        params={"email": email},
                        code="already_invited",
                    )
                }
            )
        # An expired invitation no longer counts as open: close it to make room for the new one.
        open_invitation.revoked_at = timezone.now()
        open_invitation.save(update_fields=["revoked_at"])
    invitation = MembershipInvitation.objects.create(
        institution=institution, email=email, role=role, invited_by=by
    )
    audit_record(
        actor=by,
        action="membership.invite",
        target=institution,
        note=f"{mask_email(email)} ({role})",
    )
    # The notifications app subscribes to this event and e-mails the invitation (outbox).
    events.membership_invited.send(sender=MembershipInvitation, invitation_id=invitation.pk)
    return invitation


def membership_invitation_check(
    *, invitation: MembershipInvitation, user: User
) -> Membership | None:
    """Raise why `user` cannot accept `invitation` (ValidationError, or PermissionDenied for the
    wrong account); return the membership when this user already accepted it, else None."""
    email_matches = (
        getattr(user, "is_authenticated", False)
        and user.emailaddress_set.filter(email__iexact=invitation.email, verified=True).exists()
    )
    if invitation.accepted_at is not None:
        membership = Membership.objects.filter(
            institution_id=invitation.institution_id, user=user
        ).first()
        if membership is not None and email_matches:
            return membership
        raise ValidationError(_("Esta invitación ya fue usada."), code="invitation_used")
    if invitation.revoked_at is not None:
        raise ValidationError(
            _("Esta invitación fue revocada. Pide a la institución que te invite de nuevo."),
            code="invitation_revoked",
        )
    if invitation_is_expired(invitation):
        raise ValidationError(
            _("Esta invitación venció. Pide a la institución que te invite de nuevo."),
            code="invitation_expired",
        )
    if not email_matches:
        raise PermissionDenied(
            _(
                "Esta invitación es para %(email)s y entraste con otra cuenta. Cierra sesión e "
                "inicia con esa dirección (o agrégala y verifícala en tu cuenta)."
            )
            % {"email": mask_email(invitation.email)}
        )
    return None


@transaction.atomic
def membership_invitation_accept(*, invitation: MembershipInvitation, user: User) -> Membership:
    """Join the institution. Only the account with the invited, verified e-mail may accept.

    Idempotent: accepting again returns the membership. An existing member invited as admin is
    promoted; nobody is demoted by an invitation."""
    invitation.refresh_from_db(from_queryset=MembershipInvitation.objects.select_for_update())
    already = membership_invitation_check(invitation=invitation, user=user)
    if already is not None:
        return already
    membership, created = Membership.objects.get_or_create(
        institution=invitation.institution, user=user, defaults={"role": invitation.role}
    )
    if not created and invitation.role == Membership.Role.ADMIN and not membership.is_admin:
        membership.role = Membership.Role.ADMIN
        membership.save(update_fields=["role"])
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    audit_record(
        actor=user,
        action="membership.accept",
        target=invitation.institution,
        note=f"{mask_email(invitation.email)} ({membership.role})",
    )
    return membership


@transaction.atomic
def membership_invitation_revoke(*, invitation: MembershipInvitation, by: User) -> None:
    _require_institution_admin(user=by, institution=invitation.institution)
    invitation.refresh_from_db(from_queryset=MembershipInvitation.objects.select_for_update())
    if not invitation.is_open:
        raise ValidationError(
            _("Esta invitación ya no está abierta: fue aceptada o revocada."),
            code="invitation_closed",
        )
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at"])
    audit_record(
        actor=by,
        action="membership.revoke_invitation",
        target=invitation.institution,
        note=mask_email(invitation.email),
    )


# --- Memberships ------------------------------------------------------------------------------


def _refuse_losing_last_admin(*, membership: Membership) -> None:
    """Lock the admin rows so two admins removing each other at once cannot both succeed."""
    admin_ids = list(
        Membership.objects.select_for_update()
        .filter(institution_id=membership.institution_id, role=Membership.Role.ADMIN)
        .values_list("pk", flat=True)
    )
    if admin_ids == [membership.pk]:
        raise ValidationError(
            _(
                "Una institución necesita al menos un administrador: nombra a otro "
                "administrador antes."
            ),
            code="last_admin",
        )


@transaction.atomic
def membership_remove(*, membership: Membership, by: User) -> None:
    """Remove someone from an institution (its admins), or leave it (any member, for oneself).

    The last admin can neither be removed nor leave."""
    if membership.user_id != getattr(by, "pk", None):
        _require_institution_admin(user=by, institution=membership.institution)
    if membership.is_admin:
        _refuse_losing_last_admin(membership=membership)
    note = f"user #{membership.user_id} ({membership.role})"
    institution = membership.institution
    membership.delete()
    audit_record(actor=by, action="membership.remove", target=institution, note=note)


@transaction.atomic
def membership_change_role(*, membership: Membership, by: User, role: str) -> Membership:
    _require_institution_admin(user=by, institution=membership.institution)
    if role not in Membership.Role.values:
        raise ValidationError({"role": _("Elige un rol válido.")}, code="invalid_role")
    if role == membership.role:
        return membership
    if membership.is_admin:
        _refuse_losing_last_admin(membership=membership)
    membership.role = role
    membership.save(update_fields=["role"])
    audit_record(
        actor=by,
        action="membership.change_role",
        target=membership.institution,
        note=f"user #{membership.user_id} → {role}",
    )
    return membership


__all__ = [
    "INVITATION_VALID_DAYS",
    "institution_register",
    "institution_reject",
    "institution_update",
    "institution_verify",
    "invitation_expires_at",
    "invitation_is_expired",
    "is_institution_admin",
    "mask_email",
    "membership_change_role",
    "membership_invitation_accept",
    "membership_invitation_check",
    "membership_invitation_revoke",
    "membership_invite",
    "membership_remove",
]
