"""The shortlist's reasons talk about the enquiry, not a project, and never of the hours a
month it does not ask for; the scores stay those of matching."""

from dataclasses import replace

import pytest

from enquiries.services import shortlist
from matching.documents import SkillGraph
from matching.scoring import ExpertData, score_pair
from tests.factories.enquiries import EnquiryFactory

pytestmark = pytest.mark.django_db


def _expert(collaboration_type: str) -> ExpertData:
    return ExpertData(
        id=1,
        is_active=True,
        is_visible=True,
        is_paused=False,
        capacity_left=2,
        languages={"es": "native", "en": "fluent"},
        collaboration_types=frozenset({collaboration_type}),
        skills=frozenset(),
        skill_ancestors={},
        subfields=frozenset(),
        origin_state=None,
        origin_state_name=None,
        residence_state=None,
        willing_to_travel=False,
        modality_preference="either",
        utc_offset_hours=-6.0,
        hours_per_month=20,
        states_of_interest=frozenset(),
        sectors_of_interest=frozenset(),
        semantic=0.8,
    )


def test_an_enquirys_reasons_speak_of_the_enquiry_and_ask_no_hours(broker):
    enquiry = EnquiryFactory(broker=broker, language="es")
    need = shortlist.enquiry_need(enquiry, graph=SkillGraph.load())
    expert = _expert(need.collaboration_type)

    result = score_pair(expert, need)

    reasons = result.reasons_es + result.missing_es + result.reasons_en + result.missing_en
    assert "Su trayectoria se parece mucho a lo que pide la consulta" in result.reasons_es
    assert "Is in the same time zone as the enquiry" in result.reasons_en
    assert not [r for r in reasons if "hora" in r.lower() and "mes" in r.lower()]
    assert not [r for r in reasons if "proyecto" in r or "project" in r]
    assert result.score == score_pair(expert, replace(need, kind="project")).score
