"""Print precision and recall of the skills proposed from the labelled CV set."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from prefill.bench.evaluation import evaluate_cvs


class Command(BaseCommand):
    help = "Precision and recall of CV skill proposals on the labelled set (prefill/bench)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--verbose-misses", action="store_true", help="List misses per CV.")

    def handle(self, *args: Any, **options: Any) -> None:
        result = evaluate_cvs()
        for cv in result.cvs:
            line = f"{cv.name:32} {cv.hits}/{len(cv.proposed)} proposed right, "
            line += f"{cv.hits}/{len(cv.expected)} expected found"
            self.stdout.write(line)
            if options["verbose_misses"]:
                self.stdout.write(f"    wrong:  {sorted(cv.proposed - cv.expected)}")
                self.stdout.write(f"    missed: {sorted(cv.expected - cv.proposed)}")
        self.stdout.write(f"precision {result.precision:.3f}  recall {result.recall:.3f}")
