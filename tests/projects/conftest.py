"""Personas for the projects tests: an owner and a team-mate of one verified institution,
a stranger (member of another institution), a platform admin and an expert abroad."""

import pytest

from tests.factories.profiles import (
    ExpertProfileFactory,
    InstitutionFactory,
    MembershipFactory,
    UserFactory,
    state,
)
from tests.factories.projects import ProjectFactory


@pytest.fixture
def institution(db):
    return InstitutionFactory(name="Universidad Michoacana", state=state("16"))


@pytest.fixture
def owner(institution):
    return MembershipFactory(
        institution=institution,
        role="liaison",
        user__name="Luis Enlace",
        user__email="luis.enlace@umich.example",
    ).user


@pytest.fixture
def teammate(institution):
    return MembershipFactory(institution=institution, role="admin").user


@pytest.fixture
def stranger(db):
    return MembershipFactory(institution=InstitutionFactory(name="Otra institución")).user


@pytest.fixture
def admin_user(db):
    return UserFactory(is_staff=True, is_superuser=True, name="Ana Moderadora")


@pytest.fixture
def expert(db):
    return ExpertProfileFactory(
        user__name="María Experta",
        user__email="maria.experta@example.org",
        linkedin_url="https://www.linkedin.com/in/maria-experta",
        website_url="https://maria.example.org",
        max_concurrent_engagements=2,
    )


@pytest.fixture
def draft(institution, owner):
    return ProjectFactory(institution=institution, created_by=owner, title="Cadena del aguacate")


@pytest.fixture
def events_sent():
    """Every projects domain event sent during the test, as (name, kwargs) pairs."""
    from django.dispatch import Signal

    from projects import events

    sent: list[tuple[str, dict]] = []
    receivers = []
    for name, signal in vars(events).items():
        if isinstance(signal, Signal):

            def receiver(sender, _name=name, **kwargs):  # noqa: ANN001, ANN202
                kwargs.pop("signal", None)
                sent.append((_name, kwargs))

            signal.connect(receiver, weak=False)
            receivers.append((signal, receiver))
    yield sent
    for signal, receiver in receivers:
        signal.disconnect(receiver)
