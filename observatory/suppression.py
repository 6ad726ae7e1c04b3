"""Small-cell suppression for published counts of people: pure, no ORM, settings or I/O.

A table is a set of entries (cells and totals) tied by additive lines: the parts of a line sum
to its total. An entry counting fewer than `k` people, none included, is *primary* suppressed
and shown as "<k" (a zero shown as 0 would tell that the other "<k" cells hold someone). Then
complementary (*secondary*) suppression hides more entries until an auditor who knows every
published number, every line's sum, that counts are never negative, that a primary cell lies in
0..k-1 and that a secondary cell is at least k (the worst case for us), still cannot pin down
any hidden entry: its feasible interval, found by propagating bounds through the lines to a
fixed point, keeps a width of at least one. The same auditor is the stopping rule; the property
tests attack the output with it and, on small tables, by brute force.
"""

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

INF = math.inf


class Hidden(StrEnum):
    PRIMARY = "primary"  # fewer than k people: shown as "<k"
    SECONDARY = "secondary"  # hidden so that a primary one cannot be worked out
    # Every entry of a table that no choice of complements protects (e.g. [[2, 1], [2, 1]] at
    # k = 3: the margins pin every cell): all withheld alike, so nothing bounds any of them.
    WITHHELD = "withheld"


@dataclass(frozen=True)
class Line:
    """The entries `parts` sum to the entry `total` (ids index the table's values)."""

    parts: tuple[int, ...]
    total: int


@dataclass(frozen=True)
class Published:
    value: int | None  # None when hidden
    hidden: Hidden | None = None

    def as_dict(self) -> dict[str, object]:
        return {"value": self.value, "hidden": self.hidden.value if self.hidden else None}


def is_small(value: int, k: int) -> bool:
    return value < k


def attacker_bounds(
    values: Sequence[int], hidden: Mapping[int, Hidden], k: int
) -> list[tuple[float, float]]:
    """What an outsider knows of each entry before using the lines."""
    bounds: list[tuple[float, float]] = []
    for i, value in enumerate(values):
        kind = hidden.get(i)
        if kind is None:
            bounds.append((value, value))
        elif kind is Hidden.PRIMARY:
            bounds.append((0, k - 1))
        elif kind is Hidden.WITHHELD:
            bounds.append((0, INF))
        else:
            bounds.append((k if value >= k else 0, INF))
    return bounds


def _tighten(bounds: list[tuple[float, float]], line: Line) -> bool:
    """Narrow each entry of `line` from the others; True when some bound moved."""
    changed = False
    parts = line.parts
    lo_sum = sum(bounds[p][0] for p in parts)
    hi_sum = sum(bounds[p][1] for p in parts)
    t_lo, t_hi = bounds[line.total]
    new_total = (max(t_lo, lo_sum), min(t_hi, hi_sum))
    if new_total != bounds[line.total]:
        bounds[line.total] = new_total
        changed = True
    t_lo, t_hi = bounds[line.total]
    for p in parts:
        p_lo, p_hi = bounds[p]
        others_lo = lo_sum - p_lo
        others_hi = hi_sum - p_hi if p_hi != INF else _sum_without(bounds, parts, p)
        new = (max(p_lo, t_lo - others_hi), min(p_hi, t_hi - others_lo))
        if new != (p_lo, p_hi):
            bounds[p] = new
            changed = True
    return changed


def _sum_without(bounds: list[tuple[float, float]], parts: tuple[int, ...], skip: int) -> float:
    return sum(bounds[q][1] for q in parts if q != skip)


def feasible_intervals(
    values: Sequence[int], lines: Sequence[Line], hidden: Mapping[int, Hidden], k: int
) -> list[tuple[float, float]]:
    """Each entry's interval as the auditor narrows it, to a fixed point."""
    bounds = attacker_bounds(values, hidden, k)
    # Bounds only shrink and stay integral, so this ends; the cap is a guard for huge tables.
    for _round in range(10 * (len(values) + 1)):
        if not any([_tighten(bounds, line) for line in lines]):
            break
    return bounds


def exposed(
    values: Sequence[int], lines: Sequence[Line], hidden: Mapping[int, Hidden], k: int
) -> list[int]:
    """Hidden entries the auditor pins down (interval narrower than one)."""
    bounds = feasible_intervals(values, lines, hidden, k)
    return [i for i in hidden if bounds[i][1] - bounds[i][0] < 1]


def _lonely_lines(lines: Sequence[Line], hidden: Mapping[int, Hidden]) -> list[Line]:
    """Lines with exactly one hidden entry: the total minus the rest gives it away."""
    return [line for line in lines if sum(1 for i in (*line.parts, line.total) if i in hidden) == 1]


def _best_complement(values: Sequence[int], line: Line, hidden: Mapping[int, Hidden]) -> int:
    """The entry to hide next in `line`: the smallest non-zero part (least information lost),
    else a zero part, else the total."""
    candidates = [p for p in line.parts if p not in hidden]
    non_zero = [p for p in candidates if values[p] > 0]
    if non_zero:
        return min(non_zero, key=lambda p: (values[p], p))
    if candidates and line.total in hidden:
        return candidates[0]
    return line.total if line.total not in hidden else candidates[0]


def suppress(values: Sequence[int], lines: Sequence[Line], k: int) -> dict[int, Hidden]:
    """The entries to hide: primary ones, then complements until nothing is exposed."""
    if k < 3:  # with k = 2 a hidden pair "<2" under a hidden total ">=2" is 1 and 1
        raise ValueError("k must be at least 3")
    hidden: dict[int, Hidden] = {i: Hidden.PRIMARY for i, v in enumerate(values) if is_small(v, k)}
    if not hidden:
        return hidden
    while True:
        lonely = _lonely_lines(lines, hidden)
        if lonely:
            hidden[_best_complement(values, lonely[0], hidden)] = Hidden.SECONDARY
            continue
        pinned = set(exposed(values, lines, hidden, k))
        open_lines = [
            line
            for line in lines
            if pinned.intersection((*line.parts, line.total))
            and any(i not in hidden for i in (*line.parts, line.total))
        ]
        if not open_lines and pinned:  # nothing left to hide, yet something is pinned
            return dict.fromkeys(range(len(values)), Hidden.WITHHELD)
        if not open_lines:
            return hidden
        hidden[_best_complement(values, open_lines[0], hidden)] = Hidden.SECONDARY


def publish(values: Sequence[int], hidden: Mapping[int, Hidden]) -> list[Published]:
    return [
        Published(None, hidden[i]) if i in hidden else Published(value)
        for i, value in enumerate(values)
    ]


# --- Table shapes -------------------------------------------------------------------------------


def one_way(counts: Mapping[str, int], k: int) -> dict[str, object]:
    """A breakdown that adds up to its total (each person in exactly one row, an "unknown" row
    included): rows and total published with complementary suppression."""
    keys = list(counts)
    values = [int(counts[key]) for key in keys] + [sum(int(v) for v in counts.values())]
    lines = [Line(tuple(range(len(keys))), len(keys))]
    cells = publish(values, suppress(values, lines, k))
    return {
        "rows": [{"key": key, **cells[i].as_dict()} for i, key in enumerate(keys)],
        "total": cells[-1].as_dict(),
    }


def overlapping(counts: Mapping[str, int], k: int) -> dict[str, object]:
    """A breakdown where a person may sit in several rows (fields, collaboration types): no
    total ties the rows, so only small rows are hidden."""
    rows = []
    for key, count in counts.items():
        value = int(count)
        hidden = Hidden.PRIMARY if is_small(value, k) else None
        rows.append({"key": key, **Published(None if hidden else value, hidden).as_dict()})
    return {"rows": rows, "total": None}


def two_way_lines(n_rows: int, n_cols: int) -> list[Line]:
    """Lines of an n_rows x n_cols table laid out as cells (row-major), row totals, column
    totals, then the grand total."""
    cell = lambda r, c: r * n_cols + c  # noqa: E731 - a local index formula
    row_total = lambda r: n_rows * n_cols + r  # noqa: E731
    col_total = lambda c: n_rows * n_cols + n_rows + c  # noqa: E731
    grand = n_rows * n_cols + n_rows + n_cols
    lines = [Line(tuple(cell(r, c) for c in range(n_cols)), row_total(r)) for r in range(n_rows)]
    lines += [Line(tuple(cell(r, c) for r in range(n_rows)), col_total(c)) for c in range(n_cols)]
    lines.append(Line(tuple(row_total(r) for r in range(n_rows)), grand))
    lines.append(Line(tuple(col_total(c) for c in range(n_cols)), grand))
    return lines


def two_way_values(table: Sequence[Sequence[int]]) -> list[int]:
    n_cols = len(table[0]) if table else 0
    cells = [int(v) for row in table for v in row]
    row_totals = [sum(row) for row in table]
    col_totals = [sum(row[c] for row in table) for c in range(n_cols)]
    return [*cells, *row_totals, *col_totals, sum(row_totals)]


def two_way(
    row_keys: Iterable[str], col_keys: Iterable[str], table: Sequence[Sequence[int]], k: int
) -> dict[str, object]:
    """A cross-tabulation with row, column and grand totals, suppressed together."""
    rows, cols = list(row_keys), list(col_keys)
    values = two_way_values(table)
    cells = publish(values, suppress(values, two_way_lines(len(rows), len(cols)), k))
    n = len(rows) * len(cols)
    return {
        "columns": cols,
        "rows": [
            {
                "key": key,
                "cells": [cells[r * len(cols) + c].as_dict() for c in range(len(cols))],
                "total": cells[n + r].as_dict(),
            }
            for r, key in enumerate(rows)
        ],
        "column_totals": [cells[n + len(rows) + c].as_dict() for c in range(len(cols))],
        "total": cells[-1].as_dict(),
    }


def small_count(value: int, k: int) -> dict[str, object]:
    """One headline count of people."""
    hidden = Hidden.PRIMARY if is_small(value, k) else None
    return Published(None if hidden else int(value), hidden).as_dict()
