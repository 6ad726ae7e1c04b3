"""Matching as a function of the data (issue 19): the same data gives the same Match rows
whatever the order and number of passes, and a second pass tells nobody anything new."""

import pytest

from matching import fullpass, services
from matching.models import Match
from notifications.models import Kind, Notification
from tests.matching.test_engine import _expert, _project

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("hashing_embedder")]


def snapshot() -> set[tuple]:
    return set(Match.objects.values_list("project_id", "expert_id", "state", "score", "rank_score"))


def suggestion_notices() -> int:
    return Notification.objects.filter(
        kind__in=[Kind.SUGGESTED_EXPERTS, Kind.SUGGESTED_PROJECTS]
    ).count()


def passes_to_settle(limit: int = 8) -> int:
    """Full passes until one leaves the rows as it found them (that one not counted)."""
    before = snapshot()
    for done in range(1, limit + 1):
        fullpass.matches_full_pass()
        after = snapshot()
        if after == before:
            return done - 1
        before = after
    return limit


@pytest.fixture
def crowded(settings, institution, liaison):
    """Strong experts fit every project, so the spread rule decides who shows where."""
    settings.MATCHING_MAX_ACTIVE_SUGGESTIONS_PER_EXPERT = 3
    settings.MATCHING_VISIBLE_TOP = 3
    settings.MATCHING_TOP_K = 6
    strong = [
        _expert(f"Cadena de suministro de aguacate, logística y exportación {i}.") for i in range(4)
    ]
    weak = [_expert(f"Logística agrícola general {i}.", skills=()) for i in range(6)]
    projects = [
        _project(title=f"Cadena de suministro de aguacate {i}", institution=institution)
        for i in range(8)
    ]
    return strong, weak, projects


def test_a_second_full_pass_changes_no_match_and_sends_no_notice(crowded):
    strong, weak, projects = crowded
    fullpass.matches_full_pass()
    first, notices = snapshot(), suggestion_notices()

    fullpass.matches_full_pass()

    assert snapshot() == first
    assert suggestion_notices() == notices
    assert notices > 0
    # Spread still holds: the strongest do not fill every top list.
    assert {expert for _, expert, *_ in first} & {p.pk for p in weak}


def test_the_first_full_pass_is_already_settled(crowded):
    assert passes_to_settle() == 1


def test_the_expert_side_refresh_stores_the_rows_the_project_side_would(crowded):
    strong, weak, projects = crowded
    for expert in reversed([*strong, *weak]):
        services.expert_matches_recompute(profile_id=expert.pk)
    expert_side = snapshot()
    Match.objects.all().delete()

    fullpass.matches_full_pass()

    assert snapshot() == expert_side
    assert expert_side


def test_an_expert_refresh_with_no_change_announces_nothing(crowded):
    strong, weak, projects = crowded
    fullpass.matches_full_pass()
    notices, rows = suggestion_notices(), snapshot()

    for expert in [*strong, *weak]:
        assert services.expert_matches_recompute(profile_id=expert.pk) == []

    assert suggestion_notices() == notices
    assert snapshot() == rows
