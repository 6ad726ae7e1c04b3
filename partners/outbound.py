"""Outbound HTTP for webhooks: timeouts, no redirects, no proxies, no private addresses (SSRF).

A receiver's host name is resolved once, every address it resolves to is checked, and the
connection goes to the checked address (TLS still verifies the certificate against the host
name), so a DNS answer that changes between the check and the connection cannot point the
request at an internal service.
"""

import ipaddress
import socket
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import SplitResult, urlsplit, urlunsplit

import requests
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from requests.adapters import HTTPAdapter

LOCAL_HOST_NAMES = frozenset({"localhost", "localhost.localdomain", "ip6-localhost"})


class DestinationRefused(Exception):
    """The URL may not receive webhooks (bad scheme, private or loopback address…). Trying
    again cannot help: a delivery refused for this fails at once."""


@dataclass(frozen=True)
class OutboundResult:
    status_code: int | None
    duration_ms: int
    error: str = ""
    # The guard refused the destination: no request was sent and none should be retried.
    refused: bool = False

    @property
    def ok(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300


def _allow_loopback() -> bool:
    return bool(getattr(settings, "PARTNERS_WEBHOOK_ALLOW_LOOPBACK", False))


# IPv4 ranges that are never a partner's server (RFC 6890 and its updates). Python's
# `is_global` misses some of them (192.0.0.0/24 beyond /29, 192.88.99.0/24), so they are listed.
_REFUSED_IPV4 = tuple(
    ipaddress.IPv4Network(network)
    for network in (
        "0.0.0.0/8",  # "this network"
        "10.0.0.0/8",
        "100.64.0.0/10",  # carrier-grade NAT
        "127.0.0.0/8",
        "169.254.0.0/16",  # link-local (cloud metadata services)
        "172.16.0.0/12",
        "192.0.0.0/24",  # IETF protocol assignments
        "192.0.2.0/24",  # documentation (TEST-NET-1)
        "192.88.99.0/24",  # 6to4 relay anycast
        "192.168.0.0/16",
        "198.18.0.0/15",  # benchmarking
        "198.51.100.0/24",  # documentation (TEST-NET-2)
        "203.0.113.0/24",  # documentation (TEST-NET-3)
        "224.0.0.0/4",  # multicast
        "240.0.0.0/4",  # reserved, and 255.255.255.255 (broadcast)
    )
)
# Global unicast IPv6 is 2000::/3 (everything else: loopback, unspecified, IPv4-mapped and
# -compatible, NAT64's local-use 64:ff9b:1::/48, discard, ULA fc00::/7, link-local, site-local
# fec0::/10, multicast). Inside it, these carry an IPv4 address or are not routable: 6to4 and
# Teredo tunnel to the IPv4 they embed (2002:7f00:1:: is 127.0.0.1), so they are refused whole.
_GLOBAL_UNICAST_IPV6 = ipaddress.IPv6Network("2000::/3")
_REFUSED_IPV6 = tuple(
    ipaddress.IPv6Network(network)
    for network in (
        "2001::/23",  # IETF protocol assignments, Teredo 2001::/32 among them
        "2001:db8::/32",  # documentation
        "2002::/16",  # 6to4
        "3fff::/20",  # documentation
    )
)
# NAT64's well-known prefix (RFC 6052) reaches the IPv4 address in its last 32 bits: allowed
# only when that address is itself allowed (a DNS64 resolver answers with it for IPv4 hosts).
_NAT64_WELL_KNOWN = ipaddress.IPv6Network("64:ff9b::/96")


def _ipv4_is_forbidden(ip: ipaddress.IPv4Address, *, allow_loopback: bool) -> bool:
    if ip.is_loopback:
        return not allow_loopback
    return any(ip in network for network in _REFUSED_IPV4) or not ip.is_global


def _ipv6_is_forbidden(ip: ipaddress.IPv6Address, *, allow_loopback: bool) -> bool:
    if ip.ipv4_mapped is not None:
        return _ipv4_is_forbidden(ip.ipv4_mapped, allow_loopback=allow_loopback)
    if ip in _NAT64_WELL_KNOWN:
        embedded = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
        return _ipv4_is_forbidden(embedded, allow_loopback=False)
    if ip.is_loopback:
        return not allow_loopback
    if ip not in _GLOBAL_UNICAST_IPV6 or any(ip in network for network in _REFUSED_IPV6):
        return True
    return not ip.is_global


def address_is_forbidden(address: str, *, allow_loopback: bool = False) -> bool:
    """Whether a webhook may not connect to `address`: anything but global unicast is refused
    (an allow-list, not a list of known private ranges); loopback only with `allow_loopback`
    (tests run their receiver on 127.0.0.1). IPv6 forms that embed an IPv4 address are judged
    by it or refused whole (see the tables above)."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address):
        return _ipv6_is_forbidden(ip, allow_loopback=allow_loopback)
    return _ipv4_is_forbidden(ip, allow_loopback=allow_loopback)


def _check_scheme_and_credentials(parts: SplitResult) -> None:
    if parts.scheme not in ("https", "http"):
        raise DestinationRefused(_("La URL debe empezar con https://."))
    if parts.scheme == "http" and getattr(settings, "PARTNERS_WEBHOOK_REQUIRE_HTTPS", True):
        raise DestinationRefused(_("La URL debe usar https://."))
    if parts.username or parts.password:
        raise DestinationRefused(
            _("No incluyas usuario ni contraseña en la URL: verifica la firma de cada entrega.")
        )


def destination_check_url(url: str) -> None:
    """What can be checked without the network (used when a subscription is saved)."""
    parts = urlsplit(url)
    _check_scheme_and_credentials(parts)
    host = (parts.hostname or "").rstrip(".").lower()
    if not host:
        raise DestinationRefused(_("La URL no tiene un nombre de servidor."))
    try:
        port = parts.port
    except ValueError as error:
        raise DestinationRefused(_("El puerto de la URL no es válido.")) from error
    if port == 0:
        raise DestinationRefused(_("El puerto de la URL no es válido."))
    allow_loopback = _allow_loopback()
    if host in LOCAL_HOST_NAMES or host.endswith(".localhost"):
        if not allow_loopback:
            raise DestinationRefused(_("La URL apunta a este mismo servidor."))
        return
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return  # a name: resolved and checked when delivering
    if address_is_forbidden(host, allow_loopback=allow_loopback):
        raise DestinationRefused(_("La URL apunta a una dirección privada o reservada."))


def _resolve_checked(host: str, port: int) -> str:
    allow_loopback = _allow_loopback()
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise DestinationRefused(_("No se pudo resolver el nombre del servidor.")) from error
    addresses = list(dict.fromkeys(str(info[4][0]) for info in infos))
    if not addresses:
        raise DestinationRefused(_("No se pudo resolver el nombre del servidor."))
    # Every address must be allowed: a name resolving to one public and one private address
    # would otherwise reach the private one on some attempts.
    if any(address_is_forbidden(a, allow_loopback=allow_loopback) for a in addresses):
        raise DestinationRefused(_("La URL apunta a una dirección privada o reservada."))
    return addresses[0]


class _PinnedHostAdapter(HTTPAdapter):
    """Connects to an already checked IP while TLS checks the certificate for `hostname`."""

    def __init__(self, hostname: str) -> None:
        self._hostname = hostname
        super().__init__(max_retries=0)

    def build_connection_pool_key_attributes(
        self, request: requests.PreparedRequest, verify: bool | str, cert: Any = None
    ) -> tuple[dict[str, Any], dict[str, Any]]:
        host_params, pool_kwargs = super().build_connection_pool_key_attributes(
            request, verify, cert
        )
        if host_params["scheme"] == "https":
            pool_kwargs["server_hostname"] = self._hostname
            pool_kwargs["assert_hostname"] = self._hostname
        return host_params, pool_kwargs


def post_json(*, url: str, body: bytes, headers: dict[str, str]) -> OutboundResult:
    """POST `body` to `url`. Never raises for network problems: they become the result."""
    started = time.monotonic()

    def elapsed() -> int:
        return int((time.monotonic() - started) * 1000)

    try:
        destination_check_url(url)
        parts = urlsplit(url)
        host = (parts.hostname or "").rstrip(".")  # destination_check_url ensured one
        port = parts.port or (443 if parts.scheme == "https" else 80)
        address = _resolve_checked(host, port)
    except DestinationRefused as error:
        return OutboundResult(None, elapsed(), str(error), refused=True)
    literal = f"[{address}]" if ":" in address else address
    pinned = urlunsplit((parts.scheme, f"{literal}:{port}", parts.path or "/", parts.query, ""))
    default_port = 443 if parts.scheme == "https" else 80
    host_header = host if port == default_port else f"{host}:{port}"
    timeout = (
        settings.PARTNERS_WEBHOOK_CONNECT_TIMEOUT,
        settings.PARTNERS_WEBHOOK_READ_TIMEOUT,
    )
    with requests.Session() as session:
        session.trust_env = False  # no proxies or .netrc from the environment
        adapter = _PinnedHostAdapter(host)
        session.mount("https://", adapter)
        session.mount("http://", adapter)
        try:
            response = session.post(
                pinned,
                data=body,
                headers={**headers, "Host": host_header},
                timeout=timeout,
                allow_redirects=False,
                stream=True,
            )
        except requests.Timeout:
            return OutboundResult(None, elapsed(), str(_("El servidor no respondió a tiempo.")))
        except requests.RequestException as error:
            return OutboundResult(None, elapsed(), f"{type(error).__name__}: {error}"[:500])
        with response:
            excerpt = next(response.iter_content(512), b"") if response.status_code >= 300 else b""
        failure = ""
        if not 200 <= response.status_code < 300:
            failure = excerpt.decode("utf-8", "replace")[:500]
        return OutboundResult(response.status_code, elapsed(), failure)
