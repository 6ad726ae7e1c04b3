"""The benchmark's restart figure (issue 20, cold): the first recompute after the server restarts.

A deployment's coldest moment is a restart, after which every relation the engine reads is on
disk. The project's PostgreSQL loads `pg_prewarm` (`network.localservices.PRELOAD`; the
docker-compose server too), whose autoprewarm worker writes down the blocks in shared_buffers
and reads them back after a start. `restart` plays that on the project's own embedded server:
warm state written down, server stopped, the bench relations dropped from the kernel's page cache
too (as a machine reboot would), server started, and the time autoprewarm took to read them
back returned. With a server given by DATABASE_URL the bench cannot restart it: no figure.
"""

from __future__ import annotations

import time
from pathlib import Path

from django.db import DatabaseError, connections

from matching.bench.production import drop_page_cache, relation_files
from network import localservices

WAIT_SECONDS = 900


def restart(alias: str, names: list[str]) -> float | None:
    """Restart the embedded server as described above; the seconds its autoprewarm took to read
    the bench table back, or None when the server is not the project's own or cannot."""
    with connections[alias].cursor() as cursor:
        cursor.execute("SHOW data_directory")
        if not localservices.is_embedded(cursor.fetchone()[0]):
            return None
    files = _relation_files(alias, names)
    if files is None:
        return None
    for conn in connections.all():
        conn.close()
    localservices.stop_postgres()
    for path in files:
        drop_page_cache(path)
    localservices.postgres_url()  # starts it again, with the project's settings
    started = time.perf_counter()
    while time.perf_counter() - started < WAIT_SECONDS:
        if _prewarmed(alias, names[0]):
            return time.perf_counter() - started
        time.sleep(0.5)
    return None


def _relation_files(alias: str, names: list[str]) -> list[Path] | None:
    """Write down what shared_buffers holds now, and list the files of `names` (None when the
    server has no autoprewarm)."""
    with connections[alias].cursor() as cursor:
        try:
            cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_prewarm")
            cursor.execute("SELECT autoprewarm_dump_now()")
        except DatabaseError:
            return None
        return relation_files(cursor, names)


def _prewarmed(alias: str, table: str) -> bool:
    """Whether autoprewarm has finished: no autoprewarm worker at work, and blocks of `table`
    back in shared_buffers (the worker may not have started yet)."""
    try:
        with connections[alias].cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'autoprewarm worker'"
            )
            if cursor.fetchone()[0]:
                return False
            cursor.execute(
                "SELECT count(*) FROM pg_buffercache "
                "WHERE relfilenode = pg_relation_filenode(%s::regclass)",
                [table],
            )
            return cursor.fetchone()[0] > 0
    except DatabaseError:
        connections[alias].close()
        return False
