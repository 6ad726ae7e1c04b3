"""Browser journey in real Chromium: staff imports a 5,000-row XLSX with 3 % bad rows (preview,
progress bar, the rejected rows' CSV), imports the same file again (nobody new), and an
imported person claims the profile from the e-mailed link.

The worker runs in a thread of this process (celery.contrib.testing), so the claim e-mails
land in Django's locmem outbox like every other mail of the journeys."""

import re
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from celery.contrib.testing.worker import start_worker
from django.core import mail
from playwright.sync_api import Browser, Page, expect

from imports.models import ImportedAccount
from network.celery import app as celery_app
from profiles.models import ExpertProfile, User
from tests.conftest import private_task_queues, task_queues
from tests.factories.imports import people, xlsx_bytes
from tests.factories.profiles import PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
ROWS = 5000
BAD_EVERY = 33  # 151 of 5,000 rows: 3 %


@pytest.fixture
def worker() -> Iterator[None]:
    prefix = f"test-e2e-imports-{uuid.uuid4().hex[:10]}"
    with (
        private_task_queues(prefix),
        start_worker(
            celery_app,
            pool="solo",
            perform_ping_check=False,
            queues=task_queues(prefix),
            shutdown_timeout=30,
        ),
    ):
        yield


def _sign_in(page: Page, url: str, user: User) -> None:
    page.goto(url + "/accounts/login/")
    page.get_by_label("Correo electrónico").fill(user.email)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Iniciar sesión").click()
    expect(page.get_by_test_id("notification-bell")).to_be_visible()


def _upload_and_validate(page: Page, sheet: Path) -> None:
    page.get_by_role("link", name="Importar miembros").first.click()
    page.get_by_label("Hoja de cálculo").set_input_files(sheet)
    page.get_by_role("button", name="Subir y asignar columnas").click(timeout=30_000)
    expect(page.get_by_role("heading", name="Asignar columnas")).to_be_visible()
    page.get_by_test_id("validate").click()


def _import(page: Page) -> None:
    page.get_by_test_id("start").click()
    expect(page.get_by_test_id("progress-bar")).to_be_visible()
    expect(page.get_by_test_id("job-status")).to_contain_text("Terminado", timeout=60_000)


def test_staff_imports_a_spreadsheet_twice_and_a_person_claims_the_profile(
    page: Page, browser: Browser, live_server, staff: User, worker: None, tmp_path: Path
) -> None:
    sheet = tmp_path / "miembros.xlsx"
    sheet.write_bytes(xlsx_bytes(people(ROWS, bad_every=BAD_EVERY)))
    _sign_in(page, live_server.url, staff)

    # First import: the preview and the dry run, then the import with its progress bar.
    _upload_and_validate(page, sheet)
    expect(page.get_by_test_id("count-new")).to_have_text("4849", timeout=30_000)
    expect(page.get_by_test_id("count-rejected")).to_have_text("151")
    expect(page.get_by_test_id("preview-row").first).to_contain_text("Correo electrónico inválido")
    _import(page)
    expect(page.get_by_test_id("count-new")).to_have_text("4849")

    with page.expect_download() as download:
        page.get_by_test_id("rejected-csv").click()
    lines = Path(download.value.path()).read_text(encoding="utf-8").splitlines()
    assert len(lines) == 152
    assert lines[1].startswith("34,Correo electrónico inválido: «no-es-un-correo».")

    # The same file again: nobody new.
    people_before = User.objects.count()
    _upload_and_validate(page, sheet)
    expect(page.get_by_test_id("count-unchanged")).to_have_text("4849", timeout=30_000)
    expect(page.get_by_test_id("count-new")).to_have_text("0")
    _import(page)
    assert User.objects.count() == people_before

    # An imported person follows the e-mailed link and claims the profile.
    message = next(m for m in mail.outbox if m.to == ["importada7@example.org"])
    path = re.search(r"https?://[^/\s]+(/reclamar-perfil/\S+)", message.body)[1]
    claimer = browser.new_context(locale="es-MX").new_page()
    claimer.goto(live_server.url + path)
    expect(claimer.get_by_text("importada7@example.org")).to_be_visible()
    claimer.locator("#id_new_password1").fill("una-clave-larga-2026")
    claimer.locator("#id_new_password2").fill("una-clave-larga-2026")
    claimer.get_by_label("Leí y acepto el aviso de privacidad.").check()
    claimer.get_by_test_id("claim").click()
    expect(claimer.get_by_text("Listo: tu perfil ya está activo en la red.")).to_be_visible()
    profile = ExpertProfile.objects.get(user__email="importada7@example.org")
    assert ExpertProfile.objects.listed().filter(pk=profile.pk).exists()
    assert ImportedAccount.objects.get(user=profile.user).is_claimed
