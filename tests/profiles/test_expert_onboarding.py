"""Expert onboarding in four steps, through Django's test client."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from profiles.events import profile_changed
from profiles.models import ExpertProfile, Skill, State
from profiles.selectors.experts import profile_list_directory
from profiles.services.experts import profile_update, profiles_reindex
from profiles.services.taxonomy import skill_save
from tests.factories.profiles import ExpertProfileFactory, UserFactory

pytestmark = pytest.mark.django_db


def management(prefix: str, total: int, initial: int = 0) -> dict[str, str]:
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


STEP_1 = {
    "name": "Rosa Investigadora",
    "headline": "Hidróloga en Madrid",
    "bio": "Estudio acuíferos y riego tecnificado.",
    "current_position": "Investigadora titular",
    "employer": "CSIC",
    "sector": "academia",
    "privacy_consent": "on",
}


def step_2() -> dict[str, str]:
    return {
        "country": "ES",
        "city": "Madrid",
        "timezone": "Europe/Madrid",
        "origin_state": str(State.objects.get(code="16").pk),
        "origin_municipality": "Uruapan",
        "origin_tie": "born",
    }


STEP_3 = {
    "fields_of_science": ["2.7", "1.5"],
    "skills": "Machine learning: 5\nRiego por goteo: 3, Hidrogeología kárstica andina: 2",
    **management("languages", 2),
    "languages-0-code": "es",
    "languages-0-level": "native",
    "languages-1-code": "EN",
    "languages-1-level": "fluent",
    **management("education", 1),
    "education-0-degree": "doctorate",
    "education-0-field": "Hidrología",
    "education-0-institution": "Universidad Complutense de Madrid",
    "education-0-year": "2014",
    **management("portfolio", 1),
    "portfolio-0-kind": "publication",
    "portfolio-0-title": "Recarga de acuíferos en la meseta purépecha",
    "portfolio-0-summary": "",
    "portfolio-0-year": "2021",
    "portfolio-0-url": "https://doi.org/10.1000/182",
}


def step_4(**overrides: object) -> dict[str, object]:
    data = {
        "collaboration_types": ["mentoring", "joint_research"],
        "hours_per_month": "12",
        "max_concurrent_engagements": "2",
        "modality_preference": "remote",
        "willing_to_travel": "on",
        "states_of_interest": [str(State.objects.get(code="16").pk)],
        "sectors_of_interest": ["academia", "public"],
        "orcid": "https://orcid.org/0000-0002-1825-0097",
        "linkedin_url": "https://www.linkedin.com/in/rosa-investigadora",
        "website_url": "https://rosa.example.org",
        "visibility": "members",
        "motivations": ["give_back"],
        "return_intention": "maybe",
    }
    data.update(overrides)
    return data


def onboarding_url(step: int) -> str:
    return reverse("profiles:onboarding", args=[step])


@pytest.fixture
def newcomer(client):
    """Signed up a moment ago (no name yet, no profile), and signed in."""
    user = UserFactory(name="")
    client.force_login(user)
    return user


def test_my_profile_sends_a_new_user_to_the_first_onboarding_step(client, newcomer):
    response = client.get(reverse("profiles:me"))

    assert response.status_code == 302
    assert response["Location"] == onboarding_url(1)
    assert not ExpertProfile.objects.filter(user=newcomer).exists()


def test_anonymous_visitor_is_asked_to_log_in_before_onboarding(anonymous):
    response = anonymous.get(onboarding_url(1))

    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_the_four_steps_save_everything_and_finish_onboarding(client, newcomer):
    response = client.get(onboarding_url(1))
    assert response.status_code == 200
    assert "Paso 1 de 4" in response.content.decode()

    assert client.post(onboarding_url(1), STEP_1)["Location"] == onboarding_url(2)
    assert client.post(onboarding_url(2), step_2())["Location"] == onboarding_url(3)
    response = client.post(onboarding_url(3), STEP_3, follow=True)
    assert response.redirect_chain[-1][0] == onboarding_url(4)
    html = response.content.decode()
    assert "pendientes de revisión" in html
    assert "Hidrogeología kárstica andina" in html
    response = client.post(onboarding_url(4), step_4())
    assert response["Location"] == reverse("profiles:me")

    profile = ExpertProfile.objects.get(user=newcomer)
    newcomer.refresh_from_db()
    assert newcomer.name == "Rosa Investigadora"
    assert profile.privacy_consent_at is not None
    assert profile.onboarded_at is not None
    assert profile.changed_at is not None
    assert (profile.headline, profile.employer, profile.sector) == (
        "Hidróloga en Madrid",
        "CSIC",
        "academia",
    )
    assert (str(profile.country), profile.city, profile.timezone) == (
        "ES",
        "Madrid",
        "Europe/Madrid",
    )
    assert profile.origin_state.code == "16"
    assert sorted(profile.fields.values_list("code", flat=True)) == ["1.5", "2.7"]
    skills = dict(profile.skill_links.values_list("skill__slug", "years"))
    assert skills["machine-learning"] == 5
    assert skills["irrigation"] == 3  # "Riego por goteo" is a synonym
    pending = Skill.objects.get(name_es="Hidrogeología kárstica andina")
    assert pending.status == Skill.Status.PENDING
    assert skills[pending.slug] == 2
    assert dict(profile.languages.values_list("code", "level")) == {"es": "native", "en": "fluent"}
    assert profile.education.get().institution == "Universidad Complutense de Madrid"
    assert profile.portfolio.get().url == "https://doi.org/10.1000/182"
    assert profile.collaboration_types == ["mentoring", "joint_research"]
    assert profile.hours_per_month == 12
    assert profile.orcid == "0000-0002-1825-0097"
    assert profile.states_of_interest.get().code == "16"
    assert profile.motivations == ["give_back"]

    overview = client.get(reverse("profiles:me"))
    assert overview.status_code == 200
    assert "Rosa Investigadora" in overview.content.decode()


def test_privacy_consent_is_required_and_nothing_is_saved_without_it(client, newcomer):
    data = {**STEP_1}
    del data["privacy_consent"]

    response = client.post(onboarding_url(1), data)

    assert response.status_code == 200
    assert "Para continuar debes aceptar el aviso de privacidad." in response.content.decode()
    profile = ExpertProfile.objects.get(user=newcomer)
    assert profile.headline == ""
    assert profile.privacy_consent_at is None
    assert profile.onboarding_step == 1


def test_steps_cannot_be_skipped(client, newcomer):
    response = client.get(onboarding_url(3))

    assert response.status_code == 302
    assert response["Location"] == onboarding_url(1)


def onboarded_to_step_4(client) -> None:
    client.post(onboarding_url(1), STEP_1)
    client.post(onboarding_url(2), step_2())
    client.post(onboarding_url(3), STEP_3)


def test_bad_orcid_checksum_gets_a_spanish_error_and_keeps_saved_data(client, newcomer):
    onboarded_to_step_4(client)
    client.post(onboarding_url(4), step_4(hours_per_month="5"))

    response = client.post(onboarding_url(4), step_4(orcid="0000-0002-1825-0098"))

    assert response.status_code == 200
    assert "Este ORCID iD no es válido: su dígito verificador no coincide." in (
        response.content.decode()
    )
    profile = ExpertProfile.objects.get(user=newcomer)
    assert profile.orcid == "0000-0002-1825-0097"
    assert profile.hours_per_month == 5
    assert profile.headline == "Hidróloga en Madrid"


def test_negative_hours_get_a_spanish_error_and_nothing_is_lost(client, newcomer):
    onboarded_to_step_4(client)

    response = client.post(onboarding_url(4), step_4(hours_per_month="-3"))

    assert response.status_code == 200
    assert "Las horas al mes no pueden ser negativas." in response.content.decode()
    profile = ExpertProfile.objects.get(user=newcomer)
    assert profile.hours_per_month == 0
    assert profile.onboarded_at is None
    assert profile.skill_links.count() == 3


def test_unknown_language_code_gets_a_spanish_error_and_keeps_saved_languages(client, newcomer):
    onboarded_to_step_4(client)
    data = {
        **STEP_3,
        **management("languages", 2, initial=2),
        "languages-1-code": "xx",
        "skills": "Python: 9",
    }

    response = client.post(onboarding_url(3), data)

    assert response.status_code == 200
    assert "Código de idioma desconocido: xx" in response.content.decode()
    profile = ExpertProfile.objects.get(user=newcomer)
    assert dict(profile.languages.values_list("code", "level")) == {"es": "native", "en": "fluent"}
    assert not profile.skill_links.filter(skill__slug="python").exists()
    assert profile.skill_links.count() == 3


def test_skill_years_that_are_not_a_number_get_a_spanish_error(client, newcomer):
    onboarded_to_step_4(client)

    response = client.post(onboarding_url(3), {**STEP_3, "skills": "Python: muchos"})

    assert response.status_code == 200
    assert "los años de experiencia deben ser un número entero" in response.content.decode()


def test_completeness_meter_lists_what_is_missing_on_every_step(client, newcomer):
    response = client.get(onboarding_url(1))
    html = response.content.decode()
    assert "Tu perfil está completo al 0" in html
    assert "Al menos tres habilidades" in html
    assert "Aceptar el aviso de privacidad" in html

    client.post(onboarding_url(1), STEP_1)
    html = client.get(onboarding_url(2)).content.decode()

    assert "Aceptar el aviso de privacidad" not in html
    assert "Un titular de una línea" not in html
    assert "Tu ciudad" in html
    assert "Tu perfil está completo al 0" not in html


def test_completed_profile_shows_full_meter_on_my_profile(client, newcomer):
    onboarded_to_step_4(client)
    client.post(onboarding_url(4), step_4())

    html = client.get(reverse("profiles:me")).content.decode()

    assert "Tu perfil está completo al 100" in html
    assert "No te falta nada" in html


def test_an_extra_blank_row_is_ignored(client, newcomer):
    onboarded_to_step_4(client)
    data = {
        **STEP_3,
        **management("languages", 3, initial=2),
        "languages-2-code": "",
        "languages-2-level": "",
    }

    response = client.post(onboarding_url(3), data)

    assert response.status_code == 302
    profile = ExpertProfile.objects.get(user=newcomer)
    assert profile.languages.count() == 2


def test_saving_a_step_announces_the_profile_change(expert):
    profile = expert
    received = []

    def receiver(sender, profile_id, **kwargs):
        received.append(profile_id)

    profile_changed.connect(receiver)
    try:
        profile_update(profile=profile, data={"hours_per_month": 30}, by=profile.user)
        profile_update(profile=profile, data={"orcid": "0000-0002-1825-0097"}, by=profile.user)
    finally:
        profile_changed.disconnect(receiver)

    # The ORCID is not matching-relevant: only the first write announces a change.
    assert received == [profile.pk]
    profile.refresh_from_db()
    assert profile.changed_at is not None


def test_only_the_owner_may_update_a_profile(expert, stranger):
    headline = expert.headline

    with pytest.raises(PermissionDenied):
        profile_update(profile=expert, data={"headline": "Hackeado"}, by=stranger)

    expert.refresh_from_db()
    assert expert.headline == headline


def test_edit_pages_reuse_the_step_forms_and_return_to_my_profile(client, expert):
    profile = expert
    profile.headline = "Antes"
    profile.save(update_fields=["headline"])
    client.force_login(profile.user)
    url = reverse("profiles:edit", args=["quien-eres"])

    page = client.get(url)
    assert page.status_code == 200
    assert 'value="Antes"' in page.content.decode()

    response = client.post(url, {**STEP_1, "headline": "Después"})

    assert response.status_code == 302
    assert response["Location"] == reverse("profiles:me")
    profile.refresh_from_db()
    assert profile.headline == "Después"


def test_unknown_edit_section_is_not_found(client, expert_owner):
    client.force_login(expert_owner)

    assert client.get(reverse("profiles:edit", args=["contrasena"])).status_code == 404


def test_profiles_reindex_picks_up_new_synonyms_of_a_skill(expert_owner):
    profile = ExpertProfileFactory(skill_slugs=["irrigation"], bio="", headline="")
    viewer = expert_owner
    skill = Skill.objects.get(slug="irrigation")
    skill.synonyms.append("microaspersión")
    skill_save(skill=skill)
    assert list(profile_list_directory(user=viewer, text="microaspersion")) == []

    assert profiles_reindex(profiles=ExpertProfile.objects.filter(skills=skill)) == 1

    assert list(profile_list_directory(user=viewer, text="microaspersion")) == [profile]
