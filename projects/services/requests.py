"""Collaboration requests: interests (expert → project) and invitations (institution → expert).

Both go pending → accepted | declined | expired. Accepting either starts an Engagement
(projects.services.engagements), and only then do both sides see each other's contact
details (see projects.selectors).
"""

import datetime
from typing import TypeVar

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from profiles.choices import Visibility
from profiles.models import ExpertProfile, User
from profiles.selectors.conflicts import is_conflicted
from projects import events
from projects.choices import (
    INTEREST_DECLINE_REASONS,
    INVITATION_DECLINE_REASONS,
    DeclineReason,
    ProjectStatus,
    RequestStatus,
)
from projects.models import CollaborationRequest, Engagement, Interest, Invitation, Project
from projects.permissions import is_institution_member
from projects.services.engagements import engagement_start

RequestT = TypeVar("RequestT", Interest, Invitation)


def _expiry(now: datetime.datetime) -> datetime.datetime:
    return now + datetime.timedelta(days=settings.PROJECTS_INVITATION_SLA_DAYS)


def _clean_message(message: str) -> str:
    message = (message or "").strip()
    if not message:
        raise ValidationError(
            {"message": _("Escribe un mensaje breve para presentarte.")}, code="message_required"
        )
    if len(message) > 1500:
        raise ValidationError(
            {"message": _("El mensaje es demasiado largo (máximo 1500 caracteres).")},
            code="message_too_long",
        )
    return message


def _clean_decline(reason: str, note: str, allowed: list[DeclineReason]) -> tuple[str, str]:
    note = (note or "").strip()
    if reason not in allowed:
        raise ValidationError({"reason": _("Elige un motivo de la lista.")}, code="bad_reason")
    if reason == DeclineReason.OTHER and not note:
        raise ValidationError(
            {"note": _("Si eliges «Otro motivo», explícalo en el comentario.")},
            code="note_required",
        )
    return reason, note


def _pair_state_errors(project: Project, expert: ExpertProfile, *, asking: str) -> None:
    """Refuse a second open request for the same pair, whichever side sent the first. One past
    its deadline is expired first, as the hourly sweep would: nobody can answer it any more."""
    requests_expire(project_id=project.pk, expert_id=expert.pk)
    if Engagement.objects.filter(project=project, expert=expert).exists():
        raise ValidationError(
            _("Esta persona ya colabora en este proyecto."), code="already_engaged"
        )
    if Interest.objects.filter(
        project=project, expert=expert, status__in=[RequestStatus.PENDING]
    ).exists():
        raise ValidationError(
            _("Ya enviaste tu interés en este proyecto; espera la respuesta.")
            if asking == "interest"
            else _("Esta persona ya mostró interés en el proyecto: acepta su interés."),
            code="interest_pending",
        )
    if Invitation.objects.filter(
        project=project, expert=expert, status__in=[RequestStatus.PENDING]
    ).exists():
        raise ValidationError(
            _("Ya tienes una invitación a este proyecto: respóndela en tu panel.")
            if asking == "interest"
            else _("Ya invitaste a esta persona; espera su respuesta."),
            code="invitation_pending",
        )


# --- Interests --------------------------------------------------------------------------------


@transaction.atomic
def interest_create(*, project: Project, expert: ExpertProfile, message: str, by: User) -> Interest:
    """An expert tells the institution they would like to work on its published project."""
    if expert.user_id != getattr(by, "pk", None):
        raise PermissionDenied(_("Solo puedes mostrar interés en tu propio nombre."))
    message = _clean_message(message)
    if not expert.is_onboarded:
        raise ValidationError(
            _("Completa tu perfil de experto para mostrar interés en proyectos."),
            code="not_onboarded",
        )
    if expert.is_paused:
        raise ValidationError(
            _("Tu perfil está en pausa: reactívalo para mostrar interés en proyectos."),
            code="paused",
        )
    if expert.visibility == Visibility.HIDDEN:
        # The institution could not see (nor answer) an interest from a hidden profile.
        raise ValidationError(
            _("Tu perfil está oculto: hazlo visible para mostrar interés en proyectos."),
            code="hidden",
        )
    if not project.is_open:
        raise ValidationError(project.closed_reason, code="project_not_open")
    if is_institution_member(by, project.institution_id):
        raise ValidationError(
            _("No puedes mostrar interés en un proyecto de tu propia institución."),
            code="own_institution",
        )
    if is_conflicted(expert_id=expert.pk, institution_id=project.institution_id):
        raise ValidationError(
            _("Tienes un conflicto de interés con esta institución."), code="conflict"
        )
    _pair_state_errors(project, expert, asking="interest")
    now = timezone.now()
    try:
        with transaction.atomic():
            interest = Interest.objects.create(
                project=project,
                expert=expert,
                message=message,
                created_at=now,
                expires_at=_expiry(now),
            )
    except IntegrityError as error:  # a double click raced past the check above
        raise ValidationError(
            _("Ya enviaste tu interés en este proyecto; espera la respuesta."),
            code="interest_pending",
        ) from error
    events.interest_created.send(
        sender=Interest, interest_id=interest.pk, project_id=project.pk, expert_id=expert.pk
    )
    return interest


def _lock_request(model: type[RequestT], pk: int) -> RequestT:
    return model.objects.select_for_update().get(pk=pk)


def _check_answerable(request: CollaborationRequest, *, now: datetime.datetime) -> None:
    if request.status == RequestStatus.EXPIRED or (
        request.status == RequestStatus.PENDING and request.expires_at <= now
    ):
        raise ValidationError(
            _("Esta solicitud venció sin respuesta; ya no se puede aceptar ni declinar."),
            code="expired",
        )
    if request.status != RequestStatus.PENDING:
        raise ValidationError(_("Esta solicitud ya fue respondida."), code="already_answered")


@transaction.atomic
def interest_accept(*, interest: Interest, by: User) -> Engagement:
    """The institution accepts an expert's interest: an engagement starts, contacts open."""
    if not is_institution_member(by, interest.project.institution_id):
        raise PermissionDenied(_("Solo los miembros de la institución responden intereses."))
    now = timezone.now()
    locked = _lock_request(Interest, interest.pk)
    _check_answerable(locked, now=now)
    engagement = engagement_start(
        project=interest.project,
        expert_id=locked.expert_id,
        contact=by,
        accepted_by_expert=False,
        interest=locked,
    )
    locked.status, locked.responded_at, locked.responded_by = RequestStatus.ACCEPTED, now, by
    locked.save(update_fields=["status", "responded_at", "responded_by"])
    interest.status, interest.responded_at = locked.status, now
    events.interest_accepted.send(
        sender=Interest, interest_id=locked.pk, by_id=by.pk, engagement_id=engagement.pk
    )
    return engagement


@transaction.atomic
def interest_decline(*, interest: Interest, by: User, reason: str, note: str = "") -> Interest:
    if not is_institution_member(by, interest.project.institution_id):
        raise PermissionDenied(_("Solo los miembros de la institución responden intereses."))
    reason, note = _clean_decline(reason, note, INTEREST_DECLINE_REASONS)
    now = timezone.now()
    locked = _lock_request(Interest, interest.pk)
    _check_answerable(locked, now=now)
    locked.status, locked.decline_reason, locked.decline_note = (
        RequestStatus.DECLINED,
        reason,
        note,
    )
    locked.responded_at, locked.responded_by = now, by
    locked.save(
        update_fields=["status", "decline_reason", "decline_note", "responded_at", "responded_by"]
    )
    events.interest_declined.send(sender=Interest, interest_id=locked.pk, by_id=by.pk)
    return locked


# --- Invitations ------------------------------------------------------------------------------


# Long on purpose: every rule an invitation must pass (permission, the need's state, conflicts,
# duplicates, the pending cap) checked in order under one lock, each with its own message.
@transaction.atomic
def invitation_create(
    *, project: Project, expert: ExpertProfile, message: str, by: User, round_id: int | None = None
) -> Invitation:
    """The institution invites an expert. At most PROJECTS_MAX_PENDING_INVITATIONS pending
    per project, counted under the project's row lock. A match round's publication (staff may
    send it) passes its `round_id`, which the event carries: the round tells each expert once."""
    if not (is_institution_member(by, project.institution_id) or (round_id and by.is_staff)):
        raise PermissionDenied(_("Solo los miembros de la institución pueden invitar."))
    message = _clean_message(message)
    project = Project.objects.select_for_update().get(pk=project.pk)
    if project.status not in (ProjectStatus.PUBLISHED, ProjectStatus.IN_PROGRESS):
        raise ValidationError(
            _("Solo se puede invitar a proyectos publicados o en curso."),
            code="project_not_open",
        )
    if project.is_staffed or project.is_paused:
        raise ValidationError(
            _("Este proyecto ya cuenta con las personas expertas que buscaba.")
            if project.is_staffed
            else _("Este proyecto está en pausa: reanúdalo para invitar."),
            code="project_not_open",
        )
    if expert.user_id == by.pk:
        raise ValidationError(_("No puedes invitarte a ti mismo."), code="self_invite")
    if not ExpertProfile.objects.available().filter(pk=expert.pk).exists():
        raise ValidationError(
            _(
                "Esta persona no está disponible para invitaciones (pausó su participación "
                "o su perfil no es visible)."
            ),
            code="expert_unavailable",
        )
    if is_conflicted(expert_id=expert.pk, institution_id=project.institution_id):
        raise ValidationError(
            _("Esta persona tiene un conflicto de interés con tu institución."), code="conflict"
        )
    _pair_state_errors(project, expert, asking="invitation")
    limit = settings.PROJECTS_MAX_PENDING_INVITATIONS
    if Invitation.objects.filter(project=project, status=RequestStatus.PENDING).count() >= limit:
        raise ValidationError(
            _(
                "Este proyecto ya tiene %(limit)s invitaciones pendientes, el máximo. Espera "
                "respuestas antes de invitar a más personas."
            ),
            params={"limit": limit},
            code="too_many_pending",
        )
    now = timezone.now()
    invitation = Invitation.objects.create(
        project=project,
        expert=expert,
        message=message,
        invited_by=by,
        created_at=now,
        expires_at=_expiry(now),
    )
    events.invitation_created.send(
        sender=Invitation,
        invitation_id=invitation.pk,
        project_id=project.pk,
        expert_id=expert.pk,
        round_id=round_id,
    )
    return invitation


@transaction.atomic
def invitation_accept(*, invitation: Invitation, by: User) -> Engagement:
    """The invited expert accepts: an engagement starts (if they have capacity left)."""
    if invitation.expert.user_id != getattr(by, "pk", None):
        raise PermissionDenied(_("Solo la persona invitada puede responder."))
    now = timezone.now()
    locked = _lock_request(Invitation, invitation.pk)
    _check_answerable(locked, now=now)
    engagement = engagement_start(
        project=invitation.project,
        expert_id=locked.expert_id,
        contact=locked.invited_by,
        accepted_by_expert=True,
        invitation=locked,
    )
    locked.status, locked.responded_at, locked.responded_by = RequestStatus.ACCEPTED, now, by
    locked.save(update_fields=["status", "responded_at", "responded_by"])
    invitation.status, invitation.responded_at = locked.status, now
    events.invitation_accepted.send(
        sender=Invitation, invitation_id=locked.pk, by_id=by.pk, engagement_id=engagement.pk
    )
    return engagement


@transaction.atomic
def invitation_decline(
    *, invitation: Invitation, by: User, reason: str, note: str = ""
) -> Invitation:
    if invitation.expert.user_id != getattr(by, "pk", None):
        raise PermissionDenied(_("Solo la persona invitada puede responder."))
    reason, note = _clean_decline(reason, note, INVITATION_DECLINE_REASONS)
    now = timezone.now()
    locked = _lock_request(Invitation, invitation.pk)
    _check_answerable(locked, now=now)
    locked.status, locked.decline_reason, locked.decline_note = (
        RequestStatus.DECLINED,
        reason,
        note,
    )
    locked.responded_at, locked.responded_by = now, by
    locked.save(
        update_fields=["status", "decline_reason", "decline_note", "responded_at", "responded_by"]
    )
    events.invitation_declined.send(sender=Invitation, invitation_id=locked.pk, by_id=by.pk)
    return locked


@transaction.atomic
def requests_expire(
    *,
    now: datetime.datetime | None = None,
    project_id: int | None = None,
    expert_id: int | None = None,
) -> tuple[int, int]:
    """Mark pending interests and invitations past their SLA as expired (only one pair's with
    `project_id` and `expert_id`).

    One transaction, the event sent inside it: what receivers derive from the expiry (an
    expert's pending-invitation count) commits with it.

    Idempotent. Rows being accepted right now are locked by that transaction and skipped
    (SKIP LOCKED); the next run sees their final state. Returns (interests, invitations).
    """
    now = now or timezone.now()
    counts = []
    expired_ids: dict[str, list[int]] = {}
    for model, key in ((Interest, "interest_ids"), (Invitation, "invitation_ids")):
        with transaction.atomic():
            overdue = model.objects.overdue(now)
            if project_id is not None:
                overdue = overdue.filter(project_id=project_id, expert_id=expert_id)
            ids = list(overdue.select_for_update(skip_locked=True).values_list("pk", flat=True))
            model.objects.filter(pk__in=ids, status=RequestStatus.PENDING).update(
                status=RequestStatus.EXPIRED, responded_at=now
            )
        expired_ids[key] = ids
        counts.append(len(ids))
    if any(counts):
        events.requests_expired.send(sender=Invitation, **expired_ids)
    return counts[0], counts[1]


@transaction.atomic
def requests_close_for_deleted_account(*, user_id: int) -> None:
    """A deleted account's pending requests close: each invitation is declined as the person
    would have (the inviter is told), their interests lapse as if unanswered (the
    institution cannot accept nobody). Overdue ones are left to requests_expire."""
    now = timezone.now()
    user = User.objects.get(pk=user_id)
    with translation.override(settings.LANGUAGE_CODE):  # stored text, read by the institution
        note = _("La persona eliminó su cuenta.")
    live = {"expert__user_id": user_id, "expires_at__gt": now}
    for invitation in Invitation.objects.pending().filter(**live).select_related("expert"):
        invitation_decline(invitation=invitation, by=user, reason=DeclineReason.OTHER, note=note)
    ids = list(Interest.objects.pending().filter(**live).values_list("pk", flat=True))
    Interest.objects.filter(pk__in=ids).update(status=RequestStatus.EXPIRED, responded_at=now)
    if ids:
        events.requests_expired.send(sender=Invitation, interest_ids=ids, invitation_ids=[])
