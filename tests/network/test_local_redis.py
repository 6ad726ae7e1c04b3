"""One local Redis per checkout: a lock and a stable port, never a second server.

Each test uses its own data folder (PUENTES_VAR_DIR) in a temporary directory, so the suite's
own Redis is never touched."""

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import redis
from django.conf import settings

from network import localservices

BASE_DIR = Path(settings.BASE_DIR)
ASK = "from network import localservices; print(localservices.redis_url())"


def _redis_servers_in(var_dir: Path) -> list[int]:
    """Pids of redis-server processes working in var_dir (Redis chdirs into its --dir)."""
    pids = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes()
            cwd = os.readlink(entry / "cwd")
        except OSError:
            continue
        if b"redis-server" in cmdline and cwd.startswith(str(var_dir)):
            pids.append(int(entry.name))
    return pids


def _ask_concurrently(var_dir: Path, callers: int) -> list[str]:
    env = {**os.environ, "PUENTES_VAR_DIR": str(var_dir)}
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", ASK], cwd=BASE_DIR, env=env, stdout=subprocess.PIPE, text=True
        )
        for _ in range(callers)
    ]
    return [process.communicate(timeout=60)[0].strip() for process in processes]


@pytest.fixture
def var_dir(tmp_path: Path):
    # Redis' pid and log paths are short enough under /tmp; the folder is removed afterwards.
    yield tmp_path
    for pid in _redis_servers_in(tmp_path):
        os.kill(pid, signal.SIGKILL)


def _stop(var_dir: Path) -> None:
    for pid in _redis_servers_in(var_dir):
        os.kill(pid, signal.SIGKILL)
    deadline = time.monotonic() + 10
    while _redis_servers_in(var_dir) and time.monotonic() < deadline:
        time.sleep(0.05)


def test_two_processes_starting_at_once_share_one_redis_on_one_port(var_dir):
    urls = _ask_concurrently(var_dir, callers=3)

    assert len(set(urls)) == 1, urls
    assert urls[0].startswith("redis://127.0.0.1:")
    assert len(_redis_servers_in(var_dir)) == 1


def test_a_dead_redis_comes_back_on_the_same_port_with_its_queued_messages(var_dir):
    (url,) = _ask_concurrently(var_dir, callers=1)
    client = redis.Redis.from_url(url)
    client.lpush("puentes.mail", "a queued task")
    time.sleep(1.5)  # appendfsync everysec
    _stop(var_dir)

    (again,) = _ask_concurrently(var_dir, callers=1)

    assert again == url
    assert client.lrange("puentes.mail", 0, -1) == [b"a queued task"]  # the old client reconnects
    assert len(_redis_servers_in(var_dir)) == 1


def test_the_local_redis_runs_with_an_append_only_file(var_dir):
    (url,) = _ask_concurrently(var_dir, callers=1)

    config = redis.Redis.from_url(url).config_get("appendonly")

    assert config == {"appendonly": "yes"}


def test_a_redis_still_loading_is_waited_for_never_replaced(var_dir, monkeypatch):
    (url,) = _ask_concurrently(var_dir, callers=1)
    monkeypatch.setattr(localservices, "REDIS_DIR", var_dir / "redis")
    # It answers "-LOADING" (or nothing, when busy) while it reads a big append-only file.
    monkeypatch.setattr(localservices, "_redis_answers", _answers_after(3))

    assert localservices.redis_url() == url
    assert len(_redis_servers_in(var_dir)) == 1


def _answers_after(calls: int):
    count = 0

    def answers(port: int) -> bool:
        nonlocal count
        count += 1
        return count > calls

    return answers


def test_a_port_held_by_an_outgoing_connection_is_not_chosen_for_redis():
    # An outgoing connection's local end answers no connect, yet Redis could not bind it.
    with socket.create_server(("127.0.0.1", 0)) as server:
        client = socket.create_connection(server.getsockname())
        accepted, _ = server.accept()
        with client, accepted:
            assert not localservices._port_free(client.getsockname()[1])  # noqa: SLF001
            assert not localservices._port_free(server.getsockname()[1])  # noqa: SLF001
