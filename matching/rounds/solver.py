"""The round solver: pure data in, an assignment out (no ORM, settings or I/O).

Each need wants a few experts (`wanted`), each expert takes at most `load` of the round's needs,
and the candidates of a need (from the engine, already without conflicts and below the minimum
score) carry their scores. The exact optimum comes from OR-Tools, never a hand-written search:

- objective "total" without group caps: a min-cost flow (source -> need -> expert -> sink with
  a free bypass arc, so leaving a seat empty is allowed), exact and fast at 400,000 arcs;
- "fair", or group caps (at most N experts of one institution or country per need): CP-SAT.
  Fair is lexicographic: first the largest possible score of the worst-off need (the sum of its
  assigned scores), then the largest total with that floor kept.

Locked pairs are always assigned (an infeasible lock set is an error), forbidden pairs never.
Scores are compared as integers (hundredths) so both solvers agree exactly; the same inputs
give the same assignment (one worker, fixed seed, inputs sorted).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field

from ortools.graph.python import min_cost_flow
from ortools.sat.python import cp_model

TOTAL, FAIR = "total", "fair"
SCALE = 100


class InfeasibleRound(ValueError):
    """The locks cannot all hold together (a load, a wanted count or a group cap)."""


@dataclass(frozen=True)
class Problem:
    wanted: Mapping[int, int]  # need id -> experts wanted (1-3)
    scores: Mapping[int, Mapping[int, float]]  # need id -> {expert id: score}
    load: Mapping[int, int]  # expert id -> max needs in this round
    min_score: float = 0.0
    locked: frozenset[tuple[int, int]] = frozenset()
    forbidden: frozenset[tuple[int, int]] = frozenset()
    # Expert id -> group (an institution or a country); at most `max_per_group` of a group
    # per need when set.
    groups: Mapping[int, Hashable] = field(default_factory=dict)
    max_per_group: int | None = None

    def pairs(self) -> list[tuple[int, int, int]]:
        """(need, expert, integer score) of every pair that may be assigned, sorted."""
        out = []
        for need in sorted(self.scores):
            for expert, score in sorted(self.scores[need].items()):
                pair = (need, expert)
                if pair in self.forbidden or self.load.get(expert, 0) <= 0:
                    continue
                if score < self.min_score and pair not in self.locked:
                    continue
                out.append((need, expert, round(score * SCALE)))
        return out


@dataclass(frozen=True)
class Solution:
    pairs: tuple[tuple[int, int], ...]  # (need, expert), sorted
    objective: str
    solver: str

    def by_need(self) -> dict[int, list[int]]:
        grouped: dict[int, list[int]] = defaultdict(list)
        for need, expert in self.pairs:
            grouped[need].append(expert)
        return dict(grouped)


def solve(problem: Problem, *, objective: str = TOTAL, time_limit: float = 120.0) -> Solution:
    _check_locks(problem)
    if objective == TOTAL and problem.max_per_group is None:
        return Solution(_solve_flow(problem), TOTAL, "min_cost_flow")
    return Solution(_solve_cp_sat(problem, objective, time_limit), objective, "cp_sat")


def _check_locks(problem: Problem) -> None:
    allowed = {(n, e) for n, e, _ in problem.pairs()}
    per_need = Counter(n for n, _ in problem.locked)
    per_expert = Counter(e for _, e in problem.locked)
    if not problem.locked <= allowed:
        raise InfeasibleRound("A locked pair is forbidden or not a candidate.")
    if any(count > problem.wanted.get(n, 0) for n, count in per_need.items()):
        raise InfeasibleRound("A need has more locked experts than it wants.")
    if any(count > problem.load.get(e, 0) for e, count in per_expert.items()):
        raise InfeasibleRound("An expert has more locked needs than their load.")


def _solve_flow(problem: Problem) -> tuple[tuple[int, int], ...]:
    """Max-weight b-matching as a min-cost flow; locks are assigned first and taken out of the
    wanted counts and loads."""
    wanted = {
        n: w - sum(1 for ln, _ in problem.locked if ln == n) for n, w in problem.wanted.items()
    }
    load = dict(problem.load)
    for _, expert in problem.locked:
        load[expert] -= 1
    pairs = [(n, e, s) for n, e, s in problem.pairs() if (n, e) not in problem.locked]
    needs = sorted(n for n in wanted if wanted[n] > 0)
    experts = sorted({e for _, e, _ in pairs if load.get(e, 0) > 0})
    node = {("n", n): i + 2 for i, n in enumerate(needs)}
    node.update({("e", e): i + 2 + len(needs) for i, e in enumerate(experts)})
    source, sink = 0, 1
    flow = min_cost_flow.SimpleMinCostFlow()
    supply = sum(wanted[n] for n in needs)
    for n in needs:
        flow.add_arc_with_capacity_and_unit_cost(source, node["n", n], wanted[n], 0)
    arcs = []
    for n, e, score in pairs:
        if ("n", n) in node and ("e", e) in node:
            arc = flow.add_arc_with_capacity_and_unit_cost(node["n", n], node["e", e], 1, -score)
            arcs.append((arc, n, e))
    for e in experts:
        flow.add_arc_with_capacity_and_unit_cost(node["e", e], sink, load[e], 0)
    flow.add_arc_with_capacity_and_unit_cost(source, sink, supply, 0)
    flow.set_node_supply(source, supply)
    flow.set_node_supply(sink, -supply)
    if flow.solve() != flow.OPTIMAL:
        raise InfeasibleRound("The flow has no optimal solution.")
    chosen = [(n, e) for arc, n, e in arcs if flow.flow(arc) > 0]
    return tuple(sorted([*chosen, *problem.locked]))


# CP-SAT builds the model and solves it in up to two lexicographic stages: one function keeps
# the variables and constraints in one place.
def _solve_cp_sat(  # noqa: C901 - the constraints of a round, listed once
    problem: Problem, objective: str, time_limit: float
) -> tuple[tuple[int, int], ...]:
    model = cp_model.CpModel()
    pairs = problem.pairs()
    x = {(n, e): model.new_bool_var(f"x_{n}_{e}") for n, e, _ in pairs}
    score = {(n, e): s for n, e, s in pairs}
    by_need: dict[int, list[tuple[int, int]]] = defaultdict(list)
    by_expert: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for n, e, _ in pairs:
        by_need[n].append((n, e))
        by_expert[e].append((n, e))
    for n, keys in by_need.items():
        model.add(sum(x[k] for k in keys) <= problem.wanted.get(n, 0))
        if problem.max_per_group is not None:
            grouped: dict[Hashable, list[tuple[int, int]]] = defaultdict(list)
            for k in keys:
                if k[1] in problem.groups:
                    grouped[problem.groups[k[1]]].append(k)
            for members in grouped.values():
                model.add(sum(x[k] for k in members) <= problem.max_per_group)
    for e, keys in by_expert.items():
        model.add(sum(x[k] for k in keys) <= problem.load.get(e, 0))
    for pair in problem.locked:
        model.add(x[pair] == 1)
    total = sum(score[k] * x[k] for k in x)
    if objective == FAIR and by_need:
        floor = model.new_int_var(0, sum(score.values()), "floor")
        for n in problem.wanted:
            model.add(floor <= sum(score[k] * x[k] for k in by_need.get(n, [])))
        model.maximize(floor)
        best_floor = _run(model, time_limit).value(floor)
        model.add(floor >= best_floor)
    model.maximize(total)
    solver = _run(model, time_limit)
    return tuple(sorted(k for k in x if solver.boolean_value(x[k])))


def _run(model: cp_model.CpModel, time_limit: float) -> cp_model.CpSolver:
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1  # one worker and a fixed seed: deterministic
    solver.parameters.random_seed = 0
    solver.parameters.max_time_in_seconds = time_limit
    status = solver.solve(model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        raise InfeasibleRound("The constraints of the round cannot all hold.")
    return solver


# --- The baseline and the report --------------------------------------------------------------


def greedy(problem: Problem) -> Solution:
    """Today's per-project behaviour: needs in order, each takes its best candidates still
    under their load (forbidden pairs and the minimum score respected, locks ignored)."""
    used: Counter[int] = Counter()
    chosen = []
    by_need: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for n, e, s in problem.pairs():
        by_need[n].append((s, e))
    for n in sorted(problem.wanted):
        ranked = sorted(by_need.get(n, []), key=lambda item: (-item[0], item[1]))
        taken = 0
        for _, e in ranked:
            if taken >= problem.wanted[n]:
                break
            if used[e] < problem.load.get(e, 0):
                used[e] += 1
                taken += 1
                chosen.append((n, e))
    return Solution(tuple(sorted(chosen)), "greedy", "greedy")


def report(problem: Problem, solution: Solution) -> dict[str, object]:
    """Total and mean score, needs fully staffed, the worst-off need's score (the sum of its
    assigned scores), and the experts' load histogram (load -> number of experts)."""
    scores = [problem.scores[n][e] for n, e in solution.pairs]
    per_need: dict[int, float] = dict.fromkeys(problem.wanted, 0.0)
    counts: Counter[int] = Counter()
    loads: Counter[int] = Counter()
    for n, e in solution.pairs:
        per_need[n] += problem.scores[n][e]
        counts[n] += 1
        loads[e] += 1
    pool = {e for row in problem.scores.values() for e in row}
    histogram = Counter(loads.get(e, 0) for e in pool)
    return {
        "assigned": len(scores),
        "total": round(sum(scores), 2),
        "mean": round(sum(scores) / len(scores), 2) if scores else 0.0,
        "fully_staffed": sum(1 for n, w in problem.wanted.items() if counts[n] >= w),
        "needs": len(problem.wanted),
        "worst_need": round(min(per_need.values()), 2) if per_need else 0.0,
        "load_histogram": dict(sorted(histogram.items())),
    }


def violations(problem: Problem, solution: Solution) -> list[str]:
    """Every rule the solution breaks (empty when it is valid): for tests and for the review."""
    found = []
    allowed = {(n, e) for n, e, _ in problem.pairs()}
    per_need = Counter(n for n, _ in solution.pairs)
    per_expert = Counter(e for _, e in solution.pairs)
    found += [f"pair {p} not allowed" for p in solution.pairs if p not in allowed]
    found += [f"need {n} over" for n, c in per_need.items() if c > problem.wanted.get(n, 0)]
    found += [f"expert {e} over" for e, c in per_expert.items() if c > problem.load.get(e, 0)]
    found += [f"lock {p} missing" for p in problem.locked if p not in solution.pairs]
    if problem.max_per_group is not None:
        groups = Counter((n, problem.groups[e]) for n, e in solution.pairs if e in problem.groups)
        found += [f"group {g} over" for g, c in groups.items() if c > problem.max_per_group]
    return found


def integer_total(problem: Problem, pairs: Sequence[tuple[int, int]]) -> int:
    return sum(round(problem.scores[n][e] * SCALE) for n, e in pairs)
