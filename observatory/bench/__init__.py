"""Benchmark of the observatory's reads at scale (a command, not a test): seeds synthetic
experts, computes the snapshot, then times /observatorio/ and /api/v1/stats/ beside a trivial
page (/privacidad/) on one in-process threaded WSGI server."""

import datetime
import http.client
import random
import statistics
import threading
import time
from collections.abc import Callable, Iterator

from django.conf import settings
from django.core.handlers.wsgi import WSGIHandler
from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler
from django.db import transaction
from django.utils import timezone

from observatory import services
from profiles.choices import CollaborationType
from profiles.models import ExpertProfile, State, User

EMAIL = "bench-observatory-{}@bench.invalid"  # RFC 2606: never a real person
COUNTRIES = ["US"] * 60 + ["CA"] * 8 + ["ES"] * 8 + ["DE"] * 5 + ["GB"] * 5 + ["FR", "CL", "JP"]
BATCH = 5000


def seed(profiles: int, log: Callable[[str], None]) -> None:
    """Top the synthetic experts up to `profiles` (kept between runs)."""
    have = User.objects.filter(email__endswith="@bench.invalid").count()
    states = list(State.objects.values_list("pk", flat=True))
    rng = random.Random(2026)
    types = [t.value for t in CollaborationType]
    now = timezone.now() - datetime.timedelta(days=2)
    for start in range(have, profiles, BATCH):
        count = min(BATCH, profiles - start)
        with transaction.atomic():
            users = User.objects.bulk_create(
                [User(email=EMAIL.format(start + i), password="!") for i in range(count)]
            )
            ExpertProfile.objects.bulk_create(
                [
                    ExpertProfile(
                        user=user,
                        country=rng.choice(COUNTRIES),
                        origin_state_id=rng.choice(states),
                        collaboration_types=rng.sample(types, 2),
                        onboarded_at=now,
                        allows_aggregate_statistics=rng.random() > 0.05,
                    )
                    for user in users
                ]
            )
        log(f"seeded {start + count:,} profiles")


def _serve() -> ThreadedWSGIServer:
    class Quiet(WSGIRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    server = ThreadedWSGIServer(("127.0.0.1", 0), Quiet)
    server.set_app(WSGIHandler())
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def _timings(port: int, path: str, requests: int) -> Iterator[float]:
    connection = http.client.HTTPConnection("127.0.0.1", port)
    for _ in range(requests):
        started = time.perf_counter()
        connection.request("GET", path, headers={"Accept-Language": "es"})
        response = connection.getresponse()
        response.read()
        assert response.status == 200, (path, response.status)
        yield (time.perf_counter() - started) * 1000


def run(profiles: int, requests: int, log: Callable[[str], None]) -> None:
    seed(profiles, log)
    started = time.perf_counter()
    services.snapshot_compute(period=timezone.now().date().replace(day=1))
    log(f"snapshot computed in {time.perf_counter() - started:.2f} s")
    settings.OBSERVATORY_STATS_RATE = "1000000/minute"  # measure the view, not the limiter
    server = _serve()
    port = server.server_address[1]
    counted = ExpertProfile.objects.count()
    log(f"{counted:,} profiles; {requests} sequential requests per page (after 5 warm-ups)")
    for path in ("/privacidad/", "/observatorio/", "/api/v1/stats/"):
        list(_timings(port, path, 5))
        times = sorted(_timings(port, path, requests))
        p95 = times[max(0, int(0.95 * len(times)) - 1)]
        log(f"{path:<18} p50 {statistics.median(times):7.1f} ms   p95 {p95:7.1f} ms")
    server.shutdown()
