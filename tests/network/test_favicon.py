"""Browsers ask for /favicon.ico on a first visit: it answers the site's icon without a query
(it was a 404 that filled the logs), and every layout names the icon."""

import pytest
from django.contrib.staticfiles import finders
from django.test import RequestFactory
from django.urls import reverse
from django.views.defaults import server_error

pytestmark = pytest.mark.django_db


def test_favicon_ico_redirects_to_the_static_icon_without_a_query(
    client, django_assert_num_queries
):
    with django_assert_num_queries(0):
        response = client.get("/favicon.ico")

    assert response.status_code == 302
    assert response["Location"] == "/static/img/favicon.svg"
    assert "max-age" in response["Cache-Control"]
    icon = finders.find("img/favicon.svg")
    assert icon is not None
    with open(icon, encoding="utf-8") as svg:
        assert svg.read().lstrip().startswith("<svg")


def test_the_site_and_standalone_layouts_name_the_icon(client):
    icon = '<link rel="icon" href="/static/img/favicon.svg" type="image/svg+xml">'

    assert icon in client.get(reverse("home")).content.decode()
    assert icon in server_error(RequestFactory().get("/")).content.decode()


def test_favicon_ico_costs_no_query_for_a_signed_in_visitor_either(
    client, expert_owner, django_assert_num_queries
):
    client.force_login(expert_owner)

    with django_assert_num_queries(0):
        response = client.get("/favicon.ico")

    assert response.status_code == 302
