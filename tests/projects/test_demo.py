"""Demo data: realistic projects with activity, idempotent, graceful with too little data."""

import io

import pytest

from projects.demo import PROJECTS, seed_projects
from projects.models import Engagement, Interest, Invitation, Outcome, Project
from tests.factories.profiles import (
    ExpertProfileFactory,
    InstitutionFactory,
    MembershipFactory,
    state,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def region(staff):
    """Three verified institutions and a pending one, each with a member, six experts and the
    platform staff who moderates the demo projects."""
    for slug, code in [
        ("universidad-michoacana", "16"),
        ("sicyt-jalisco", "14"),
        ("universidad-de-guanajuato", "11"),
    ]:
        MembershipFactory(institution=InstitutionFactory(slug=slug, state=state(code)))
    pending = InstitutionFactory(
        slug="cluster-autopartes-bajio", state=state("11"), verification_status="pending"
    )
    MembershipFactory(institution=pending)
    return [
        ExpertProfileFactory(skill_slugs=slugs, max_concurrent_engagements=3)
        for slugs in (
            ["supply-chain", "avocado-production"],
            ["fda-regulation", "medical-device-regulation"],
            ["genomics"],
            ["epidemiology", "data-science"],
            ["venture-capital"],
            ["mentoring", "stem-education"],
        )
    ]


def test_seed_creates_about_twenty_projects_with_activity_once(region):
    out = io.StringIO()

    created = seed_projects(stdout=out)

    assert len(created) == len(PROJECTS) == 20
    statuses = set(Project.objects.values_list("status", flat=True))
    assert {"draft", "submitted", "rejected", "published", "closed", "in_progress"} <= statuses
    assert len(set(Project.objects.values_list("collaboration_type", flat=True))) >= 7
    avocado = Project.objects.get(title__startswith="Co-director de tesis")
    assert avocado.institution.slug == "universidad-michoacana"
    assert avocado.engagements.filter(expert=region[0]).exists()
    devices = Project.objects.get(title__contains="COFEPRIS/FDA")
    assert devices.institution.slug == "sicyt-jalisco"
    assert Interest.objects.exists()
    assert Invitation.objects.exists()
    assert Engagement.objects.count() >= 3
    assert Outcome.objects.count() >= 3
    # An unverified institution's project stays a draft.
    assert set(
        Project.objects.filter(institution__slug="cluster-autopartes-bajio").values_list(
            "status", flat=True
        )
    ) == {"draft"}
    assert "Demo projects: 20 new" in out.getvalue()

    again = io.StringIO()
    assert seed_projects(stdout=again) == []
    assert Project.objects.count() == 20
    assert "0 new (20 already there)" in again.getvalue()


def test_seed_skips_gracefully_without_institutions():
    out = io.StringIO()

    assert seed_projects(stdout=out) == []
    assert "no institution has members" in out.getvalue()
    assert not Project.objects.exists()


def test_seed_without_experts_still_creates_projects(region):
    for expert in region:
        expert.delete()

    created = seed_projects()

    assert len(created) == 20
    assert not Engagement.objects.exists()
