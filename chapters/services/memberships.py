"""Joining, leaving and coordinating chapters; invitations by e-mail with a signed link.

Every role change and removal leaves an audit entry (profiles' audit log)."""

from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from chapters import events
from chapters.models import (
    Chapter,
    ChapterInvitation,
    ChapterMembership,
    JoinPolicy,
    MembershipState,
    Role,
)
from chapters.permissions import coordinates
from profiles.models import ExpertProfile, User
from profiles.services.audit import audit_record
from profiles.services.vetting import profile_vet

INVITATION_SALT = "chapters.invitation"


def _require_coordinator(*, by: User, chapter: Chapter) -> None:
    if not coordinates(by, chapter):
        raise PermissionDenied(_("Solo la coordinación del capítulo puede hacer esto."))


def _activate(membership: ChapterMembership, *, by: User | None) -> None:
    now = timezone.now()
    membership.state = MembershipState.ACTIVE
    membership.joined_at = now
    membership.state_changed_at = now
    membership.state_changed_by = by
    membership.reason = ""
    membership.save()
    events.member_joined.send(
        sender=ChapterMembership,
        membership_id=membership.pk,
        chapter_id=membership.chapter_id,
        user_id=membership.user_id,
    )


@transaction.atomic
def chapter_join(
    *, chapter: Chapter, user: User, invitation: ChapterInvitation | None = None
) -> ChapterMembership:
    """Join an open chapter, ask to join one with approval, or accept an invitation.

    Idempotent for an active member or a pending request (returns the row as it is)."""
    if not chapter.is_active:
        raise ValidationError(_("Este capítulo no está activo: no recibe miembros nuevos."))
    membership, _created = ChapterMembership.objects.select_for_update().get_or_create(
        chapter=chapter, user=user
    )
    if membership.state in (MembershipState.ACTIVE, MembershipState.REQUESTED) and not _created:
        if membership.state == MembershipState.REQUESTED and invitation is not None:
            _activate(membership, by=invitation.invited_by)
        return membership
    if membership.state == MembershipState.REMOVED and invitation is None:
        raise ValidationError(_("La coordinación te retiró de este capítulo; pide una invitación."))
    if invitation is not None or chapter.join_policy == JoinPolicy.OPEN:
        _activate(membership, by=invitation.invited_by if invitation else user)
        return membership
    if chapter.join_policy == JoinPolicy.INVITATION:
        raise ValidationError(_("A este capítulo solo se entra por invitación."))
    membership.state = MembershipState.REQUESTED
    membership.role = Role.MEMBER
    membership.state_changed_at = timezone.now()
    membership.state_changed_by = user
    membership.save()
    events.membership_requested.send(
        sender=ChapterMembership, membership_id=membership.pk, chapter_id=chapter.pk
    )
    return membership


def _announce_change(membership: ChapterMembership) -> None:
    events.membership_changed.send(
        sender=ChapterMembership, membership_id=membership.pk, chapter_id=membership.chapter_id
    )


def _locked(membership: ChapterMembership) -> ChapterMembership:
    return (
        ChapterMembership.objects.select_for_update()
        .select_related("chapter")
        .get(pk=membership.pk)
    )


@transaction.atomic
def membership_approve(*, membership: ChapterMembership, by: User) -> ChapterMembership:
    membership = _locked(membership)
    _require_coordinator(by=by, chapter=membership.chapter)
    if membership.state != MembershipState.REQUESTED:
        raise ValidationError(_("Esta solicitud ya fue respondida."))
    _activate(membership, by=by)
    events.membership_approved.send(sender=ChapterMembership, membership_id=membership.pk)
    return membership


@transaction.atomic
def membership_decline(
    *, membership: ChapterMembership, by: User, reason: str
) -> ChapterMembership:
    membership = _locked(membership)
    _require_coordinator(by=by, chapter=membership.chapter)
    if membership.state != MembershipState.REQUESTED:
        raise ValidationError(_("Esta solicitud ya fue respondida."))
    if not reason.strip():
        raise ValidationError({"reason": _("Explica el motivo: la persona lo recibirá.")})
    membership.state = MembershipState.DECLINED
    membership.state_changed_at = timezone.now()
    membership.state_changed_by = by
    membership.reason = reason.strip()
    membership.save()
    events.membership_declined.send(
        sender=ChapterMembership, membership_id=membership.pk, reason=membership.reason
    )
    return membership


def _last_coordinator(membership: ChapterMembership) -> bool:
    """Whether `membership` is the chapter's only active coordination."""
    return (
        membership.state == MembershipState.ACTIVE
        and membership.role != Role.MEMBER
        and not ChapterMembership.objects.coordinating()
        .filter(chapter_id=membership.chapter_id)
        .exclude(pk=membership.pk)
        .exists()
    )


@transaction.atomic
def membership_leave(
    *, membership: ChapterMembership, by: User, account_deleted: bool = False
) -> ChapterMembership:
    """Leave a chapter (or withdraw a request). The last coordinator of a chapter with other
    active members cannot just leave: nobody would answer its requests. A deleted account
    leaves anyway, and staff hear the chapter lost its coordination (coordination_vacated)."""
    membership = _locked(membership)
    if membership.user_id != by.pk:
        raise PermissionDenied(_("Solo la propia persona puede salir de un capítulo."))
    if membership.state not in (MembershipState.ACTIVE, MembershipState.REQUESTED):
        raise ValidationError(_("No eres miembro de este capítulo."))
    others = ChapterMembership.objects.filter(chapter_id=membership.chapter_id).exclude(
        pk=membership.pk
    )
    vacates = _last_coordinator(membership)
    members_left = vacates and others.active().exists()
    if members_left and not account_deleted:
        raise ValidationError(
            _(
                "Eres la única persona que coordina este capítulo: antes de salir, pide al "
                "equipo de Puentes que nombre a otra persona en la coordinación (o te ayude "
                "a traspasarla)."
            )
        )
    was_role = membership.role
    membership.state = MembershipState.LEFT
    membership.role = Role.MEMBER
    membership.state_changed_at = timezone.now()
    membership.state_changed_by = by
    membership.save()
    if was_role != Role.MEMBER:
        audit_record(actor=by, action="chapters.role_changed", target=membership, note="left")
    _announce_change(membership)
    if vacates and (members_left or others.requested().exists()):
        events.coordination_vacated.send(
            sender=ChapterMembership, chapter_id=membership.chapter_id, user_id=by.pk
        )
    return membership


@transaction.atomic
def membership_remove(*, membership: ChapterMembership, by: User, reason: str) -> ChapterMembership:
    membership = _locked(membership)
    _require_coordinator(by=by, chapter=membership.chapter)
    if membership.state != MembershipState.ACTIVE:
        raise ValidationError(_("Esta persona no es miembro activo del capítulo."))
    if membership.user_id == by.pk:
        raise ValidationError(_("Para salir tú, usa «Salir del capítulo»."))
    membership.state = MembershipState.REMOVED
    membership.role = Role.MEMBER
    membership.state_changed_at = timezone.now()
    membership.state_changed_by = by
    membership.reason = reason.strip()
    membership.save()
    audit_record(actor=by, action="chapters.member_removed", target=membership, note=reason)
    _announce_change(membership)
    return membership


@transaction.atomic
def membership_set_role(*, membership: ChapterMembership, role: str, by: User) -> ChapterMembership:
    """Make a member coordinator, co-coordinator or plain member (staff, in the admin)."""
    if not by.is_staff:
        raise PermissionDenied(_("Solo el equipo de la plataforma asigna coordinaciones."))
    membership = _locked(membership)
    if role not in Role.values:
        raise ValidationError({"role": _("Elige un rol de la lista.")})
    if membership.state != MembershipState.ACTIVE:
        raise ValidationError(_("Solo un miembro activo puede tener un rol."))
    previous = membership.role
    membership.role = role
    membership.save(update_fields=["role"])
    audit_record(
        actor=by, action="chapters.role_changed", target=membership, note=f"{previous} -> {role}"
    )
    _announce_change(membership)
    return membership


# --- Invitations ------------------------------------------------------------------------------


def invitation_token(invitation: ChapterInvitation) -> str:
    return signing.dumps({"i": invitation.pk}, salt=INVITATION_SALT)


def invitation_from_token(token: str) -> ChapterInvitation:
    """The invitation a link names; DoesNotExist when the link is forged, altered or old."""
    max_age = settings.CHAPTERS_INVITATION_MAX_AGE_DAYS * 86400
    try:
        data = signing.loads(token, salt=INVITATION_SALT, max_age=max_age)
    except signing.BadSignature as error:
        raise ChapterInvitation.DoesNotExist from error
    return ChapterInvitation.objects.select_related("chapter").get(
        pk=data.get("i"), accepted_at__isnull=True
    )


@transaction.atomic
def invitation_create(*, chapter: Chapter, email: str, by: User) -> ChapterInvitation:
    _require_coordinator(by=by, chapter=chapter)
    email = email.strip().lower()
    if ChapterMembership.objects.active().filter(chapter=chapter, user__email__iexact=email):
        raise ValidationError({"email": _("Esa persona ya es miembro del capítulo.")})
    invitation = ChapterInvitation.objects.create(chapter=chapter, email=email, invited_by=by)
    url = reverse("chapters:invitation", kwargs={"token": invitation_token(invitation)})
    events.chapter_invited.send(
        sender=ChapterInvitation, invitation_id=invitation.pk, url=settings.SITE_URL + url
    )
    return invitation


@transaction.atomic
def invitation_accept(*, invitation: ChapterInvitation, user: User) -> ChapterMembership:
    if user.email.lower() != invitation.email.lower():
        raise ValidationError(
            _("Esta invitación es para otra dirección de correo: entra con la cuenta invitada.")
        )
    membership = chapter_join(chapter=invitation.chapter, user=user, invitation=invitation)
    profile = ExpertProfile.objects.filter(user=user, approved_at__isnull=True).first()
    if settings.NETWORK_MEMBERSHIP == "invitation" and profile is not None:
        # In an invitation-only network, being invited is the approval.
        profile_vet(profile=profile, by=invitation.invited_by, approved=True)
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    return membership
