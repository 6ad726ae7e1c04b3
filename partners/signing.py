"""Webhook signatures: HMAC-SHA256 over "<timestamp>.<raw body>" (see partners/README.md).

Pure functions, so partners can copy `signature_verify` as the reference recipe.
"""

import hashlib
import hmac
import time

SIGNATURE_VERSION = "v1"
# A receiver should refuse deliveries whose timestamp is further than this from its clock.
DEFAULT_TOLERANCE_SECONDS = 300


def signature_compute(*, secret: str, timestamp: int, body: bytes) -> str:
    message = str(timestamp).encode() + b"." + body
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def signature_header(*, secrets: list[str], timestamp: int, body: bytes) -> str:
    """One `v1=<hex>` per secret: during a rotation both the new and the old secret sign."""
    return ", ".join(
        f"{SIGNATURE_VERSION}={signature_compute(secret=s, timestamp=timestamp, body=body)}"
        for s in secrets
    )


def signature_verify(
    *,
    secret: str,
    header: str,
    timestamp: str,
    body: bytes,
    tolerance: int = DEFAULT_TOLERANCE_SECONDS,
    now: float | None = None,
) -> bool:
    """True when one of the `v1=` values in `header` was made with `secret` for this body and
    the timestamp is recent (so a captured delivery cannot be replayed later)."""
    try:
        sent_at = int(timestamp)
    except (TypeError, ValueError):
        return False
    if abs((time.time() if now is None else now) - sent_at) > tolerance:
        return False
    expected = signature_compute(secret=secret, timestamp=sent_at, body=body)
    for part in header.split(","):
        version, _, value = part.strip().partition("=")
        if version == SIGNATURE_VERSION and hmac.compare_digest(value, expected):
            return True
    return False
