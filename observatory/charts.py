"""Geometry of the server-rendered SVG charts and maps (no script, no inline style: sizes are
SVG attributes and colours classes of puentes.css).

A map's shapes are drawn once, in a static file per map (`sprite`, built from maps.json with the
shapes and written to static/observatory/maps/ by `observatory_build_maps`): the page only places
each shape (`<use>`) with its colour class and text, so the browser keeps the geometry between
visits and the page is about 30 KB instead of 260 KB."""

import json
from functools import cache
from pathlib import Path
from typing import Any

from django.templatetags.static import static

MAPS = Path(__file__).resolve().parent / "data" / "maps.json"
SPRITES = Path(__file__).resolve().parent.parent / "static" / "observatory" / "maps"
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
    row (small countries, folded into "other") are drawn plain. Each shape's `href` names its
    geometry in the map's static sprite."""
    source = _maps()[which]
    by_key = {r["key"]: r for r in rows}
    largest = max((r["value"] or 0 for r in rows if r["key"] in source["shapes"]), default=0)
    sprite_url = static(f"observatory/maps/{which}.svg")
    shapes = []
    for key in sorted(source["shapes"]):
        row = by_key.get(key)
        shapes.append(
            {
                "key": key,
                "href": f"{sprite_url}#{shape_id(key)}",
                "bin": bin_of(row["value"], largest) if row else "map-none",
                "title": f"{row['label']}: {row['shown']}" if row else "",
            }
        )
    return {"viewBox": source["viewBox"], "shapes": shapes}


def shape_id(key: str) -> str:
    """An XML id for a place's code ("01", "US"): ids may not start with a digit."""
    return f"s-{key}"


CREDITS = {
    "world": "Natural Earth 1:110m countries (public domain), via world-atlas 2.0.2 (ISC)",
    "mexico": "@svg-maps/mexico 2.0.0 by Victor Cazanave (CC BY 4.0)",
}


def sprite(which: str, source: dict[str, Any]) -> str:
    """The static SVG holding every shape of the map `which` of maps.json (`source`: its viewBox
    and shapes), each a path with its id and no fill of its own (the page's `<use>` colours it),
    with the credit its licence asks for."""
    paths = "".join(
        f'<path id="{shape_id(key)}" d="{path}"/>' for key, path in sorted(source["shapes"].items())
    )
    return (
        f"<!-- Shapes: {CREDITS[which]}. Built by manage.py observatory_build_maps. -->\n"
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{source["viewBox"]}">{paths}</svg>\n'
    )
