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
    """The URL may not receive webhooks (bad scheme, private or loopback address…)."""


@dataclass(frozen=True)
class OutboundResult:
    status_code: int | None
    duration_ms: int
    error: str = ""

    @property
    def ok(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300


def _allow_loopback() -> bool:
    return bool(getattr(settings, "PARTNERS_WEBHOOK_ALLOW_LOOPBACK", False))


def address_is_forbidden(address: str, *, allow_loopback: bool = False) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    if ip.is_loopback:
        return not allow_loopback
    return (
        ip.is_private
        or ip.is_link_local
        or ip.is_multicast
        or ip.is_reserved
        or ip.is_unspecified
        or not ip.is_global
    )


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
        return OutboundResult(status_code=None, duration_ms=elapsed(), error=str(error))
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
