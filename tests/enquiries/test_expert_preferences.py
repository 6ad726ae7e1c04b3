import pytest
from django.urls import reverse

from tests.profiles.test_expert_onboarding import step_4

pytestmark = pytest.mark.django_db


def test_an_expert_sets_whether_and_how_often_brokers_may_ask_on_their_profile(client, expert):
    client.force_login(expert.user)
    url = reverse("profiles:edit", args=["que-ofreces"])
    page = client.get(url).content.decode()
    assert 'name="open_to_introductions"' in page
    assert 'name="introductions_per_quarter"' in page

    response = client.post(url, step_4(introductions_per_quarter="1"))
    assert response.status_code == 302
    expert.refresh_from_db()
    assert expert.open_to_introductions is False  # the box was left unticked
    assert expert.introductions_per_quarter == 1

    client.post(url, step_4(open_to_introductions="on"))  # the limit left out keeps its value
    expert.refresh_from_db()
    assert expert.open_to_introductions is True
    assert expert.introductions_per_quarter == 1
    bad = client.post(url, step_4(introductions_per_quarter="99"))
    assert bad.status_code == 200
    expert.refresh_from_db()
    assert expert.introductions_per_quarter == 1
