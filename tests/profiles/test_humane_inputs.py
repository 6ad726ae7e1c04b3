"""Humane inputs on the edit forms (issue 12): searchable pickers that degrade to plain selects,
time zones by country, languages by name, skills found by synonym said out loud, proposals."""

import json
import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from profiles.models import AuditEntry, ExpertSkill, Skill, SkillProposal
from tests.factories.profiles import skill
from tests.profiles.test_expert_onboarding import STEP_3, management

pytestmark = pytest.mark.django_db

WHERE = reverse("profiles:edit", args=["donde-estas"])
KNOWLEDGE = reverse("profiles:edit", args=["que-sabes"])
PROPOSE = reverse("profiles:skill_propose")


def _knowledge(**overrides: object) -> dict[str, object]:
    return {**STEP_3, **overrides}


def _optgroup(html: str, label: str) -> str:
    match = re.search(rf'<optgroup label="{re.escape(label)}">(.*?)</optgroup>', html, re.S)
    assert match, f"no optgroup {label!r}"
    return match[1]


# --- Time zones --------------------------------------------------------------------------------


def test_time_zones_are_grouped_by_country_named_in_the_reader_language(client, expert_owner):
    client.force_login(expert_owner)

    html = client.get(WHERE).content.decode()
    with translation.override("en"):
        english = client.get(WHERE, headers={"accept-language": "en"}).content.decode()

    spain = _optgroup(html, "España")
    assert 'value="Europe/Madrid"' in spain
    assert 'value="Atlantic/Canary"' in spain
    assert 'value="America/Chicago" selected' in _optgroup(html, "Estados Unidos")
    assert 'data-browser-timezone="1"' in html  # the browser's zone fills an empty field
    assert "vendor/tom-select/tom-select.popular.min.js" in html
    assert 'value="Europe/Madrid"' in _optgroup(english, "Spain")


def test_a_zone_the_profile_already_has_outside_the_country_list_stays_chosen(
    client, expert, expert_owner
):
    expert.timezone = "US/Pacific"
    expert.save(update_fields=["timezone"])
    client.force_login(expert_owner)

    html = client.get(WHERE).content.decode()

    assert 'value="US/Pacific" selected' in _optgroup(html, "Otras zonas")


def test_the_time_zone_form_saves_a_zone_and_refuses_an_unknown_one_in_spanish(
    client, expert, expert_owner
):
    client.force_login(expert_owner)
    data = {"country": "ES", "city": "Madrid", "origin_tie": "born"}

    refused = client.post(WHERE, {**data, "timezone": "Marte/Base_Alfa"})
    saved = client.post(WHERE, {**data, "timezone": "Atlantic/Canary"})

    assert "Elige una opción válida" in refused.content.decode()
    assert saved.status_code == 302
    expert.refresh_from_db()
    assert expert.timezone == "Atlantic/Canary"


# --- Languages by name, formset errors in tú ----------------------------------------------------


def test_languages_are_picked_by_name_and_saved_by_code(client, expert, expert_owner):
    client.force_login(expert_owner)

    html = client.get(KNOWLEDGE).content.decode()
    response = client.post(KNOWLEDGE, _knowledge(**{"languages-1-code": "de"}))

    assert re.search(r'<option value="de"[^>]*>Alemán \(Deutsch\)</option>', html)
    assert response.status_code == 302
    assert sorted(expert.languages.values_list("code", flat=True)) == ["de", "es"]


def test_the_skill_finder_shows_only_with_javascript_and_is_never_posted(client, expert_owner):
    client.force_login(expert_owner)

    html = client.get(KNOWLEDGE).content.decode()

    finder = re.search(r'<div class="skill-finder" hidden>(.*?)</div>', html, re.S)[1]
    assert '<select name="" data-chooser="1"' in finder
    assert 'data-skill-finder="id_skills"' in finder
    assert re.search(r'data-search="[^"]*cold chain[^"]*">Tecnología postcosecha<', finder)


def test_too_many_language_rows_get_the_formset_error_in_the_tu_register(client, expert_owner):
    client.force_login(expert_owner)

    response = client.post(KNOWLEDGE, _knowledge(**management("languages", 16)))

    html = response.content.decode()
    assert "Envía como máximo 15 formularios." in html
    assert "envíe" not in html.lower()


# --- "We know this as X" and proposals ---------------------------------------------------------


def test_a_skill_typed_as_a_synonym_is_saved_as_the_known_skill_and_said_so(
    client, expert, expert_owner
):
    client.force_login(expert_owner)

    response = client.post(
        KNOWLEDGE, _knowledge(skills="Cadena de frío: 4\nLogística: 6"), follow=True
    )

    html = response.content.decode()
    assert "Guardamos «Cadena de frío» como «Tecnología postcosecha»: así la conocemos." in html
    assert "Guardamos «Logística»" not in html  # found by its own name: nothing to explain
    link = re.search(r'<a href="([^"]+)">Propónla como habilidad nueva</a>', html)[1]
    assert link.startswith(PROPOSE)
    assert "termino=Cadena+de+fr%C3%ADo" in link
    assert ExpertSkill.objects.get(profile=expert, skill=skill("postharvest-technology")).years == 4
    assert not Skill.objects.filter(name_es="Cadena de frío").exists()


def test_proposing_a_term_we_know_under_another_name_records_it_for_staff(client, expert_owner):
    client.force_login(expert_owner)
    url = f"{PROPOSE}?termino=Cadena de frío&next={KNOWLEDGE}"

    page = client.get(url).content.decode()
    response = client.post(
        url, {"term": "Cadena de frío", "note": "Logística refrigerada", "next": KNOWLEDGE}
    )
    again = client.post(url, {"term": "cadena de frío", "next": KNOWLEDGE})

    assert "Hoy guardamos «Cadena de frío» como «Tecnología postcosecha»" in page
    assert response.status_code == again.status_code == 302
    assert response["Location"] == KNOWLEDGE
    proposal = SkillProposal.objects.get()
    assert (proposal.term, proposal.known_as, proposal.note, proposal.proposed_by) == (
        "Cadena de frío",
        skill("postharvest-technology"),
        "Logística refrigerada",
        expert_owner,
    )
    assert proposal.status == SkillProposal.Status.OPEN


@pytest.mark.parametrize(
    ("term", "error"),
    [
        ("tecnologia POSTCOSECHA", "«Tecnología postcosecha» ya está en el vocabulario"),
        ("   ", "Escribe el nombre de la habilidad."),
        ("x" * 101, "Asegúrate de que este valor tenga como máximo 100 caracteres"),
    ],
)
def test_a_proposal_that_cannot_help_is_refused_with_the_reason(client, liaison, term, error):
    client.force_login(liaison)

    response = client.post(PROPOSE, {"term": term, "next": "https://evil.example/"})

    assert response.status_code == 200
    assert error in response.content.decode()
    assert "evil.example" not in response.content.decode()
    assert not SkillProposal.objects.exists()


def test_an_anonymous_visitor_is_asked_to_sign_in_before_proposing(anonymous):
    response = anonymous.post(PROPOSE, {"term": "Cadena de frío"})

    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]
    assert not SkillProposal.objects.exists()


def test_staff_review_proposals_in_the_admin(
    client, staff, expert_owner, django_assert_max_num_queries
):
    for n in range(8):
        SkillProposal.objects.create(
            term=f"Término {n}", known_as=skill("logistics"), proposed_by=expert_owner
        )
    client.force_login(staff)
    url = reverse("admin:profiles_skillproposal_changelist")

    with django_assert_max_num_queries(12):
        page = client.get(url)
    response = client.post(
        url,
        {
            "action": "mark_added",
            "_selected_action": list(SkillProposal.objects.values_list("pk", flat=True)[:3]),
        },
    )

    assert page.status_code == 200
    assert "Término 7" in page.content.decode()
    assert response.status_code == 302
    assert SkillProposal.objects.filter(status="added").count() == 3
    assert AuditEntry.objects.filter(action="skill_proposal.added").count() == 3


# --- The project form ---------------------------------------------------------------------------


def test_the_project_form_offers_searchable_skills_fields_and_languages(client, liaison):
    client.force_login(liaison)

    html = client.get(reverse("projects:create")).content.decode()

    postharvest = re.search(
        r'<option value="\d+" data-search="([^"]+)">Tecnología postcosecha<', html
    )
    assert "cold chain" in postharvest[1]
    assert "cadena de frío" in postharvest[1]
    assert html.index("— 2.9 ") < html.index("— 2.10 ") < html.index("— 2.11 ")
    assert re.search(r'<option value="de"[^>]*>Alemán \(Deutsch\)</option>', html)
    assert 'data-chooser="1"' in html
    assert "Mantén presionada" not in html
    assert reverse("profiles:skill_propose") in html


# --- The vendored widget ------------------------------------------------------------------------


def test_the_vendored_picker_is_found_by_collectstatic_with_its_licence_and_version(
    settings, tmp_path
):
    names = ["tom-select.popular.min.js", "tom-select.default.min.css", "LICENSE"]
    found = [finders.find(f"vendor/tom-select/{name}") for name in names]
    package = json.loads(Path(finders.find("vendor/tom-select/package.json")).read_text())
    vendored = (Path(settings.BASE_DIR) / "static" / "VENDORED.md").read_text()
    # Production's manifest storage rewrites the files' source-map references: a missing map
    # would make collectstatic fail at deploy time.
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
    }

    call_command("collectstatic", "--noinput", "-v0")

    assert all(found), found
    assert "Apache License" in Path(found[2]).read_text()
    assert f"| Tom Select | {package['version']} | Apache-2.0 |" in vendored
    manifest = json.loads((tmp_path / "staticfiles.json").read_text())["paths"]
    assert "vendor/tom-select/tom-select.popular.min.js" in manifest
    assert "js/choosers.js" in manifest
