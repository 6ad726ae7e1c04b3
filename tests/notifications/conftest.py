"""Personas and helpers for the notifications tests.

Personas: an expert abroad; the owner (institution admin) and a team-mate (liaison) of one
verified institution; a stranger (member of another institution); platform staff.
"""

import email
import os
import subprocess
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from unittest import mock

import pytest
import redis
from django.conf import settings

from network.celery import app as celery_app
from notifications import emails
from notifications.models import EmailDelivery
from tests.conftest import WorkerProcess, _database_url
from tests.factories.profiles import (
    ExpertProfileFactory,
    InstitutionFactory,
    MembershipFactory,
    UserFactory,
)
from tests.factories.projects import PublishedProjectFactory

SEPARATOR = b"\n" + b"-" * 79 + b"\n"


@pytest.fixture(autouse=True)
def _private_queue() -> Iterator[str]:
    """Send tasks enqueued by these tests to a queue of their own, emptied afterwards, so they
    never reach a developer's worker."""
    queue = f"test-notif-{uuid.uuid4().hex[:10]}"
    previous = celery_app.conf.task_default_queue
    celery_app.conf.task_default_queue = queue
    try:
        yield queue
    finally:
        celery_app.conf.task_default_queue = previous
        redis.Redis.from_url(settings.CELERY_BROKER_URL).delete(queue)


@pytest.fixture
def institution(db):
    return InstitutionFactory(name="Universidad Michoacana de San Nicolás")


@pytest.fixture
def owner(institution):
    return MembershipFactory(
        institution=institution, role="admin", user__name="Olga Dueña", user__language="es"
    ).user


@pytest.fixture
def teammate(institution):
    return MembershipFactory(
        institution=institution, role="liaison", user__name="Tomás Enlace", user__language="en"
    ).user


@pytest.fixture
def stranger(db):
    return MembershipFactory(institution=InstitutionFactory(name="Otra institución")).user


@pytest.fixture
def staff(db):
    return UserFactory(is_staff=True, is_superuser=True, name="Ana Moderadora")


@pytest.fixture
def expert(db):
    return ExpertProfileFactory(
        user__name="María Experta",
        user__email="maria@example.org",
        user__language="es",
        timezone="America/Chicago",
    )


@pytest.fixture
def project(institution, owner):
    return PublishedProjectFactory(
        institution=institution, created_by=owner, title="Cadena de frío del aguacate"
    )


def render(delivery: EmailDelivery, language: str):  # noqa: ANN201
    """The e-mail of `delivery` as it would leave in `language`."""
    delivery.language = language
    return emails.build_message(delivery)


def html_of(message) -> str:  # noqa: ANN001
    return message.alternatives[0][0]


# --- A real worker whose e-mail goes to files -------------------------------------------------


class FileMailWorker(WorkerProcess):
    """tests.conftest.WorkerProcess with extra environment (it forces EMAIL_URL to the
    console); the Popen seam is patched only while the process starts."""

    def __init__(self, queue: str, database_url: str, extra_env: dict[str, str]) -> None:
        super().__init__(queue, database_url)
        self.extra_env = extra_env

    def start(self, timeout: float = 60) -> None:
        popen = subprocess.Popen
        extra = self.extra_env

        def with_env(*args, env=None, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
            return popen(*args, env={**(env or os.environ), **extra}, **kwargs)

        with mock.patch("tests.conftest.subprocess.Popen", with_env):
            super().start(timeout)


@pytest.fixture
def mail_dir(tmp_path: Path) -> Path:
    directory = tmp_path / "mail"
    directory.mkdir()
    return directory


@pytest.fixture
def file_mail_workers(
    transactional_db: None, mail_dir: Path, _private_queue: str
) -> Iterator[Callable[..., FileMailWorker]]:
    """Start real workers on the private queue, writing e-mail as files into `mail_dir`, with
    a short lease so the sweeper recovers from a killed worker within the test. Keyword
    arguments override environment variables of the worker."""
    started: list[FileMailWorker] = []
    env = {
        # django-environ drops one leading slash of the path: four slashes keep it absolute.
        "EMAIL_URL": f"filemail:///{mail_dir}",
        "NOTIFICATIONS_DELIVERY_LEASE_SECONDS": "2",
        "NOTIFICATIONS_SWEEP_AFTER_SECONDS": "1",
        "MATCHING_EMBEDDER": "hashing",
    }

    def start(**overrides: str) -> FileMailWorker:
        worker = FileMailWorker(_private_queue, _database_url(), {**env, **overrides})
        worker.start()
        started.append(worker)
        return worker

    try:
        yield start
    finally:
        for worker in started:
            worker.stop()


def mailed(mail_dir: Path) -> list[email.message.Message]:
    """Every complete message the file backend wrote."""
    messages = []
    for path in sorted(mail_dir.iterdir()):
        data = path.read_bytes()
        for chunk in data.split(SEPARATOR):
            if chunk.strip():
                messages.append(email.message_from_bytes(chunk))
    return messages
