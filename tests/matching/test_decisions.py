"""The decision log: every suggestion shown, and what people did with it, logged through the
product's own paths (pages, the API, rounds), then fitted by `fit_matching_weights`."""

import datetime

import numpy as np
import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.models import Count
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from matching import learning
from matching.models import ExpertIndex, Match, MatchState, SuggestionDecision, WeightSet
from matching.rounds.services import round_publish
from matching.scoring import ALGORITHM_VERSION
from matching.scoring.learning import COMPONENTS
from matching.services import match_dismiss
from partners.models import ApiScope
from partners.services import api_key_issue
from profiles.models import ExpertProfile, Institution, User
from projects import services as project_services
from projects.models import Interest, Invitation, Project
from tests.factories.matching import MatchFactory, match_round_with_candidate
from tests.factories.profiles import ExpertProfileFactory
from tests.factories.projects import InterestFactory, InvitationFactory, PublishedProjectFactory

pytestmark = pytest.mark.django_db

SHOWN = {"semantic": 0.61, "skills": 0.5, "fields": 1.0, "fused": 0.58}


@pytest.fixture
def project(institution: Institution, liaison: User) -> Project:
    return PublishedProjectFactory(institution=institution, created_by=liaison)


@pytest.fixture
def suggestion(project: Project, expert: ExpertProfile) -> Match:
    return MatchFactory(project=project, expert=expert, components=SHOWN)


def _logged(match: Match) -> list[tuple]:
    return list(
        SuggestionDecision.objects.filter(project=match.project, expert=match.expert)
        .order_by("algorithm_version")
        .values_list("algorithm_version", "outcome", "side", "reason", "components")
    )


def _decision_inserts(queries: CaptureQueriesContext) -> int:
    return sum('INSERT INTO "matching_suggestiondecision"' in q["sql"] for q in queries)


# --- Shown ------------------------------------------------------------------------------------


def test_a_suggestions_page_logs_each_pending_suggestion_once_per_algorithm_version(
    client: Client, project: Project, liaison: User
) -> None:
    pending = MatchFactory.create_batch(2, project=project, components=SHOWN)
    MatchFactory(project=project, components=SHOWN, state=MatchState.INVITED)
    client.force_login(liaison)
    url = reverse("matching:project_suggestions", args=[project.pk])

    client.get(url)
    client.get(url)

    rows = SuggestionDecision.objects.order_by("expert_id")
    assert [(r.expert_id, r.outcome, r.components, r.algorithm_version) for r in rows] == [
        (m.expert_id, "shown", SHOWN, ALGORITHM_VERSION) for m in pending
    ]
    assert all(r.shown_at is not None and r.decided_at is None for r in rows)
    Match.objects.filter(pk=pending[0].pk).update(algorithm_version="2099.1")
    client.get(url)
    assert _logged(pending[0]) == [
        (ALGORITHM_VERSION, "shown", "", "", SHOWN),
        ("2099.1", "shown", "", "", SHOWN),
    ]


@pytest.mark.parametrize("n", [3, 25])
def test_logging_what_a_page_shows_is_one_insert_whatever_the_rows(
    client: Client, n: int, project: Project, liaison: User, expert: ExpertProfile
) -> None:
    MatchFactory.create_batch(n, project=project, components=SHOWN)
    MatchFactory.create_batch(n, expert=expert, components=SHOWN)

    client.force_login(liaison)
    with CaptureQueriesContext(connection) as liaison_page:
        client.get(reverse("matching:project_suggestions", args=[project.pk]))
    client.force_login(expert.user)
    with CaptureQueriesContext(connection) as expert_page:
        client.get(reverse("matching:my_suggestions"))

    assert (_decision_inserts(liaison_page), _decision_inserts(expert_page)) == (1, 1)
    assert SuggestionDecision.objects.filter(outcome="shown").count() == 2 * min(n, 20)


def test_the_next_best_suggestions_after_a_decline_are_logged_as_shown(
    client: Client, project: Project, liaison: User, expert: ExpertProfile
) -> None:
    InvitationFactory(project=project, expert=expert, status="declined", decline_reason="timing")
    next_best = MatchFactory(project=project, components=SHOWN)
    ExpertIndex.objects.create(profile=next_best.expert, is_available=True, capacity_left=2)
    client.force_login(liaison)

    page = client.get(reverse("matching:rounds:project_next", args=[project.pk]))

    assert [c.expert for c in page.context["candidates"]] == [next_best.expert]
    assert _logged(next_best) == [(ALGORITHM_VERSION, "shown", "", "", SHOWN)]


def test_staff_looking_over_a_needs_suggestions_log_nothing(
    client: Client, project: Project, suggestion: Match, staff: User
) -> None:
    client.force_login(staff)

    response = client.get(reverse("matching:project_suggestions", args=[project.pk]))

    assert response.status_code == 200
    assert not SuggestionDecision.objects.exists()


# --- Outcomes, through every path that causes them ------------------------------------------


def test_inviting_a_suggested_expert_logs_invited_with_the_suggestions_components(
    client: Client, project: Project, suggestion: Match, liaison: User
) -> None:
    client.force_login(liaison)
    client.get(reverse("matching:project_suggestions", args=[project.pk]))

    response = client.post(
        reverse("projects:invite", args=[project.pk]),
        {"expert": suggestion.expert_id, "message": "Nos encantaría contar contigo."},
    )

    assert response.status_code == 302
    decision = SuggestionDecision.objects.get()
    assert (decision.outcome, decision.side, decision.components) == (
        "invited",
        "institution",
        SHOWN,
    )
    assert decision.algorithm_version == ALGORITHM_VERSION
    assert decision.shown_at is not None
    assert decision.decided_at is not None


def test_inviting_from_the_experts_profile_logs_invited(
    client: Client, project: Project, suggestion: Match, liaison: User
) -> None:
    client.force_login(liaison)

    response = client.post(
        reverse("projects:invite_expert", args=[suggestion.expert_id]),
        {"project": project.pk, "message": "Nos encantaría contar contigo."},
    )

    assert response.status_code == 302
    assert _logged(suggestion) == [(ALGORITHM_VERSION, "invited", "institution", "", SHOWN)]


def test_inviting_through_the_api_logs_invited(
    project: Project, suggestion: Match, institution: Institution, institution_admin: User
) -> None:
    issued = api_key_issue(
        by=institution_admin, institution=institution, name="CRM", scopes=list(ApiScope.values)
    )
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {issued.plaintext}")

    response = api.post(
        "/api/v1/institution/invitations/",
        {"project": project.pk, "expert": suggestion.expert_id, "message": "Hola."},
        format="json",
    )

    assert response.status_code == 201
    assert _logged(suggestion) == [(ALGORITHM_VERSION, "invited", "institution", "", SHOWN)]


def test_a_published_round_logs_its_invitations(
    institution: Institution, project: Project, suggestion: Match, staff: User
) -> None:
    match_round = match_round_with_candidate(
        institution=institution, project=project, expert=suggestion.expert
    )

    round_publish(match_round=match_round, by=staff)

    assert _logged(suggestion) == [(ALGORITHM_VERSION, "invited", "institution", "", SHOWN)]


def test_expressing_interest_in_a_suggested_project_logs_interested(
    client: Client, project: Project, suggestion: Match, expert_owner: User
) -> None:
    client.force_login(expert_owner)
    client.get(reverse("matching:my_suggestions"))

    response = client.post(
        reverse("projects:interest_create", args=[project.pk]), {"message": "Me interesa."}
    )

    assert response.status_code == 302
    assert _logged(suggestion) == [(ALGORITHM_VERSION, "interested", "expert", "", SHOWN)]


def test_accepting_an_invitation_or_an_interest_logs_accepted(
    client: Client, project: Project, suggestion: Match, liaison: User, other_expert: ExpertProfile
) -> None:
    invitation = InvitationFactory(project=project, expert=suggestion.expert, invited_by=liaison)
    other = MatchFactory(project=project, expert=other_expert, components=SHOWN)
    interest = InterestFactory(project=project, expert=other_expert)

    client.force_login(suggestion.expert.user)
    client.post(reverse("projects:invitation_accept", args=[invitation.pk]))
    client.force_login(liaison)
    client.post(reverse("projects:interest_accept", args=[interest.pk]))

    assert Invitation.objects.get().status == Interest.objects.get().status == "accepted"
    assert _logged(suggestion) == [(ALGORITHM_VERSION, "accepted", "expert", "", SHOWN)]
    assert _logged(other) == [(ALGORITHM_VERSION, "accepted", "institution", "", SHOWN)]


def test_declining_logs_declined_with_the_reason_code_and_never_the_note(
    client: Client, project: Project, suggestion: Match, liaison: User, other_expert: ExpertProfile
) -> None:
    invitation = InvitationFactory(project=project, expert=suggestion.expert, invited_by=liaison)
    other = MatchFactory(project=project, expert=other_expert, components=SHOWN)
    interest = InterestFactory(project=project, expert=other_expert)

    client.force_login(suggestion.expert.user)
    client.post(
        reverse("projects:invitation_decline", args=[invitation.pk]),
        {"reason": "other", "note": "Mi teléfono es 555 123"},
    )
    client.force_login(liaison)
    client.post(reverse("projects:interest_decline", args=[interest.pk]), {"reason": "not_a_fit"})

    assert _logged(suggestion) == [(ALGORITHM_VERSION, "declined", "expert", "other", SHOWN)]
    assert _logged(other) == [(ALGORITHM_VERSION, "declined", "institution", "not_a_fit", SHOWN)]


def test_dismissing_a_suggestion_logs_dismissed_with_its_reason_from_either_side(
    client: Client, project: Project, suggestion: Match, liaison: User, other_expert: ExpertProfile
) -> None:
    other = MatchFactory(project=project, expert=other_expert, components=SHOWN)

    client.force_login(suggestion.expert.user)
    client.post(reverse("matching:dismiss", args=[suggestion.pk]), {"reason": "No es mi área"})
    client.force_login(liaison)
    client.post(reverse("matching:dismiss", args=[other.pk]), {"reason": ""})

    assert _logged(suggestion) == [
        (ALGORITHM_VERSION, "dismissed", "expert", "No es mi área", SHOWN)
    ]
    assert _logged(other) == [(ALGORITHM_VERSION, "dismissed", "institution", "", SHOWN)]


def test_a_stranger_cannot_log_a_dismissal(
    client: Client, suggestion: Match, stranger: User
) -> None:
    client.force_login(stranger)

    response = client.post(reverse("matching:dismiss", args=[suggestion.pk]), {"reason": "x"})

    assert response.status_code == 404
    assert not SuggestionDecision.objects.exists()


def test_an_invitation_outside_the_suggestions_is_logged_without_components_and_not_fitted(
    project: Project, expert: ExpertProfile, liaison: User
) -> None:
    project_services.invitation_create(project=project, expert=expert, message="Hola", by=liaison)

    decision = SuggestionDecision.objects.get()
    assert (decision.outcome, decision.components, decision.algorithm_version) == (
        "invited",
        {},
        "",
    )
    assert learning.fit_rows() == ([], 0)


def test_shown_suggestions_left_alone_long_enough_are_the_fits_negatives(
    project: Project, liaison: User
) -> None:
    old, decided, fresh = MatchFactory.create_batch(3, project=project, components=SHOWN)
    with time_machine.travel(timezone.now() - datetime.timedelta(days=30)):
        learning.suggestions_shown(matches=[old, decided])
    learning.suggestions_shown(matches=[fresh])
    # Decided under a newer version: the older "shown" row of the pair is no negative.
    Match.objects.filter(pk=decided.pk).update(algorithm_version="2099.1")
    learning.suggestion_decision_log(
        project_id=project.pk, expert_id=decided.expert_id, outcome="invited"
    )

    rows, decisions = learning.fit_rows()

    assert decisions == 1
    assert sorted(label for _c, label in rows) == [0, 1]


# --- Reading the log -------------------------------------------------------------------------


def test_staff_read_the_decision_log_by_outcome_and_version_but_never_edit_it(
    client: Client, suggestion: Match, staff: User
) -> None:
    learning.suggestion_decision_log(
        project_id=suggestion.project_id,
        expert_id=suggestion.expert_id,
        outcome="declined",
        reason="timing",
    )
    decision = SuggestionDecision.objects.get()
    client.force_login(staff)
    changelist = reverse("admin:matching_suggestiondecision_changelist")

    declined = client.get(
        changelist, {"outcome": "declined", "algorithm_version": ALGORITHM_VERSION}
    )
    dismissed = client.get(changelist, {"outcome": "dismissed"})
    change = reverse("admin:matching_suggestiondecision_change", args=[decision.pk])
    edit = client.post(change, {"outcome": "accepted"})

    assert declined.status_code == dismissed.status_code == 200
    assert declined.context["cl"].result_count == 1
    assert dismissed.context["cl"].result_count == 0
    assert client.get(change).status_code == 200
    assert edit.status_code == 403
    assert client.get(reverse("admin:matching_suggestiondecision_add")).status_code == 403
    assert SuggestionDecision.objects.get().outcome == "declined"


# --- The fit on a log the services produced ---------------------------------------------------


def _planted(rng: np.random.Generator) -> tuple[dict[str, float], bool]:
    """Components where only skills and semantic decide (plus noise); `fused` knows nothing."""
    components = {name: round(float(rng.uniform()), 4) for name in COMPONENTS}
    components["fused"] = round(float(rng.uniform()), 4)
    liked = components["skills"] + components["semantic"] + rng.normal(0, 0.15) > 1.0
    return components, bool(liked)


# Long on purpose: one log of ~250 decisions made through every service (interest, invitation,
# accept, decline, dismiss from both sides), then the command's fit on it.
def test_the_command_fits_weights_on_decisions_made_through_the_services(
    settings, institution: Institution, liaison: User
) -> None:
    settings.PROJECTS_MAX_PENDING_INVITATIONS = 100
    rng = np.random.default_rng(7)
    projects = PublishedProjectFactory.create_batch(16, institution=institution, experts_sought=20)
    experts = ExpertProfileFactory.create_batch(16, max_concurrent_engagements=20)
    for i, project in enumerate(projects):
        for j, expert in enumerate(experts):
            components, liked = _planted(rng)
            match = MatchFactory(project=project, expert=expert, components=components)
            kind = (i + j) % 4
            if liked and kind < 2:
                project_services.interest_create(
                    project=project, expert=expert, message="Me interesa", by=expert.user
                )
            elif liked:
                invitation = project_services.invitation_create(
                    project=project, expert=expert, message="Hola", by=liaison
                )
                if kind == 3 and i % 4 == 0:
                    project_services.invitation_accept(invitation=invitation, by=expert.user)
            elif kind == 0:
                invitation = project_services.invitation_create(
                    project=project, expert=expert, message="Hola", by=liaison
                )
                project_services.invitation_decline(
                    invitation=invitation, by=expert.user, reason="not_a_fit"
                )
            else:
                match_dismiss(match=match, by=expert.user if kind % 2 else liaison, reason="No")

    outcomes = dict(SuggestionDecision.objects.values_list("outcome").annotate(n=Count("id")))
    assert sum(outcomes.values()) == 256
    assert set(outcomes) >= {"interested", "invited", "accepted", "declined", "dismissed"}
    call_command("fit_matching_weights", "--minimum", "200")

    weight_set = WeightSet.objects.get()
    expert_fit = weight_set.weights["expert_fit"]
    assert weight_set.decisions == 256
    assert weight_set.adopted_at is None
    assert min(expert_fit["skills"], expert_fit["semantic"]) > max(
        expert_fit["fields"], expert_fit["language"]
    )
    assert weight_set.auc_fitted > 0.8 > 0.65 > weight_set.auc_current


def test_the_command_refuses_a_log_below_the_minimum_with_a_clear_message(
    project: Project, suggestion: Match, liaison: User
) -> None:
    project_services.invitation_create(
        project=project, expert=suggestion.expert, message="Hola", by=liaison
    )

    with pytest.raises(
        CommandError, match="Hay 1 decisiones registradas; hacen falta al menos 200"
    ):
        call_command("fit_matching_weights")


def test_the_log_records_which_weight_set_scored_the_suggestion(
    client: Client, project: Project, expert: ExpertProfile, liaison: User
) -> None:
    suggestion = MatchFactory(project=project, expert=expert, components=SHOWN)
    Match.objects.filter(pk=suggestion.pk).update(weights_version="fit-3")
    client.force_login(liaison)
    client.get(reverse("matching:project_suggestions", args=[project.pk]))
    assert SuggestionDecision.objects.get().weights_version == "fit-3"

    Match.objects.filter(pk=suggestion.pk).update(weights_version="fit-4")  # re-scored
    match_dismiss(match=Match.objects.get(pk=suggestion.pk), by=liaison, reason="otro")

    assert SuggestionDecision.objects.get().weights_version == "fit-4"
