"""The round solver against brute force on small random instances (hypothesis), a crafted
instance for the fair objective and the greedy baseline, and determinism."""

import itertools
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from matching.rounds.solver import (
    FAIR,
    TOTAL,
    InfeasibleRound,
    Problem,
    greedy,
    integer_total,
    report,
    solve,
    violations,
)


@st.composite
def problems(draw: st.DrawFn, *, groups: bool = False) -> Problem:
    needs = draw(st.integers(1, 3))
    experts = draw(st.integers(1, 4))
    scores: dict[int, dict[int, float]] = {}
    for n in range(needs):
        chosen = draw(st.sets(st.integers(0, experts - 1), max_size=experts))
        scores[n] = {e: draw(st.integers(0, 100)) / 1.0 for e in sorted(chosen)}
    pairs = [(n, e) for n in scores for e in scores[n]]
    wanted = {n: draw(st.integers(1, 3)) for n in range(needs)}
    load = {e: draw(st.integers(0, 2)) for e in range(experts)}
    forbidden = draw(st.sets(st.sampled_from(pairs), max_size=2)) if pairs else set()
    locks = draw(st.sets(st.sampled_from(pairs), max_size=2)) if pairs else set()
    return Problem(
        wanted=wanted,
        scores=scores,
        load=load,
        min_score=draw(st.sampled_from([0.0, 30.0, 60.0])),
        locked=frozenset(locks - forbidden),
        forbidden=frozenset(forbidden),
        groups={e: e % 2 for e in range(experts)} if groups else {},
        max_per_group=1 if groups else None,
    )


def brute_force(problem: Problem) -> int | None:
    """The best integer total over every subset of allowed pairs that breaks no rule."""
    pairs = [(n, e) for n, e, _ in problem.pairs()]
    best = None
    for size in range(len(pairs) + 1):
        for subset in itertools.combinations(pairs, size):
            candidate = type("S", (), {"pairs": subset})()
            if not violations(problem, candidate):
                total = integer_total(problem, subset)
                best = total if best is None else max(best, total)
    return best


@settings(max_examples=60, deadline=None)
@given(problems(), st.sampled_from([TOTAL, FAIR]))
def test_the_solver_matches_brute_force_and_breaks_no_rule(problem, objective):
    best = brute_force(problem)
    if best is None:
        with pytest.raises(InfeasibleRound):
            solve(problem, objective=objective)
        return
    solution = solve(problem, objective=objective)
    assert violations(problem, solution) == []
    if objective == TOTAL:
        assert integer_total(problem, solution.pairs) == best


@settings(max_examples=40, deadline=None)
@given(problems(groups=True))
def test_group_caps_hold_and_the_optimum_is_still_exact(problem):
    best = brute_force(problem)
    if best is None:
        return
    solution = solve(problem)
    assert solution.solver == "cp_sat"
    assert violations(problem, solution) == []
    assert integer_total(problem, solution.pairs) == best


def test_min_cost_flow_and_cp_sat_agree_on_the_total():
    problem = Problem(
        wanted={1: 2, 2: 1, 3: 3},
        scores={1: {10: 90, 11: 80, 12: 40}, 2: {10: 95, 12: 60}, 3: {11: 70, 12: 65, 13: 30}},
        load={10: 1, 11: 2, 12: 2, 13: 1},
    )
    flow = solve(problem)
    cp = solve(Problem(**{**problem.__dict__, "max_per_group": 99}))
    assert (flow.solver, cp.solver) == ("min_cost_flow", "cp_sat")
    assert integer_total(problem, flow.pairs) == integer_total(problem, cp.pairs)


def crafted() -> Problem:
    """Greedy gives need 1 the only expert need 2 can have; total-only gives need 4 a weak
    expert so need 3 gets its best; fair evens needs 3 and 4 out."""
    return Problem(
        wanted={1: 1, 2: 1, 3: 1, 4: 1},
        scores={
            1: {10: 90, 11: 85},
            2: {10: 80},
            3: {12: 100, 13: 50},
            4: {12: 50, 13: 10},
        },
        load={10: 1, 11: 1, 12: 1, 13: 1},
    )


def test_fair_raises_the_worst_off_need_and_both_beat_greedy_on_needs_fully_staffed():
    problem = crafted()
    base = report(problem, greedy(problem))
    total = report(problem, solve(problem, objective=TOTAL))
    fair = report(problem, solve(problem, objective=FAIR))

    assert (base["fully_staffed"], total["fully_staffed"], fair["fully_staffed"]) == (3, 4, 4)
    assert (base["worst_need"], total["worst_need"], fair["worst_need"]) == (0.0, 10.0, 50.0)
    assert total["total"] == 275.0 > fair["total"] == 265.0
    assert total["load_histogram"] == {1: 4}


def test_locks_and_forbids_change_the_assignment_and_hold():
    base = crafted()
    locked = Problem(
        **{**base.__dict__, "locked": frozenset({(1, 10)}), "forbidden": frozenset({(3, 12)})}
    )
    solution = solve(locked)
    assert (1, 10) in solution.pairs
    assert (3, 12) not in solution.pairs
    assert violations(locked, solution) == []


def test_an_impossible_lock_is_refused():
    base = crafted()
    with pytest.raises(InfeasibleRound):
        solve(Problem(**{**base.__dict__, "locked": frozenset({(1, 10), (2, 10)})}))


def test_changing_a_wanted_count_and_solving_again_staffs_more():
    base = crafted()
    more = Problem(**{**base.__dict__, "wanted": {**base.wanted, 3: 2}})
    assert Counter(n for n, _ in solve(more).pairs)[3] == 2


def test_the_same_inputs_give_the_same_assignment():
    problem = crafted()
    for objective in (TOTAL, FAIR):
        assert solve(problem, objective=objective) == solve(problem, objective=objective)
