"""Match rounds against the real database: creation and scope, solving with pins and wanted
counts, conflicts, publishing (one notice per expert, caps held, nothing before publish)."""

import pytest
from django.core.exceptions import PermissionDenied

from matching.models import RoundCandidate
from matching.rounds import services as rounds
from notifications.models import Kind, Notification
from profiles.models import ConflictOfInterest
from projects.models import Invitation
from tests.factories.profiles import MembershipFactory
from tests.factories.projects import PublishedProjectFactory
from tests.matching.rounds.conftest import _assigned, _round

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("hashing_embedder")]


def test_staff_round_assigns_every_need_within_loads_and_reports_beside_greedy(staff, pool):
    experts, projects = pool

    match_round = _round(staff, wanted=2, max_load=2)

    assigned = _assigned(match_round)
    assert match_round.status == "solved"
    assert {p for p, _ in assigned} == {p.pk for p in projects}
    per_expert = [sum(1 for _, e in assigned if e == x.pk) for x in experts]
    assert max(per_expert) <= 2
    assert match_round.report["round"]["fully_staffed"] == 3
    assert set(match_round.report["greedy"]) >= {"total", "mean", "worst_need", "load_histogram"}


def test_nothing_reaches_experts_before_publish(staff, pool):
    _round(staff)

    assert not Invitation.objects.exists()
    assert not Notification.objects.filter(kind=Kind.INVITATION_RECEIVED).exists()


def test_an_institution_admin_rounds_only_their_needs_and_strangers_none(
    institution, institution_admin, stranger_admin, pool
):
    other = PublishedProjectFactory(title="Cadena de suministro de aguacate ajena")

    match_round = rounds.round_create(by=institution_admin, name="R", institution=institution)

    assert other.pk not in set(match_round.needs.values_list("project_id", flat=True))
    with pytest.raises(PermissionDenied):
        rounds.round_create(by=stranger_admin, name="R", institution=institution)


def test_a_conflicted_expert_is_never_assigned_even_when_declared_after_candidates(
    staff, pool, institution
):
    experts, _ = pool
    match_round = _round(staff, wanted=3, max_load=3)
    assert experts[0].pk in {e for _, e in _assigned(match_round)}

    ConflictOfInterest.objects.create(expert=experts[0], institution=institution)
    rounds.round_run(round_id=match_round.pk)

    assert experts[0].pk not in {e for _, e in _assigned(match_round)}


def test_a_member_of_the_institution_is_not_even_a_candidate(staff, pool, institution):
    experts, _ = pool
    MembershipFactory(user=experts[1].user, institution=institution)

    match_round = _round(staff, wanted=3)

    assert not match_round.candidates.filter(expert=experts[1]).exists()


def test_locks_forbids_and_wanted_counts_are_honoured_on_solving_again(staff, pool):
    experts, projects = pool
    match_round = _round(staff, wanted=1, max_load=1)
    first = _assigned(match_round)
    taken = next(iter(first))
    free = match_round.candidates.filter(project_id=taken[0]).exclude(expert_id=taken[1]).first()
    forbid = match_round.candidates.get(project_id=taken[0], expert_id=taken[1])

    rounds.round_pin(match_round=match_round, candidate_id=forbid.pk, pin="forbidden", by=staff)
    rounds.round_pin(match_round=match_round, candidate_id=free.pk, pin="locked", by=staff)
    rounds.round_need_wanted(match_round=match_round, project_id=projects[2].pk, wanted=2, by=staff)
    rounds.round_run(round_id=match_round.pk)

    assigned = _assigned(match_round)
    assert taken not in assigned
    assert (free.project_id, free.expert_id) in assigned


def test_running_a_round_again_gives_the_same_assignment(staff, pool):
    match_round = _round(staff, wanted=2, max_load=1, objective="fair")
    first = _assigned(match_round)

    rounds.round_run(round_id=match_round.pk)

    assert _assigned(match_round) == first


def test_publishing_sends_the_invitations_with_reasons_and_one_notice_per_expert(staff, pool):
    experts, _ = pool
    match_round = _round(staff, wanted=2, max_load=2)
    assigned = _assigned(match_round)

    result = rounds.round_publish(match_round=match_round, by=staff)

    assert result == {"sent": len(assigned), "skipped": 0}
    assert set(Invitation.objects.values_list("project_id", "expert_id")) == assigned
    assert Invitation.objects.first().message.startswith("Te proponemos para este proyecto")
    notices = Notification.objects.filter(kind=Kind.INVITATION_RECEIVED)
    assert sorted(notices.values_list("recipient_id", flat=True)) == sorted(
        {x.user_id for x in experts if x.pk in {e for _, e in assigned}}
    )
    with pytest.raises(Exception, match="publicó"):
        rounds.round_publish(match_round=match_round, by=staff)


def test_publishing_respects_the_pending_invitations_cap(staff, pool, settings):
    settings.PROJECTS_MAX_PENDING_INVITATIONS = 1
    match_round = _round(staff, wanted=2, max_load=2)

    result = rounds.round_publish(match_round=match_round, by=staff)

    assert result == {"sent": 3, "skipped": 3}
    assert Invitation.objects.count() == 3
    assert RoundCandidate.objects.filter(assigned=True).count() == 6
