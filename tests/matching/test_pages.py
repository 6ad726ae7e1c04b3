"""Suggestion pages: who may see them, what they show, how many queries they cost."""

import pytest
from django.urls import reverse

from matching import services
from matching.models import Match, MatchRun
from tests.factories.profiles import ExpertProfileFactory, MembershipFactory, UserFactory
from tests.factories.projects import PublishedProjectFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("hashing_embedder")]


def _matched(n_experts: int = 3):
    project = PublishedProjectFactory(title="Cadena de suministro de aguacate")
    experts = [
        ExpertProfileFactory(
            bio=f"Logística de aguacate {i}",
            collaboration_types=["consulting"],
            skill_slugs=["supply-chain"],
            linkedin_url="https://linkedin.example/in/secreto",
        )
        for i in range(n_experts)
    ]
    for expert in experts:
        services.expert_index_refresh(profile_id=expert.pk)
    services.project_matches_recompute(project_id=project.pk)
    return project, experts


def test_liaison_sees_ranked_suggestions_with_reasons_and_invite_buttons(client):
    project, experts = _matched()
    liaison = MembershipFactory(institution=project.institution).user
    client.force_login(liaison)

    response = client.get(reverse("matching:project_suggestions", args=[project.pk]))

    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('data-testid="suggestion"') == 3
    assert "Tiene la habilidad requerida: Cadena de suministro" in html
    assert f"{reverse('projects:invite', args=[project.pk])}?expert={experts[0].pk}" in html
    # Contact data is not revealed by a suggestion.
    assert experts[0].user.email not in html
    assert "linkedin.example" not in html


def test_suggestions_show_reasons_in_english_for_english_readers(client):
    project, _ = _matched(1)
    client.force_login(MembershipFactory(institution=project.institution).user)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})

    html = client.get(reverse("matching:project_suggestions", args=[project.pk])).content.decode()

    assert "Has the required skill: Supply chain" in html


def test_stranger_cannot_see_another_institutions_suggestions(client):
    project, _ = _matched(1)
    client.force_login(MembershipFactory().user)

    response = client.get(reverse("matching:project_suggestions", args=[project.pk]))

    assert response.status_code == 404


def test_anonymous_visitors_are_sent_to_log_in(client):
    project, _ = _matched(1)

    response = client.get(reverse("matching:project_suggestions", args=[project.pk]))

    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_a_running_computation_shows_live_progress(client):
    project, _ = _matched(1)
    run = MatchRun.objects.create(
        scope="project", object_id=project.pk, status="running", progress=1, total=3
    )
    client.force_login(MembershipFactory(institution=project.institution).user)

    html = client.get(reverse("matching:project_suggestions", args=[project.pk])).content.decode()

    assert "Calculando sugerencias…" in html
    assert reverse("matching:run_status", args=[run.pk]) in html
    run.status = "done"
    run.save()
    status = client.get(reverse("matching:run_status", args=[run.pk]), HTTP_HX_REQUEST="true")
    assert status["HX-Refresh"] == "true"


def test_expert_sees_suggested_projects_and_can_dismiss_one_with_a_reason(client):
    project, experts = _matched(1)
    client.force_login(experts[0].user)

    html = client.get(reverse("matching:my_suggestions")).content.decode()
    assert project.title in html
    match = Match.objects.get(project=project, expert=experts[0])
    assert match.state == "seen"

    response = client.post(
        reverse("matching:dismiss", args=[match.pk]), {"reason": "No es mi área"}
    )

    assert response.status_code == 302
    match.refresh_from_db()
    assert match.state == "dismissed_expert"
    assert match.dismiss_reason == "No es mi área"
    assert project.title not in client.get(reverse("matching:my_suggestions")).content.decode()


def test_a_stranger_cannot_dismiss_someone_elses_suggestion(client):
    project, experts = _matched(1)
    match = Match.objects.get(project=project)
    client.force_login(UserFactory())

    response = client.post(reverse("matching:dismiss", args=[match.pk]))

    assert response.status_code == 404
    match.refresh_from_db()
    assert match.state == "new"


def test_expert_without_suggestions_gets_a_helpful_empty_state(client):
    client.force_login(ExpertProfileFactory().user)

    html = client.get(reverse("matching:my_suggestions")).content.decode()

    assert "Todavía no tenemos proyectos para sugerirte" in html


@pytest.mark.parametrize("n", [3, 25])
def test_suggestion_pages_cost_the_same_queries_as_rows_grow(
    client, django_assert_max_num_queries, n
):
    project, _ = _matched(n)
    client.force_login(MembershipFactory(institution=project.institution).user)

    with django_assert_max_num_queries(14):
        response = client.get(reverse("matching:project_suggestions", args=[project.pk]))

    assert response.status_code == 200
