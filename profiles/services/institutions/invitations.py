"""Inviting colleagues to an institution by e-mail, and answering invitations."""

import datetime

from allauth.account.models import EmailAddress
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from profiles import events
from profiles.choices import AccountRole
from profiles.models import Institution, Membership, MembershipInvitation, User
from profiles.permissions import signed_in
from profiles.services.audit import audit_record
from profiles.services.institutions.permissions import require_institution_admin

# An unanswered invitation stops working after this many days; the admin can send a new one.
INVITATION_VALID_DAYS = 30


def invitation_expires_at(invitation: MembershipInvitation) -> datetime.datetime:
    return invitation.created_at + datetime.timedelta(days=INVITATION_VALID_DAYS)


def invitation_is_expired(invitation: MembershipInvitation) -> bool:
    return invitation.is_open and timezone.now() >= invitation_expires_at(invitation)


def _users_with_email(email: str) -> Q:
    """Users whose account e-mail or a verified allauth address is `email` (any case)."""
    return Q(email__iexact=email) | Q(
        emailaddress__email__iexact=email, emailaddress__verified=True
    )


def mask_email(email: str) -> str:
    """«l***@udg.example»: enough to recognise one's own address, not to harvest it."""
    local, _sep, domain = email.partition("@")
    return f"{local[:1]}***@{domain}" if domain else "***"


@transaction.atomic
def membership_invite(
    *,
    institution: Institution,
    by: User,
    email: str,
    role: str = Membership.Role.LIAISON,
) -> MembershipInvitation:
    """Invite a colleague by e-mail (institution admins only) and e-mail them the link.

    The e-mail leaves once the invitation is committed."""
    require_institution_admin(user=by, institution=institution)
    email = email.strip()
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationError(
            {"email": _("Escribe un correo electrónico válido.")}, code="invalid_email"
        ) from None
    if role not in Membership.Role.values:
        raise ValidationError({"role": _("Elige un rol válido.")}, code="invalid_role")
    _refuse_member(institution=institution, email=email)
    _close_expired_invitation(institution=institution, email=email)
    invitation = MembershipInvitation.objects.create(
        institution=institution, email=email, role=role, invited_by=by
    )
    audit_record(
        actor=by,
        action="membership.invite",
        target=institution,
        note=f"{mask_email(email)} ({role})",
    )
    # The notifications app subscribes to this event and e-mails the invitation (outbox).
    events.membership_invited.send(sender=MembershipInvitation, invitation_id=invitation.pk)
    return invitation


def _refuse_member(*, institution: Institution, email: str) -> None:
    members = User.objects.filter(
        _users_with_email(email), memberships__institution=institution
    ).distinct()
    if members.exists():
        raise ValidationError(
            {
                "email": ValidationError(
                    _("%(email)s ya es miembro de %(institution)s."),
                    params={"email": email, "institution": institution.name},
                    code="already_member",
                )
            }
        )


def _close_expired_invitation(*, institution: Institution, email: str) -> None:
    """Refuse a second open invitation to `email`; an expired one is closed to make room."""
    open_invitation = (
        MembershipInvitation.objects.select_for_update()
        .filter(
            institution=institution,
            email__iexact=email,
            accepted_at__isnull=True,
            revoked_at__isnull=True,
        )
        .first()
    )
    if open_invitation is not None:
        if not invitation_is_expired(open_invitation):
            raise ValidationError(
                {
                    "email": ValidationError(
                        _(
                            "Ya hay una invitación abierta para %(email)s. Revócala si "
                            "quieres enviar otra."
                        ),
                        params={"email": email},
                        code="already_invited",
                    )
                }
            )
        # An expired invitation no longer counts as open: close it to make room for the new one.
        open_invitation.revoked_at = timezone.now()
        open_invitation.save(update_fields=["revoked_at"])


def membership_invitation_check(
    *, invitation: MembershipInvitation, user: User
) -> Membership | None:
    """Raise why `user` cannot accept `invitation` (ValidationError, or PermissionDenied for the
    wrong account); return the membership when this user already accepted it, else None."""
    email_matches = (
        signed_in(user)
        and EmailAddress.objects.filter(
            user=user, email__iexact=invitation.email, verified=True
        ).exists()
    )
    if invitation.accepted_at is not None:
        membership = Membership.objects.filter(
            institution_id=invitation.institution_id, user=user
        ).first()
        if membership is not None and email_matches:
            return membership
        raise ValidationError(_("Esta invitación ya fue usada."), code="invitation_used")
    if invitation.revoked_at is not None:
        raise ValidationError(
            _("Esta invitación fue revocada. Pide a la institución que te invite de nuevo."),
            code="invitation_revoked",
        )
    if invitation_is_expired(invitation):
        raise ValidationError(
            _("Esta invitación venció. Pide a la institución que te invite de nuevo."),
            code="invitation_expired",
        )
    if not email_matches:
        raise PermissionDenied(
            _(
                "Esta invitación es para %(email)s y entraste con otra cuenta. Cierra sesión e "
                "inicia con esa dirección (o agrégala y verifícala en tu cuenta)."
            )
            % {"email": mask_email(invitation.email)}
        )
    return None


@transaction.atomic
def membership_invitation_accept(*, invitation: MembershipInvitation, user: User) -> Membership:
    """Join the institution. Only the account with the invited, verified e-mail may accept.

    Idempotent: accepting again returns the membership. An existing member invited as admin is
    promoted; nobody is demoted by an invitation."""
    invitation.refresh_from_db(from_queryset=MembershipInvitation.objects.select_for_update())
    already = membership_invitation_check(invitation=invitation, user=user)
    if already is not None:
        return already
    membership, created = Membership.objects.get_or_create(
        institution=invitation.institution, user=user, defaults={"role": invitation.role}
    )
    if not created and invitation.role == Membership.Role.ADMIN and not membership.is_admin:
        membership.role = Membership.Role.ADMIN
        membership.save(update_fields=["role"])
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    if not user.acts_as_institution:
        # Joining a team is choosing the institution side too.
        user.role = AccountRole.BOTH
        user.save(update_fields=["role"])
    audit_record(
        actor=user,
        action="membership.accept",
        target=invitation.institution,
        note=f"{mask_email(invitation.email)} ({membership.role})",
    )
    return membership


@transaction.atomic
def membership_invitation_revoke(*, invitation: MembershipInvitation, by: User) -> None:
    require_institution_admin(user=by, institution=invitation.institution)
    invitation.refresh_from_db(from_queryset=MembershipInvitation.objects.select_for_update())
    if not invitation.is_open:
        raise ValidationError(
            _("Esta invitación ya no está abierta: fue aceptada o revocada."),
            code="invitation_closed",
        )
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at"])
    audit_record(
        actor=by,
        action="membership.revoke_invitation",
        target=invitation.institution,
        note=mask_email(invitation.email),
    )
