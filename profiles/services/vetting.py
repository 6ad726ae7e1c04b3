"""Vetting expert profiles when the network's membership is vetted or by invitation
(settings.NETWORK_MEMBERSHIP): an unapproved profile is listed nowhere.

Who may approve (staff, or a chapter's coordinator) is decided by the caller, which lives in a
higher app (chapters); this service records the decision and its audit entry."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from profiles.events import profile_changed
from profiles.models import ExpertProfile, User
from profiles.services.audit import audit_record


@transaction.atomic
def profile_vet(
    *, profile: ExpertProfile, by: User | None, approved: bool, reason: str = ""
) -> ExpertProfile:
    """Approve a profile (listed from now on) or reject it with a reason (kept unlisted).

    `by` None: approved by accepting an invitation (no person decided)."""
    profile = ExpertProfile.objects.select_for_update().get(pk=profile.pk)
    if not approved and not reason.strip():
        raise ValidationError({"reason": _("Explica el motivo del rechazo.")})
    profile.approved_at = timezone.now() if approved else None
    profile.approved_by = by if approved else None
    profile.rejection_reason = "" if approved else reason.strip()
    profile.save(update_fields=["approved_at", "approved_by", "rejection_reason", "updated_at"])
    audit_record(
        actor=by,
        action="profile.approve" if approved else "profile.reject",
        target=profile,
        note=profile.rejection_reason,
    )
    # Matching and search hear that the set of listed profiles changed.
    profile_changed.send(sender=ExpertProfile, profile_id=profile.pk)
    return profile
