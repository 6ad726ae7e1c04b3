"""Sessions: kept in the database and read through the cache, refusing session keys Django never
issues.

Reads come from Redis (no query per signed-in request, issue 20); every write goes to both, and
the database stays the record (a cache flushed or restarted loses no one's session). Ending a
session goes through the store (`session_delete`), which clears both: deleting a `Session` row
alone would leave its cached copy alive until it expires.

A cookie is client input: Django's store looks any key of 8+ characters up in the database,
and a NUL byte in it (PostgreSQL text cannot hold one) made that lookup raise ValueError on
every page, for anyone, before authentication (issue 18). Keys are 32 characters of
VALID_KEY_CHARS; anything else is treated as no session at all (a fresh one is started).
"""

from typing import Any

from django.contrib.sessions.backends.base import VALID_KEY_CHARS
from django.contrib.sessions.backends.cached_db import SessionStore as CachedDatabaseSessionStore


class SessionStore(CachedDatabaseSessionStore):
    def _validate_session_key(self, key: Any) -> bool:
        return (
            isinstance(key, str)
            and 8 <= len(key) <= 40
            and all(char in VALID_KEY_CHARS for char in key)
        )


def session_delete(session_key: str) -> None:
    """End one session: its database row and its cached copy."""
    SessionStore(session_key=session_key).delete()
