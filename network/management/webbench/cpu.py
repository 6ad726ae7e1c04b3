"""Server CPU seconds spent on a run, read from /proc: the gunicorn workers, PostgreSQL (the
postmaster and every backend) and Redis.

Requests per second on a shared 2-core box measure the neighbours as much as the page (the
trivial view swung 250-1,040 req/s within one run); the CPU a request costs the server does not
depend on how busy the other processes are, so trivial CPU / page CPU is the share of the
trivial view's throughput the page would reach on an idle machine. A process we cannot read (a
database on another host) counts as zero, and the column says so."""

import os
from collections.abc import Iterable
from pathlib import Path

TICK = os.sysconf("SC_CLK_TCK")


def process_seconds(pid: int) -> float:
    """utime + stime of `pid` (0 when it is gone or not ours to read)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    # After the command's closing parenthesis: state is field 3, utime 14 and stime 15.
    return (int(fields[11]) + int(fields[12])) / TICK


def children(parent: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        if ppid == parent:
            found.append(int(entry.name))
    return found


class Meter:
    """CPU seconds of the server's processes, split into app (gunicorn workers) and data
    (PostgreSQL + Redis). `read()` returns a snapshot per pid; `spent(before, after)` the
    seconds between two snapshots (a process started in between counts from zero)."""

    def __init__(
        self, gunicorn_pid: int, postmaster_pid: int | None, redis_pid: int | None
    ) -> None:
        self.gunicorn_pid = gunicorn_pid
        self.postmaster_pid = postmaster_pid
        self.redis_pid = redis_pid

    @property
    def reads_data(self) -> bool:
        return self.postmaster_pid is not None

    def _pids(self) -> tuple[list[int], list[int]]:
        app = children(self.gunicorn_pid)
        data: list[int] = []
        if self.postmaster_pid is not None:
            data += [self.postmaster_pid, *children(self.postmaster_pid)]
        if self.redis_pid is not None:
            data.append(self.redis_pid)
        return app, data

    def read(self) -> tuple[dict[int, float], dict[int, float]]:
        app, data = self._pids()
        return _snapshot(app), _snapshot(data)

    @staticmethod
    def spent(
        before: tuple[dict[int, float], dict[int, float]],
        after: tuple[dict[int, float], dict[int, float]],
    ) -> tuple[float, float]:
        return tuple(  # type: ignore[return-value]
            sum(seconds - start.get(pid, 0.0) for pid, seconds in end.items())
            for start, end in zip(before, after, strict=True)
        )


def _snapshot(pids: Iterable[int]) -> dict[int, float]:
    return {pid: process_seconds(pid) for pid in pids}


def postmaster_pid(backend_pid: int) -> int | None:
    """The postmaster of the backend `backend_pid` (from `pg_backend_pid()`), when the database
    runs on this machine and its processes are readable."""
    try:
        stat = Path(f"/proc/{backend_pid}/stat").read_text()
    except OSError:
        return None
    return int(stat.rsplit(")", 1)[1].split()[1])
