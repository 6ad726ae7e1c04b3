"""Demo institutions for local runs (called by seed_demo)."""

import io

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse

from profiles.demo import DEMO_PASSWORD, seed_institutions
from profiles.models import Institution, Membership, User

pytestmark = pytest.mark.django_db


def test_seed_creates_verified_institutions_across_the_region_and_one_pending():
    out = io.StringIO()

    institutions = seed_institutions(stdout=out)

    assert len(institutions) >= 10
    statuses = [i.verification_status for i in institutions]
    assert statuses.count("pending") == 1
    assert statuses.count("verified") == len(institutions) - 1
    assert {i.state.code for i in institutions} >= {
        "01",
        "06",
        "11",
        "14",
        "16",
        "18",
        "22",
        "24",
        "32",
    }
    assert "enlace@udg.example" in out.getvalue()


def test_seed_is_idempotent():
    seed_institutions()
    counts = (Institution.objects.count(), Membership.objects.count(), User.objects.count())

    seed_institutions()

    assert (Institution.objects.count(), Membership.objects.count(), User.objects.count()) == counts


def test_luis_enlace_administers_universidad_de_guadalajara_and_can_log_in(client):
    seed_institutions()
    luis = User.objects.get(email="enlace@udg.example")

    logged_in = client.post(
        reverse("account_login"), {"login": "enlace@udg.example", "password": DEMO_PASSWORD}
    )

    assert luis.name == "Luis Enlace"
    assert Membership.objects.get(user=luis).institution.name == "Universidad de Guadalajara"
    assert Membership.objects.get(user=luis).role == "admin"
    assert EmailAddress.objects.get(user=luis).verified
    assert logged_in.status_code == 302
    assert client.session["_auth_user_id"] == str(luis.pk)


def test_seed_keeps_a_moderators_decision_and_existing_passwords():
    seed_institutions()
    Institution.objects.filter(slug="cluster-autopartes-bajio").update(
        verification_status="verified"
    )
    luis = User.objects.get(email="enlace@udg.example")
    luis.set_password("otra-clave-2026")
    luis.save()

    seed_institutions()

    luis.refresh_from_db()
    assert Institution.objects.get(slug="cluster-autopartes-bajio").is_verified
    assert luis.check_password("otra-clave-2026")
