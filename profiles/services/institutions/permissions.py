"""Who may act on an institution: its admins, and platform staff for verification."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from profiles.models import Institution, Membership
from profiles.permissions import signed_in


def is_institution_admin(*, user: object, institution: Institution) -> bool:
    if not signed_in(user):
        return False
    return Membership.objects.filter(
        user=user, institution=institution, role=Membership.Role.ADMIN
    ).exists()


def require_institution_admin(*, user: object, institution: Institution) -> None:
    if not is_institution_admin(user=user, institution=institution):
        raise PermissionDenied(_("Solo los administradores de la institución pueden hacer esto."))


def require_staff(*, user: object) -> None:
    if not (signed_in(user) and user.is_staff):
        raise PermissionDenied(
            _("Solo el equipo de la plataforma puede verificar o rechazar instituciones.")
        )
