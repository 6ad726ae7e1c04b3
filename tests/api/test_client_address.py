"""The anonymous API throttle counts per real client: a forwarded address counts only when it
was written by a trusted proxy (TRUSTED_PROXY_COUNT), never because a client sent one."""

import pytest
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db

SCHEMA = "/api/v1/schema/"


def test_with_no_trusted_proxy_a_rotating_forwarded_header_does_not_bypass_the_throttle(
    settings,
):
    settings.TRUSTED_PROXY_COUNT = 0
    settings.PARTNERS_API_ANON_RATE = "3/minute"
    client = APIClient()

    statuses = [
        client.get(SCHEMA, HTTP_X_FORWARDED_FOR=f"198.51.100.{n}").status_code for n in range(4)
    ]

    assert statuses == [200, 200, 200, 429]


def test_with_one_trusted_proxy_the_throttle_counts_per_forwarded_client(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.PARTNERS_API_ANON_RATE = "2/minute"
    client = APIClient()
    for _ in range(2):
        assert client.get(SCHEMA, HTTP_X_FORWARDED_FOR="198.51.100.1").status_code == 200

    assert client.get(SCHEMA, HTTP_X_FORWARDED_FOR="198.51.100.1").status_code == 429
    # What the client wrote before the proxy's entry is not its address.
    spoofed = client.get(SCHEMA, HTTP_X_FORWARDED_FOR="10.9.9.9, 198.51.100.1")
    assert spoofed.status_code == 429
    assert client.get(SCHEMA, HTTP_X_FORWARDED_FOR="198.51.100.2").status_code == 200
