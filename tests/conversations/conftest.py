"""Fixtures of the conversations tests (the people are the personas of tests/conftest.py): an
engagement between `expert` and `institution` started by accepting an interest (so its thread
was opened by the receiver), and attachments kept in a temporary directory."""

from pathlib import Path

import pytest

from conversations.models import Thread
from profiles.models import ExpertProfile, Institution, User
from projects import services as project_services
from projects.models import Engagement
from tests.factories.projects import InterestFactory, PublishedProjectFactory


@pytest.fixture(autouse=True)
def _attachments(settings, tmp_path: Path) -> Path:
    settings.CONVERSATIONS_ATTACHMENT_ROOT = str(tmp_path / "attachments")
    return tmp_path / "attachments"


@pytest.fixture
def engagement(institution: Institution, liaison: User, expert: ExpertProfile) -> Engagement:
    project = PublishedProjectFactory(
        institution=institution, created_by=liaison, title="Cadena de frío del aguacate"
    )
    interest = InterestFactory(project=project, expert=expert)
    return project_services.interest_accept(interest=interest, by=liaison)


@pytest.fixture
def thread(engagement: Engagement) -> Thread:
    return Thread.objects.get(engagement=engagement)
