"""Actions are offered only when they can succeed, with the reason otherwise."""

import pytest
from django.urls import reverse
from django.utils import translation

from profiles.models import Institution

pytestmark = pytest.mark.django_db


def test_send_to_review_is_offered_only_once_the_institution_is_verified(
    client, draft, liaison, institution
):
    client.force_login(liaison)
    url = reverse("projects:detail", args=[draft.pk])
    assert "Enviar a revisión" in client.get(url).content.decode()

    Institution.objects.filter(pk=institution.pk).update(verification_status="pending")
    page = client.get(url).content.decode()

    assert "Enviar a revisión" not in page
    assert reverse("projects:submit", args=[draft.pk]) not in page
    assert "Tu institución aún no está verificada" in page


def test_the_english_project_page_labels_the_start_date_as_such(client, draft, liaison):
    client.force_login(liaison)
    with translation.override("es"):  # leave the thread's language as it was
        client.post(reverse("set_language"), {"language": "en", "next": "/"})
        page = client.get(reverse("projects:detail", args=[draft.pk])).content.decode()

    assert "<dt>Home</dt>" not in page
    assert "<dt>Start date</dt>" in page
