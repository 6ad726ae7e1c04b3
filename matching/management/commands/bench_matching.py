import argparse
from typing import Any

from django.core.management.base import BaseCommand

from matching.bench import measure


class Command(BaseCommand):
    help = (
        "Benchmark matching per kind of need, warm and cold, against an exact scan in PostgreSQL "
        "(synthetic profiles in <db>_bench; cached between runs)."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--profiles", type=int, default=100_000)
        parser.add_argument("--needs-per-set", type=int, default=10)
        parser.add_argument("--cold-per-set", type=int, default=3)
        parser.add_argument("--python-exact", type=int, default=3, help="needs (one per set)")
        parser.add_argument("--others", type=int, default=20, help="needs for the spread rule")
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument(
            "--restart",
            action=argparse.BooleanOptionalAction,
            default=True,
            help="restart the embedded PostgreSQL for the restart figure (its sessions drop)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        figures = measure.run(
            profiles=options["profiles"],
            per_set=options["needs_per_set"],
            cold_per_set=options["cold_per_set"],
            python_exact=options["python_exact"],
            others=options["others"],
            seed=options["seed"],
            restart_server=options["restart"],
            log=lambda line: self.stdout.write(line),
        )
        for line in measure.iter_report(figures):
            self.stdout.write(line)
