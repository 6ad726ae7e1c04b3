"""Moving projects through their workflow.

draft → submitted → published | rejected → in_progress → completed | cancelled.
A rejected project is edited and submitted again. A published project whose deadline passed
becomes `closed` (by the periodic task): it takes no new interests, but answers to pending
interests and invitations and engagements already started go on; its members can still
start it (in_progress) or cancel it. Every move is a ProjectTransition row.
"""

import datetime
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from profiles.models import Institution, User
from profiles.services.audit import audit_record
from projects import events
from projects.choices import EngagementStatus, ProjectStatus, RequestStatus
from projects.models import (
    Engagement,
    Interest,
    Invitation,
    Project,
    ProjectTransition,
)
from projects.permissions import is_institution_member

ALLOWED_TRANSITIONS: dict[str, set[str]] = {
    ProjectStatus.DRAFT: {ProjectStatus.SUBMITTED, ProjectStatus.CANCELLED},
    ProjectStatus.SUBMITTED: {
        ProjectStatus.PUBLISHED,
        ProjectStatus.REJECTED,
        ProjectStatus.CANCELLED,
    },
    ProjectStatus.REJECTED: {ProjectStatus.SUBMITTED, ProjectStatus.CANCELLED},
    ProjectStatus.PUBLISHED: {
        ProjectStatus.IN_PROGRESS,
        ProjectStatus.CLOSED,
        ProjectStatus.CANCELLED,
    },
    ProjectStatus.CLOSED: {ProjectStatus.IN_PROGRESS, ProjectStatus.CANCELLED},
    ProjectStatus.IN_PROGRESS: {ProjectStatus.COMPLETED, ProjectStatus.CANCELLED},
}


def _require_member(project: Project, by: User) -> None:
    if not is_institution_member(by, project.institution_id):
        raise PermissionDenied(_("Solo los miembros de la institución pueden hacer esto."))


def _require_staff(by: User) -> None:
    if not (getattr(by, "is_authenticated", False) and by.is_staff):
        raise PermissionDenied(_("Solo el equipo de la plataforma modera proyectos."))


def _lock(project: Project) -> Project:
    """Re-read the status under a row lock so two decisions on one project cannot race."""
    project.status = (
        Project.objects.select_for_update().values_list("status", flat=True).get(pk=project.pk)
    )
    return project


def _require_transition(project: Project, to: str) -> None:
    if to not in ALLOWED_TRANSITIONS.get(project.status, set()):
        raise ValidationError(
            _("Un proyecto «%(current)s» no puede pasar a «%(target)s»."),
            params={
                "current": ProjectStatus(project.status).label,
                "target": ProjectStatus(to).label,
            },
            code="invalid_transition",
        )


def _move(
    project: Project,
    *,
    to: str,
    by: User | None,
    note: str = "",
    update_fields: Iterable[str] = (),
) -> ProjectTransition:
    """Record one workflow step; the caller holds the lock and has checked the rules."""
    _require_transition(project, to)
    from_status = project.status
    project.status = to
    project.save(update_fields=["status", "updated_at", *update_fields])
    return ProjectTransition.objects.create(
        project=project,
        from_status=from_status,
        to_status=to,
        by=by if getattr(by, "pk", None) else None,
        note=note,
    )


@transaction.atomic
def project_submit(*, project: Project, by: User, note: str = "") -> Project:
    """Send a draft (or a corrected rejected project) to moderation."""
    _require_member(project, by)
    _lock(project)
    if project.status == ProjectStatus.SUBMITTED:
        raise ValidationError(
            _("Este proyecto ya fue enviado a revisión."), code="already_submitted"
        )
    _require_transition(project, ProjectStatus.SUBMITTED)
    if not Institution.objects.verified().filter(pk=project.institution_id).exists():
        raise ValidationError(
            _(
                "Tu institución aún no está verificada. Podrás enviar proyectos a revisión "
                "en cuanto el equipo de la plataforma la verifique."
            ),
            code="institution_not_verified",
        )
    missing = []
    if not project.skill_links.filter(required=True).exists():
        missing.append(_("al menos una habilidad indispensable"))
    if not project.fields.exists():
        missing.append(_("al menos un campo de conocimiento"))
    if missing:
        raise ValidationError(
            _("Antes de enviarlo a revisión, indica %(missing)s."),
            params={"missing": _(" y ").join(missing)},
            code="incomplete",
        )
    if project.is_past_deadline:
        raise ValidationError(
            _("La fecha límite ya pasó: cámbiala antes de enviar el proyecto."),
            code="past_deadline",
        )
    project.submitted_at = timezone.now()
    project.rejection_reason = ""
    _move(
        project,
        to=ProjectStatus.SUBMITTED,
        by=by,
        note=note,
        update_fields=["submitted_at", "rejection_reason"],
    )
    events.project_submitted.send(sender=Project, project_id=project.pk, by_id=by.pk)
    return project


@transaction.atomic
def project_publish(*, project: Project, by: User, note: str = "") -> Project:
    """Platform staff approve a submitted project: it is listed and can be matched."""
    _require_staff(by)
    _lock(project)
    if project.status != ProjectStatus.SUBMITTED:
        raise ValidationError(
            _("Solo se publican proyectos en revisión («%(title)s» está «%(status)s»)."),
            params={"title": project.title, "status": ProjectStatus(project.status).label},
            code="not_submitted",
        )
    if not Institution.objects.verified().filter(pk=project.institution_id).exists():
        raise ValidationError(
            _("«%(title)s» pertenece a una institución no verificada; no se puede publicar."),
            params={"title": project.title},
            code="institution_not_verified",
        )
    if project.is_past_deadline:
        raise ValidationError(
            _("La fecha límite de «%(title)s» ya pasó; recházalo para que la corrijan."),
            params={"title": project.title},
            code="past_deadline",
        )
    project.published_at = timezone.now()
    _move(project, to=ProjectStatus.PUBLISHED, by=by, note=note, update_fields=["published_at"])
    audit_record(actor=by, action="project.publish", target=project, note=note)
    events.project_published.send(sender=Project, project_id=project.pk, by_id=by.pk)
    return project


@transaction.atomic
def project_reject(*, project: Project, by: User, reason: str) -> Project:
    """Platform staff send a submitted project back with a reason the institution reads."""
    _require_staff(by)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            {"reason": _("Escribe el motivo del rechazo: la institución lo leerá.")},
            code="reason_required",
        )
    _lock(project)
    if project.status != ProjectStatus.SUBMITTED:
        raise ValidationError(
            _("Solo se rechazan proyectos en revisión («%(title)s» está «%(status)s»)."),
            params={"title": project.title, "status": ProjectStatus(project.status).label},
            code="not_submitted",
        )
    project.rejection_reason = reason
    _move(
        project,
        to=ProjectStatus.REJECTED,
        by=by,
        note=reason,
        update_fields=["rejection_reason"],
    )
    audit_record(actor=by, action="project.reject", target=project, note=reason)
    events.project_rejected.send(sender=Project, project_id=project.pk, by_id=by.pk, reason=reason)
    return project


def _closed(project: Project, by: User | None) -> None:
    events.project_closed.send(
        sender=Project,
        project_id=project.pk,
        status=project.status,
        by_id=getattr(by, "pk", None),
    )


@transaction.atomic
def project_close(*, project: Project, today: datetime.date | None = None) -> bool:
    """Close a published project whose deadline has passed (the system does it).

    Idempotent: returns False, changing nothing, when the project is no longer published
    or its deadline has not passed (e.g. a second run, or a deadline moved meanwhile).
    """
    today = today or timezone.localdate()
    _lock(project)
    deadline = Project.objects.values_list("deadline", flat=True).get(pk=project.pk)
    if project.status != ProjectStatus.PUBLISHED or deadline is None or deadline >= today:
        return False
    _move(project, to=ProjectStatus.CLOSED, by=None, note=_("Venció la fecha límite."))
    _closed(project, None)
    return True


def projects_close_past_deadline(*, today: datetime.date | None = None) -> int:
    """Close every published project past its deadline; one transaction per project so one
    failure does not undo the others. Returns how many were closed."""
    today = today or timezone.localdate()
    closed = 0
    for project in Project.objects.past_deadline(today).only("pk", "status").order_by("pk"):
        closed += project_close(project=project, today=today)
    return closed


@transaction.atomic
def project_start(*, project: Project, by: User, note: str = "") -> Project:
    """Work began: the project leaves the public list. Needs at least one engagement."""
    _require_member(project, by)
    _lock(project)
    _require_transition(project, ProjectStatus.IN_PROGRESS)
    if not Engagement.objects.filter(project=project, status=EngagementStatus.ACTIVE).exists():
        raise ValidationError(
            _(
                "Acepta primero a una persona experta (un interés o una invitación); "
                "después podrás marcar el proyecto en curso."
            ),
            code="no_engagement",
        )
    _move(project, to=ProjectStatus.IN_PROGRESS, by=by, note=note)
    _closed(project, by)
    return project


def _end_engagements(project: Project, status: str) -> None:
    Engagement.objects.filter(project=project, status=EngagementStatus.ACTIVE).update(
        status=status, ended_at=timezone.now()
    )


@transaction.atomic
def project_complete(*, project: Project, by: User, note: str = "") -> Project:
    """The work is done; engagements still active conclude with it."""
    _require_member(project, by)
    _lock(project)
    _move(project, to=ProjectStatus.COMPLETED, by=by, note=note)
    _end_engagements(project, EngagementStatus.COMPLETED)
    _closed(project, by)
    return project


@transaction.atomic
def project_cancel(*, project: Project, by: User, note: str = "") -> Project:
    """Withdraw the project: unanswered interests and invitations lapse, engagements end."""
    _require_member(project, by)
    _lock(project)
    was_listed = project.status == ProjectStatus.PUBLISHED
    _move(project, to=ProjectStatus.CANCELLED, by=by, note=note)
    now = timezone.now()
    for model in (Interest, Invitation):
        model.objects.filter(project=project, status=RequestStatus.PENDING).update(
            status=RequestStatus.EXPIRED, responded_at=now
        )
    _end_engagements(project, EngagementStatus.CANCELLED)
    if was_listed or project.transitions.filter(to_status=ProjectStatus.PUBLISHED).exists():
        _closed(project, by)
    return project
