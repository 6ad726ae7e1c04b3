"""The projects factories build rows the database accepts (constraints included)."""

import pytest

from tests.factories import projects as factories

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "factory",
    [
        factories.ProjectFactory,
        factories.PublishedProjectFactory,
        factories.ProjectSkillFactory,
        factories.ProjectTransitionFactory,
        factories.InterestFactory,
        factories.InvitationFactory,
        factories.EngagementFactory,
        factories.OutcomeFactory,
        factories.EngagementFollowUpFactory,
    ],
)
def test_each_factory_saves_a_valid_row(factory):
    row = factory()

    row.validate_constraints()
    assert type(row).objects.filter(pk=row.pk).exists()
