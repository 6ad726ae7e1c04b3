"""Lexical evidence: how much of a need's vocabulary an expert's own words cover, in [0, 1].

Pure (no ORM, no settings): `matching.prerank` computes the same number in SQL from the terms
stored per expert, and `matching.semantic` fuses it with the embedding score.

Terms. Text is lower-cased and accent-folded ("Energía" meets "energia"), split into words;
stop words and words under three letters are dropped, and each word is cut to its first
`PREFIX` letters, a crude stemmer that joins inflections ("acuíferos"/"acuífero",
"aquifers"/"aquifer") and some Spanish/English cognates ("energía"/"energy"). Every name or
synonym of a skill of the bilingual taxonomy found in the text adds that skill's concept term
("@hydrology"), whatever the language it is written in: that is the cross-language bridge
("agua subterránea" and "groundwater" meet). A need asks only for the concepts it names
precisely (`Thesaurus.named`): a single word whose stem several skills share, or which only
shares a skill name's stem, brings none (measured in `matching.semantic`).

Score. BM25 with k1 = 0 (a term counts once, however often it appears) and no length
normalisation, normalised by the best possible: the weight of the need's terms the expert
has over the weight of all the need's terms. A term weighs its BM25 inverse document
frequency over the experts (`TermFrequencies`: how many experts hold it; a word most experts
use tells little), times `CONCEPT_WEIGHT` for a concept. The weights depend on the need and the
corpus, never on the expert, so the SQL twin (`coverage_sql`) is the same weighted share.
Measured in `matching.semantic`: the IDF weights lift the lexical score alone from MRR 0.911
to 0.983 on the bilingual set and its pairwise loss from 0.349 to 0.310 on public papers.

Python and SQL compare term ids (`term_id`, stored per expert as `ExpertIndex.lexical_ids`)
with the weights as whole steps of the heaviest term (`quantised`): `make evaluate` is
unchanged to three decimals but for the fused "same language" split of the bilingual set (MRR
/ nDCG 0.883 / 0.913 -> 0.878 / 0.908) and the lexical score alone on public papers (MRR
0.075 -> 0.076), and the SQL is a few sorted intersections, not a text search per term.
"""

from __future__ import annotations

import hashlib
import math
import os
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

PREFIX = 5
CONCEPT_WEIGHT = 2.0
# A need's word names a skill when it is one of the skill's one-word names but for an ending
# of at most this many letters ("hidrológico" / "hidrología"; not "política" / "politología").
INFLECTION = 2
# At most this many need terms count (the heaviest, then alphabetical): bounds the SQL. A
# paper abstract has 62 terms (median; p90 85): 48 cut a quarter of a long need's words.
MAX_NEED_TERMS = 96

_WORD = re.compile(r"[^\W\d_]+")
_STOPWORDS_TEXT = """
about above after again also among and any are because been before being between both but
can could does doing during each few for from further had has have having her here hers
how into its itself just more most not now off once only other our ours out over own same
she should some such than that the their theirs them then there these they this those
through too under until upon very was were what when where which while who whom why will
with would you your yours new use using used based work works working
ante bajo como con contra cual cuales cuando del desde donde dos durante ella ellas ellos
entre era eran esa esas ese eso esos esta estas este esto estos fue fueron hacia hasta
las los mas mis muy nos nuestra nuestro otra otras otro otros para pero por porque que
quien sea ser sin sobre son sus tambien tiene tienen toda todas todo todos tras una uno
unos unas usar uso nuevo nueva trabajo
"""
STOPWORDS = frozenset(_STOPWORDS_TEXT.split())


def fold(text: str) -> str:
    """Lower case without accents: people type "energia" for "energía"."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def whole_words(text: str) -> list[str]:
    """The text's folded words before stemming, in the order and number of `words`."""
    return [word for word in _WORD.findall(fold(text)) if len(word) >= 3 and word not in STOPWORDS]


def words(text: str) -> list[str]:
    """The text's stemmed words, in order, repeats kept (phrases are looked up in this)."""
    return [word[:PREFIX] for word in whole_words(text)]


def same_word(a: str, b: str) -> bool:
    """Two folded words are one name inflected: they agree but for the shorter one's last
    `INFLECTION` letters (and on at least the `PREFIX` letters of the stem)."""
    agreed = len(os.path.commonprefix([a, b]))
    return agreed >= max(PREFIX, min(len(a), len(b)) - INFLECTION)


@dataclass(frozen=True)
class Thesaurus:
    """Phrases (tuples of stemmed words) of the bilingual taxonomy -> the concept terms they
    bring. Built from skill rows with `name_es`, `name_en` and `synonyms`."""

    phrases: Mapping[tuple[str, ...], frozenset[str]]
    longest: int
    # Concept -> its names that are one word, folded and whole ("diseno", not "diseno ux ui").
    names: Mapping[str, frozenset[str]] = field(default_factory=dict)

    @classmethod
    def from_skills(cls, skills: Iterable[Mapping]) -> Thesaurus:
        phrases: dict[tuple[str, ...], set[str]] = {}
        names: dict[str, set[str]] = {}
        for skill in skills:
            concept = "@" + str(skill["slug"])
            for name in (skill["name_es"], skill["name_en"], *skill.get("synonyms", ())):
                phrase = tuple(words(str(name)))
                if phrase:
                    phrases.setdefault(phrase, set()).add(concept)
                if re.fullmatch(r"\s*[^\W\d_]+\s*", fold(str(name))):
                    names.setdefault(concept, set()).update(whole_words(str(name)))
        return cls(
            phrases={phrase: frozenset(c) for phrase, c in phrases.items()},
            longest=max((len(p) for p in phrases), default=0),
            names={concept: frozenset(n) for concept, n in names.items()},
        )

    def concepts(self, stems: Sequence[str]) -> set[str]:
        found: set[str] = set()
        for start in range(len(stems)):
            for size in range(1, min(self.longest, len(stems) - start) + 1):
                found |= self.phrases.get(tuple(stems[start : start + size]), frozenset())
        return found

    def named(self, text: str) -> set[str]:
        """The concepts a need names. A phrase of two or more words brings its concepts. A
        single word brings a concept only when it names that one concept unambiguously: its
        stem names no other (a stem shared by several skills, "disen" for "Diseño" and "diseño
        UX/UI", is evidence of none), and the word is one of the concept's names but for an
        inflection (`same_word`), not a word that merely shares its five-letter stem
        ("programa" is not "programación", "política" not "politología")."""
        whole = whole_words(text)
        stems = [word[:PREFIX] for word in whole]
        found: set[str] = set()
        for start in range(len(stems)):
            for size in range(1, min(self.longest, len(stems) - start) + 1):
                concepts = self.phrases.get(tuple(stems[start : start + size]), frozenset())
                single = len(concepts) == 1 and self._is_named(whole[start], min(concepts))
                if size > 1 or single:
                    found |= concepts
        return found

    def _is_named(self, word: str, concept: str) -> bool:
        return any(same_word(word, name) for name in self.names.get(concept, ()))


EMPTY_THESAURUS = Thesaurus(phrases={}, longest=0)


def terms(texts: Iterable[str], thesaurus: Thesaurus = EMPTY_THESAURUS) -> list[str]:
    """The distinct terms of some texts, sorted: stemmed words and the concepts they name."""
    found: set[str] = set()
    for text in texts:
        stems = words(text)
        found.update(stems)
        found |= thesaurus.concepts(stems)
    return sorted(found)


@dataclass(frozen=True)
class TermFrequencies:
    """Document frequencies: of `experts` experts, how many hold each term (`terms` of their
    passages). Terms missing from `counts` are held by nobody."""

    experts: int
    counts: Mapping[str, int]

    @classmethod
    def of(cls, term_sets: Iterable[Iterable[str]]) -> TermFrequencies:
        counts: Counter[str] = Counter()
        experts = 0
        for held in term_sets:
            counts.update(set(held))
            experts += 1
        return cls(experts=experts, counts=dict(counts))

    def idf(self, term: str) -> float:
        """BM25's inverse document frequency, always > 0: ~log(N) for a rare term, ~0.1 for
        a term nine experts in ten hold."""
        held = min(max(self.counts.get(term, 0), 0), self.experts)
        return math.log(1.0 + (self.experts - held + 0.5) / (held + 0.5))


def term_weight(term: str, frequencies: TermFrequencies | None = None) -> float:
    """`CONCEPT_WEIGHT` for a concept, 1 for a word, times the IDF when frequencies are given."""
    base = CONCEPT_WEIGHT if term.startswith("@") else 1.0
    return base if frequencies is None else base * frequencies.idf(term)


def need_terms(
    text: str,
    thesaurus: Thesaurus = EMPTY_THESAURUS,
    frequencies: TermFrequencies | None = None,
) -> dict[str, float]:
    """The need's terms with their weights (`term_weight`), at most `MAX_NEED_TERMS`, the
    heaviest kept: its words and the concepts it names (`Thesaurus.named`; an expert's terms
    hold every concept `terms` finds, a need asks only for those it names). Pass the experts'
    `frequencies` (see `matching.selectors`) for the IDF weights the fused score was measured
    with; without them every word weighs 1."""
    weights = {word: term_weight(word, frequencies) for word in words(text)}
    for concept in thesaurus.named(text):
        weights[concept] = term_weight(concept, frequencies)
    kept = sorted(weights, key=lambda term: (-weights[term], term))[:MAX_NEED_TERMS]
    return {term: weights[term] for term in sorted(kept)}


# --- Term ids: what the SQL twin compares -------------------------------------------------

_PLAIN = re.compile(r"[a-z]{1,5}")
# `term_ids` in SQL: the stored generated column `ExpertIndex.lexical_ids` (migration
# "expertindex_lexical_ids") and the bench's copy. Self-contained (only pg_catalog functions),
# so a restore with an empty search_path can compute it.
TERM_IDS_FUNCTION = """
CREATE OR REPLACE FUNCTION matching_term_ids(terms varchar[]) RETURNS int4[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
SELECT COALESCE(array_agg(DISTINCT id ORDER BY id), '{}') FROM (
    SELECT CASE WHEN t COLLATE "C" ~ '^[a-z]{1,5}$' THEN (
        SELECT sum((ascii(substr(t, i, 1)) - 96) * 27 ^ (i - 1))::int4
        FROM generate_series(1, length(t)) AS i
    ) ELSE -1 - (('x' || encode(substr(sha256(convert_to(t, 'UTF8')), 1, 4), 'hex'))::bit(32)
        ::int4 & 2147483647) END AS id
    FROM unnest(terms) AS t
) AS ids
$$
"""


@lru_cache(maxsize=65536)
def term_id(term: str) -> int:
    """A term as an int4, as `TERM_IDS_FUNCTION` computes it in SQL. A word of one to five
    letters a-z (nearly every stem) is its base-27 number, 1..14,348,906: distinct words never
    share an id. Any other term (a concept, a stem with other letters) is minus one minus the
    first 31 bits of its SHA-256, below zero, apart from the words; the taxonomy's concepts
    are checked to share none (tests)."""
    if _PLAIN.fullmatch(term):
        return sum((ord(ch) - 96) * 27**i for i, ch in enumerate(term))
    digest = int.from_bytes(hashlib.sha256(term.encode()).digest()[:4], "big")
    return -1 - (digest & 0x7FFFFFFF)


def term_ids(held: Iterable[str]) -> list[int]:
    """The sorted distinct ids of some terms: `ExpertIndex.lexical_ids` of `lexical_terms`."""
    return sorted({term_id(term) for term in held})


# The need's weights as integers: the heaviest term weighs WEIGHT_STEPS, the others the nearest
# whole step (a term under half a step, < 1/512 of the heaviest, drops out). SQL sums them with
# one sorted intersection per bit (`coverage_sql`), Python with the same integers: both agree
# exactly. A power of two keeps ratios such as concept = 2 x word exact. 64 steps moved the
# lexical score alone on public papers (MRR 0.075 -> 0.081); 256 leave it within 0.001.
WEIGHT_STEPS = 256


def quantised(need: Mapping[str, float]) -> dict[int, int]:
    """The need's term ids with their integer weights (terms sharing an id add up)."""
    by_id: dict[int, float] = {}
    for term, weight in need.items():
        key = term_id(term)
        by_id[key] = by_id.get(key, 0.0) + float(weight)
    top = max(by_id.values(), default=0.0)
    if top <= 0:
        return {}
    levels = {key: math.floor(WEIGHT_STEPS * weight / top + 0.5) for key, weight in by_id.items()}
    return {key: level for key, level in levels.items() if level > 0}


def coverage(need: Mapping[str, float], expert_terms: Iterable[str]) -> float:
    """Weighted share of the need's terms among the expert's (weights `quantised`): 0 with no
    need terms."""
    weights = quantised(need)
    total = sum(weights.values())
    if total <= 0:
        return 0.0
    held = {term_id(term) for term in expert_terms}
    return sum(level for key, level in weights.items() if key in held) / total


def _groups(weights: Mapping[int, int]) -> list[tuple[int, list[int]]]:
    """(multiplier, ids) whose sum of multiplier x |held ids| is the held weight: one group per
    bit of the weights, or one per distinct weight when there are fewer of those."""
    levels = sorted(set(weights.values()))
    by_level = [(level, sorted(k for k, v in weights.items() if v == level)) for level in levels]
    by_bit = [
        (1 << bit, sorted(k for k, v in weights.items() if v >> bit & 1))
        for bit in range(max(levels).bit_length())
    ]
    by_bit = [(multiplier, ids) for multiplier, ids in by_bit if ids]
    return by_level if len(by_level) <= len(by_bit) else by_bit


def coverage_sql(need: Mapping[str, float], params: list, column: str = "lexical_ids") -> str:
    """`coverage` as an SQL expression over the row's `column` (`ExpertIndex.lexical_ids`,
    sorted int4[]); appends its parameters to `params`. `column` is a constant chosen by the
    caller. intarray lives in its own schema: on the search path its int4[] operators would
    hide the built-in ones the GIN index on skill ids serves."""
    weights = quantised(need)
    total = sum(weights.values())
    if total <= 0:
        return "0::float8"
    # Rows sharing no term with the need: 0 after one sorted-overlap test. Others: a few
    # sorted intersections (`_groups`), where one containment test per text term cost
    # 10-35% of the selection on the bench (issue 21).
    params.append(sorted(weights))
    parts = []
    for multiplier, ids in _groups(weights):
        params.append(ids)
        parts.append(f"{multiplier} * intarray.icount({column} OPERATOR(intarray.&) %s::int4[])")
    return (
        f"(CASE WHEN {column} OPERATOR(intarray.&&) %s::int4[] "
        f"THEN ({' + '.join(parts)})::float8 / {float(total)!r}::float8 ELSE 0::float8 END)"
    )
