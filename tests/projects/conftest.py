"""Fixtures of the projects tests that are not people (the personas are in tests/conftest.py):
a draft project of `institution` and a recorder of the projects domain events."""

import pytest
from django.dispatch import Signal

from profiles.models import Institution, User
from projects import events
from projects.models import Project
from tests.factories.projects import ProjectFactory


@pytest.fixture
def draft(institution: Institution, liaison: User) -> Project:
    return ProjectFactory(institution=institution, created_by=liaison, title="Cadena del aguacate")


@pytest.fixture
def events_sent():
    """Every projects domain event sent during the test, as (name, kwargs) pairs."""
    sent: list[tuple[str, dict]] = []
    receivers = []
    for name, signal in vars(events).items():
        if isinstance(signal, Signal):

            def receiver(sender, _name=name, **kwargs):
                kwargs.pop("signal", None)
                sent.append((_name, kwargs))

            signal.connect(receiver, weak=False)
            receivers.append((signal, receiver))
    yield sent
    for signal, receiver in receivers:
        signal.disconnect(receiver)
