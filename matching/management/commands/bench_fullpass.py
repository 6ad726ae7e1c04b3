from typing import Any

from django.core.management.base import BaseCommand

from matching.bench import fullpass


class Command(BaseCommand):
    help = "Time the nightly full pass through real workers and extrapolate to 10,000 x 1M."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--profiles", type=int, default=100_000)
        parser.add_argument("--needs", type=int, default=1_000)
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, *args: Any, **options: Any) -> None:
        figures = fullpass.run(
            profiles=options["profiles"],
            needs=options["needs"],
            seed=options["seed"],
            log=lambda line: self.stdout.write(line),
        )
        for line in fullpass.iter_report(figures):
            self.stdout.write(line)
