"""What an import proposes: plain, JSON-ready items the person accepts or rejects one by one.

Proposals travel in the session between the page that reads a source (ORCID, a CV) and the
page where the person ticks what to keep: nothing is written to the profile before that.
"""

from dataclasses import asdict, dataclass, field
from typing import Any

from profiles.models.reference import normalize_term

# Kinds of proposal, each applied by prefill.services.
NAME = "name"
ORCID = "orcid"
POSITION = "position"
EDUCATION = "education"
WORK = "work"
SKILL = "skill"
KINDS = (NAME, ORCID, POSITION, EDUCATION, WORK, SKILL)


@dataclass(frozen=True)
class Proposal:
    kind: str
    # What the person reads next to the checkbox.
    label: str
    # What gets written when accepted (shape depends on `kind`, see prefill.services).
    data: dict[str, Any] = field(default_factory=dict)
    # A second line: an abstract, the phrase a skill was found in.
    detail: str = ""

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> "Proposal":
        return cls(
            kind=str(raw["kind"]),
            label=str(raw["label"]),
            data=dict(raw.get("data") or {}),
            detail=str(raw.get("detail") or ""),
        )


def year_or_none(value: Any) -> int | None:
    """A year the profile accepts (1940–2100), or None."""
    try:
        year = int(str(value).strip()[:4])
    except (TypeError, ValueError):
        return None
    return year if 1940 <= year <= 2100 else None


# Words that name a degree, in both languages, accent-folded and lower-cased; checked in this
# order (a "postdoctoral" position mentions "doctor" too).
DEGREE_WORDS = (
    ("postdoc", ("postdoc", "posdoc", "post-doc", "pos-doc")),
    ("doctorate", ("doctor", "phd", "ph.d", "dr. rer", "dphil", "d.phil")),
    ("master", ("maestr", "master", "msc", "m.sc", "mba", "m.a.", "magister", "máster")),
    ("specialty", ("especialidad", "specialty", "specialization", "especialización")),
    ("bachelor", ("licenciatura", "licenciad", "bachelor", "bsc", "b.sc", "ingenier", "b.a.")),
)


def degree_of(text: str) -> str | None:
    """The profile's degree code named in `text` ("PhD in Physics" -> "doctorate"), or None."""
    folded = normalize_term(text)
    for degree, words in DEGREE_WORDS:
        if any(normalize_term(word) in folded for word in words):
            return degree
    return None
