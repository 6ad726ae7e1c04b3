"""Start Celery workers fast, many times: this process imports Django and Celery once, then for
each line "start <log path>" on stdin forks a worker in a new session (its own process group,
which the test SIGKILLs whole) and prints its pid. Importing costs seconds per worker on a
loaded machine; a fork costs milliseconds. Run as `python -m tests.matching.worker_zygote
<queues> <name>` with the worker's environment."""

import os
import signal
import sys

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "network.settings")
django.setup()

from django.core.checks import run_checks  # noqa: E402 - after django.setup()

from network.celery import app  # noqa: E402


def main() -> None:
    queues, name = sys.argv[1], sys.argv[2]
    app.loader.import_default_modules()
    run_checks()  # a worker runs Django's checks at start: import what they import, once
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # killed workers are reaped at once
    for line in sys.stdin:
        command, log = line.split()
        assert command == "start"
        pid = os.fork()
        if pid == 0:
            os.setsid()
            out = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_APPEND)
            os.dup2(out, 1)
            os.dup2(out, 2)
            argv = ["worker", "--pool=prefork", "--concurrency=1", "-Q", queues, "-l", "info"]
            argv += ["--without-gossip", "--without-mingle", "--without-heartbeat", "-n", name]
            app.worker_main(argv)
            os._exit(0)
        sys.stdout.write(f"{pid}\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
