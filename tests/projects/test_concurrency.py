"""Capacity holds under concurrency: two accepts for the same expert, at the same moment, in
two transactions on two database connections, never exceed the expert's maximum."""

import threading
from collections.abc import Callable

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from projects import services
from projects.models import Engagement
from tests.factories.profiles import ExpertProfileFactory, MembershipFactory
from tests.factories.projects import InterestFactory, InvitationFactory

# Reference data (states, fields, skills) is put back by tests/conftest.py after the flushes.
pytestmark = pytest.mark.django_db(transaction=True)


def _race(*calls: Callable[[], object]) -> list[str]:
    """Run each call in its own thread (own connection, own transaction), all released at
    once by a barrier; return "ok" or the refusal message of each."""
    barrier = threading.Barrier(len(calls))
    results: list[str] = [""] * len(calls)

    def run(index: int, call: Callable[[], object]) -> None:
        try:
            barrier.wait(timeout=10)
            call()
            results[index] = "ok"
        except ValidationError as error:
            results[index] = error.messages[0]
        except Exception as error:
            results[index] = f"unexpected: {error!r}"
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results


def test_two_simultaneous_invitation_accepts_cannot_exceed_capacity():
    expert = ExpertProfileFactory(max_concurrent_engagements=1)
    first, second = InvitationFactory(expert=expert), InvitationFactory(expert=expert)

    results = _race(
        lambda: services.invitation_accept(invitation=first, by=expert.user),
        lambda: services.invitation_accept(invitation=second, by=expert.user),
    )

    assert sorted(results) == [
        "Ya tienes 1 colaboraciones activas, tu máximo. Concluye alguna o aumenta tu límite "
        "en tu perfil antes de aceptar.",
        "ok",
    ]
    assert Engagement.objects.filter(expert=expert, status="active").count() == 1
    statuses = sorted(
        expert.invitations.values_list("status", flat=True)  # the refused one stays pending
    )
    assert statuses == ["accepted", "pending"]


def test_an_expert_and_an_institution_accepting_at_once_cannot_exceed_capacity():
    expert = ExpertProfileFactory(max_concurrent_engagements=1)
    invitation = InvitationFactory(expert=expert)
    interest = InterestFactory(expert=expert)
    liaison = MembershipFactory(institution=interest.project.institution).user

    results = _race(
        lambda: services.invitation_accept(invitation=invitation, by=expert.user),
        lambda: services.interest_accept(interest=interest, by=liaison),
    )

    assert results.count("ok") == 1
    assert any("capacidad" in r or "tu máximo" in r for r in results if r != "ok"), results
    assert Engagement.objects.filter(expert=expert).count() == 1
