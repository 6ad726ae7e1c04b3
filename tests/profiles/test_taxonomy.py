"""The skill vocabulary: normalising typed terms, pending skills, approving and merging."""

import pytest
from django.core.exceptions import ValidationError

from profiles import events
from profiles.models import AuditEntry, ExpertSkill, Skill
from profiles.services.taxonomy import skill_approve, skill_merge, skill_resolve, skill_save
from projects.models import ProjectSkill
from tests.factories.profiles import ExpertProfileFactory
from tests.factories.projects import ProjectFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "typed",
    [
        "Ingeniería de software",
        "INGENIERIA DE SOFTWARE",
        "  ingeniería   de software ",
        "Software engineering",
        "software development",
        "Programacion",
    ],
)
def test_typed_terms_resolve_to_the_curated_skill_ignoring_case_accents_and_language(typed):
    skill = skill_resolve(term=typed)

    assert skill.slug == "software-engineering"
    assert skill.status == "approved"


def test_an_english_synonym_of_a_spanish_skill_resolves_to_it():
    skill = Skill.objects.get(slug="backend-development")

    assert skill_resolve(term="server-side development") == skill
    assert skill_resolve(term="Desarrollo del lado del servidor") == skill


def test_an_unknown_term_becomes_one_pending_skill():
    before = Skill.objects.count()

    first = skill_resolve(term="Fermentación de mezcal")
    again = skill_resolve(term="fermentacion  de MEZCAL")

    assert first == again
    assert Skill.objects.count() == before + 1
    assert first.status == "pending"
    assert (first.name_es, first.name_en, first.slug) == (
        "Fermentación de mezcal",
        "Fermentación de mezcal",
        "fermentacion-de-mezcal",
    )
    assert "fermentacion de mezcal" in first.search_keys


@pytest.mark.parametrize("typed", ["", "   ", "x" * 101])
def test_empty_or_overlong_terms_are_refused(typed):
    with pytest.raises(ValidationError):
        skill_resolve(term=typed)


def test_approving_a_pending_skill_is_audited(staff):
    skill = skill_resolve(term="Destilación de sotol")

    skill_approve(skill=skill, by=staff)
    skill_approve(skill=skill, by=staff)

    skill.refresh_from_db()
    assert skill.status == "approved"
    entries = AuditEntry.objects.filter(action="skill.approve")
    assert [(e.actor, e.object_id) for e in entries] == [(staff, str(skill.pk))]


def test_saving_a_skill_recomputes_its_search_keys():
    skill = skill_resolve(term="Destilación de sotol")
    skill.name_en = "Sotol distilling"
    skill.synonyms = ["Sotolería", "sotoleria"]

    skill_save(skill=skill)

    skill.refresh_from_db()
    assert skill.synonyms == ["Sotolería"]
    assert skill.search_keys == ["destilacion de sotol", "sotol distilling", "sotoleria"]
    assert skill_resolve(term="SOTOL DISTILLING") == skill


def test_a_skill_cannot_take_a_term_another_skill_answers_to():
    skill = skill_resolve(term="Destilación de sotol")
    skill.synonyms = ["Programación"]

    with pytest.raises(ValidationError) as error:
        skill_save(skill=skill)

    assert "Ingeniería de software" in str(error.value)


def test_merge_moves_expert_links_keeping_the_larger_years_and_adds_synonyms(staff):
    target = Skill.objects.get(slug="software-engineering")
    source = skill_resolve(term="Desarrollo de apps a la medida")
    source_pk, source_slug = source.pk, source.slug
    child = skill_resolve(term="Apps a la medida para PyMEs")
    child.parent = source
    child.save()
    both = ExpertProfileFactory()
    ExpertSkill.objects.create(profile=both, skill=source, years=9)
    ExpertSkill.objects.create(profile=both, skill=target, years=4)
    only_source = ExpertProfileFactory()
    ExpertSkill.objects.create(profile=only_source, skill=source, years=2)
    changed = []

    def receiver(sender, **kwargs):
        changed.append(kwargs["profile_id"])

    events.profile_changed.connect(receiver)
    try:
        skill_merge(source=source, target=target, by=staff)
    finally:
        events.profile_changed.disconnect(receiver)

    target.refresh_from_db()
    child.refresh_from_db()
    assert not Skill.objects.filter(pk=source_pk).exists()
    assert list(ExpertSkill.objects.filter(profile=both).values_list("skill__slug", "years")) == [
        ("software-engineering", 9)
    ]
    assert list(
        ExpertSkill.objects.filter(profile=only_source).values_list("skill__slug", "years")
    ) == [("software-engineering", 2)]
    assert "Desarrollo de apps a la medida" in target.synonyms
    assert skill_resolve(term="desarrollo de apps a la medida") == target
    assert child.parent == target
    assert sorted(changed) == sorted([both.pk, only_source.pk])
    entry = AuditEntry.objects.get(action="skill.merge")
    assert entry.actor == staff
    assert entry.note == f"{source_slug} → software-engineering"


def test_merging_a_parent_into_its_child_does_not_make_the_child_its_own_parent(staff):
    parent = Skill.objects.get(slug="software-engineering")
    child = Skill.objects.get(slug="backend-development")
    assert child.parent == parent

    skill_merge(source=parent, target=child, by=staff)

    child.refresh_from_db()
    assert child.parent is None
    assert Skill.objects.filter(slug="frontend-development", parent=child).exists()
    assert skill_resolve(term="Software engineering") == child


def test_a_skill_cannot_be_merged_into_itself(staff):
    skill = Skill.objects.get(slug="software-engineering")

    with pytest.raises(ValidationError):
        skill_merge(source=skill, target=skill, by=staff)

    assert Skill.objects.filter(pk=skill.pk).exists()


def test_merge_moves_project_skill_links_keeping_required_when_either_was(staff):
    target = Skill.objects.get(slug="software-engineering")
    source = skill_resolve(term="Hacer apps")
    both = ProjectFactory(skill_slugs=[])
    ProjectSkill.objects.create(project=both, skill=source, required=True)
    ProjectSkill.objects.create(project=both, skill=target, required=False)
    only_source = ProjectFactory(skill_slugs=[])
    ProjectSkill.objects.create(project=only_source, skill=source, required=False)

    skill_merge(source=source, target=target, by=staff)

    assert list(both.skill_links.values_list("skill__slug", "required")) == [
        ("software-engineering", True)
    ]
    assert list(only_source.skill_links.values_list("skill__slug", "required")) == [
        ("software-engineering", False)
    ]
