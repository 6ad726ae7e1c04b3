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


# Every range the guard must refuse, by family (issue 18). Each row: an address and the range.
REFUSED_TABLE = [
    ("2002:7f00:1::", "6to4 embedding 127.0.0.1"),
    ("2002:a00:1::1", "6to4 embedding 10.0.0.1"),
    ("2002:808:808::1", "6to4 embedding a public address (the tunnel itself is refused)"),
    ("2001:0:4136:e378:8000:63bf:3fff:fdd2", "Teredo"),
    ("2001::1", "Teredo"),
    ("64:ff9b::7f00:1", "NAT64 embedding 127.0.0.1"),
    ("64:ff9b::a9fe:a9fe", "NAT64 embedding 169.254.169.254"),
    ("64:ff9b::c0a8:1", "NAT64 embedding 192.168.0.1"),
    ("64:ff9b:1::a00:1", "NAT64 local-use prefix"),
    ("::ffff:127.0.0.1", "IPv4-mapped loopback"),
    ("::ffff:192.0.0.8", "IPv4-mapped IETF protocol assignment"),
    ("::127.0.0.1", "IPv4-compatible loopback"),
    ("::8.8.8.8", "IPv4-compatible (deprecated)"),
    ("fec0::1", "site-local"),
    ("feff::1", "site-local"),
    ("fe80::1", "link-local"),
    ("fe80::1%eth0", "link-local with a zone"),
    ("169.254.1.1", "link-local"),
    ("::1", "loopback"),
    ("127.0.0.1", "loopback"),
    ("127.255.255.254", "loopback"),
    ("::", "unspecified"),
    ("fc00::1", "unique local"),
    ("fd12:3456::1", "unique local"),
    ("10.0.0.1", "private"),
    ("172.31.255.255", "private"),
    ("192.168.1.1", "private"),
    ("100.64.0.1", "CGNAT"),
    ("100.127.255.254", "CGNAT"),
    ("0.0.0.0", "this network"),
    ("0.1.2.3", "this network"),
    ("192.0.0.8", "IETF protocol assignments (outside the /29 Python knows)"),
    ("192.0.0.255", "IETF protocol assignments"),
    ("192.0.2.1", "TEST-NET-1"),
    ("192.88.99.1", "6to4 relay anycast"),
    ("198.18.0.1", "benchmarking"),
    ("198.19.255.255", "benchmarking"),
    ("198.51.100.7", "TEST-NET-2"),
    ("203.0.113.9", "TEST-NET-3"),
    ("224.0.0.1", "multicast"),
    ("239.255.255.250", "multicast"),
    ("240.0.0.1", "reserved"),
    ("255.255.255.255", "broadcast"),
    ("ff02::1", "IPv6 multicast"),
    ("100::1", "discard-only"),
    ("2001:db8::1", "documentation"),
    ("3fff::1", "documentation"),
]


@pytest.mark.parametrize(("address", "kind"), REFUSED_TABLE)
def test_the_guard_refuses_every_special_range(address, kind):
    assert address_is_forbidden(address) is True, kind


@pytest.mark.parametrize(
    "address",
    ["2002:7f00:1::", "64:ff9b::7f00:1", "::127.0.0.1", "fec0::1", "2001:0:7f00:1::"],
)
def test_the_loopback_setting_does_not_open_loopback_hidden_in_an_ipv6_embedding(
    address,
):
    assert address_is_forbidden(address, allow_loopback=True) is True


@pytest.mark.parametrize(
    "address",
    ["8.8.8.8", "2001:4860:4860::8888", "201.175.0.1", "64:ff9b::808:808", "::ffff:8.8.8.8"],
)
def test_public_addresses_are_allowed(address):
    assert address_is_forbidden(address) is False


def test_loopback_only_is_allowed_by_the_setting():
    assert address_is_forbidden("127.0.0.1", allow_loopback=True) is False
    assert address_is_forbidden("::1", allow_loopback=True) is False
    assert address_is_forbidden("10.0.0.1", allow_loopback=True) is True
    assert address_is_forbidden("::ffff:127.0.0.1", allow_loopback=True) is False


@pytest.mark.parametrize(
    "url", ["https://[2002:7f00:1::]/h", "https://[fec0::1]/h", "https://192.0.0.8/h"]
)
def test_urls_with_embedded_or_special_addresses_are_refused_when_saved(url, settings):
    settings.PARTNERS_WEBHOOK_ALLOW_LOOPBACK = False

    with pytest.raises(DestinationRefused):
        destination_check_url(url)


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
    assert result.refused is True
    assert result.error in (
        "La URL apunta a este mismo servidor.",
        "La URL apunta a una dirección privada o reservada.",
    )
