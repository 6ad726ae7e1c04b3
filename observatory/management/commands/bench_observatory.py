from typing import Any

from django.core.management.base import BaseCommand

from observatory.bench import run


class Command(BaseCommand):
    help = "p95 latency of /observatorio/ and /api/v1/stats/ beside a trivial page, at N profiles."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--profiles", type=int, default=100_000)
        parser.add_argument("--requests", type=int, default=200)

    def handle(self, *args: Any, **options: Any) -> None:
        run(options["profiles"], options["requests"], lambda line: self.stdout.write(line))
