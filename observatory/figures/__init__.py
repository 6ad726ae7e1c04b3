"""The observatory's figures, computed from the domain apps' rows as of a moment.

`compute()` runs each panel of `PANELS` and returns one JSON-ready dict of *published* numbers:
every count of people has gone through `observatory.suppression` before it leaves here. A panel
is a function `(as_of, k, scope) -> dict`; panels for chapters, events and enquiries (apps built
after this one) are added by appending their function to `PANELS`, and the page shows the
panels it finds in a snapshot.
"""

import datetime
from collections.abc import Callable
from typing import Any

from observatory.figures.activity import activity_panels
from observatory.figures.people import people_panels
from observatory.figures.scope import Scope

Panel = Callable[[datetime.datetime, int, Scope], dict[str, Any]]

PANELS: tuple[Panel, ...] = (people_panels, activity_panels)

# Bump when the shape of `figures` changes, so readers can tell old snapshots apart.
FIGURES_VERSION = 1


def compute(as_of: datetime.datetime, k: int, scope: Scope | None = None) -> dict[str, Any]:
    figures: dict[str, Any] = {"version": FIGURES_VERSION, "min_cell": k}
    for panel in PANELS:
        figures.update(panel(as_of, k, scope or Scope()))
    figures["headline"] = headline(figures)
    return figures


def headline(figures: dict[str, Any]) -> dict[str, Any]:
    """The page's top figures, picked from the panels (same published cells)."""
    return {
        "experts": figures["experts_by_country"]["total"],
        "countries": figures["countries"],
        "institutions": figures["institutions_by_state"]["total"],
        "needs_published": figures["needs_by_state"]["total"],
        "introductions": figures["funnel"]["accepted"],
        "engagements": figures["funnel"]["engagements"],
        "outcomes": figures["outcomes_by_kind"]["total"],
    }
