"""Precision and recall of the skills proposed from the labelled CVs, read as uploads are."""

from dataclasses import dataclass

from prefill.bench.cv_files import cv_file, labelled_cvs
from prefill.cv import cv_proposals, cv_text
from prefill.proposals import SKILL
from profiles.models import Skill


@dataclass(frozen=True)
class CvScore:
    name: str
    proposed: frozenset[str]
    expected: frozenset[str]

    @property
    def hits(self) -> int:
        return len(self.proposed & self.expected)


@dataclass(frozen=True)
class Evaluation:
    cvs: list[CvScore]

    @property
    def precision(self) -> float:
        proposed = sum(len(cv.proposed) for cv in self.cvs)
        return sum(cv.hits for cv in self.cvs) / proposed if proposed else 0.0

    @property
    def recall(self) -> float:
        expected = sum(len(cv.expected) for cv in self.cvs)
        return sum(cv.hits for cv in self.cvs) / expected if expected else 0.0


def evaluate_cvs() -> Evaluation:
    slugs = dict(Skill.objects.values_list("pk", "slug"))
    scores = []
    for cv in labelled_cvs():
        name, content = cv_file(cv)
        proposals = cv_proposals(cv_text(name=name, content=content))
        proposed = frozenset(slugs[p.data["skill_id"]] for p in proposals if p.kind == SKILL)
        scores.append(CvScore(name=name, proposed=proposed, expected=frozenset(cv["skills"])))
    return Evaluation(cvs=scores)
