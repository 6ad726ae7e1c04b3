from typing import Any

from django.core.management.base import BaseCommand

from imports.bench import benchmark


class Command(BaseCommand):
    help = "Benchmark a bulk import of N synthetic people (goal: 10,000 in 2 minutes or less)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--rows", type=int, default=10_000)

    def handle(self, *args: Any, **options: Any) -> None:
        figures = benchmark.run(rows=options["rows"])
        for label, value in figures.items():
            self.stdout.write(f"{label}: {value}")
        verdict = "OK" if figures["total_first_import"] <= 120 else "SLOWER THAN 2 MINUTES"
        self.stdout.write(
            f"{options['rows']} rows imported in {figures['total_first_import']} s: {verdict}"
        )
