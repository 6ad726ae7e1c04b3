"""The chapters app's part of "export my data": the person's chapter memberships (and requests
to join), the invitations sent to their address and their event registrations. Answers
profiles.events.personal_data_requested (connected in ChaptersConfig.ready()); returns data,
writes nothing."""

from typing import Any

from django.utils.translation import gettext_lazy as _

from chapters.models import ChapterInvitation, ChapterMembership, EventRegistration
from profiles.models import User
from profiles.privacy import ExportSection, rows

MEMBERSHIP_FIELDS = (
    "id",
    "chapter_id",
    "role",
    "state",
    "requested_at",
    "joined_at",
    "state_changed_at",
    "reason",
)
INVITATION_FIELDS = ("id", "chapter_id", "email", "invited_by_id", "created_at", "accepted_at")
REGISTRATION_FIELDS = (
    "id",
    "event_id",
    "state",
    "queued_at",
    "promoted_at",
    "cancelled_at",
    "checked_in_at",
)


def personal_data(sender: Any, user_id: int, **kwargs: Any) -> dict[str, ExportSection]:
    email = User.objects.filter(pk=user_id).values_list("email", flat=True).first() or ""
    invitations = ChapterInvitation.objects.filter(email__iexact=email).order_by("pk")
    memberships = ChapterMembership.objects.filter(user_id=user_id).order_by("pk")
    registrations = EventRegistration.objects.filter(user_id=user_id).order_by("pk")
    return {
        "chapter_memberships": ExportSection(
            _("Tus membresías y solicitudes a capítulos y nodos."),
            MEMBERSHIP_FIELDS,
            rows(memberships, MEMBERSHIP_FIELDS),
        ),
        "chapter_invitations": ExportSection(
            _("Invitaciones a capítulos y nodos enviadas a tu correo."),
            INVITATION_FIELDS,
            rows(invitations, INVITATION_FIELDS),
        ),
        "event_registrations": ExportSection(
            _("Tus inscripciones a eventos, con la lista de espera y la asistencia."),
            REGISTRATION_FIELDS,
            rows(registrations, REGISTRATION_FIELDS),
        ),
    }
