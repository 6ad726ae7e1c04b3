from typing import Any

from django.core.management.base import BaseCommand

from matching.bench import benchmark


class Command(BaseCommand):
    help = "Benchmark matching at scale (synthetic profiles in <db>_bench; cached between runs)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--profiles", type=int, default=100_000)
        parser.add_argument("--needs", type=int, default=30)
        parser.add_argument("--exact-needs", type=int, default=10)
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, *args: Any, **options: Any) -> None:
        figures = benchmark.run(
            profiles=options["profiles"],
            needs=options["needs"],
            exact_needs=options["exact_needs"],
            seed=options["seed"],
            log=lambda line: self.stdout.write(line),
        )
        for line in benchmark.iter_report(figures):
            self.stdout.write(line)
