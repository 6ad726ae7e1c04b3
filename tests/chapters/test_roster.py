"""The roster follows the privacy rules (hidden profiles only for this chapter's coordinators)
and its CSV export is audited and safe to open in a spreadsheet."""

import csv
import io

import pytest
from django.urls import reverse

from chapters.exports import safe_cell
from profiles.models import AuditEntry
from tests.factories.chapters import MembershipFactory
from tests.factories.profiles import ExpertProfileFactory, state

pytestmark = pytest.mark.django_db


@pytest.fixture
def hidden_member(chapter):
    profile = ExpertProfileFactory(user__name="Helena Oculta", visibility="hidden")
    MembershipFactory(chapter=chapter, user=profile.user)
    return profile


def test_hidden_profiles_are_seen_by_this_chapters_coordinators_only(
    chapter, hidden_member, coordinator, chapter_member, staff, client_as
):
    url = reverse("chapters:roster", args=[chapter.slug])

    assert "Helena Oculta" in client_as(coordinator).get(url).content.decode()
    assert "Helena Oculta" not in client_as(chapter_member).get(url).content.decode()
    assert "Helena Oculta" not in client_as(staff).get(url).content.decode()


def test_roster_filters_by_sector_origin_state_and_language(chapter, coordinator, client_as):
    wanted = ExpertProfileFactory(
        user__name="Rita Filtrada",
        sector="public",
        origin_state=state("14"),
        languages={"de": "fluent"},
    )
    other = ExpertProfileFactory(user__name="Otto Fuera", sector="public", origin_state=state("16"))
    for profile in (wanted, other):
        MembershipFactory(chapter=chapter, user=profile.user)
    url = reverse("chapters:roster", args=[chapter.slug])

    page = (
        client_as(coordinator)
        .get(url, {"sector": "public", "origin_state": state("14").pk, "language": "de"})
        .content.decode()
    )

    assert "Rita Filtrada" in page
    assert "Otto Fuera" not in page


def test_roster_csv_is_audited_and_defuses_formulas(chapter, coordinator, client_as):
    evil = ExpertProfileFactory(user__name='=HYPERLINK("http://evil.example")', city="+Houston")
    MembershipFactory(chapter=chapter, user=evil.user)

    response = client_as(coordinator).get(reverse("chapters:roster_csv", args=[chapter.slug]))

    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    names = [row[0] for row in rows[1:]]
    assert '\'=HYPERLINK("http://evil.example")' in names
    assert "'+Houston" in [row[2] for row in rows[1:]]
    assert all(not cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)
    entry = AuditEntry.objects.get(action="chapters.roster_exported")
    assert (entry.actor, entry.object_id) == (coordinator, str(chapter.pk))


@pytest.mark.parametrize(
    ("value", "safe"),
    [
        ("=1+1", "'=1+1"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("Ana", "Ana"),
        (None, ""),
    ],
)
def test_cells_that_a_spreadsheet_would_run_get_an_apostrophe(value, safe):
    assert safe_cell(value) == safe
