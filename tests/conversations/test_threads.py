"""A thread after a match: opened when an interest or an invitation is accepted, readable and
writable by the expert and the institution's members only, plain text, paginated, with unread
markers and the "Mensajes" links on panels."""

import pytest
from django.test import Client
from django.urls import reverse

from conversations import services, views
from conversations.models import Message, Thread
from projects import services as project_services
from tests.factories.conversations import MessageFactory
from tests.factories.projects import (
    EngagementFactory,
    InvitationFactory,
    PublishedProjectFactory,
)

pytestmark = pytest.mark.django_db

PARTICIPANTS = ["expert_owner", "liaison", "teammate", "institution_admin"]
OUTSIDERS = ["stranger", "stranger_admin", "other_expert", "staff"]


def _user(request, name):
    person = request.getfixturevalue(name)
    return getattr(person, "user", person)  # other_expert is a profile


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _url(thread: Thread) -> str:
    return reverse("conversations:thread", args=[thread.engagement_id])


def test_accepting_an_interest_opens_the_engagements_thread(thread, engagement):
    assert thread.engagement == engagement
    assert services.thread_open(engagement_id=engagement.pk) == thread  # idempotent
    assert Thread.objects.count() == 1


def test_accepting_an_invitation_opens_the_engagements_thread(institution, liaison, expert):
    project = PublishedProjectFactory(institution=institution, created_by=liaison)
    invitation = InvitationFactory(project=project, expert=expert, invited_by=liaison)

    engagement = project_services.invitation_accept(invitation=invitation, by=expert.user)

    assert Thread.objects.filter(engagement=engagement).exists()


@pytest.mark.parametrize("persona", PARTICIPANTS)
def test_the_expert_and_every_member_of_the_institution_read_and_post(request, thread, persona):
    client = _client(_user(request, persona))

    page = client.get(_url(thread))
    posted = client.post(_url(thread), {"body": f"Hola de {persona}"})

    assert page.status_code == 200
    assert posted.status_code == 302
    message = Message.objects.get(thread=thread)
    assert (message.author, message.body) == (_user(request, persona), f"Hola de {persona}")
    assert posted["Location"] == _url(thread) + f"#m{message.pk}"


@pytest.mark.parametrize("persona", OUTSIDERS)
def test_anyone_else_gets_a_404_and_writes_nothing(request, thread, persona):
    MessageFactory(thread=thread, body="Privado")
    client = _client(_user(request, persona))
    engagement_pk = thread.engagement_id
    message = thread.messages.get()

    urls = [
        _url(thread),
        reverse("conversations:meeting_ics", args=[engagement_pk, message.pk]),
        reverse("conversations:attachment", args=[engagement_pk, message.pk]),
    ]
    assert [client.get(url).status_code for url in urls] == [404, 404, 404]
    posts = [
        client.post(_url(thread), {"body": "Intruso"}),
        client.post(reverse("conversations:report", args=[engagement_pk]), {"reason": "x"}),
        client.post(
            reverse("conversations:meeting_create", args=[engagement_pk]),
            {"date": "2030-01-01", "time": "10:00", "minutes": 60, "timezone_name": "UTC"},
        ),
    ]
    assert [response.status_code for response in posts] == [404, 404, 404]
    assert list(Message.objects.values_list("body", flat=True)) == ["Privado"]
    assert thread.reports.count() == 0


def test_anonymous_visitors_are_sent_to_sign_in(anonymous, thread):
    response = anonymous.get(_url(thread))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_a_former_team_mate_loses_access(thread, teammate):
    teammate.memberships.all().delete()

    assert _client(teammate).get(_url(thread)).status_code == 404


def test_a_thread_is_opened_on_first_visit_when_it_does_not_exist_yet(engagement, liaison):
    Thread.objects.all().delete()

    response = _client(liaison).get(reverse("conversations:thread", args=[engagement.pk]))

    assert response.status_code == 200
    assert Thread.objects.filter(engagement=engagement).count() == 1
    assert "Aún no hay mensajes" in response.content.decode()


def test_html_is_stored_as_typed_and_shown_escaped(thread, liaison):
    client = _client(liaison)
    body = '<script>alert("x")</script>\n<b>negrita</b>'

    client.post(_url(thread), {"body": body})
    html = client.get(_url(thread)).content.decode()

    assert Message.objects.get().body == body
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;<br>&lt;b&gt;negrita&lt;/b&gt;" in html


@pytest.mark.parametrize(
    ("body", "error"),
    [
        ("", "Escribe tu mensaje."),
        ("   \n\t  ", "Escribe tu mensaje."),
        ("a" * 5001, "Tu mensaje es demasiado largo: 5001 caracteres (máximo 5000)."),
    ],
)
def test_an_empty_blank_or_too_long_message_is_refused_with_a_clear_error(
    thread, liaison, body, error
):
    response = _client(liaison).post(_url(thread), {"body": body})

    assert response.status_code == 400
    assert error in response.content.decode()
    assert not Message.objects.exists()


def test_errors_are_translated_for_an_english_reader(thread, liaison):
    liaison.language = "en"
    liaison.save()
    client = _client(liaison)
    client.cookies["django_language"] = "en"

    response = client.post(_url(thread), {"body": " "}, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 400
    assert "Write your message." in response.content.decode()


def test_the_page_shows_the_latest_messages_oldest_first_with_a_link_to_older_ones(
    thread, liaison, settings
):
    settings.CONVERSATIONS_PAGE_SIZE = 3
    for n in range(5):
        MessageFactory(thread=thread, body=f"mensaje {n}")
    client = _client(liaison)

    latest = client.get(_url(thread))
    shown = [m.body for m in latest.context["page"].messages]
    cursor = latest.context["page"].older_cursor
    older = client.get(_url(thread), {"antes": cursor})

    assert shown == ["mensaje 2", "mensaje 3", "mensaje 4"]
    assert f"?antes={cursor}" in latest.content.decode()
    assert [m.body for m in older.context["page"].messages] == ["mensaje 0", "mensaje 1"]
    assert older.context["page"].older_cursor is None


def test_new_messages_are_marked_until_the_reader_opens_the_thread(thread, liaison, expert):
    MessageFactory(thread=thread, author=expert.user, body="¿Empezamos el lunes?")
    client = _client(liaison)
    dashboard = reverse("projects:dashboard")

    assert "1 sin leer" in client.get(dashboard).content.decode()
    first = client.get(_url(thread)).content.decode()
    second = client.get(_url(thread)).content.decode()

    assert ">Nuevo<" in first
    assert ">Nuevo<" not in second
    assert "sin leer" not in client.get(dashboard).content.decode()


def test_the_panels_and_the_project_page_link_to_the_thread(thread, liaison, expert):
    project_url = reverse("projects:detail", args=[thread.engagement.project_id])
    for user, url in [
        (liaison, reverse("projects:dashboard")),
        (liaison, project_url),
        (expert.user, reverse("projects:dashboard")),
        (expert.user, project_url),
        (expert.user, reverse("projects:engagement_detail", args=[thread.engagement_id])),
        (expert.user, reverse("conversations:list")),
    ]:
        assert f'href="{_url(thread)}"' in _client(user).get(url).content.decode(), url


def test_a_cancelled_collaborations_thread_is_read_only(thread, engagement, liaison):
    project_services.engagement_end(engagement=engagement, by=liaison, status="cancelled")
    client = _client(liaison)

    response = client.post(_url(thread), {"body": "¿Sigues ahí?"})

    assert response.status_code == 400
    assert "la conversación queda solo para consulta" in response.content.decode()
    assert not Message.objects.exists()


def test_the_thread_page_costs_the_same_queries_with_more_messages(
    thread, liaison, expert, django_assert_max_num_queries
):
    client = _client(liaison)
    for n in range(60):
        MessageFactory(thread=thread, author=(liaison if n % 2 else expert.user))

    with django_assert_max_num_queries(14):
        response = client.get(_url(thread))

    assert len(response.context["page"].messages) == 50


def test_the_list_of_threads_costs_the_same_queries_with_more_threads(
    liaison, institution, django_assert_max_num_queries
):
    for _ in range(8):
        engagement = EngagementFactory(project__institution=institution)
        MessageFactory(thread=services.thread_open(engagement_id=engagement.pk))
    client = _client(liaison)

    with django_assert_max_num_queries(8):
        response = client.get(reverse("conversations:list"))

    assert len(response.context["threads"]) == 8


def test_export_my_data_holds_the_messages_i_wrote_not_the_others(thread, liaison, expert):
    mine = MessageFactory(thread=thread, author=expert.user, body="Lo que yo escribí")
    MessageFactory(thread=thread, author=liaison, body="Lo que escribió Luis")
    client = _client(expert.user)

    data = client.get(reverse("profiles:my_data_export")).json()

    assert [(m["id"], m["body"]) for m in data["messages"]] == [(mine.pk, "Lo que yo escribí")]
    assert data["abuse_reports"] == []


def test_the_list_of_threads_is_paginated(liaison, institution, monkeypatch):
    monkeypatch.setattr(views, "THREADS_PER_PAGE", 2)
    for title in ["Primero", "Segundo", "Tercero"]:
        engagement = EngagementFactory(project__institution=institution, project__title=title)
        MessageFactory(thread=services.thread_open(engagement_id=engagement.pk))
    client = _client(liaison)

    first = client.get(reverse("conversations:list"))
    second = client.get(reverse("conversations:list"), {"page": 2})

    assert len(first.context["threads"]) == 2
    assert 'rel="next"' in first.content.decode()
    assert [t.engagement.project.title for t in second.context["threads"]] == ["Primero"]
