"""Fixed-window counters in the cache (Redis) for the public form: no outside service."""

import hashlib

from django.core.cache import cache

PERIODS = {"minute": 60, "hour": 3600, "day": 86400}


def parse_rate(rate: str) -> tuple[int, int]:
    """ "3/day" -> (3, 86400)."""
    count, _slash, period = rate.partition("/")
    return int(count), PERIODS[period.strip()]


def hit(scope: str, identity: str, rate: str) -> bool:
    """Count one attempt of `identity` (hashed: no address or IP is stored in clear) and say
    whether it is still within `rate`."""
    limit, seconds = parse_rate(rate)
    digest = hashlib.sha256(identity.strip().lower().encode()).hexdigest()[:32]
    key = f"enquiries:rate:{scope}:{digest}"
    if cache.add(key, 1, timeout=seconds):
        return limit >= 1
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=seconds)
        count = 1
    return count <= limit
