from typing import Any

from django.core.management.base import BaseCommand

from matching.bench import fullpass


class Command(BaseCommand):
    help = (
        "Time the nightly full pass through real workers at two sizes and extrapolate to "
        "10,000 x 1M by the measured growth."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--profiles", type=int, default=100_000)
        parser.add_argument("--needs", type=int, default=1_000)
        parser.add_argument(
            "--growth-from",
            type=int,
            default=None,
            help="the smaller size measured first for the growth (default profiles / 5; 0: none)",
        )
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, *args: Any, **options: Any) -> None:
        profiles = options["profiles"]
        smaller = options["growth_from"]
        smaller = profiles // 5 if smaller is None else smaller
        runs = [
            fullpass.run(
                profiles=size,
                needs=options["needs"],
                seed=options["seed"],
                log=lambda line: self.stdout.write(line),
            )
            for size in ([smaller] if 0 < smaller < profiles else []) + [profiles]
        ]
        for line in fullpass.iter_report(runs):
            self.stdout.write(line)
