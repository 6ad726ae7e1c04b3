"""A staffed or paused need leaves the API's project list too; its page stays (issue 12)."""

import pytest

from tests.factories.projects import PublishedProjectFactory

pytestmark = pytest.mark.django_db


def test_a_staffed_or_paused_project_leaves_the_api_list_but_keeps_its_page(api):
    open_need = PublishedProjectFactory(title="Abierto")
    staffed = PublishedProjectFactory(title="Cubierto")
    paused = PublishedProjectFactory(title="En pausa")
    staffed.staffed_at = paused.paused_at = open_need.published_at
    staffed.save()
    paused.save()

    listed = [item["id"] for item in api.get("/api/v1/projects/").json()["results"]]

    assert listed == [open_need.pk]
    assert api.get(f"/api/v1/projects/{staffed.pk}/").status_code == 200
