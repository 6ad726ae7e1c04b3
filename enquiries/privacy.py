"""The enquiries app's part of "export my data": the introductions the network asked the
person about (shortlisted for an enquiry, asked, and their answer). Answers
profiles.events.personal_data_requested (connected in EnquiriesConfig.ready()); returns data,
writes nothing. The requester's own enquiry is reached and deleted by its tracking link."""

from typing import Any

from django.utils.translation import gettext_lazy as _

from enquiries.models import Candidate
from profiles.privacy import ExportSection, rows

CANDIDATE_FIELDS = (
    "id",
    "enquiry_id",
    "state",
    "reasons_es",
    "reasons_en",
    "created_at",
    "asked_at",
    "answered_at",
    "decline_reason",
)


def personal_data(sender: Any, user_id: int, **kwargs: Any) -> dict[str, ExportSection]:
    candidacies = Candidate.objects.filter(expert__user_id=user_id).order_by("pk")
    return {
        "introduction_requests": ExportSection(
            _("Las presentaciones para las que el equipo te propuso, y tu respuesta."),
            CANDIDATE_FIELDS,
            rows(candidacies, CANDIDATE_FIELDS),
        ),
    }
