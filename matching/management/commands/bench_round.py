from typing import Any

from django.core.management.base import BaseCommand

from matching.bench import rounds


class Command(BaseCommand):
    help = "Benchmark a match round: candidate generation, exact solve, greedy comparison."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--needs", type=int, default=2000)
        parser.add_argument("--experts", type=int, default=100_000)
        parser.add_argument("--k", type=int, default=200)
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--objective", choices=["total", "fair"], default="total")
        parser.add_argument(
            "--engine",
            action="store_true",
            help="candidates from the engine on synthetic profiles (slow at full size); "
            "without it, synthetic candidates",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        figures = rounds.run(
            needs=options["needs"],
            experts=options["experts"],
            k=options["k"],
            seed=options["seed"],
            engine=options["engine"],
            objective=options["objective"],
            log=lambda line: self.stdout.write(line),
        )
        for line in rounds.iter_report(figures):
            self.stdout.write(line)
