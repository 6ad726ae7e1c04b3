"""Hostile input to the profile pages is a form error or a 404, never a 500 (issue 18)."""

import pytest
from django.urls import reverse

from profiles.models import ExpertProfile, Membership, MembershipInvitation
from profiles.services.institutions import membership_invite
from tests.factories.profiles import UserFactory
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
