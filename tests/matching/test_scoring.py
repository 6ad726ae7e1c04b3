import json
import math
import os
import random
import subprocess
import sys
from dataclasses import asdict, replace
from pathlib import Path

import pytest

from matching.scoring import (
    ALGORITHM_VERSION,
    WEIGHTS,
    ExpertData,
    ProjectData,
    score_pair,
    weighted_harmonic_mean,
)

ROOT = Path(__file__).resolve().parents[2]

SKILL_NAMES = {
    "python": ("Python", "Python"),
    "stats": ("Estadística", "Statistics"),
    "gis": ("Sistemas de información geográfica", "Geographic information systems"),
    "ml": ("Aprendizaje automático", "Machine learning"),
    "dl": ("Aprendizaje profundo", "Deep learning"),
    "sql": ("SQL", "SQL"),
    "hydro": ("Hidrología", "Hydrology"),
}
# dl is a child of ml, which is a child of ai.
SKILL_ANCESTORS = {"dl": frozenset({"ml", "ai"}), "ml": frozenset({"ai"})}


def make_expert(**overrides: object) -> ExpertData:
    fields: dict[str, object] = {
        "id": 1,
        "is_active": True,
        "is_visible": True,
        "is_paused": False,
        "capacity_left": 2,
        "languages": {"es": "native", "en": "fluent"},
        "collaboration_types": frozenset({"thesis", "talk"}),
        "skills": frozenset(),
        "skill_ancestors": SKILL_ANCESTORS,
        "subfields": frozenset(),
        "origin_state": None,
        "origin_state_name": None,
        "residence_state": None,
        "willing_to_travel": False,
        "modality_preference": "either",
        "utc_offset_hours": -6.0,
        "hours_per_month": 20,
        "states_of_interest": frozenset(),
        "sectors_of_interest": frozenset(),
        "semantic": 0.5,
    }
    fields.update(overrides)
    return ExpertData(**fields)


def make_project(**overrides: object) -> ProjectData:
    fields: dict[str, object] = {
        "id": 10,
        "required_skills": frozenset(),
        "nice_skills": frozenset(),
        "skill_names": SKILL_NAMES,
        "skill_ancestors": SKILL_ANCESTORS,
        "subfields": frozenset(),
        "languages": frozenset({"es"}),
        "collaboration_type": "thesis",
        "collaboration_type_labels": ("Co-dirección de tesis", "Thesis co-supervision"),
        "modality": "remote",
        "state": "16",
        "state_name": "Michoacán",
        "hours_per_month": 20,
        "sector": "academic",
        "utc_offset_hours": -6.0,
    }
    fields.update(overrides)
    return ProjectData(**fields)


def components(expert: ExpertData, project: ProjectData) -> dict[str, float]:
    result = score_pair(expert, project)
    assert result.eligible, result.failed_filter
    return result.components


# --- Hard filters ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("expert_changes", "project_changes", "code"),
    [
        pytest.param({"is_active": False}, {}, "inactive", id="inactive"),
        pytest.param({"is_visible": False}, {}, "not_visible", id="hidden"),
        pytest.param({"is_paused": True}, {}, "paused", id="paused"),
        pytest.param({"capacity_left": 0}, {}, "no_capacity", id="capacity-zero"),
        pytest.param({"capacity_left": -1}, {}, "no_capacity", id="capacity-negative"),
        pytest.param(
            {"languages": {"es": "basic", "en": "basic"}},
            {"languages": frozenset({"es", "en"})},
            "no_shared_language",
            id="only-basic-level",
        ),
        pytest.param(
            {"languages": {"fr": "native"}},
            {"languages": frozenset({"es", "en"})},
            "no_shared_language",
            id="other-language",
        ),
        pytest.param(
            {"languages": {"en": "native"}},
            {"languages": frozenset()},
            "no_shared_language",
            id="no-project-language-means-spanish",
        ),
        pytest.param(
            {"collaboration_types": frozenset({"talk"})}, {}, "type_not_offered", id="type"
        ),
        pytest.param(
            {"residence_state": "14", "willing_to_travel": False},
            {"modality": "on_site"},
            "cannot_be_on_site",
            id="on-site-elsewhere",
        ),
        pytest.param(
            {"residence_state": None, "willing_to_travel": False},
            {"modality": "on_site", "state": None},
            "cannot_be_on_site",
            id="on-site-unknown-state",
        ),
    ],
)
def test_pair_failing_a_hard_filter_is_ineligible_without_score(
    expert_changes: dict, project_changes: dict, code: str
) -> None:
    result = score_pair(make_expert(**expert_changes), make_project(**project_changes))

    assert result.eligible is False
    assert result.failed_filter == code
    assert result.score == 0.0
    assert result.components == {}
    assert result.reasons_es == []
    assert result.reasons_en == []
    assert len(result.missing_es) == len(result.missing_en) == 1


def test_filters_are_checked_in_order_and_the_first_failure_is_reported() -> None:
    expert = make_expert(is_active=False, is_paused=True, capacity_left=0)

    assert score_pair(expert, make_project()).failed_filter == "inactive"


def test_failed_filter_is_explained_in_both_languages() -> None:
    result = score_pair(make_expert(languages={"fr": "native"}), make_project())

    assert result.missing("es") == ["No habla a nivel de trabajo ningún idioma del proyecto"]
    assert result.missing("en") == [
        "Does not speak any of the project's languages at working level"
    ]


@pytest.mark.parametrize(
    ("expert_changes", "project_changes"),
    [
        pytest.param({"residence_state": "16"}, {"modality": "on_site"}, id="lives-there"),
        pytest.param({"willing_to_travel": True}, {"modality": "on_site"}, id="can-travel"),
        pytest.param({"residence_state": "14"}, {"modality": "hybrid"}, id="hybrid-elsewhere"),
        pytest.param(
            {"languages": {"EN": "working"}},
            {"languages": frozenset({"en", "de"})},
            id="one-language-at-working-level",
        ),
        pytest.param({"languages": {"es": "native"}}, {"languages": frozenset()}, id="spanish"),
        pytest.param({"capacity_left": 1}, {}, id="last-slot"),
    ],
)
def test_pair_passing_every_filter_is_eligible(expert_changes: dict, project_changes: dict) -> None:
    result = score_pair(make_expert(**expert_changes), make_project(**project_changes))

    assert result.eligible is True
    assert result.failed_filter is None


# --- Components -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("held", "required", "nice", "expected"),
    [
        pytest.param({"python", "stats"}, {"python", "stats"}, set(), 1.0, id="all-exact"),
        pytest.param(set(), {"python", "stats"}, set(), 0.0, id="none"),
        pytest.param({"python"}, {"python", "stats"}, set(), 0.5, id="half"),
        pytest.param({"python"}, {"python"}, {"stats"}, 2 / 3, id="must-have-weighs-double"),
        pytest.param({"stats"}, {"python"}, {"stats"}, 1 / 3, id="nice-to-have-weighs-less"),
        pytest.param({"dl"}, {"ml"}, set(), 0.5, id="child-of-wanted-is-partial"),
        pytest.param({"ml"}, {"dl"}, set(), 0.5, id="parent-of-wanted-is-partial"),
        pytest.param({"dl"}, {"ai"}, set(), 0.5, id="grandchild-is-partial"),
        pytest.param({"gis"}, {"ml"}, set(), 0.0, id="unrelated"),
        pytest.param({"python"}, {"python"}, {"python"}, 1.0, id="listed-twice-counts-once"),
        pytest.param({"python"}, set(), set(), 0.5, id="no-skills-listed-is-neutral"),
    ],
)
def test_skill_coverage(held: set, required: set, nice: set, expected: float) -> None:
    result = components(
        make_expert(skills=frozenset(held)),
        make_project(required_skills=frozenset(required), nice_skills=frozenset(nice)),
    )

    assert result["skills"] == pytest.approx(expected, abs=1e-4)


def test_related_skill_is_found_from_the_expert_side_ancestors_too() -> None:
    expert = make_expert(skills=frozenset({"nlp"}), skill_ancestors={"nlp": frozenset({"ml"})})
    project = make_project(required_skills=frozenset({"ml"}), skill_ancestors={})

    assert components(expert, project)["skills"] == 0.5


@pytest.mark.parametrize(
    ("expert_subfields", "project_subfields", "expected"),
    [
        pytest.param({"2.2"}, {"2.2"}, 1.0, id="same-subfield"),
        pytest.param({"2.1"}, {"2.2"}, 0.5, id="same-major-field"),
        pytest.param({"5.1"}, {"2.2"}, 0.0, id="other-field"),
        pytest.param(set(), {"2.2"}, 0.0, id="expert-lists-none"),
        pytest.param({"2.2"}, set(), 0.5, id="project-lists-none-is-neutral"),
        pytest.param({"2.2"}, {"2.2", "5.1"}, 0.75, id="one-of-two-best-and-mean"),
        pytest.param({"2.2", "5.1"}, {"2.2", "5.1"}, 1.0, id="covers-both"),
    ],
)
def test_field_overlap(expert_subfields: set, project_subfields: set, expected: float) -> None:
    result = components(
        make_expert(subfields=frozenset(expert_subfields)),
        make_project(subfields=frozenset(project_subfields)),
    )

    assert result["fields"] == expected


@pytest.mark.parametrize(
    ("origin", "interests", "project_state", "expected"),
    [
        pytest.param("16", set(), "16", 1.0, id="same-state"),
        pytest.param("14", {"16"}, "16", 0.6, id="state-of-interest"),
        pytest.param("14", {"11"}, "16", 0.0, id="no-tie"),
        pytest.param(None, set(), "16", 0.0, id="origin-unknown"),
        pytest.param("16", {"16"}, None, 0.0, id="project-state-unknown"),
    ],
)
def test_origin_tie(
    origin: str | None, interests: set, project_state: str | None, expected: float
) -> None:
    result = components(
        make_expert(origin_state=origin, states_of_interest=frozenset(interests)),
        make_project(state=project_state),
    )

    assert result["origin"] == expected


@pytest.mark.parametrize(
    ("expert_offset", "project_offset", "modality", "expected"),
    [
        pytest.param(-6.0, -6.0, "remote", 1.0, id="same-zone"),
        pytest.param(-3.0, -6.0, "remote", 1.0, id="six-hours-overlap-is-full"),
        pytest.param(0.0, -6.0, "remote", 0.5, id="three-hours-overlap"),
        pytest.param(3.0, -6.0, "remote", 0.0, id="no-overlap"),
        pytest.param(9.0, -6.0, "remote", 0.0, id="far-east"),
        pytest.param(14.0, -10.0, "remote", 1.0, id="across-the-date-line"),
        pytest.param(0.0, -6.0, "hybrid", 0.5, id="hybrid-counts-too"),
        pytest.param(9.0, -6.0, "on_site", 1.0, id="on-site-ignores-zones"),
        pytest.param(None, -6.0, "remote", 0.5, id="expert-zone-unknown"),
        pytest.param(-6.0, None, "remote", 0.5, id="project-zone-unknown"),
    ],
)
def test_timezone_overlap(
    expert_offset: float | None, project_offset: float | None, modality: str, expected: float
) -> None:
    result = components(
        make_expert(utc_offset_hours=expert_offset, willing_to_travel=True),
        make_project(utc_offset_hours=project_offset, modality=modality),
    )

    assert result["timezone"] == pytest.approx(expected, abs=1e-4)


@pytest.mark.parametrize(
    ("offered", "wanted", "expected"),
    [
        pytest.param(30, 20, 1.0, id="more-than-asked"),
        pytest.param(20, 20, 1.0, id="exactly"),
        pytest.param(10, 20, 0.5, id="half"),
        pytest.param(0, 20, 0.0, id="none"),
        pytest.param(5, 0, 1.0, id="project-asks-no-hours"),
    ],
)
def test_hours_fit(offered: int, wanted: int, expected: float) -> None:
    result = components(make_expert(hours_per_month=offered), make_project(hours_per_month=wanted))

    assert result["hours"] == expected


@pytest.mark.parametrize(
    ("expert_changes", "project_changes", "expected"),
    [
        pytest.param(
            {
                "states_of_interest": frozenset({"16"}),
                "sectors_of_interest": frozenset({"academic"}),
                "modality_preference": "remote",
            },
            {},
            1.0,
            id="all-match",
        ),
        pytest.param({}, {}, (0.5 + 0.5 + 1.0) / 3, id="no-stated-interests-is-neutral"),
        pytest.param(
            {
                "states_of_interest": frozenset({"14"}),
                "sectors_of_interest": frozenset({"industry"}),
                "modality_preference": "remote",
                "willing_to_travel": True,
            },
            {"modality": "on_site"},
            0.0,
            id="nothing-matches",
        ),
        pytest.param(
            {"modality_preference": "on_site"}, {}, (0.5 + 0.5 + 0.0) / 3, id="prefers-on-site"
        ),
        pytest.param(
            {"modality_preference": "remote", "willing_to_travel": True},
            {"modality": "hybrid"},
            0.5,
            id="hybrid-half-suits-remote",
        ),
        pytest.param(
            {"sectors_of_interest": frozenset({"academic"})},
            {"sector": None},
            (0.5 + 0.5 + 1.0) / 3,
            id="sector-unknown",
        ),
    ],
)
def test_preferences_fit(expert_changes: dict, project_changes: dict, expected: float) -> None:
    result = components(make_expert(**expert_changes), make_project(**project_changes))

    assert result["preferences"] == pytest.approx(expected, abs=1e-4)


@pytest.mark.parametrize(
    ("expert_changes", "modality", "expected"),
    [
        pytest.param({}, "remote", 1.0, id="remote"),
        pytest.param({"residence_state": "16"}, "hybrid", 1.0, id="hybrid-lives-there"),
        pytest.param({"willing_to_travel": True}, "hybrid", 1.0, id="hybrid-can-travel"),
        pytest.param({"residence_state": "14"}, "hybrid", 0.0, id="hybrid-cannot-come"),
        pytest.param({"willing_to_travel": True}, "on_site", 1.0, id="on-site"),
    ],
)
def test_modality_fit(expert_changes: dict, modality: str, expected: float) -> None:
    result = components(make_expert(**expert_changes), make_project(modality=modality))

    assert result["modality"] == expected


@pytest.mark.parametrize(
    ("levels", "project_languages", "expected"),
    [
        pytest.param({"es": "native"}, {"es"}, 1.0, id="native"),
        pytest.param({"es": "fluent"}, {"es"}, 0.9, id="fluent"),
        pytest.param({"es": "working"}, {"es"}, 0.6, id="working"),
        pytest.param({"es": "native"}, {"es", "en"}, 0.5, id="one-of-two"),
        pytest.param({"es": "native", "en": "basic"}, {"es", "en"}, 0.625, id="basic-counts-a-bit"),
    ],
)
def test_language_depth(levels: dict, project_languages: set, expected: float) -> None:
    result = components(
        make_expert(languages=levels), make_project(languages=frozenset(project_languages))
    )

    assert result["language"] == pytest.approx(expected)


@pytest.mark.parametrize(
    ("given", "expected"),
    [(0.73, 0.73), (1.5, 1.0), (-0.2, 0.0), (math.nan, 0.0)],
)
def test_semantic_score_is_taken_as_given_within_zero_and_one(
    given: float, expected: float
) -> None:
    assert components(make_expert(semantic=given), make_project())["semantic"] == expected


# --- Fusion ---------------------------------------------------------------------------------


def test_score_is_the_weighted_harmonic_mean_of_both_directions() -> None:
    result = score_pair(
        make_expert(semantic=0.8, skills=frozenset({"python"})),
        make_project(required_skills=frozenset({"python", "stats"})),
    )
    fused = weighted_harmonic_mean(result.components, WEIGHTS["fusion"])

    assert result.components["fused"] == pytest.approx(fused, abs=1e-4)
    assert result.score == round(100 * fused, 1)


def test_pair_strong_on_one_side_only_scores_lower_than_a_balanced_pair() -> None:
    fusion = WEIGHTS["fusion"]
    lopsided = {"expert_fit": 0.9, "project_fit": 0.3}
    balanced = {"expert_fit": 0.66, "project_fit": 0.66}
    # Same weighted arithmetic mean, so only the fusion tells them apart.
    assert sum(fusion[k] * lopsided[k] for k in fusion) == pytest.approx(0.66)

    assert weighted_harmonic_mean(lopsided, fusion) < weighted_harmonic_mean(balanced, fusion)


def test_great_expert_for_a_need_that_suits_them_badly_ranks_below_a_balanced_one() -> None:
    project = make_project(
        required_skills=frozenset({"python", "stats"}), hours_per_month=40, utc_offset_hours=-6.0
    )
    lopsided = make_expert(
        semantic=1.0,
        skills=frozenset({"python", "stats"}),
        hours_per_month=4,
        utc_offset_hours=3.0,
        modality_preference="on_site",
    )
    balanced = make_expert(
        semantic=0.7,
        skills=frozenset({"python"}),
        hours_per_month=40,
        states_of_interest=frozenset({"16"}),
    )
    strong, even = score_pair(lopsided, project), score_pair(balanced, project)

    assert strong.components["expert_fit"] > even.components["expert_fit"]
    assert strong.score < even.score


def test_need_that_suits_the_expert_badly_drags_a_great_expert_far_down() -> None:
    expert = make_expert(
        semantic=1.0,
        skills=frozenset({"python"}),
        hours_per_month=0,
        utc_offset_hours=3.0,
        modality_preference="on_site",
        states_of_interest=frozenset({"14"}),
        sectors_of_interest=frozenset({"industry"}),
        residence_state="14",
    )
    project = make_project(required_skills=frozenset({"python"}), modality="hybrid")

    result = score_pair(expert, project)

    assert result.eligible is True
    assert result.components["expert_fit"] >= 0.9
    assert result.components["project_fit"] < 0.05
    assert result.score < 10.0


def test_zero_on_either_side_fuses_to_zero() -> None:
    fusion = WEIGHTS["fusion"]

    assert weighted_harmonic_mean({"expert_fit": 1.0, "project_fit": 0.0}, fusion) == 0.0
    assert weighted_harmonic_mean({"expert_fit": 0.0, "project_fit": 1.0}, fusion) == 0.0


def test_components_keep_both_directions_and_the_fused_value() -> None:
    result = score_pair(make_expert(), make_project())

    assert set(result.components) == {
        *WEIGHTS["expert_fit"],
        *WEIGHTS["project_fit"],
        "expert_fit",
        "project_fit",
        "fused",
    }


def test_weights_of_each_direction_add_up_to_one() -> None:
    for direction in ("expert_fit", "project_fit", "fusion"):
        assert sum(WEIGHTS[direction].values()) == pytest.approx(1.0)


def test_result_carries_the_algorithm_version() -> None:
    assert score_pair(make_expert(), make_project()).algorithm_version == ALGORITHM_VERSION


# --- Range and determinism ------------------------------------------------------------------


def test_perfect_pair_scores_one_hundred() -> None:
    expert = make_expert(
        semantic=1.0,
        skills=frozenset({"python"}),
        subfields=frozenset({"2.2"}),
        languages={"es": "native"},
        origin_state="16",
        states_of_interest=frozenset({"16"}),
        sectors_of_interest=frozenset({"academic"}),
    )
    project = make_project(required_skills=frozenset({"python"}), subfields=frozenset({"2.2"}))

    assert score_pair(expert, project).score == 100.0


def _random_pair(rng: random.Random) -> tuple[ExpertData, ProjectData]:
    skills = sorted(SKILL_NAMES)
    expert = make_expert(
        capacity_left=rng.randint(0, 3),
        languages={
            code: rng.choice(["basic", "working", "fluent", "native"])
            for code in rng.sample(["es", "en", "fr"], rng.randint(1, 3))
        },
        skills=frozenset(rng.sample(skills, rng.randint(0, 4))),
        subfields=frozenset(rng.sample(["2.1", "2.2", "5.1"], rng.randint(0, 2))),
        origin_state=rng.choice([None, "16", "14"]),
        residence_state=rng.choice([None, "16", "14"]),
        willing_to_travel=rng.random() < 0.5,
        modality_preference=rng.choice(["remote", "on_site", "either"]),
        utc_offset_hours=rng.choice([None, -8.0, -6.0, 1.0, 9.0, 5.5]),
        hours_per_month=rng.randint(0, 60),
        states_of_interest=frozenset(rng.sample(["16", "14", "11"], rng.randint(0, 2))),
        sectors_of_interest=frozenset(rng.sample(["academic", "industry"], rng.randint(0, 2))),
        semantic=rng.random(),
    )
    project = make_project(
        required_skills=frozenset(rng.sample(skills, rng.randint(0, 3))),
        nice_skills=frozenset(rng.sample(skills, rng.randint(0, 2))),
        subfields=frozenset(rng.sample(["2.1", "2.2", "5.1"], rng.randint(0, 2))),
        languages=frozenset(rng.sample(["es", "en"], rng.randint(0, 2))),
        modality=rng.choice(["remote", "hybrid", "on_site"]),
        state=rng.choice([None, "16", "14"]),
        hours_per_month=rng.randint(0, 60),
        utc_offset_hours=rng.choice([None, -6.0, -5.0]),
    )
    return expert, project


@pytest.mark.parametrize("seed", range(5))
def test_score_stays_between_zero_and_one_hundred(seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(200):
        expert, project = _random_pair(rng)
        result = score_pair(expert, project)

        assert 0.0 <= result.score <= 100.0
        assert all(0.0 <= value <= 1.0 for value in result.components.values())
        assert result.eligible or result.score == 0.0
        assert len(result.reasons_es) == len(result.reasons_en)
        assert len(result.missing_es) == len(result.missing_en)


def test_same_pair_always_gives_the_same_result() -> None:
    expert = make_expert(skills=frozenset(["stats", "python", "dl"]))
    same_expert = replace(expert, skills=frozenset(["dl", "python", "stats"]))
    project = make_project(required_skills=frozenset({"python", "ml", "sql", "stats"}))

    assert score_pair(expert, project) == score_pair(same_expert, project)


_SCRIPT = """
import json
from dataclasses import asdict
from tests.matching.test_scoring import make_expert, make_project
from matching.scoring import score_pair
expert = make_expert(skills=frozenset({"stats", "python", "dl", "gis"}),
                     languages={"en": "native", "es": "working", "fr": "fluent"})
project = make_project(required_skills=frozenset({"python", "ml", "sql", "stats", "gis"}),
                       nice_skills=frozenset({"hydro", "dl"}),
                       languages=frozenset({"fr", "en", "es"}))
print(json.dumps(asdict(score_pair(expert, project))))
"""


def test_result_does_not_depend_on_the_process_hash_seed() -> None:
    # Set iteration order changes with PYTHONHASHSEED; stored reasons must not.
    outputs = [
        subprocess.run(
            [sys.executable, "-c", _SCRIPT],
            cwd=ROOT,
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("1", "2")
    ]

    assert outputs[0] == outputs[1]
    assert json.loads(outputs[0])["eligible"] is True


# --- Reasons --------------------------------------------------------------------------------


def test_reasons_explain_a_match_in_spanish_and_english() -> None:
    expert = make_expert(
        skills=frozenset({"python", "stats", "gis", "sql", "dl"}),
        subfields=frozenset({"2.2"}),
        origin_state="16",
        origin_state_name="Michoacán",
        languages={"es": "native", "en": "fluent"},
        semantic=0.8,
        hours_per_month=10,
        utc_offset_hours=1.0,
        sectors_of_interest=frozenset({"academic"}),
        modality_preference="remote",
    )
    project = make_project(
        required_skills=frozenset({"python", "stats", "gis", "sql", "hydro"}),
        nice_skills=frozenset({"ml"}),
        subfields=frozenset({"2.2"}),
        subfield_names={"2.2": ("Ciencias de la Tierra", "Earth sciences")},
        languages=frozenset({"es", "en"}),
    )

    result = score_pair(expert, project)

    assert result.reasons("es") == [
        "Su trayectoria se parece mucho a lo que pide el proyecto",
        "Tiene 4 de 5 habilidades requeridas: Estadística, Python, "
        "Sistemas de información geográfica, SQL",
        "Trabaja en el mismo campo: Ciencias de la Tierra",
        "Es de Michoacán, como el proyecto",
        "Habla español e inglés",
        "Le interesa el sector de la institución",
        "Prefiere colaborar a distancia",
        "Tiene habilidades afines a: Aprendizaje automático",
        "Ofrece co-dirección de tesis",
    ]
    assert result.reasons("en") == [
        "Their background closely matches what the project asks for",
        "Has 4 of 5 required skills: Geographic information systems, Python, SQL, Statistics",
        "Works in the same field: Earth sciences",
        "Is from Michoacán, like the project",
        "Speaks Spanish and English",
        "Is interested in the institution's sector",
        "Prefers to work remotely",
        "Has skills related to: Machine learning",
        "Offers thesis co-supervision",
    ]
    assert result.missing("es") == [
        "Su jornada coincide solo 2 horas con la del proyecto",
        "Ofrece 10 de las 20 horas al mes que pide el proyecto",
        "No indica experiencia en: Hidrología",
    ]
    assert result.missing("en") == [
        "Their working day overlaps the project's by only 2 hours",
        "Offers 10 of the 20 hours a month the project asks for",
        "Does not list experience in: Hydrology",
    ]


@pytest.mark.parametrize(
    ("expert_changes", "project_changes", "first_es", "first_en"),
    [
        pytest.param(
            {"semantic": 0.9, "skills": frozenset({"python"})},
            {"required_skills": frozenset({"python", "stats", "sql"})},
            "Su trayectoria se parece mucho a lo que pide el proyecto",
            "Their background closely matches what the project asks for",
            id="semantic-strongest",
        ),
        pytest.param(
            {"semantic": 0.4, "skills": frozenset({"python", "stats"})},
            {"required_skills": frozenset({"python", "stats"})},
            "Tiene 2 de 2 habilidades requeridas: Estadística, Python",
            "Has 2 of 2 required skills: Python, Statistics",
            id="skills-strongest",
        ),
        pytest.param(
            {"semantic": 0.0, "origin_state": "16", "hours_per_month": 10},
            {},
            "Es de Michoacán, como el proyecto",
            "Is from Michoacán, like the project",
            id="origin-strongest",
        ),
    ],
)
def test_strongest_reason_comes_first(
    expert_changes: dict, project_changes: dict, first_es: str, first_en: str
) -> None:
    result = score_pair(make_expert(**expert_changes), make_project(**project_changes))

    assert result.reasons_es[0] == first_es
    assert result.reasons_en[0] == first_en


@pytest.mark.parametrize(
    ("levels", "project_languages", "spoken_es", "spoken_en"),
    [
        pytest.param({"es": "native"}, {"es"}, "Habla español", "Speaks Spanish", id="one"),
        pytest.param(
            {"es": "native", "en": "working"},
            {"en", "es"},
            "Habla español e inglés",
            "Speaks Spanish and English",
            id="y-becomes-e-before-i",
        ),
        pytest.param(
            {"es": "native", "fr": "fluent", "en": "native"},
            {"fr", "en", "es"},
            "Habla español, inglés y francés",
            "Speaks Spanish, English and French",
            id="three",
        ),
        pytest.param(
            {"pt": "fluent", "de": "working"},
            {"de", "pt"},
            "Habla alemán y portugués",
            "Speaks German and Portuguese",
            id="others",
        ),
        pytest.param(
            {"es": "native", "qu": "native"},
            {"es", "qu"},
            "Habla español y qu",
            "Speaks Spanish and qu",
            id="unknown-code",
        ),
    ],
)
def test_languages_are_named_in_each_language(
    levels: dict, project_languages: set, spoken_es: str, spoken_en: str
) -> None:
    result = score_pair(
        make_expert(languages=levels), make_project(languages=frozenset(project_languages))
    )

    assert spoken_es in result.reasons_es
    assert spoken_en in result.reasons_en


@pytest.mark.parametrize(
    ("expert_changes", "project_changes", "reason_es", "reason_en"),
    [
        pytest.param(
            {"states_of_interest": frozenset({"16"})},
            {},
            "Le interesa colaborar con Michoacán",
            "Wants to collaborate with Michoacán",
            id="state-of-interest",
        ),
        pytest.param(
            {"skills": frozenset({"python"})},
            {"required_skills": frozenset({"python"})},
            "Tiene la habilidad requerida: Python",
            "Has the required skill: Python",
            id="single-required-skill",
        ),
        pytest.param(
            {"skills": frozenset({"sql"})},
            {"nice_skills": frozenset({"sql", "gis"})},
            "También tiene habilidades deseables: SQL",
            "Also has nice-to-have skills: SQL",
            id="nice-to-have",
        ),
        pytest.param(
            {"subfields": frozenset({"2.1"})},
            {"subfields": frozenset({"2.2"})},
            "Trabaja en un campo afín al del proyecto",
            "Works in a field close to the project's",
            id="neighbouring-field",
        ),
        pytest.param(
            {"subfields": frozenset({"2.2"})},
            {"subfields": frozenset({"2.2"})},
            "Trabaja en el mismo campo que el proyecto",
            "Works in the same field as the project",
            id="same-field-without-names",
        ),
        pytest.param(
            {"residence_state": "16"},
            {"modality": "on_site"},
            "Vive en Michoacán",
            "Lives in Michoacán",
            id="lives-there",
        ),
        pytest.param(
            {"willing_to_travel": True},
            {"modality": "hybrid"},
            "Puede viajar para la parte presencial",
            "Can travel for the on-site part",
            id="travels",
        ),
        pytest.param(
            {"utc_offset_hours": -6.0},
            {},
            "Está en la misma zona horaria que el proyecto",
            "Is in the same time zone as the project",
            id="same-zone",
        ),
        pytest.param(
            {"utc_offset_hours": -1.0},
            {},
            "Comparte 4 horas de jornada con el proyecto",
            "Shares 4 working hours with the project",
            id="partial-overlap",
        ),
        pytest.param(
            {"hours_per_month": 30},
            {},
            "Puede dedicar las 20 horas al mes que pide el proyecto",
            "Can give the 20 hours a month the project asks for",
            id="hours",
        ),
        pytest.param(
            {"semantic": 0.5},
            {},
            "Su trayectoria se relaciona con lo que pide el proyecto",
            "Their background relates to what the project asks for",
            id="related-background",
        ),
        pytest.param(
            {"collaboration_types": frozenset({"phd"})},
            {"collaboration_type": "phd", "collaboration_type_labels": ("PhD externo", "PhD")},
            "Ofrece PhD externo",
            "Offers PhD",
            id="label-acronym-kept",
        ),
    ],
)
def test_each_kind_of_reason_reads_naturally(
    expert_changes: dict, project_changes: dict, reason_es: str, reason_en: str
) -> None:
    result = score_pair(make_expert(**expert_changes), make_project(**project_changes))

    assert reason_es in result.reasons_es
    assert reason_en in result.reasons_en
    assert result.reasons_es.index(reason_es) == result.reasons_en.index(reason_en)


@pytest.mark.parametrize(
    ("expert_changes", "project_changes", "missing_es", "missing_en"),
    [
        pytest.param(
            {"skills": frozenset()},
            {"required_skills": frozenset({"python", "hydro"})},
            "No indica experiencia en: Hidrología, Python",
            "Does not list experience in: Hydrology, Python",
            id="skills",
        ),
        pytest.param(
            {},
            {"nice_skills": frozenset({"sql"})},
            "No indica las habilidades deseables: SQL",
            "Does not list the nice-to-have skills: SQL",
            id="nice-to-have",
        ),
        pytest.param(
            {"languages": {"es": "native"}},
            {"languages": frozenset({"es", "en"})},
            "No habla inglés",
            "Does not speak English",
            id="language",
        ),
        pytest.param(
            {"residence_state": "14"},
            {"modality": "hybrid"},
            "No vive en el estado ni indica que pueda viajar",
            "Neither lives in the state nor says they can travel",
            id="cannot-come",
        ),
        pytest.param(
            {"utc_offset_hours": 2.0},
            {},
            "Su jornada coincide solo 1 hora con la del proyecto",
            "Their working day overlaps the project's by only 1 hour",
            id="one-hour-overlap",
        ),
        pytest.param(
            {"utc_offset_hours": 5.0},
            {},
            "Su jornada no coincide con la del proyecto",
            "Their working day does not overlap the project's",
            id="no-overlap",
        ),
    ],
)
def test_what_is_missing_is_said_plainly(
    expert_changes: dict, project_changes: dict, missing_es: str, missing_en: str
) -> None:
    result = score_pair(make_expert(**expert_changes), make_project(**project_changes))

    assert missing_es in result.missing_es
    assert missing_en in result.missing_en


@pytest.mark.parametrize(
    ("lang", "spanish"),
    [("es", True), ("es-mx", True), ("en", False), ("en-GB", False), ("fr", True)],
)
def test_reasons_are_given_in_the_reader_language(lang: str, spanish: bool) -> None:
    result = score_pair(make_expert(hours_per_month=10), make_project())

    assert result.reasons(lang) == (result.reasons_es if spanish else result.reasons_en)
    assert result.missing(lang) == (result.missing_es if spanish else result.missing_en)
    assert result.reasons_es != result.reasons_en


def test_result_is_plain_data_ready_to_store() -> None:
    stored = json.loads(json.dumps(asdict(score_pair(make_expert(), make_project()))))

    assert stored["algorithm_version"] == ALGORITHM_VERSION
    assert stored["eligible"] is True
