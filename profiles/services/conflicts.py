"""Declaring and withdrawing conflicts of interest (see profiles.models.conflicts)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from profiles import events
from profiles.models import ConflictOfInterest, ExpertProfile, Institution, Membership, User


def _may_declare(by: User, expert: ExpertProfile, institution: Institution) -> bool:
    if expert.user_id == by.pk:
        return True
    return Membership.objects.filter(user=by, institution=institution).exists()


@transaction.atomic
def conflict_declare(
    *, expert: ExpertProfile, institution: Institution, by: User, note: str = ""
) -> ConflictOfInterest:
    """The expert, or a member of the institution, declares a conflict. Idempotent: a second
    declaration of the same pair returns the first. Matching hears `profile_changed` and
    withdraws the expert's suggestions for the institution's needs."""
    if not _may_declare(by, expert, institution):
        raise PermissionDenied(
            _("Solo la persona experta o un miembro de la institución declaran un conflicto.")
        )
    note = (note or "").strip()
    if len(note) > 300:
        raise ValidationError(
            {"note": _("El motivo es demasiado largo (máximo 300 caracteres).")}, code="too_long"
        )
    conflict, created = ConflictOfInterest.objects.get_or_create(
        expert=expert, institution=institution, defaults={"note": note, "declared_by": by}
    )
    if created:
        events.profile_changed.send(sender=ConflictOfInterest, profile_id=expert.pk)
    return conflict


@transaction.atomic
def conflict_withdraw(*, conflict: ConflictOfInterest, by: User) -> None:
    """Only whoever declared it (or the expert) withdraws a declaration."""
    if by.pk not in (conflict.declared_by_id, conflict.expert.user_id):
        raise PermissionDenied(_("Solo quien lo declaró puede retirar este conflicto."))
    expert_id = conflict.expert_id
    conflict.delete()
    events.profile_changed.send(sender=ConflictOfInterest, profile_id=expert_id)
