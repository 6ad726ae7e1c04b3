"""How a suggestion shows itself: reasons in the reader's language (in the second person on
the expert's own page) and the score's components, for the breakdown shown on demand."""

from typing import Any

from django import template
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from matching.models import Match
from matching.scoring.wording import second_person

register = template.Library()

COMPONENT_LABELS = {
    "semantic": _("Parecido de la trayectoria con lo que pide el proyecto"),
    "skills": _("Habilidades"),
    "fields": _("Campos de conocimiento"),
    "language": _("Idiomas"),
    "hours": _("Horas disponibles"),
    "preferences": _("Preferencias"),
    "origin": _("Vínculo con el estado"),
    "timezone": _("Zona horaria"),
    "modality": _("Modalidad"),
}


def _index() -> int:
    return 1 if (get_language() or "es").startswith("en") else 0


@register.simple_tag
def match_reasons(match: Match, *, for_expert: bool = False) -> dict[str, list[str]]:
    index = _index()
    reasons = match.reasons_en if index else match.reasons_es
    missing = match.missing_en if index else match.missing_es
    if for_expert:
        reasons = [second_person(r, index) for r in reasons]
        missing = [second_person(m, index) for m in missing]
    return {"reasons": list(reasons), "missing": list(missing)}


@register.simple_tag
def match_components(match: Match) -> list[dict[str, Any]]:
    """The components in a fixed order, each as a 0..100 share."""
    values = match.components or {}
    return [
        {"label": label, "percent": round(float(values[name]) * 100)}
        for name, label in COMPONENT_LABELS.items()
        if name in values
    ]


@register.filter
def spread_adjustment(match: Match) -> int:
    """How many points the spread rule moved the match down the list (0 when none)."""
    return max(0, round(match.score - match.rank_score))
