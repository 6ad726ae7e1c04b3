"""Members of an institution: leaving, being removed, changing roles."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from profiles.models import Membership, User
from profiles.services.audit import audit_record
from profiles.services.institutions.permissions import require_institution_admin


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
        require_institution_admin(user=by, institution=membership.institution)
    if membership.is_admin:
        _refuse_losing_last_admin(membership=membership)
    note = f"user #{membership.user_id} ({membership.role})"
    institution = membership.institution
    membership.delete()
    audit_record(actor=by, action="membership.remove", target=institution, note=note)


@transaction.atomic
def membership_change_role(*, membership: Membership, by: User, role: str) -> Membership:
    require_institution_admin(user=by, institution=membership.institution)
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
