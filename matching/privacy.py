"""The matching engine's part of "export my data": the suggestions about the person (as an
expert). Answers profiles.events.personal_data_requested; returns data, writes nothing."""

from typing import Any

from django.utils.translation import gettext_lazy as _

from matching.models import Match
from profiles.privacy import ExportSection, rows

MATCH_FIELDS = (
    "id",
    "project_id",
    "score",
    "rank_score",
    "components",
    "reasons_es",
    "reasons_en",
    "missing_es",
    "missing_en",
    "algorithm_version",
    "computed_at",
    "state",
    "dismiss_reason",
    "state_changed_at",
)


def personal_data(sender: Any, user_id: int, **kwargs: Any) -> dict[str, ExportSection]:
    matches = Match.objects.filter(expert__user_id=user_id).order_by("pk")
    return {
        "matches": ExportSection(
            _("Sugerencias que te unen con proyectos, con su puntuación y sus razones."),
            MATCH_FIELDS,
            rows(matches, MATCH_FIELDS),
        )
    }
