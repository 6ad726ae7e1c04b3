"""Skills (and their fields) proposed from free text: a CV, a need's description.

Two passes. The vocabulary pass finds skill names and synonyms, in Spanish and English,
accent- and case-folded, on word boundaries (acronyms such as "IoT" or "SAP" only as written).
The meaning pass embeds short phrases with matching's embedder and proposes the skill whose name
is closest when the cosine reaches PREFILL_SKILL_EMBEDDING_THRESHOLD; it catches wordings the
vocabulary lacks ("modelado de aguas subterráneas" for hydrogeology).
"""

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from django.conf import settings
from django.db.models import Count, Max

from matching.embeddings import get_embedder
from profiles.models import Skill
from profiles.models.reference import normalize_term

# Vocabulary terms that are common words: in running text they rarely mean the skill ("estado
# del arte", "design of bridges", "public works contracts"), so only the meaning pass, on a
# phrase, may propose those skills. Accent-folded, lower-cased.
AMBIGUOUS_TERMS = frozenset(
    {"arte", "art", "arts", "law", "math", "lean", "bees", "corn", "dams", "design", "diseno"}
    | {"contracts", "contratos", "management", "administracion", "maintenance", "mantenimiento"}
    | {"retorno", "media", "medios", "legal", "strategy", "estrategia", "government", "gobierno"}
    | {"construction", "construccion", "fabricacion", "empleo", "employment", "licencias"}
    | {"licensing", "environment", "medio ambiente", "electronica", "electronics", "mecanica"}
)
# Phrases for the meaning pass: pieces of a line between separators, of a few words.
PHRASE_SPLIT = re.compile(r"[\n;,•·|/()]+|\s[-–—]\s|:\s|\.\s|\s(?:y|and|e|or|o)\s")
MAX_PHRASES = 120


@dataclass(frozen=True)
class Vocabulary:
    ids: tuple[int, ...]
    labels: tuple[str, ...]
    fields: tuple[int | None, ...]
    folded: re.Pattern[str] | None
    exact: re.Pattern[str] | None
    skill_by_term: dict[str, int]


@dataclass(frozen=True)
class SkillHit:
    skill_id: int
    # The words of the text that proposed it.
    evidence: str
    # 1.0 for a name or synonym found as written; the cosine for the meaning pass.
    score: float
    # Where in the text (to tell required from nice-to-have in a need).
    position: float


def _is_acronym(term: str) -> bool:
    letters = [c for c in term if c.isalpha()]
    return bool(letters) and any(c.isupper() for c in letters[1:] or letters[:1]) and len(term) <= 6


def _fold_keep_case(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _alternation(terms: Iterable[str]) -> re.Pattern[str] | None:
    ordered = sorted(set(terms), key=len, reverse=True)
    if not ordered:
        return None
    return re.compile(r"(?<!\w)(" + "|".join(re.escape(t) for t in ordered) + r")(?!\w)")


@lru_cache(maxsize=2)
def _vocabulary(signature: tuple[int, int | None]) -> Vocabulary:
    rows = list(
        Skill.objects.approved()
        .order_by("pk")
        .values_list("pk", "name_es", "name_en", "synonyms", "field_id")
    )
    by_term: dict[str, int] = {}
    folded_terms, exact_terms = [], []
    for pk, name_es, name_en, synonyms, _field in rows:
        for term in (name_es, name_en, *synonyms):
            if not term or not term.strip():
                continue
            if _is_acronym(term):
                key = _fold_keep_case(term.strip())
                if len(key) < 2:
                    continue
                exact_terms.append(key)
            else:
                key = normalize_term(term)
                if key in AMBIGUOUS_TERMS or len(key) < 3:
                    continue
                folded_terms.append(key)
            by_term.setdefault(key, pk)
    return Vocabulary(
        ids=tuple(r[0] for r in rows),
        labels=tuple(f"{r[1]} / {r[2]}" for r in rows),
        fields=tuple(r[4] for r in rows),
        folded=_alternation(folded_terms),
        exact=_alternation(exact_terms),
        skill_by_term=by_term,
    )


def vocabulary() -> Vocabulary:
    """The approved skills as matchers, rebuilt when the vocabulary changes (one query)."""
    signature = Skill.objects.approved().aggregate(n=Count("pk"), last=Max("pk"))
    return _vocabulary((signature["n"], signature["last"]))


@lru_cache(maxsize=4)
def _label_vectors(embedder_name: str, labels: tuple[str, ...]) -> np.ndarray:
    return get_embedder(embedder_name).embed_queries(list(labels))


def _term_hits(text: str, vocab: Vocabulary) -> list[SkillHit]:
    hits: list[SkillHit] = []
    for pattern, haystack in (
        (vocab.folded, normalize_term(text)),
        (vocab.exact, _fold_keep_case(text)),
    ):
        if pattern is None:
            continue
        for found in pattern.finditer(haystack):
            skill_id = vocab.skill_by_term.get(found.group(1))
            if skill_id is not None:
                # Positions in the folded text stand in for the original (same order).
                hits.append(
                    SkillHit(skill_id, found.group(1), 1.0, found.start() / max(1, len(haystack)))
                )
    return hits


def _phrases(text: str) -> list[tuple[str, int]]:
    phrases, seen = [], set()
    for found in re.finditer(r"[^\n;,•·|/()]+", text):
        for piece in PHRASE_SPLIT.split(found.group(0)):
            words = piece.split()
            key = normalize_term(piece)
            if 2 <= len(words) <= 6 and key not in seen and not any(c.isdigit() for c in piece):
                seen.add(key)
                phrases.append((" ".join(words), found.start()))
    return phrases[:MAX_PHRASES]


def _meaning_hits(text: str, vocab: Vocabulary) -> list[SkillHit]:
    threshold = settings.PREFILL_SKILL_EMBEDDING_THRESHOLD
    # A phrase that names a skill outright was read by the vocabulary pass: its meaning would
    # only add a neighbour ("integración continua" is DevOps, not migrant integration).
    phrases = [(p, at) for p, at in _phrases(text) if not _term_hits(p, vocab)]
    if threshold <= 0 or not phrases or not vocab.ids:
        return []
    embedder = get_embedder()
    labels = _label_vectors(embedder.name, vocab.labels)
    cosines = embedder.embed_queries([p for p, _at in phrases]) @ labels.T
    hits = []
    for row, (phrase, at) in enumerate(phrases):
        best = int(np.argmax(cosines[row]))
        if cosines[row, best] >= threshold:
            hits.append(
                SkillHit(vocab.ids[best], phrase, float(cosines[row, best]), at / max(1, len(text)))
            )
    return hits


def skills_in_text(text: str, *, by_meaning: bool = True) -> list[SkillHit]:
    """One hit per skill found in `text`, the best evidence kept, in order of appearance."""
    vocab = vocabulary()
    hits = _term_hits(text, vocab)
    if by_meaning:
        hits += _meaning_hits(text, vocab)
    best: dict[int, SkillHit] = {}
    for hit in hits:
        kept = best.get(hit.skill_id)
        if kept is None or (hit.score, -hit.position) > (kept.score, -kept.position):
            best[hit.skill_id] = hit
    return sorted(best.values(), key=lambda h: h.position)


def skill_fields(skill_ids: Iterable[int]) -> list[int]:
    """The fields of knowledge of those skills, without repeats, in order."""
    vocab = vocabulary()
    field_of = dict(zip(vocab.ids, vocab.fields, strict=True))
    fields: list[int] = []
    for skill_id in skill_ids:
        field = field_of.get(skill_id)
        if field is not None and field not in fields:
            fields.append(field)
    return fields
