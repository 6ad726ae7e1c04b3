"""Fixtures and helpers for the notifications tests: a published project, rendering an outbox
row's e-mail, and real workers that write their e-mail to files. The people are the shared
personas of tests/conftest.py."""

import email
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from django.core.mail import EmailMultiAlternatives

from network.celery import app as celery_app
from notifications import emails
from notifications.models import EmailDelivery
from profiles.models import Institution, User
from projects.models import Project
from tests.conftest import WorkerProcess, _database_url, private_task_queues
from tests.factories.projects import PublishedProjectFactory

SEPARATOR = b"\n" + b"-" * 79 + b"\n"


@pytest.fixture(autouse=True)
def _private_queue() -> Iterator[str]:
    """Send tasks enqueued by these tests to a queue of their own, emptied afterwards, so they
    never reach a developer's worker."""
    with private_task_queues(f"test-notif-{uuid.uuid4().hex[:10]}") as queue:
        yield queue


@pytest.fixture
def project(institution: Institution, liaison: User) -> Project:
    """A published project of `institution`, run by `liaison`."""
    return PublishedProjectFactory.create(
        institution=institution, created_by=liaison, title="Cadena de frío del aguacate"
    )


def render(delivery: EmailDelivery, language: str) -> EmailMultiAlternatives:
    """The e-mail of `delivery` as it would leave in `language`."""
    delivery.language = language
    return emails.build_message(delivery)


def html_of(message: EmailMultiAlternatives) -> str:
    return str(message.alternatives[0][0])


# --- A real worker whose e-mail goes to files -------------------------------------------------


@pytest.fixture
def mail_dir(tmp_path: Path) -> Path:
    directory = tmp_path / "mail"
    directory.mkdir()
    return directory


@pytest.fixture
def file_mail_workers(
    transactional_db: None, mail_dir: Path, _private_queue: str
) -> Iterator[Callable[..., WorkerProcess]]:
    """Start real workers on the private queue, writing e-mail as files into `mail_dir`, with
    a short lease so the sweeper recovers from a killed worker within the test. Keyword
    arguments override environment variables of the worker."""
    started: list[WorkerProcess] = []
    env = {
        # django-environ drops one leading slash of the path: four slashes keep it absolute.
        "EMAIL_URL": f"filemail:///{mail_dir}",
        "NOTIFICATIONS_DELIVERY_LEASE_SECONDS": "2",
        "NOTIFICATIONS_SWEEP_AFTER_SECONDS": "1",
        "MATCHING_EMBEDDER": "hashing",
    }

    def start(**overrides: str) -> WorkerProcess:
        worker = WorkerProcess(_private_queue, _database_url(), {**env, **overrides})
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


@pytest.fixture
def eager_tasks() -> Iterator[None]:
    """Run Celery tasks in-process when they are sent, to follow a receiver's task into its
    service within one test. Sending still waits for the commit (the task base)."""
    previous = celery_app.conf.task_always_eager, celery_app.conf.task_eager_propagates
    celery_app.conf.task_always_eager = True
    celery_app.conf.task_eager_propagates = True
    try:
        yield
    finally:
        celery_app.conf.task_always_eager, celery_app.conf.task_eager_propagates = previous
