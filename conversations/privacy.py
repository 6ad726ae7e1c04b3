"""The conversations app's part of "export my data": the messages the person wrote and the
abuse reports they filed. Answers profiles.events.personal_data_requested; writes nothing.
Messages others wrote are theirs, and stay out of this person's export."""

from typing import Any

from django.utils.translation import gettext_lazy as _

from conversations.models import AbuseReport, Message
from profiles.privacy import ExportSection, rows

MESSAGE_FIELDS = (
    "id",
    "thread_id",
    "kind",
    "body",
    "created_at",
    "attachment_name",
    "attachment_type",
    "attachment_size",
    "meeting_starts_at",
    "meeting_minutes",
    "meeting_timezone",
    "meeting_place",
)
REPORT_FIELDS = ("id", "thread_id", "message_id", "reason", "created_at")


def personal_data(sender: Any, user_id: int, **kwargs: Any) -> dict[str, ExportSection]:
    return {
        "messages": ExportSection(
            _("Los mensajes que escribiste en tus conversaciones."),
            MESSAGE_FIELDS,
            rows(Message.objects.filter(author_id=user_id).order_by("pk"), MESSAGE_FIELDS),
        ),
        "abuse_reports": ExportSection(
            _("Las denuncias de abuso que enviaste."),
            REPORT_FIELDS,
            rows(AbuseReport.objects.filter(reported_by_id=user_id).order_by("pk"), REPORT_FIELDS),
        ),
    }
