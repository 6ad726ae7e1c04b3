import json
from typing import Any

from django.core.management.base import BaseCommand

from network.management.webbench import run, seed


class Command(BaseCommand):
    help = (
        "Pages and API lists side by side with a trivial view on gunicorn (DEBUG off), on seeded "
        "data cached in <db>_webbench: req/s, p50/p95, the ratio to the trivial view, and the "
        "server CPU per request (trivial CPU / page CPU: the share an idle machine would give)."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--experts", type=int, default=2_000)
        parser.add_argument("--projects", type=int, default=200)
        parser.add_argument("--seconds", type=float, default=12.0)
        parser.add_argument("--rounds", type=int, default=4)
        parser.add_argument("--concurrency", type=int, default=8)
        parser.add_argument("--workers", type=int, default=2)
        parser.add_argument(
            "--prepare", action="store_true", help="(internal) seed, print credentials as JSON"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["prepare"]:
            seed.seed(experts=options["experts"], projects=options["projects"], log=self.log)
            self.stdout.write(json.dumps(seed.credentials()))
            return
        run.run(
            experts=options["experts"],
            projects=options["projects"],
            seconds=options["seconds"],
            rounds=options["rounds"],
            concurrency=options["concurrency"],
            workers=options["workers"],
            log=self.log,
        )

    def log(self, line: str) -> None:
        self.stdout.write(line)
        self.stdout.flush()
