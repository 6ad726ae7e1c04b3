"""A chapter's page lists the shared needs that still look for people: one completed, staffed
or cancelled after it was shared is no longer offered to the members."""

import pytest
from django.urls import reverse
from django.utils import timezone

from chapters import services
from projects.models import Project
from tests.factories.projects import PublishedProjectFactory

pytestmark = pytest.mark.django_db


def test_a_shared_need_that_no_longer_takes_people_leaves_the_chapter_page(
    client, chapter, coordinator, chapter_member
):
    titles = ["Riego por goteo", "Cadena de frío", "Vinculación cancelada"]
    open_need, staffed, cancelled = (PublishedProjectFactory(title=t) for t in titles)
    for need in (open_need, staffed, cancelled):
        services.project_share(chapter=chapter, project=need, by=coordinator)
    Project.objects.filter(pk=staffed.pk).update(staffed_at=timezone.now())
    Project.objects.filter(pk=cancelled.pk).update(status="cancelled")
    client.force_login(chapter_member)

    html = client.get(reverse("chapters:detail", args=[chapter.slug])).content.decode()

    assert "Riego por goteo" in html
    assert "Cadena de frío" not in html
    assert "Vinculación cancelada" not in html
