"""The SSRF guard of outbound webhook requests."""

import pytest

from partners.outbound import (
    DestinationRefused,
    address_is_forbidden,
    destination_check_url,
    post_json,
)


@pytest.mark.parametrize(
    "address",
    [
        "10.1.2.3",
        "172.16.0.1",
        "192.168.0.10",
        "127.0.0.1",
        "169.254.169.254",
        "0.0.0.0",
        "100.64.0.1",
        "224.0.0.1",
        "::1",
        "fe80::1",
        "fc00::1",
        "::ffff:127.0.0.1",
        "::ffff:10.0.0.1",
    ],
)
def test_private_loopback_link_local_and_reserved_addresses_are_forbidden(address):
    assert address_is_forbidden(address) is True


@pytest.mark.parametrize("address", ["8.8.8.8", "2001:4860:4860::8888", "201.175.0.1"])
def test_public_addresses_are_allowed(address):
    assert address_is_forbidden(address) is False


def test_loopback_only_is_allowed_by_the_setting():
    assert address_is_forbidden("127.0.0.1", allow_loopback=True) is False
    assert address_is_forbidden("::1", allow_loopback=True) is False
    assert address_is_forbidden("10.0.0.1", allow_loopback=True) is True


@pytest.mark.parametrize(
    "url",
    [
        "ftp://crm.example.org/h",
        "https://localhost/h",
        "https://api.localhost/h",
        "https://10.0.0.1/h",
        "https://[::1]:8443/h",
        "https://u:p@crm.example.org/h",
        "https://crm.example.org:0/h",
    ],
)
def test_urls_that_cannot_be_webhooks_are_refused_before_any_request(url, settings):
    settings.PARTNERS_WEBHOOK_ALLOW_LOOPBACK = False

    with pytest.raises(DestinationRefused):
        destination_check_url(url)


def test_a_name_that_resolves_to_loopback_is_refused_when_delivering(settings):
    settings.PARTNERS_WEBHOOK_ALLOW_LOOPBACK = False
    settings.PARTNERS_WEBHOOK_REQUIRE_HTTPS = False

    # "localhost." (with the root dot) slips past the name check; resolution catches it.
    result = post_json(url="http://localhost.:9/h", body=b"{}", headers={})

    assert result.status_code is None
    assert result.ok is False
    assert result.error in (
        "La URL apunta a este mismo servidor.",
        "La URL apunta a una dirección privada o reservada.",
    )
