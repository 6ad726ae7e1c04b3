"""The published tables of a snapshot as rows a person reads: labels in the reader's language,
hidden counts as "<k" or "hidden". The page, its CSV/JSON downloads, the API and the funder
report all read these rows, so they show exactly the same numbers."""

from typing import Any

from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django_countries import countries

from profiles.choices import CollaborationType
from profiles.models import FieldOfScience, State
from projects.choices import OutcomeKind

OTHER = "other"


def funnel_labels() -> dict[str, str]:
    return {
        "needs": _("Necesidades publicadas"),
        "suggestions": _("Sugerencias del motor"),
        "interests": _("Intereses de personas expertas"),
        "invitations": _("Invitaciones de instituciones"),
        "accepted": _("Presentaciones aceptadas"),
        "engagements": _("Colaboraciones"),
        "outcomes": _("Resultados registrados"),
    }


def _state_names() -> dict[str, str]:
    return dict(State.objects.values_list("code", "name"))


def _field_names() -> dict[str, str]:
    english = (get_language() or "es").startswith("en")
    return dict(FieldOfScience.objects.values_list("code", "name_en" if english else "name_es"))


def labeller(table: str) -> Any:
    """A function key -> label for one table (one query at most)."""
    if table == "experts_by_country":
        return lambda key: _("Otros países o sin indicar") if key == OTHER else countries.name(key)
    if table in ("experts_by_origin_state", "institutions_by_state", "needs_by_state"):
        names = _state_names()
        return lambda key: _("Sin indicar") if key == OTHER else names.get(key, key)
    if table == "experts_by_field":
        names = _field_names()
        return lambda key: names.get(key, key)
    if table in ("experts_by_collaboration_type", "needs_by_collaboration_type"):
        return lambda key: str(CollaborationType(key).label)
    if table == "outcomes_by_kind":
        return lambda key: str(OutcomeKind(key).label)
    if table == "funnel":
        return funnel_labels().get
    return str


def shown(cell: dict[str, Any] | None, k: int) -> str:
    if cell is None:
        return ""
    if cell["hidden"] == "primary":
        return f"<{k}"
    if cell["hidden"] in ("secondary", "withheld"):
        return _("oculta")
    return f"{cell['value']:,}"


def rows(figures: dict[str, Any], table: str) -> list[dict[str, Any]]:
    """[{key, label, value, shown}] of one table; value is None when hidden."""
    k = figures["min_cell"]
    label = labeller(table)
    data = figures[table]
    cells = (
        # In the steps' order: the stored snapshot (jsonb) does not keep the keys' order.
        [{"key": key, **data[key]} for key in funnel_labels() if key in data]
        if table == "funnel"
        else data["rows"]
    )
    return [
        {
            "key": c["key"],
            "label": label(c["key"]),
            "value": c["value"],
            "hidden": c["hidden"],
            "shown": shown(c, k),
        }
        for c in cells
    ]


def total(figures: dict[str, Any], table: str) -> dict[str, Any] | None:
    cell = figures[table].get("total") if table != "funnel" else None
    if cell is None:
        return None
    return {"value": cell["value"], "shown": shown(cell, figures["min_cell"])}


TABLES = (
    "funnel",
    "experts_by_country",
    "experts_by_origin_state",
    "needs_by_state",
    "institutions_by_state",
    "experts_by_field",
    "experts_by_collaboration_type",
    "needs_by_collaboration_type",
    "outcomes_by_kind",
)


def titles() -> dict[str, str]:
    return {
        "funnel": _("Del proyecto a los resultados"),
        "experts_by_country": _("Personas expertas por país de residencia"),
        "experts_by_origin_state": _("Personas expertas por estado de origen"),
        "needs_by_state": _("Necesidades publicadas por estado"),
        "institutions_by_state": _("Instituciones verificadas por estado"),
        "experts_by_field": _("Personas expertas por campo de conocimiento"),
        "experts_by_collaboration_type": _(
            "Personas expertas por tipo de colaboración que ofrecen"
        ),
        "needs_by_collaboration_type": _("Necesidades por tipo de colaboración"),
        "outcomes_by_kind": _("Resultados por tipo"),
        "trends": _("Evolución mensual"),
    }
