"""Reads that tolerate replica lag go to the read replica; everything else to the primary.

Routing is explicit: the selectors whose lists may be a second old (the expert directory, the
API's list endpoints) call `replica_alias()` and read `.using()` it. Nothing guesses: the
router below sends every write and migration to `default`, and any read without an explicit
alias goes there too. `replica_alias()` itself answers `default` when there is no replica
(DATABASE_REPLICA_URL unset), inside a transaction (its reads must see its own writes), and
after this request or task wrote anything (read-your-writes: a list shown right after a save
must include the save). Imports no app: any layer may use it.
"""

from contextvars import ContextVar
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections

REPLICA = "replica"

# Writes that are bookkeeping about the request itself (a key's last use, the session) do not
# change what a list shows, so they do not pin the rest of the request to the primary.
BOOKKEEPING = frozenset({"partners.apikey", "sessions.session", "network.heartbeat"})

_wrote: ContextVar[bool] = ContextVar("puentes_wrote_to_primary", default=False)


def replica_alias() -> str:
    """The alias a lag-tolerant read should use now."""
    if REPLICA not in connections.settings or _wrote.get():
        return DEFAULT_DB_ALIAS
    if connections[DEFAULT_DB_ALIAS].in_atomic_block:
        return DEFAULT_DB_ALIAS
    return REPLICA


def forget_writes(**kwargs: Any) -> None:
    """A new request starts without writes (connected to `request_started`)."""
    _wrote.set(False)


class PrimaryRouter:
    """Writes and migrations on the primary; reads default to it unless a selector says so."""

    def db_for_read(self, model: type, **hints: Any) -> str:
        return DEFAULT_DB_ALIAS

    def db_for_write(self, model: type, **hints: Any) -> str:
        if model._meta.label_lower not in BOOKKEEPING:  # type: ignore[attr-defined]  # noqa: SLF001 - Django public API
            _wrote.set(True)
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool:
        # The replica holds the same rows: objects read from either may be related.
        return True

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool:
        return db == DEFAULT_DB_ALIAS
