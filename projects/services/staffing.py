"""A need's life between published and done: its seats fill (it is staffed), an early end frees
one (it reopens), its institution pauses and resumes it. A staffed or paused need leaves the
list, the experts' suggestions and the interest button (Project.closed_reason says why)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from profiles.models import User
from projects import events
from projects.choices import EngagementStatus, ProjectStatus
from projects.models import Engagement, Project
from projects.permissions import is_institution_member


def _seats_taken(project: Project) -> int:
    # Completed engagements keep their seat; only one called off early frees it.
    return (
        Engagement.objects.filter(project=project)
        .exclude(status=EngagementStatus.CANCELLED)
        .count()
    )


def project_staffing_refresh(*, project_id: int) -> str:
    """Set or clear `staffed_at` from the seats taken; the caller holds a transaction.
    Returns the change announced ("staffed", "reopened") or "" when nothing changed."""
    project = Project.objects.select_for_update().get(pk=project_id)
    full = _seats_taken(project) >= project.experts_sought
    change = ""
    if full and project.staffed_at is None:
        project.staffed_at, change = timezone.now(), "staffed"
    elif not full and project.staffed_at is not None:
        project.staffed_at, change = None, "reopened"
    if change:
        project.save(update_fields=["staffed_at", "updated_at"])
        events.project_availability_changed.send(
            sender=Project, project_id=project.pk, change=change
        )
    return change


def _require_member(project: Project, by: User) -> None:
    if not is_institution_member(by, project.institution_id):
        raise ValidationError(
            _("Solo los miembros de la institución pueden hacer esto."), code="not_member"
        )


@transaction.atomic
def project_pause(*, project: Project, by: User) -> Project:
    """Stop taking people for a while; pending answers and engagements go on."""
    _require_member(project, by)
    locked = Project.objects.select_for_update().get(pk=project.pk)
    if locked.status != ProjectStatus.PUBLISHED:
        raise ValidationError(_("Solo se pausa un proyecto publicado."), code="not_published")
    if locked.paused_at is None:
        locked.paused_at = timezone.now()
        locked.save(update_fields=["paused_at", "updated_at"])
        events.project_availability_changed.send(
            sender=Project, project_id=locked.pk, change="paused"
        )
    project.paused_at = locked.paused_at
    return locked


@transaction.atomic
def project_resume(*, project: Project, by: User) -> Project:
    _require_member(project, by)
    locked = Project.objects.select_for_update().get(pk=project.pk)
    if locked.paused_at is not None:
        locked.paused_at = None
        locked.save(update_fields=["paused_at", "updated_at"])
        events.project_availability_changed.send(
            sender=Project, project_id=locked.pk, change="resumed"
        )
    project.paused_at = None
    return locked
