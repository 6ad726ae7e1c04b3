from django.contrib.contenttypes.models import ContentType
from django.db import models

from profiles.models import AuditEntry, User


def audit_record(
    *,
    actor: object,
    action: str,
    target: models.Model,
    note: str = "",
    repr_: str = "",
) -> AuditEntry:
    """Append to the audit log (who did what to which object, and why)."""
    return AuditEntry.objects.create(
        actor=actor if isinstance(actor, User) and actor.pk else None,
        action=action,
        content_type=ContentType.objects.get_for_model(target),
        object_id=str(target.pk),
        object_repr=(repr_ or str(target))[:200],
        note=note,
    )
