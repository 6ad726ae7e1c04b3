"""Abuse reports: a reason is required; staff cannot read a thread until one side reports it,
then they see it (read-only, with the report) in the Django admin."""

import pytest
from django.test import Client
from django.urls import reverse

from conversations.models import AbuseReport
from tests.factories.conversations import MessageFactory

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _report(client: Client, thread, **data):
    return client.post(reverse("conversations:report", args=[thread.engagement_id]), data)


def test_a_report_needs_a_reason(thread, liaison):
    response = _report(_client(liaison), thread, reason="   ")

    assert response.status_code == 400
    assert "Cuéntanos qué pasó para que podamos revisarlo." in response.content.decode()
    assert not AbuseReport.objects.exists()
    thread.refresh_from_db()
    assert thread.reported_at is None


def test_staff_see_a_thread_in_the_admin_only_once_it_is_reported(thread, liaison, expert, staff):
    message = MessageFactory(thread=thread, author=expert.user, body="Un mensaje ofensivo")
    admin = _client(staff)
    changelist = reverse("admin:conversations_thread_changelist")
    change = reverse("admin:conversations_thread_change", args=[thread.pk])
    site_page = reverse("conversations:thread", args=[thread.engagement_id])

    assert "Un mensaje ofensivo" not in admin.get(changelist).content.decode()
    assert admin.get(change).status_code == 302  # "does not exist": back to the admin index
    assert admin.get(site_page).status_code == 404

    response = _report(_client(liaison), thread, reason="Me insultó", message=message.pk)

    assert response.status_code == 302
    report = AbuseReport.objects.get()
    assert (report.thread, report.message, report.reported_by, report.reason) == (
        thread,
        message,
        liaison,
        "Me insultó",
    )
    listed = admin.get(changelist).content.decode()
    assert str(thread) in listed
    page = admin.get(change).content.decode()
    assert "Un mensaje ofensivo" in page
    assert "Me insultó" in page
    reports = admin.get(reverse("admin:conversations_abusereport_changelist")).content.decode()
    assert "Me insultó" in reports
    # Read-only: nothing to save or delete.
    assert 'name="_save"' not in page
    assert admin.post(change, {}).status_code == 403
    # Still not in the site's thread page: the admin is where staff read it.
    assert admin.get(site_page).status_code == 404


def test_the_report_link_of_a_message_opens_the_form_for_that_message(thread, liaison, expert):
    message = MessageFactory(thread=thread, author=expert.user)
    url = reverse("conversations:thread", args=[thread.engagement_id])

    html = _client(liaison).get(url, {"reportar": message.pk}).content.decode()

    assert f'?reportar={message.pk}#report-title"' in html
    assert f'name="message" value="{message.pk}"' in html


def test_a_message_of_another_thread_is_not_attached_to_a_report(thread, liaison):
    elsewhere = MessageFactory()

    _report(_client(liaison), thread, reason="Spam", message=elsewhere.pk)

    assert AbuseReport.objects.get().message is None
