"""The full-pass benchmark's Celery worker (`python -m matching.bench.fullpass_worker <celery
worker arguments>`): the real worker, with the time of each project of the pass appended to
the file FULLPASS_TIMINGS as `phase project_id ms select_ms` (from one project done to the
next, so a chunk's shared reads count on its first project; `select_ms` is the time spent in
`selection.select_candidates`). The patches are made before the pool forks, so every child
process times its projects."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from typing import Any


def _patch(path: str) -> None:
    from matching import passphases, selection  # noqa: PLC0415 - after django.setup()

    spent = [0.0]
    select = selection.select_candidates

    def timed_select(**kwargs: Any) -> list[dict]:
        started = time.perf_counter()
        try:
            return select(**kwargs)
        finally:
            spent[0] += time.perf_counter() - started

    run = passphases.projects_run

    def timed_run(
        *, run_id: int, phase: str, items: list[int], advance: Callable[[int], None]
    ) -> None:
        last = [time.perf_counter()]
        spent[0] = 0.0

        def timed_advance(item: int) -> None:
            now = time.perf_counter()
            with open(path, "a") as out:
                out.write(f"{phase} {item} {(now - last[0]) * 1000:.2f} {spent[0] * 1000:.2f}\n")
            last[0], spent[0] = now, 0.0
            advance(item)

        run(run_id=run_id, phase=phase, items=items, advance=timed_advance)

    selection.select_candidates = timed_select
    passphases.projects_run = timed_run


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "network.settings")
    import django  # noqa: PLC0415 - settings first

    django.setup()
    _patch(os.environ["FULLPASS_TIMINGS"])
    from network.celery import app  # noqa: PLC0415 - after the patches

    app.worker_main(["worker", *sys.argv[1:]])


if __name__ == "__main__":
    main()
