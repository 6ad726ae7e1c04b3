"""Project the vendored map shapes to SVG paths once: observatory/data/maps.json.

Sources (static/vendor/, licences beside them): world-atlas 2.0.2 (Natural Earth 1:110m
countries as TopoJSON, ISC; Natural Earth is public domain) and @svg-maps/mexico 2.0.0 (the 32
states as SVG paths, CC BY 4.0, Victor Cazanave). Run again only when a source changes.
"""

import json
import re
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand
from django_countries import countries

from observatory import charts

VENDOR = Path(settings.BASE_DIR) / "static" / "vendor"
OUTPUT = Path(settings.BASE_DIR) / "observatory" / "data" / "maps.json"
WIDTH, HEIGHT = 960, 420  # equirectangular, latitudes 84 N to 58 S (Antarctica left out)
NORTH, SOUTH = 84.0, -58.0
# @svg-maps/mexico ids -> INEGI state codes (the codes of profiles' State rows).
MEXICO_IDS = (  # noqa: SIM905 - 32 ids, two readable lines
    "agu bcn bcs cam coa col chp chh cmx dur gua gro hid jal mex mic "
    "mor nay nle oax pue que roo slp sin son tab tam tla ver yuc zac"
).split()


def decode_arcs(topology: dict[str, Any]) -> list[list[tuple[float, float]]]:
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring_points(
    ring: list[int], arcs: list[list[tuple[float, float]]]
) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for index in ring:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc[1:] if points else arc)
    return points


def project(lon: float, lat: float) -> tuple[int, int]:
    x = (lon + 180) / 360 * WIDTH
    y = (NORTH - max(min(lat, NORTH), SOUTH)) / (NORTH - SOUTH) * HEIGHT
    return round(x), round(y)


def ring_path(points: list[tuple[float, float]]) -> str:
    projected: list[tuple[int, int]] = []
    for lon, lat in points:
        point = project(lon, lat)
        if not projected or point != projected[-1]:
            projected.append(point)
    if len(projected) < 3:
        return ""
    # A ring crossing the antimeridian (Russia, Fiji) jumps across the map: lift the pen there.
    path = f"M{projected[0][0]} {projected[0][1]}"
    for (x0, _y0), (x, y) in zip(projected, projected[1:], strict=False):
        path += ("M" if abs(x - x0) > WIDTH / 2 else "L") + f"{x} {y}"
    return path + "Z"


def world_shapes() -> dict[str, str]:
    topology = json.loads((VENDOR / "world-atlas" / "countries-110m.json").read_text())
    arcs = decode_arcs(topology)
    shapes: dict[str, str] = {}
    for geometry in topology["objects"]["countries"]["geometries"]:
        code = countries.alpha2(int(geometry["id"])) if geometry.get("id") else ""
        if not code or code == "AQ":
            continue
        polygons = [geometry["arcs"]] if geometry["type"] == "Polygon" else geometry.get("arcs", [])
        path = "".join(
            ring_path(ring_points(ring, arcs)) for polygon in polygons for ring in polygon
        )
        if path:
            shapes[code] = shapes.get(code, "") + path
    return shapes


def mexico_shapes() -> tuple[str, dict[str, str]]:
    svg = (VENDOR / "svg-maps-mexico" / "mexico.svg").read_text()
    view_box = re.search(r'viewBox="([^"]+)"', svg)
    paths = dict(re.findall(r'<path\s+id="(\w+)"\s+aria-label="[^"]*"\s+d="([^"]+)"', svg))
    shapes = {f"{i + 1:02d}": paths[key] for i, key in enumerate(MEXICO_IDS)}
    return (view_box.group(1) if view_box else "0 0 793 498"), shapes


class Command(BaseCommand):
    help = (
        "Project the vendored world and Mexico shapes to SVG paths (observatory/data/maps.json)"
        " and write the static sprites the observatory page draws them from."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        mexico_box, mexico = mexico_shapes()
        maps = {
            "world": {"viewBox": f"0 0 {WIDTH} {HEIGHT}", "shapes": world_shapes()},
            "mexico": {"viewBox": mexico_box, "shapes": mexico},
        }
        OUTPUT.parent.mkdir(exist_ok=True)
        OUTPUT.write_text(json.dumps(maps, separators=(",", ":"), sort_keys=True))
        self.stdout.write(f"{OUTPUT}: {OUTPUT.stat().st_size} bytes")
        charts.SPRITES.mkdir(parents=True, exist_ok=True)
        for which, source in maps.items():
            target = charts.SPRITES / f"{which}.svg"
            target.write_text(charts.sprite(which, source))
            self.stdout.write(f"{target}: {target.stat().st_size} bytes")
