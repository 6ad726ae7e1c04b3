"""Hostile input to the profile pages is a form error or a 404, never a 500 (issue 18)."""

import pytest
from django.contrib import admin
from django.test import RequestFactory
from django.urls import reverse

from profiles.admin.institutions import MembershipInline
from profiles.models import ExpertProfile, Institution, Membership, MembershipInvitation
from profiles.services.institutions import membership_invite
from tests.factories.profiles import MembershipFactory, UserFactory
from tests.profiles.test_expert_onboarding import STEP_1, STEP_3, onboarding_url, step_2

pytestmark = pytest.mark.django_db

YEARS_ERROR = "«Python: {years}»: los años de experiencia deben ser un número entero entre 0 y 70."

# Each passes str.isdigit(); int() refuses the first three and silently reads the others.
NON_ASCII_DIGITS = ["²", "①", "١٢", "٣", "۳", "３", "९"]


def skills(profile: ExpertProfile) -> dict[str, int]:
    return dict(profile.skill_links.values_list("skill__slug", "years"))


@pytest.fixture
def newcomer(client):
    """Signed up a moment ago (no name yet, no profile), and signed in."""
    user = UserFactory(name="")
    client.force_login(user)
    return user


@pytest.mark.parametrize("years", [*NON_ASCII_DIGITS, "9" * 5000])
def test_onboarding_step_3_refuses_years_not_written_with_ascii_digits(client, newcomer, years):
    client.post(onboarding_url(1), STEP_1)
    client.post(onboarding_url(2), step_2())

    response = client.post(onboarding_url(3), {**STEP_3, "skills": f"Python: {years}"})

    assert response.status_code == 200
    assert response.context["form"].errors == {"skills": [YEARS_ERROR.format(years=years)]}
    profile = ExpertProfile.objects.get(user=newcomer)
    assert profile.onboarding_step == 3
    assert skills(profile) == {}


@pytest.mark.parametrize("years", ["²", "①", "٣"])
def test_the_profile_editor_refuses_years_not_written_with_ascii_digits(
    client, expert, expert_owner, years
):
    client.force_login(expert_owner)
    before = skills(expert)

    response = client.post(
        reverse("profiles:edit", args=["que-sabes"]),
        {**STEP_3, "skills": f"Machine learning: 4\nPython: {years}"},
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {"skills": [YEARS_ERROR.format(years=years)]}
    assert skills(expert) == before


def test_the_profile_editor_still_reads_ascii_years(client, expert, expert_owner):
    client.force_login(expert_owner)

    response = client.post(
        reverse("profiles:edit", args=["que-sabes"]), {**STEP_3, "skills": "Python: 07"}
    )

    assert response.status_code == 302
    assert skills(expert) == {"python": 7}


# --- NUL bytes in a URL -------------------------------------------------------------------------


@pytest.fixture
def invitation(institution, institution_admin) -> MembershipInvitation:
    return membership_invite(
        institution=institution, by=institution_admin, email="colega@example.org"
    )


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("where", ["middle", "end", "alone"])
def test_a_nul_byte_in_an_invitation_token_is_a_404(client, invitation, institution, method, where):
    token = {
        "middle": invitation.token[:5] + "%00" + invitation.token[5:],
        "end": invitation.token + "%00",
        "alone": "%00",
    }[where]
    invitee = UserFactory(email="colega@example.org")
    client.force_login(invitee)

    response = getattr(client, method)(f"/instituciones/unirse/{token}/")

    assert response.status_code == 404
    assert not Membership.objects.filter(user=invitee, institution=institution).exists()
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


# --- Bounded formsets ---------------------------------------------------------------------------

FORMSET_LIMITS = {"languages": 15, "education": 20, "portfolio": 30}


def forms_built(response) -> dict[str, int]:
    return {key: len(formset.forms) for key, formset in response.context["formsets"].items()}


@pytest.mark.parametrize("total", [str(10**20), "3000", "31"])
def test_the_knowledge_editor_builds_no_more_rows_than_it_allows(
    client, expert, expert_owner, total
):
    client.force_login(expert_owner)
    before = skills(expert), list(expert.languages.values_list("code", "level"))
    data = {**STEP_3, "skills": "Python: 3"}
    for prefix in FORMSET_LIMITS:
        data[f"{prefix}-TOTAL_FORMS"] = total

    response = client.post(reverse("profiles:edit", args=["que-sabes"]), data)

    assert response.status_code == 200
    assert forms_built(response) == FORMSET_LIMITS
    for key, limit in FORMSET_LIMITS.items():
        errors = response.context["formsets"][key].non_form_errors()
        assert errors == [f"Envía como máximo {limit} formularios."]
    html = response.content.decode()
    assert "Envía como máximo 15 formularios." in html
    assert html.count('data-testid="portfolio-row"') == 30
    assert (skills(expert), list(expert.languages.values_list("code", "level"))) == before


def test_onboarding_step_3_builds_no_more_rows_than_it_allows(client, newcomer):
    client.post(onboarding_url(1), STEP_1)
    client.post(onboarding_url(2), step_2())

    response = client.post(onboarding_url(3), {**STEP_3, "languages-TOTAL_FORMS": str(10**20)})

    assert response.status_code == 200
    assert forms_built(response) == {"languages": 15, "education": 1, "portfolio": 1}
    assert response.context["formsets"]["languages"].non_form_errors() == [
        "Envía como máximo 15 formularios."
    ]
    assert ExpertProfile.objects.get(user=newcomer).onboarding_step == 3


def test_a_full_formset_still_saves(client, expert, expert_owner):
    client.force_login(expert_owner)
    codes = [
        "es",
        "en",
        "fr",
        "de",
        "it",
        "pt",
        "ca",
        "eu",
        "gl",
        "nl",
        "ru",
        "sv",
        "ja",
        "ar",
        "hi",
    ]
    data = {**STEP_3, "languages-TOTAL_FORMS": "15"}
    for index, code in enumerate(codes):
        data[f"languages-{index}-code"] = code
        data[f"languages-{index}-level"] = "basic"

    response = client.post(reverse("profiles:edit", args=["que-sabes"]), data)

    assert response.status_code == 302
    assert sorted(expert.languages.values_list("code", flat=True)) == sorted(codes)


ADMIN_INLINE_LIMITS = {"skill_links": 30, "languages": 15, "education": 20, "portfolio": 30}


@pytest.mark.parametrize("total", [str(10**20), "3000"])
def test_the_admin_expert_page_builds_no_more_inline_rows_than_it_allows(
    client, staff, expert, total
):
    client.force_login(staff)
    data = {}
    for prefix in ADMIN_INLINE_LIMITS:
        data.update({f"{prefix}-TOTAL_FORMS": total, f"{prefix}-INITIAL_FORMS": "0"})

    response = client.post(reverse("admin:profiles_expertprofile_change", args=[expert.pk]), data)

    assert response.status_code == 200
    built = {
        inline.formset.prefix: len(inline.formset.forms)
        for inline in response.context["inline_admin_formsets"]
    }
    assert built == ADMIN_INLINE_LIMITS
    for inline in response.context["inline_admin_formsets"]:
        limit = ADMIN_INLINE_LIMITS[inline.formset.prefix]
        assert inline.formset.non_form_errors() == [f"Envía como máximo {limit} formularios."]


def test_an_admin_inline_keeps_every_existing_row_editable(staff, institution):
    for _ in range(3):
        MembershipFactory(institution=institution)
    rows = Membership.objects.filter(institution=institution).count()
    request = RequestFactory().get("/")
    request.user = staff
    inline = MembershipInline(Institution, admin.site)

    formset = inline.get_formset(request, institution, max_num=2)(instance=institution)

    assert rows >= 3
    assert len(formset.forms) == formset.max_num == formset.absolute_max == rows
