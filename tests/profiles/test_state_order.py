"""States are listed in alphabetical order as a reader reads it: accents and case do not count
(the database's C collation put "México" after "Morelos" and "Yucatán")."""

import pytest
from django.urls import reverse

from profiles.forms.institutions import state_choices
from profiles.models import State
from profiles.models.reference import normalize_term
from projects.forms import ProjectFilterForm

pytestmark = pytest.mark.django_db


def _in_reading_order(names: list[str]) -> None:
    assert names.index("México") < names.index("Michoacán") < names.index("Morelos")


def test_states_come_in_reading_order_wherever_they_are_listed() -> None:
    _in_reading_order([s.name for s in State.objects.all()])
    _in_reading_order([str(s) for s in ProjectFilterForm().fields["state"].queryset])
    groups = [options for _, options in state_choices()[1:]]
    for group in groups:
        names = [name for _, name in group]
        assert names == sorted(names, key=normalize_term)


def test_the_project_filter_lists_mexico_before_morelos(client) -> None:
    page = client.get(reverse("projects:list")).content.decode()
    assert page.index(">México<") < page.index(">Morelos<")
