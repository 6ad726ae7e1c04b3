"""Reads of the observatory: the public page, its downloads and the API, all from snapshots."""

from typing import Any

from django.utils.translation import gettext as _

from observatory import charts, tables
from observatory.models import Snapshot

TREND_MONTHS = 12
MAPS = {
    "experts_by_country": "world",
    "experts_by_origin_state": "mexico",
    "needs_by_state": "mexico",
}


def snapshot_latest() -> Snapshot | None:
    return Snapshot.objects.latest_first().first()


def snapshot_list_trend(months: int = TREND_MONTHS) -> list[Snapshot]:
    return list(reversed(Snapshot.objects.latest_first()[:months]))


def trend_rows(snapshots: list[Snapshot]) -> list[dict[str, Any]]:
    """Experts counted at the end of each month (their headline cell, suppressed as stored)."""
    return [
        {
            "key": f"{s.period:%Y-%m}",
            "label": f"{s.period:%Y-%m}",
            "value": s.figures["headline"]["experts"]["value"],
            "hidden": s.figures["headline"]["experts"]["hidden"],
            "shown": tables.shown(s.figures["headline"]["experts"], s.figures["min_cell"]),
        }
        for s in snapshots
    ]


def table_rows(snapshot: Snapshot, table: str) -> list[dict[str, Any]]:
    if table == "trends":
        return trend_rows(snapshot_list_trend())
    return tables.rows(snapshot.figures, table)


def headline_cards(figures: dict[str, Any]) -> list[dict[str, str]]:
    k = figures["min_cell"]
    head = figures["headline"]
    labels = {
        "experts": _("personas expertas"),
        "countries": _("países de residencia"),
        "institutions": _("instituciones verificadas"),
        "needs_published": _("necesidades publicadas"),
        "introductions": _("presentaciones aceptadas"),
        "engagements": _("colaboraciones"),
        "outcomes": _("resultados"),
    }
    cards = []
    for key, label in labels.items():
        cell = head[key]
        value = f"{cell:,}" if isinstance(cell, int) else tables.shown(cell, k)
        cards.append({"key": key, "label": label, "value": value})
    return cards


def amount_rows(figures: dict[str, Any]) -> list[dict[str, str]]:
    label = tables.labeller("outcomes_by_kind")
    k = figures["min_cell"]
    return [
        {
            "label": f"{label(a['kind'])} ({a['currency']})",
            "count": tables.shown(a["count"], k),
            "amount": f"{int(a['amount']):,}" if a["amount"] is not None else f"<{k}",
        }
        for a in figures.get("amounts", [])
    ]


def panel(snapshot: Snapshot, table: str, title: str) -> dict[str, Any]:
    rows = table_rows(snapshot, table)
    result: dict[str, Any] = {
        "id": table.replace("_", "-"),
        "table": table,
        "title": title,
        "rows": charts.with_bars(rows),
        "height": charts.bars_height(rows),
        "total": tables.total(snapshot.figures, table) if table != "trends" else None,
    }
    if table in MAPS:
        result["map"] = charts.choropleth(MAPS[table], rows)
    return result


def observatory_page() -> dict[str, Any]:
    snapshot = snapshot_latest()
    if snapshot is None:
        return {"snapshot": None}
    titles = tables.titles()
    return {
        "snapshot": snapshot,
        "min_cell": snapshot.min_cell,
        "cards": headline_cards(snapshot.figures),
        "amounts": amount_rows(snapshot.figures),
        "panels": [panel(snapshot, t, titles[t]) for t in ("trends", *tables.TABLES)],
    }
