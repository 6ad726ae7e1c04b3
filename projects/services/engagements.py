"""Engagements (what follows an accepted collaboration request) and their outcomes.

An engagement starts only when an interest or an invitation is accepted (see
projects.services.requests). Capacity is enforced at accept time inside one transaction: the
project row and then the expert's profile row are locked (always in that order, so two
accepts cannot deadlock), and the expert's active engagements are counted under the lock.
Two simultaneous accepts for the same expert therefore run one after the other and the
second sees the first's engagement.
"""

import calendar
import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from profiles.models import ExpertProfile, User
from projects import events
from projects.choices import (
    FOLLOW_UP_MONTHS,
    OUTCOME_KINDS_WITH_AMOUNT,
    EngagementStatus,
    OutcomeKind,
    ProjectStatus,
    RequestStatus,
)
from projects.models import (
    Engagement,
    EngagementFollowUp,
    Interest,
    Invitation,
    Outcome,
    Project,
)
from projects.permissions import is_institution_member
from projects.services.staffing import project_staffing_refresh

# Statuses in which pending interests and invitations may still be accepted.
ACCEPTING_STATUSES = (ProjectStatus.PUBLISHED, ProjectStatus.CLOSED, ProjectStatus.IN_PROGRESS)


def add_months(moment: datetime.datetime, months: int) -> datetime.datetime:
    """The same day `months` later, clamped to the month's last day (31 Jan + 1 → 28/29 Feb)."""
    index = moment.month - 1 + months
    year, month = moment.year + index // 12, index % 12 + 1
    return moment.replace(year=year, month=month, day=min(moment.day, _days_in(year, month)))


def _days_in(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _check_room_for(project: Project, expert: ExpertProfile, *, accepted_by_expert: bool) -> None:
    """Refuse an engagement the expert or the project has no room for (both rows locked by
    the caller)."""
    if expert.is_paused:
        raise ValidationError(
            _("Tu perfil está en pausa: reactívalo para aceptar colaboraciones.")
            if accepted_by_expert
            else _("Esta persona pausó su participación; no puede iniciar colaboraciones ahora."),
            code="paused",
        )
    active = Engagement.objects.filter(expert=expert, status=EngagementStatus.ACTIVE).count()
    if active >= expert.max_concurrent_engagements:
        raise ValidationError(
            _(
                "Ya tienes %(count)s colaboraciones activas, tu máximo. Concluye alguna o "
                "aumenta tu límite en tu perfil antes de aceptar."
            )
            if accepted_by_expert
            else _(
                "Esta persona ya no tiene capacidad: alcanzó su máximo de colaboraciones "
                "simultáneas."
            ),
            params={"count": active},
            code="capacity",
        )
    taken = Engagement.objects.filter(project=project).exclude(status=EngagementStatus.CANCELLED)
    if taken.count() >= project.experts_sought:
        raise ValidationError(
            ngettext(
                "El proyecto ya cuenta con la persona experta que buscaba.",
                "El proyecto ya cuenta con las %(n)s personas expertas que buscaba.",
                project.experts_sought,
            ),
            params={"n": project.experts_sought},
            code="project_full",
        )
    if Engagement.objects.filter(project=project, expert=expert).exists():
        raise ValidationError(
            _("Esta persona ya colabora en este proyecto."), code="already_engaged"
        )


def engagement_start(
    *,
    project: Project,
    expert_id: int,
    contact: User | None,
    accepted_by_expert: bool,
    interest: Interest | None = None,
    invitation: Invitation | None = None,
) -> Engagement:
    """Start an engagement under row locks; the caller holds a transaction."""
    project = Project.objects.select_for_update().get(pk=project.pk)
    if project.status not in ACCEPTING_STATUSES:
        raise ValidationError(
            _("Este proyecto ya no admite nuevas colaboraciones (está «%(status)s»)."),
            params={"status": ProjectStatus(project.status).label},
            code="project_not_accepting",
        )
    expert = ExpertProfile.objects.select_for_update().get(pk=expert_id)
    _check_room_for(project, expert, accepted_by_expert=accepted_by_expert)
    now = timezone.now()
    engagement = Engagement.objects.create(
        project=project,
        expert=expert,
        interest=interest,
        invitation=invitation,
        institution_contact=contact,
        started_at=now,
    )
    EngagementFollowUp.objects.bulk_create(
        [
            EngagementFollowUp(engagement=engagement, months=m, due_at=add_months(now, m))
            for m in FOLLOW_UP_MONTHS
        ]
    )
    # The pair is now engaged: any other request between them is settled too.
    for model, current in ((Interest, interest), (Invitation, invitation)):
        others = model.objects.filter(project=project, expert=expert, status=RequestStatus.PENDING)
        if current is not None:
            others = others.exclude(pk=current.pk)
        others.update(status=RequestStatus.ACCEPTED, responded_at=now)
    events.engagement_started.send(
        sender=Engagement,
        engagement_id=engagement.pk,
        project_id=project.pk,
        expert_id=expert.pk,
    )
    project_staffing_refresh(project_id=project.pk)
    return engagement


def _require_party(engagement: Engagement, by: User) -> None:
    if engagement.expert.user_id == getattr(by, "pk", None):
        return
    if is_institution_member(by, engagement.project.institution_id):
        return
    raise PermissionDenied(_("Solo quienes participan en la colaboración pueden hacer esto."))


@transaction.atomic
def engagement_end(*, engagement: Engagement, by: User, status: str, note: str = "") -> Engagement:
    """Either side concludes (completed) or calls off (cancelled) an active engagement."""
    _require_party(engagement, by)
    if status not in (EngagementStatus.COMPLETED, EngagementStatus.CANCELLED):
        raise ValueError(f"Not an end status: {status}")
    # The project row first, as engagement_start locks them (no deadlock between the two).
    Project.objects.select_for_update().filter(pk=engagement.project_id).exists()
    locked = Engagement.objects.select_for_update().get(pk=engagement.pk)
    if locked.status != EngagementStatus.ACTIVE:
        raise ValidationError(_("Esta colaboración ya terminó."), code="already_ended")
    locked.status, locked.ended_at, locked.end_note = status, timezone.now(), note.strip()
    locked.save(update_fields=["status", "ended_at", "end_note"])
    engagement.status, engagement.ended_at = locked.status, locked.ended_at
    events.engagement_ended.send(
        sender=Engagement, engagement_id=locked.pk, status=status, by_id=by.pk
    )
    if status == EngagementStatus.CANCELLED:
        project_staffing_refresh(project_id=locked.project_id)  # an early end frees a seat
    return locked


@transaction.atomic
def outcome_record(
    *,
    engagement: Engagement,
    by: User,
    kind: str,
    description: str,
    occurred_on: datetime.date,
    url: str = "",
    amount: Decimal | None = None,
    currency: str = "",
) -> Outcome:
    """Either side records what the engagement produced."""
    _require_party(engagement, by)
    if not engagement.takes_outcomes:
        raise ValidationError(
            _("No se registran resultados de una colaboración cancelada."), code="cancelled"
        )
    errors: dict[str, str] = {}
    description = (description or "").strip()
    if not description:
        errors["description"] = _("Describe el resultado en una o dos frases.")
    if occurred_on > timezone.localdate():
        errors["occurred_on"] = _("La fecha no puede estar en el futuro.")
    if kind == OutcomeKind.INVESTMENT and (amount is None or not currency):
        errors["amount"] = _("Indica el monto y la moneda de la inversión.")
    elif amount is not None and kind not in OUTCOME_KINDS_WITH_AMOUNT:
        errors["amount"] = _("Solo los financiamientos y las inversiones llevan monto.")
    elif (amount is None) != (not currency):
        errors["currency"] = _("Indica el monto junto con su moneda.")
    if errors:
        raise ValidationError(errors)
    outcome = Outcome(
        engagement=engagement,
        kind=kind,
        description=description,
        occurred_on=occurred_on,
        url=url,
        amount=amount,
        currency=currency,
        recorded_by=by,
    )
    outcome.full_clean(exclude=["engagement", "recorded_by"], validate_constraints=False)
    outcome.save()
    events.outcome_recorded.send(
        sender=Outcome, outcome_id=outcome.pk, engagement_id=engagement.pk, by_id=by.pk
    )
    return outcome
