"""The database session store, refusing session keys Django never issues.

A cookie is client input: Django's store looks any key of 8+ characters up in the database,
and a NUL byte in it (PostgreSQL text cannot hold one) made that lookup raise ValueError on
every page, for anyone, before authentication (issue 18). Keys are 32 characters of
VALID_KEY_CHARS; anything else is treated as no session at all (a fresh one is started).
"""

from typing import Any

from django.contrib.sessions.backends.base import VALID_KEY_CHARS
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore


class SessionStore(DatabaseSessionStore):
    def _validate_session_key(self, key: Any) -> bool:
        return (
            isinstance(key, str)
            and 8 <= len(key) <= 40
            and all(char in VALID_KEY_CHARS for char in key)
        )
