"""The availability line of a profile agrees in number: one hour, one collaboration."""

import pytest
from django.urls import reverse

from tests.factories.profiles import ExpertProfileFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "hours", "most", "line"),
    [
        ("es", 1, 1, "1 hora al mes, hasta 1 colaboración a la vez"),
        ("es", 10, 3, "10 horas al mes, hasta 3 colaboraciones a la vez"),
        ("en", 1, 1, "1 hour per month, up to 1 collaboration at a time"),
        ("en", 10, 3, "10 hours per month, up to 3 collaborations at a time"),
    ],
)
def test_the_availability_line_agrees_with_its_numbers(client, language, hours, most, line):
    profile = ExpertProfileFactory(hours_per_month=hours, max_concurrent_engagements=most)
    profile.user.language = language
    profile.user.save(update_fields=["language"])
    client.force_login(profile.user)
    client.cookies["django_language"] = language

    html = " ".join(client.get(reverse("profiles:me")).content.decode().split())

    assert line in html
