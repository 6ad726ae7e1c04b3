"""Claim links: e-mailed once, valid, expired, tampered with, used twice; nothing listed
before the person claims the profile and consents."""

import datetime
import re

import pytest
import time_machine
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from imports import services
from imports.models import ImportedAccount
from profiles.models import ExpertProfile, User
from tests.factories.imports import imported_job, people

pytestmark = pytest.mark.django_db
PASSWORD = "una-clave-larga-2026"


@pytest.fixture
def account(staff: User) -> ImportedAccount:
    imported_job(people(1), staff)
    return ImportedAccount.objects.select_related("user").get()


def _url(account: ImportedAccount) -> str:
    return reverse("imports:claim", kwargs={"token": services.claim_token(account)})


def _claim(client: Client, url: str, consents: bool = True):
    data = {"new_password1": PASSWORD, "new_password2": PASSWORD}
    if consents:
        data["consents"] = "on"
    return client.post(url, data)


def test_each_new_person_is_mailed_a_claim_link_once(staff: User) -> None:
    job = imported_job(people(3), staff)
    assert services.claim_invitations_send(job_id=job.pk) == 3
    assert services.claim_invitations_send(job_id=job.pk) == 0
    assert sorted(m.to[0] for m in mail.outbox) == [
        "importada1@example.org",
        "importada2@example.org",
        "importada3@example.org",
    ]
    assert mail.outbox[0].subject == "Tu perfil en Puentes te espera"
    assert re.search(r"http://\S+/reclamar-perfil/\S+/", mail.outbox[0].body)
    assert ImportedAccount.objects.filter(invited_at__isnull=True).count() == 0


def test_nothing_imported_is_listed_before_it_is_claimed(
    account: ImportedAccount, client: Client, expert_owner: User
) -> None:
    profile = account.user.expert_profile
    assert not ExpertProfile.objects.listed().filter(pk=profile.pk).exists()
    assert not ExpertProfile.objects.visible_to(expert_owner).filter(pk=profile.pk).exists()
    client.force_login(expert_owner)
    directory = client.get(reverse("profiles:directory"))
    assert account.user.name not in directory.content.decode()
    assert client.get(reverse("profiles:expert_detail", args=[profile.pk])).status_code == 404


def test_a_valid_link_sets_the_password_records_consent_and_lists_the_profile(
    account: ImportedAccount, client: Client
) -> None:
    page = client.get(_url(account))
    assert page.status_code == 200
    assert account.user.email in page.content.decode()
    response = _claim(client, _url(account))
    assert response.status_code == 302
    assert response.url == reverse("profiles:me")
    account.refresh_from_db()
    user = User.objects.get(pk=account.user_id)
    assert account.claimed_at is not None
    assert user.check_password(PASSWORD)
    profile = user.expert_profile
    assert profile.privacy_consent_at is not None
    assert ExpertProfile.objects.listed().filter(pk=profile.pk).exists()
    assert user.emailaddress_set.get().verified
    assert client.get(reverse("profiles:me")).status_code == 200  # signed in


def test_claiming_without_consent_changes_nothing(account: ImportedAccount, client: Client) -> None:
    response = _claim(client, _url(account), consents=False)
    assert response.status_code == 200
    assert "Para continuar debes aceptar el aviso de privacidad." in response.content.decode()
    account.refresh_from_db()
    assert account.claimed_at is None
    assert not User.objects.get(pk=account.user_id).has_usable_password()


def test_an_expired_link_is_refused(account: ImportedAccount, client: Client) -> None:
    url = _url(account)
    with time_machine.travel(timezone.now() + datetime.timedelta(days=31)):
        response = _claim(client, url)
    assert response.status_code == 410
    assert "Este enlace venció" in response.content.decode()
    account.refresh_from_db()
    assert account.claimed_at is None


def test_a_tampered_link_is_not_found(account: ImportedAccount, client: Client) -> None:
    token = services.claim_token(account)
    forged = token.replace(token[2], "x" if token[2] != "x" else "y", 1)
    url = reverse("imports:claim", kwargs={"token": forged})
    assert client.get(url).status_code == 404
    assert _claim(client, url).status_code == 404


def test_a_link_already_used_is_refused(account: ImportedAccount, client: Client) -> None:
    url = _url(account)
    _claim(client, url)
    Client().post(reverse("account_logout"))
    other = Client()
    response = other.post(
        url,
        {
            "new_password1": "otra-clave-2026!",
            "new_password2": "otra-clave-2026!",
            "consents": "on",
        },
    )
    assert response.status_code == 410
    assert "Este perfil ya fue reclamado" in response.content.decode()
    assert User.objects.get(pk=account.user_id).check_password(PASSWORD)


def test_a_coordinators_import_brings_the_claimer_into_the_chapter(
    coordinator: User, chapter, client: Client
) -> None:
    imported_job(people(1), coordinator, chapter=chapter)
    account = ImportedAccount.objects.get()
    _claim(client, _url(account))
    assert chapter.memberships.active().filter(user_id=account.user_id).exists()


def test_the_claim_page_speaks_tu_and_refuses_mismatched_passwords(
    account: ImportedAccount, client: Client
) -> None:
    response = client.post(
        _url(account),
        {"new_password1": PASSWORD, "new_password2": PASSWORD + "x", "consents": "on"},
    )
    page = response.content.decode()
    assert "Las dos contraseñas no coinciden." in page
    assert "usted" not in page.lower()
    assert " su contraseña" not in page.lower()
