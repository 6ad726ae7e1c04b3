"""Ranking you can trust: the page says what orders the list besides the score, each card
breaks its score down on demand, and the expert reads the reasons addressed to them."""

import pytest
from django.urls import reverse

from matching.scoring.wording import second_person
from tests.factories.matching import MatchFactory
from tests.factories.projects import PublishedProjectFactory

pytestmark = pytest.mark.django_db


def test_reasons_read_in_the_second_person_for_the_expert():
    assert second_person("Tiene 2 de 3 habilidades requeridas: X", 0) == (
        "Tienes 2 de 3 habilidades requeridas: X"
    )
    assert second_person("Es de Michoacán, como el proyecto", 0) == (
        "Eres de Michoacán, como el proyecto"
    )
    assert second_person("Speaks Spanish and English", 1) == "You speak Spanish and English"
    assert second_person("Ofrece mentoría", 0) == "Ofreces mentoría"


def test_the_experts_page_speaks_to_the_expert_and_explains_the_order(client, expert):
    project = PublishedProjectFactory(title="Riego")
    MatchFactory(
        project=project,
        expert=expert,
        score=39,
        rank_score=31,
        reasons_es=["Tiene la habilidad requerida: Logística", "Habla español"],
        components={"skills": 0.8, "fields": 1.0, "semantic": 0.42},
    )
    client.force_login(expert.user)

    page = client.get(reverse("matching:my_suggestions")).content.decode()

    assert "Tienes la habilidad requerida: Logística" in page
    assert "Hablas español" in page
    assert "Tiene la habilidad requerida" not in page
    assert 'data-testid="order-note"' in page
    assert "<summary>Cómo se calcula esta afinidad</summary>" in page
    assert "<dt>Habilidades</dt><dd>80 %</dd>" in page
    assert "aparece 8 puntos más abajo" in page


def test_the_institution_reads_the_reasons_about_the_candidate(client, liaison, institution):
    project = PublishedProjectFactory(institution=institution)
    MatchFactory(project=project, reasons_es=["Tiene la habilidad requerida: Logística"])
    client.force_login(liaison)

    page = client.get(reverse("matching:project_suggestions", args=[project.pk])).content.decode()

    assert "Tiene la habilidad requerida: Logística" in page
    assert 'data-testid="order-note"' in page
    assert 'data-testid="spread-note"' not in page
