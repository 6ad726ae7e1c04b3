"""The projects app's part of "export my data": collaboration requests, engagements, their
outcomes and follow-ups. Answers profiles.events.personal_data_requested (connected in
ProjectsConfig.ready()); returns data, writes nothing."""

from typing import Any

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from profiles.privacy import ExportSection, row, rows
from projects.models import Engagement, Interest, Invitation

REQUEST_FIELDS = (
    "id",
    "project_id",
    "expert_id",
    "message",
    "status",
    "decline_reason",
    "decline_note",
    "created_at",
    "expires_at",
    "responded_at",
    "responded_by_id",
)
INVITATION_FIELDS = (*REQUEST_FIELDS, "invited_by_id")
ENGAGEMENT_FIELDS = (
    "id",
    "project_id",
    "expert_id",
    "interest_id",
    "invitation_id",
    "institution_contact_id",
    "status",
    "started_at",
    "ended_at",
    "end_note",
    "outcomes",
    "follow_ups",
)
OUTCOME_FIELDS = (
    "id",
    "kind",
    "description",
    "occurred_on",
    "url",
    "amount",
    "currency",
    "recorded_by_id",
    "created_at",
)
FOLLOW_UP_FIELDS = ("id", "months", "due_at", "sent_at")


def _engagement(engagement: Engagement) -> dict[str, Any]:
    data = row(engagement, ENGAGEMENT_FIELDS[:-2])
    data["outcomes"] = rows(engagement.outcomes.all(), OUTCOME_FIELDS)
    data["follow_ups"] = rows(engagement.follow_ups.all(), FOLLOW_UP_FIELDS)
    return data


def personal_data(sender: Any, user_id: int, **kwargs: Any) -> dict[str, ExportSection]:
    """Requests to or from the person as an expert, invitations they sent for an institution,
    and the engagements they take part in (as the expert or the institution's contact)."""
    engagements = (
        Engagement.objects.filter(Q(expert__user_id=user_id) | Q(institution_contact_id=user_id))
        .prefetch_related("outcomes", "follow_ups")
        .order_by("pk")
    )
    invitations = Invitation.objects.filter(
        Q(expert__user_id=user_id) | Q(invited_by_id=user_id)
    ).order_by("pk")
    return {
        "interests": ExportSection(
            _("Tu interés en proyectos y sus respuestas."),
            REQUEST_FIELDS,
            rows(Interest.objects.filter(expert__user_id=user_id).order_by("pk"), REQUEST_FIELDS),
        ),
        "invitations": ExportSection(
            _("Invitaciones a proyectos que recibiste o enviaste por tu institución."),
            INVITATION_FIELDS,
            rows(invitations, INVITATION_FIELDS),
        ),
        "engagements": ExportSection(
            _(
                "Colaboraciones en que participas, con sus resultados (outcomes) y "
                "seguimientos (follow_ups)."
            ),
            ENGAGEMENT_FIELDS,
            [_engagement(e) for e in engagements],
        ),
    }
