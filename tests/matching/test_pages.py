"""Suggestion pages: who may see them, what they show, how many queries they cost."""

import pytest
from django.test import Client
from django.urls import reverse

from matching import services
from matching.models import Match, MatchRun
from profiles.models import ExpertProfile, Institution, User
from projects.models import Project
from tests.factories.matching import MatchFactory, MatchRunFactory
from tests.factories.profiles import ExpertProfileFactory
from tests.factories.projects import PublishedProjectFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("hashing_embedder")]


def _matched(institution: Institution, n_experts: int = 3) -> tuple[Project, list[ExpertProfile]]:
    """A published need of `institution` with its suggestions computed by the engine."""
    project = PublishedProjectFactory(
        institution=institution, title="Cadena de suministro de aguacate"
    )
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


def test_liaison_sees_ranked_suggestions_with_reasons_and_invite_buttons(
    client: Client, institution: Institution, liaison: User
) -> None:
    project, experts = _matched(institution)
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


def test_suggestions_show_reasons_in_english_for_english_readers(
    client: Client, institution: Institution, teammate: User
) -> None:
    project, _ = _matched(institution, 1)
    client.force_login(teammate)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})

    html = client.get(reverse("matching:project_suggestions", args=[project.pk])).content.decode()

    assert "Has the required skill: Supply chain" in html


def test_stranger_cannot_see_another_institutions_suggestions(
    client: Client, institution: Institution, stranger: User
) -> None:
    project, _ = _matched(institution, 1)
    client.force_login(stranger)

    response = client.get(reverse("matching:project_suggestions", args=[project.pk]))

    assert response.status_code == 404


def test_anonymous_visitors_are_sent_to_log_in(anonymous: Client, institution: Institution) -> None:
    project, _ = _matched(institution, 1)

    response = anonymous.get(reverse("matching:project_suggestions", args=[project.pk]))

    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_a_running_computation_shows_live_progress(
    client: Client, institution: Institution, liaison: User
) -> None:
    project, _ = _matched(institution, 1)
    run = MatchRunFactory(object_id=project.pk, status="running", progress=1, total=3)
    client.force_login(liaison)

    html = client.get(reverse("matching:project_suggestions", args=[project.pk])).content.decode()

    assert "Calculando sugerencias…" in html
    assert reverse("matching:run_status", args=[run.pk]) in html
    run.status = "done"
    run.save()
    status = client.get(reverse("matching:run_status", args=[run.pk]), HTTP_HX_REQUEST="true")
    assert status["HX-Refresh"] == "true"


def test_liaison_can_ask_for_the_suggestions_again(
    client: Client, institution: Institution, liaison: User
) -> None:
    project = PublishedProjectFactory(institution=institution)
    client.force_login(liaison)

    response = client.post(reverse("matching:project_recompute", args=[project.pk]))

    assert response.status_code == 302
    assert response["Location"] == reverse("matching:project_suggestions", args=[project.pk])
    run = MatchRun.objects.get(scope="project", object_id=project.pk)
    assert run.status == "queued"


def test_stranger_cannot_follow_or_restart_another_institutions_computation(
    client: Client, institution: Institution, stranger: User
) -> None:
    project = PublishedProjectFactory(institution=institution)
    run = MatchRunFactory(object_id=project.pk, status="running", progress=1, total=3)
    client.force_login(stranger)

    status = client.get(reverse("matching:run_status", args=[run.pk]))
    restart = client.post(reverse("matching:project_recompute", args=[project.pk]))

    assert status.status_code == 404
    assert restart.status_code == 404
    assert MatchRun.objects.filter(object_id=project.pk).count() == 1


def test_expert_sees_suggested_projects_and_can_dismiss_one_with_a_reason(
    client: Client, expert: ExpertProfile, expert_owner: User
) -> None:
    match = MatchFactory(expert=expert)
    project = match.project
    client.force_login(expert_owner)

    html = client.get(reverse("matching:my_suggestions")).content.decode()
    assert project.title in html
    match.refresh_from_db()
    assert match.state == "seen"

    response = client.post(
        reverse("matching:dismiss", args=[match.pk]), {"reason": "No es mi área"}
    )

    assert response.status_code == 302
    match.refresh_from_db()
    assert match.state == "dismissed_expert"
    assert match.dismiss_reason == "No es mi área"
    assert project.title not in client.get(reverse("matching:my_suggestions")).content.decode()


def test_a_stranger_cannot_dismiss_someone_elses_suggestion(
    client: Client, institution: Institution, stranger: User
) -> None:
    project, _ = _matched(institution, 1)
    match = Match.objects.get(project=project)
    client.force_login(stranger)

    response = client.post(reverse("matching:dismiss", args=[match.pk]))

    assert response.status_code == 404
    match.refresh_from_db()
    assert match.state == "new"


def test_expert_without_suggestions_gets_a_helpful_empty_state(
    client: Client, expert_owner: User
) -> None:
    client.force_login(expert_owner)

    html = client.get(reverse("matching:my_suggestions")).content.decode()

    assert "Todavía no tenemos proyectos para sugerirte" in html


def test_long_suggestion_lists_use_the_shared_pagination(
    client: Client, institution: Institution, liaison: User
) -> None:
    project = PublishedProjectFactory(institution=institution)
    MatchFactory.create_batch(25, project=project)
    client.force_login(liaison)
    url = reverse("matching:project_suggestions", args=[project.pk])

    first = client.get(url).content.decode()
    second = client.get(url, {"page": 2}).content.decode()

    assert first.count('data-testid="suggestion"') == 20
    assert 'aria-label="Páginas"' in first
    assert 'href="?page=2" rel="next"' in first
    assert second.count('data-testid="suggestion"') == 5


@pytest.mark.parametrize("n", [3, 25])
def test_suggestion_pages_cost_the_same_queries_as_rows_grow(
    client: Client, django_assert_max_num_queries, n: int, institution: Institution, liaison: User
) -> None:
    project, _ = _matched(institution, n)
    client.force_login(liaison)

    with django_assert_max_num_queries(14):
        response = client.get(reverse("matching:project_suggestions", args=[project.pk]))

    assert response.status_code == 200


@pytest.mark.parametrize("n", [3, 25])
def test_my_suggestions_cost_the_same_queries_as_rows_grow(
    client: Client, django_assert_max_num_queries, n: int, expert: ExpertProfile, expert_owner: User
) -> None:
    MatchFactory.create_batch(n, expert=expert)
    client.force_login(expert_owner)

    with django_assert_max_num_queries(14):
        response = client.get(reverse("matching:my_suggestions"))

    assert response.status_code == 200
    assert response.content.decode().count('data-testid="suggestion"') == min(n, 20)
