from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from matching.learning import MIN_DECISIONS, weight_set_fit


class Command(BaseCommand):
    help = (
        "Fit this deployment's component weights on the logged decisions (L2 logistic "
        "regression, held-out AUC against the current weights) and store them as a new weight "
        "set. Nothing changes until staff adopt it in the admin."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--minimum", type=int, default=MIN_DECISIONS)
        parser.add_argument("--l2", type=float, default=1.0)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            weight_set = weight_set_fit(minimum=options["minimum"], l2=options["l2"])
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stdout.write(
            f"Weight set {weight_set.version}: {weight_set.decisions} decisions, held-out AUC "
            f"{weight_set.auc_fitted:.3f} fitted vs {weight_set.auc_current:.3f} current "
            "(adopt it in the admin to use it)."
        )
        for direction, weights in weight_set.weights.items():
            parts = ", ".join(f"{name} {value:.3f}" for name, value in weights.items())
            self.stdout.write(f"  {direction}: {parts}")
