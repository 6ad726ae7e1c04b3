"""Filter forms render a bounded number of <option>s; the long lists come from a cached JSON
endpoint per language and taxonomy version (issue 20, issue 12 item 4)."""

import re

import pytest
from django.urls import reverse

from profiles.forms.experts.knowledge import KnowledgeForm
from profiles.models import FieldOfScience, Skill
from profiles.selectors.options import natural_key

pytestmark = pytest.mark.django_db

# The small lists (states, collaboration types, sectors, modality) plus the blank and chosen
# ones of the long lists; the reference data alone holds more than 700 options.
OPTION_LIMIT = 70


def options_in(response) -> list[str]:
    assert response.status_code == 200
    return re.findall(r"<option\b[^>]*>", response.content.decode())


def test_the_directory_renders_a_bounded_number_of_options(client, expert_owner):
    client.force_login(expert_owner)

    options = options_in(client.get(reverse("profiles:directory")))

    assert Skill.objects.approved().count() > OPTION_LIMIT
    assert len(options) <= OPTION_LIMIT


def test_the_project_list_renders_a_bounded_number_of_options(anonymous):
    options = options_in(anonymous.get(reverse("projects:list")))

    assert len(options) <= OPTION_LIMIT


def test_a_chosen_filter_is_still_rendered_selected(client, expert_owner):
    client.force_login(expert_owner)
    params = {"skill": "python", "field": "1.2", "country": "CA", "language": "en"}

    options = options_in(client.get(reverse("profiles:directory"), params))

    selected = [o for o in options if "selected" in o]
    assert {re.search(r'value="([^"]*)"', o).group(1) for o in selected} >= set(params.values())
    assert len(options) <= OPTION_LIMIT


def test_the_skill_list_holds_every_approved_skill_in_the_reader_language(anonymous):
    response = anonymous.get(reverse("profiles:options", args=["habilidades"]), {"lang": "en"})

    assert response.status_code == 200
    pairs = dict(response.json())
    assert len(pairs) == Skill.objects.approved().count()
    assert pairs["python"] == Skill.objects.get(slug="python").name_en


def test_fields_sort_by_their_codes_as_numbers(anonymous):
    response = anonymous.get(reverse("profiles:options", args=["campos"]), {"lang": "es"})

    codes = [code for code, _label in response.json()]
    assert codes == sorted(FieldOfScience.objects.values_list("code", flat=True), key=natural_key)
    assert codes.index("2.10") > codes.index("2.9")


def test_languages_are_listed_by_name_in_the_reader_language(anonymous):
    url = reverse("profiles:options", args=["idiomas"])

    spanish = dict(anonymous.get(url, {"lang": "es"}).json())
    english = dict(anonymous.get(url, {"lang": "en"}).json())

    assert spanish["de"] == "Alemán (Deutsch)"
    assert english["de"] == "German (Deutsch)"
    assert english["en"] == "English"


def test_an_unchanged_list_is_not_sent_again(anonymous):
    url = reverse("profiles:options", args=["habilidades"])
    first = anonymous.get(url, {"lang": "es"})

    again = anonymous.get(url, {"lang": "es"}, HTTP_IF_NONE_MATCH=first["ETag"])

    assert again.status_code == 304
    assert "max-age" in first["Cache-Control"]


def test_a_renamed_skill_changes_the_list_version(anonymous):
    url = reverse("profiles:options", args=["habilidades"])
    first = anonymous.get(url, {"lang": "es"})
    Skill.objects.filter(slug="python").update(name_es="Pitón")

    again = anonymous.get(url, {"lang": "es"}, HTTP_IF_NONE_MATCH=first["ETag"])

    assert again.status_code == 200
    assert dict(again.json())["python"] == "Pitón"


def test_an_unknown_list_is_a_404(anonymous):
    assert anonymous.get(reverse("profiles:options", args=["nada"])).status_code == 404


def test_the_profile_form_lists_subfields_in_natural_order():
    form = KnowledgeForm()

    groups = form.fields["fields_of_science"].choices
    codes = [code for _major, options in groups for code, _label in options]
    assert codes.index("2.10") > codes.index("2.9") > codes.index("2.2")


def test_a_skill_renamed_in_the_admin_shows_in_the_filter_at_the_next_page(client, staff):
    client.force_login(staff)
    skill = Skill.objects.get(slug="python")
    url = reverse("profiles:options", args=["habilidades"])
    first = client.get(url, {"lang": "es"})
    form = {"name_es": "Python (lenguaje)", "name_en": skill.name_en, "slug": skill.slug}
    form |= {"synonyms": ",".join(skill.synonyms), "status": "approved"}

    saved = client.post(reverse("admin:profiles_skill_change", args=[skill.pk]), form)
    again = client.get(url, {"lang": "es"}, HTTP_IF_NONE_MATCH=first["ETag"])

    assert saved.status_code == 302
    # The browser keeps no copy it may reuse unasked: it revalidates, and gets the new list.
    assert "max-age=0" in first["Cache-Control"]
    assert "must-revalidate" in first["Cache-Control"]
    assert again.status_code == 200
    assert dict(again.json())["python"] == "Python (lenguaje)"
