"""A project's required and nice-to-have skills are listed by the name the reader sees, in the
page's language: an English page listed them in the order of their Spanish names."""

import re

import pytest
from django.urls import reverse

from tests.factories.profiles import skill
from tests.factories.projects import ProjectSkillFactory, PublishedProjectFactory

pytestmark = pytest.mark.django_db

# Spanish order: Aprendizaje automático, Ciencia de datos, Programación en Python / Bases de
# datos, Ciberseguridad. English order: Data science, Machine learning, Python programming /
# Cybersecurity, Databases.
REQUIRED = ["machine-learning", "data-science", "python"]
NICE = ["databases", "cybersecurity"]


@pytest.fixture
def project(institution, liaison):
    project = PublishedProjectFactory(institution=institution, created_by=liaison, skill_slugs=[])
    for slug in REQUIRED:
        ProjectSkillFactory(project=project, skill=skill(slug), required=True)
    for slug in NICE:
        ProjectSkillFactory(project=project, skill=skill(slug), required=False)
    return project


def listed(html: str, term: str) -> str:
    found = re.search(rf"<dt>{term}</dt><dd>([^<]*)</dd>", html)
    assert found is not None, term
    return found[1]


ENGLISH = {
    "Required skills": "Data science, Machine learning, Python programming",
    "Desirable skills": "Cybersecurity, Databases",
}
SPANISH = {
    "Habilidades indispensables": (
        "Aprendizaje automático, Ciencia de datos, Programación en Python"
    ),
    "Habilidades deseables": "Bases de datos, Ciberseguridad",
}


@pytest.mark.parametrize(("language", "expected"), [("en", ENGLISH), ("es", SPANISH)])
def test_project_page_lists_its_skills_by_their_name_in_the_page_language(
    client, project, language, expected
):
    url = reverse("projects:detail", args=[project.pk])

    html = client.get(url, HTTP_ACCEPT_LANGUAGE=language).content.decode()

    assert {term: listed(html, term) for term in expected} == expected


def test_project_cards_list_required_skills_by_their_name_in_the_page_language(client, project):
    html = client.get(reverse("projects:list"), HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert "Data science, Machine learning, Python programming" in html
