"""Geometry of the server-rendered SVG charts and maps (no script, no inline style: sizes are
SVG attributes and colours classes of puentes.css)."""

import json
from functools import cache
from pathlib import Path
from typing import Any

MAPS = Path(__file__).resolve().parent / "data" / "maps.json"
BINS = 5
BAR_HEIGHT, BAR_GAP, LABEL_WIDTH, BAR_SPACE = 22, 6, 0, 100


def with_bars(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each row gets `width` (percent of the largest shown value) and `y` (its slot)."""
    largest = max((r["value"] or 0 for r in rows), default=0) or 1
    return [
        {
            **r,
            "width": round(BAR_SPACE * (r["value"] or 0) / largest, 1),
            "y": i * (BAR_HEIGHT + BAR_GAP),
        }
        for i, r in enumerate(rows)
    ]


def bars_height(rows: list[dict[str, Any]]) -> int:
    return max(1, len(rows)) * (BAR_HEIGHT + BAR_GAP)


def bin_of(value: int | None, largest: int) -> str:
    if value is None:
        return "map-hidden"
    if value <= 0 or largest <= 0:
        return "map-none"
    return f"map-bin-{min(BINS, 1 + (BINS * (value - 1)) // largest)}"


@cache
def _maps() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(MAPS.read_text())
    return data


def choropleth(which: str, rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Shapes of `which` ("world" or "mexico") with each row's bin and text; places without a
    row (small countries, folded into "other") are drawn plain."""
    source = _maps()[which]
    by_key = {r["key"]: r for r in rows}
    largest = max((r["value"] or 0 for r in rows if r["key"] in source["shapes"]), default=0)
    shapes = []
    for key, path in sorted(source["shapes"].items()):
        row = by_key.get(key)
        shapes.append(
            {
                "key": key,
                "path": path,
                "bin": bin_of(row["value"], largest) if row else "map-none",
                "title": f"{row['label']}: {row['shown']}" if row else "",
            }
        )
    return {"viewBox": source["viewBox"], "shapes": shapes}
