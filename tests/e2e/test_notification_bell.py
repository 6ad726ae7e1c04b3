"""Browser journey in real Chromium: an expert has a page open; an institution invites them;
the header's bell shows the new invitation without reloading (htmx polling); clicking it opens
the invitation, and the unread count drops."""

import uuid

import pytest
from playwright.sync_api import Page, expect

from notifications.models import Notification
from profiles.models import ExpertProfile, Institution, User
from projects import services as project_services
from tests.conftest import private_task_queues
from tests.factories.profiles import PASSWORD
from tests.factories.projects import PublishedProjectFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _private_queue():
    """Tasks enqueued on commit (the e-mail, matching) go to a queue nobody reads, emptied
    afterwards, so they never reach a developer's worker."""
    with private_task_queues(f"test-e2e-bell-{uuid.uuid4().hex[:10]}"):
        yield


def test_the_bell_shows_a_new_invitation_and_opening_it_reads_it(
    page: Page,
    live_server,
    settings,
    expert: ExpertProfile,
    liaison: User,
    institution: Institution,
) -> None:
    settings.NOTIFICATIONS_BELL_POLL_SECONDS = 1
    project = PublishedProjectFactory.create(
        institution=institution, title="Cadena de frío del aguacate"
    )

    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Correo electrónico").fill(expert.user.email)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Iniciar sesión").click()
    bell = page.get_by_test_id("notification-bell")
    expect(bell).to_be_visible()
    expect(page.get_by_test_id("notification-count")).to_have_count(0)

    # The institution invites her while her page stays open.
    project_services.invitation_create(
        project=project, expert=expert, message="Nos encantaría contar contigo.", by=liaison
    )

    count = page.get_by_test_id("notification-count")
    expect(count).to_contain_text("1")
    bell.click()
    item = page.get_by_test_id("bell-item").first
    expect(item).to_contain_text("te invita a «Cadena de frío del aguacate»")
    item.click()

    expect(page.get_by_role("heading", name="Cadena de frío del aguacate")).to_be_visible()
    expect(page.get_by_text("Nos encantaría contar contigo.")).to_be_visible()
    expect(page.get_by_role("button", name="Aceptar invitación")).to_be_visible()
    expect(page.get_by_test_id("notification-count")).to_have_count(0)
    assert Notification.objects.get(recipient=expert.user).read_at is not None
