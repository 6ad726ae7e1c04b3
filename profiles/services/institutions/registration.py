"""Registering institutions, editing their public data, verification by platform staff.

Every decision is written to the audit log (profiles.services.audit) and the ones other apps
care about are sent as domain events (profiles.events).
"""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from profiles import events
from profiles.models import Institution, Membership, State, User
from profiles.permissions import signed_in
from profiles.services.audit import audit_record
from profiles.services.institutions.logos import logo_clean, logo_delete_after_commit, logo_set
from profiles.services.institutions.permissions import require_institution_admin, require_staff

# Path segments under /instituciones/ that are pages, so no institution may take them as slug.
RESERVED_SLUGS = frozenset({"registrar", "unirse"})
EDITABLE_FIELDS = frozenset(
    {"name", "kind", "state", "municipality", "website", "description", "logo"}
)


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
    if not signed_in(by):
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
        institution.logo = logo_clean(logo)
    institution.full_clean()
    institution.save()
    Membership.objects.create(user=by, institution=institution, role=Membership.Role.ADMIN)
    audit_record(actor=by, action="institution.register", target=institution)
    return institution


def _cleaned_changes(*, institution: Institution, changes: dict[str, Any]) -> dict[str, Any]:
    """`changes` with names and texts tidied, refusing a name the institution may not take."""
    changes = dict(changes)
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
    return changes


def _apply_changes(*, institution: Institution, changes: dict[str, Any]) -> list[str]:
    """Set the changed values on the institution (unsaved); return the names that changed."""
    changed = []
    for field, value in changes.items():
        if field == "logo":
            if logo_set(institution=institution, logo=value):
                changed.append(field)
        elif getattr(institution, field) != value:
            setattr(institution, field, value)
            changed.append(field)
    return changed


@transaction.atomic
def institution_update(*, institution: Institution, by: User, **changes: Any) -> Institution:
    """Change an institution's public data (institution admins only).

    `logo` replaces the logo with an uploaded file, or removes it when falsy; leave it out to
    keep the current one. A verified institution keeps its name (staff change it in the admin);
    editing a rejected institution sends it back to the verification queue.
    """
    require_institution_admin(user=by, institution=institution)
    unknown = set(changes) - EDITABLE_FIELDS
    if unknown:
        raise TypeError(f"institution_update() cannot change {sorted(unknown)}")
    # A full save follows: start from the stored row, not from what the caller last read.
    institution.refresh_from_db(from_queryset=Institution.objects.select_for_update())
    changes = _cleaned_changes(institution=institution, changes=changes)
    old_logo_name = institution.logo.name if institution.logo else ""
    changed = _apply_changes(institution=institution, changes=changes)
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
        logo_delete_after_commit(institution=institution, name=old_logo_name)
    audit_record(
        actor=by, action="institution.update", target=institution, note=", ".join(sorted(changed))
    )
    if resubmitted:
        audit_record(actor=by, action="institution.resubmit", target=institution)
    return institution


@transaction.atomic
def institution_verify(*, institution: Institution, by: User) -> Institution:
    """Mark an institution verified (platform staff only). Verifying twice changes nothing."""
    require_staff(user=by)
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
    require_staff(user=by)
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
