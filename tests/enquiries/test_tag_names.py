"""The broker's skill tags of an enquiry are listed by the name the reader sees, in the page's
language (they were in the order of the Spanish names on an English page)."""

import pytest
from django.utils import translation

from enquiries.forms import TagForm
from profiles.models.reference import normalize_term

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["en", "es"])
def test_enquiry_skill_tags_are_sorted_by_their_name_in_the_page_language(language):
    with translation.override(language):
        labels = [str(label) for value, label in TagForm().fields["skills"].choices if value]

    assert len(labels) > 50
    assert labels == sorted(labels, key=normalize_term)
