"""Small-cell suppression, attacked over random tables (hypothesis).

Two attackers: bound propagation through every line (the auditor), and, on tables small enough,
brute force over every integer assignment of the hidden cells consistent with what is shown.
Neither may pin a hidden entry down.
"""

import tempfile
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from hypothesis.configuration import set_hypothesis_home_dir

from observatory.suppression import (
    Hidden,
    Line,
    attacker_bounds,
    exposed,
    one_way,
    suppress,
    two_way,
    two_way_lines,
    two_way_values,
)

set_hypothesis_home_dir(Path(tempfile.gettempdir()) / "puentes-hypothesis")

K = 5
# Counts skewed to small values, where suppression matters.
counts = st.one_of(st.integers(0, 9), st.integers(0, 40))
tables = st.integers(1, 5).flatmap(
    lambda n_cols: st.lists(
        st.lists(counts, min_size=n_cols, max_size=n_cols), min_size=1, max_size=5
    )
)


def lonely_lines(lines: list[Line], hidden: dict[int, Hidden]) -> list[Line]:
    return [ln for ln in lines if sum(i in hidden for i in (*ln.parts, ln.total)) == 1]


@hypothesis_settings(max_examples=300, deadline=None)
@given(tables, st.integers(3, 10))
def test_no_hidden_cell_of_a_random_table_can_be_worked_out_from_the_lines(
    table: list[list[int]], k: int
) -> None:
    values = two_way_values(table)
    lines = two_way_lines(len(table), len(table[0]))
    hidden = suppress(values, lines, k)

    assert all(i in hidden for i, v in enumerate(values) if v < k)
    assert not [i for i, kind in hidden.items() if kind is Hidden.PRIMARY and values[i] >= k]
    assert lonely_lines(lines, hidden) == []
    assert exposed(values, lines, hidden, k) == []


def brute_force_range(
    values: list[int], lines: list[Line], hidden: dict[int, Hidden], k: int, n_parts: int
) -> dict[int, set[int]]:
    """For each hidden entry, every value it takes in some integer assignment of the table's
    parts (entries 0..n_parts-1; totals follow) consistent with the published numbers, the
    lines and the attacker's priors. Vectorised with numpy: tiny tables only."""
    bounds = attacker_bounds(values, hidden, k)
    cap = sum(values[:n_parts]) + k  # no part can exceed the sum of all parts a line allows
    axes = [
        np.arange(int(bounds[i][0]), int(min(bounds[i][1], cap)) + 1)
        if i in hidden
        else np.array([values[i]])
        for i in range(n_parts)
    ]
    grids = [g.ravel() for g in np.meshgrid(*axes, indexing="ij")]
    entries: dict[int, np.ndarray] = dict(enumerate(grids))
    ok = np.ones_like(grids[0], dtype=bool)
    # Totals in line order: each line's total is the sum of its parts (parts come first).
    for line in lines:
        total = sum(entries[p] for p in line.parts)
        if line.total in entries:
            ok &= entries[line.total] == total
        else:
            entries[line.total] = total
    for i, (lo, hi) in enumerate(bounds):
        ok &= (entries[i] >= lo) & (entries[i] <= hi)
    return {i: set(np.unique(entries[i][ok]).tolist()) for i in hidden}


@hypothesis_settings(max_examples=150, deadline=None)
@given(st.lists(st.integers(0, 8), min_size=1, max_size=5))
def test_brute_force_cannot_recover_a_hidden_row_of_a_breakdown(row: list[int]) -> None:
    values = [*row, sum(row)]
    lines = [Line(tuple(range(len(row))), len(row))]
    hidden = suppress(values, lines, K)

    for entry, possible in brute_force_range(values, lines, hidden, K, len(row)).items():
        assert values[entry] in possible
        assert len(possible) > 1, entry


@hypothesis_settings(max_examples=100, deadline=None)
@given(st.lists(st.lists(st.integers(0, 9), min_size=2, max_size=2), min_size=2, max_size=2))
def test_brute_force_cannot_recover_a_hidden_cell_of_a_two_by_two_table(
    table: list[list[int]],
) -> None:
    values = two_way_values(table)
    lines = two_way_lines(2, 2)
    hidden = suppress(values, lines, K)

    for entry, possible in brute_force_range(values, lines, hidden, K, 4).items():
        assert values[entry] in possible
        assert len(possible) > 1, entry


def test_a_small_row_is_shown_as_hidden_with_a_complement_and_the_total_kept() -> None:
    published = one_way({"US": 40, "ES": 2, "CA": 7, "": 9}, K)

    assert published == {
        "rows": [
            {"key": "US", "value": 40, "hidden": None},
            {"key": "ES", "value": None, "hidden": "primary"},
            {"key": "CA", "value": None, "hidden": "secondary"},
            {"key": "", "value": 9, "hidden": None},
        ],
        "total": {"value": 58, "hidden": None},
    }


def test_a_table_without_small_cells_is_published_whole() -> None:
    published = two_way(["a", "b"], ["x", "y"], [[5, 6], [7, 9]], K)

    assert published["total"] == {"value": 27, "hidden": None}
    assert [c["value"] for r in published["rows"] for c in r["cells"]] == [5, 6, 7, 9]


def test_k_below_three_is_refused_because_it_cannot_protect_pairs() -> None:
    with pytest.raises(ValueError, match="at least 3"):
        suppress([1, 1], [Line((0,), 1)], 2)


def test_a_table_whose_margins_pin_every_cell_is_withheld_whole() -> None:
    # Found by the property test: every cell "<3", and the row and column totals pin them all
    # whatever else is hidden (3 = a + b with a, b <= 2 and b + d = 2 ...).
    values = two_way_values([[2, 1], [2, 1]])
    lines = two_way_lines(2, 2)

    hidden = suppress(values, lines, 3)

    assert set(hidden.values()) == {Hidden.WITHHELD}
    assert sorted(hidden) == list(range(len(values)))
    assert exposed(values, lines, hidden, 3) == []
