"""When a task fails for good or is lost: the job says so, in words, and a retry resumes it from
its cursor. Resending a claim invitation to someone whose link expired or was lost."""

import datetime
import logging
import re

import pytest
import time_machine
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from imports import services, tasks
from imports.models import ImportedAccount, ImportJob
from profiles.models import User
from tests.factories.imports import imported_job, people, validated_job

pytestmark = pytest.mark.django_db
PASSWORD = "una-clave-larga-2026"


def _boom(**_kwargs: object) -> None:
    raise RuntimeError("psycopg: server closed the connection unexpectedly")


def _half_imported(staff: User, settings) -> ImportJob:
    """Five people, imported in chunks of two, stopped after the first chunk."""
    settings.IMPORTS_ROWS_PER_CHUNK = 2
    job = services.job_start(job=validated_job(people(5), staff), by=staff)
    assert list(services.job_import_chunks(job_id=job.pk, limit=1)) == [3]
    return job


def _page(client: Client, job: ImportJob) -> str:
    return client.get(reverse("imports:detail", args=[job.pk])).content.decode()


def test_an_import_task_that_fails_for_good_marks_the_job_failed_and_says_why(
    client: Client, staff: User, settings, monkeypatch, caplog
) -> None:
    job = _half_imported(staff, settings)
    monkeypatch.setattr(services, "job_import_chunks", _boom)
    with caplog.at_level(logging.ERROR, logger="imports.tasks"):
        tasks.job_import_task.apply(args=(job.pk,), throw=False)
    job.refresh_from_db()
    assert (job.status, job.error, job.cursor) == (ImportJob.Status.FAILED, "importing", 3)
    assert "server closed the connection" in caplog.text
    client.force_login(staff)
    page = _page(client, job)
    assert "La importación se detuvo por un error." in page
    assert "server closed" not in page
    assert 'data-testid="retry"' in page


def test_a_validation_task_that_fails_for_good_marks_the_job_failed(
    client: Client, staff: User, monkeypatch
) -> None:
    job = validated_job(people(2), staff)
    ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.VALIDATING)
    monkeypatch.setattr(services, "job_validate", _boom)
    tasks.job_validate_task.apply(args=(job.pk,), throw=False)
    job.refresh_from_db()
    assert (job.status, job.error) == (ImportJob.Status.FAILED, "validating")
    client.force_login(staff)
    assert "No pudimos terminar de validar el archivo." in _page(client, job)


def test_retry_resumes_from_the_cursor_and_creates_nobody_twice(
    client: Client, staff: User, settings
) -> None:
    job = _half_imported(staff, settings)
    assert services.job_fail(job_id=job.pk, stage=ImportJob.Status.IMPORTING)
    client.force_login(staff)
    response = client.post(reverse("imports:retry", args=[job.pk]))
    assert response.status_code == 302
    job.refresh_from_db()
    assert (job.status, job.error, job.cursor) == (ImportJob.Status.IMPORTING, "", 3)
    # What the worker does with the task the retry sent, twice (a duplicate delivery).
    tasks.job_import_task.apply(args=(job.pk,))
    tasks.job_import_task.apply(args=(job.pk,))
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE
    assert job.result == {"new": 5, "updated": 0, "unchanged": 0, "rejected": 0}
    assert ImportedAccount.objects.filter(job=job).count() == 5
    assert User.objects.filter(email__startswith="importada").count() == 5


def test_a_stalled_job_shows_retry_and_a_moving_one_does_not(
    client: Client, staff: User, settings
) -> None:
    job = _half_imported(staff, settings)
    client.force_login(staff)
    assert 'data-testid="retry"' not in _page(client, job)
    response = client.post(reverse("imports:retry", args=[job.pk]), follow=True)
    assert "Esta importación no necesita reintentarse." in response.content.decode()
    later = timezone.now() + datetime.timedelta(seconds=settings.IMPORTS_STALL_SECONDS + 60)
    with time_machine.travel(later):
        page = _page(client, job)
        assert "Esta importación no avanza desde hace rato." in page
        assert 'data-testid="retry"' in page
        assert client.post(reverse("imports:retry", args=[job.pk])).status_code == 302
    job.refresh_from_db()
    assert (job.status, job.cursor) == (ImportJob.Status.IMPORTING, 3)


@pytest.fixture
def account(staff: User) -> ImportedAccount:
    job = imported_job(people(1), staff)
    services.claim_invitations_send(job_id=job.pk)
    return ImportedAccount.objects.select_related("user", "job").get()


def _resend(client: Client, account: ImportedAccount, follow: bool = False):
    url = reverse("imports:resend", args=[account.job_id, account.pk])
    return client.post(url, follow=follow)


def test_resend_mails_a_new_link_that_works_at_most_once_in_ten_minutes(
    client: Client, staff: User, account: ImportedAccount
) -> None:
    client.force_login(staff)
    page = client.get(reverse("imports:accounts", args=[account.job_id])).content.decode()
    assert 'data-testid="resend"' in page
    refused = _resend(client, account, follow=True).content.decode()
    assert "Ya enviaste una invitación a importada1@example.org hace poco" in refused
    assert len(mail.outbox) == 1
    # The first link expired: a month later it is refused, and a resent one works.
    later = timezone.now() + datetime.timedelta(days=31)
    with time_machine.travel(later):
        old_url = re.search(r"http://\S+(/reclamar-perfil/\S+/)", mail.outbox[0].body)[1]
        assert client.get(old_url).status_code == 410
        client.force_login(staff)  # the session from a month ago has expired
        response = _resend(client, account, follow=True)
        assert "Enviamos una nueva invitación a importada1@example.org." in (
            response.content.decode()
        )
        assert len(mail.outbox) == 2
        assert mail.outbox[1].to == ["importada1@example.org"]
        new_url = re.search(r"http://\S+(/reclamar-perfil/\S+/)", mail.outbox[1].body)[1]
        assert new_url != old_url
        client.logout()
        assert client.get(new_url).status_code == 200
        data = {"new_password1": PASSWORD, "new_password2": PASSWORD, "consents": "on"}
        assert client.post(new_url, data).status_code == 302
    account.refresh_from_db()
    assert account.is_claimed


def test_a_claimed_account_gets_no_resend(
    client: Client, staff: User, account: ImportedAccount
) -> None:
    services.account_claim(account=account, password=PASSWORD, consents=True)
    client.force_login(staff)
    page = client.get(reverse("imports:accounts", args=[account.job_id])).content.decode()
    assert 'data-testid="account-row"' in page
    assert 'data-testid="resend"' not in page
    with time_machine.travel(timezone.now() + datetime.timedelta(hours=1)):
        response = _resend(client, account, follow=True)
    assert "ya reclamó su perfil" in response.content.decode()
    assert len(mail.outbox) == 1


@pytest.mark.parametrize("persona", ["stranger", "expert_owner", "liaison", "chapter_member"])
def test_people_without_the_role_cannot_retry_or_resend(
    request: pytest.FixtureRequest, client: Client, account: ImportedAccount, persona: str
) -> None:
    job = account.job
    assert job is not None
    ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.FAILED, error="importing")
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("imports:accounts", args=[job.pk])).status_code == 404
    with time_machine.travel(timezone.now() + datetime.timedelta(hours=1)):
        assert _resend(client, account).status_code == 404
    assert client.post(reverse("imports:retry", args=[job.pk])).status_code == 404
    job.refresh_from_db()
    assert job.status == ImportJob.Status.FAILED
    assert len(mail.outbox) == 1


def test_a_coordinator_resends_in_their_chapter_only(
    client: Client, coordinator: User, other_coordinator: User, chapter
) -> None:
    job = imported_job(people(1), coordinator, chapter)
    account = ImportedAccount.objects.get(job=job)
    client.force_login(other_coordinator)
    assert _resend(client, account).status_code == 404
    client.force_login(coordinator)
    assert _resend(client, account).status_code == 302
    assert len(mail.outbox) == 1


def test_the_people_page_reads_a_bounded_number_of_queries(
    client: Client, staff: User, django_assert_max_num_queries
) -> None:
    job = imported_job(people(15), staff)
    client.force_login(staff)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("imports:accounts", args=[job.pk]))
    assert response.content.decode().count('data-testid="account-row"') == 15
