"""The version of the experts' shared fragments (the directory's cards): bumped on the app's own
domain events, so a changed profile shows on the next request (network.web.cached_cards)."""

from typing import Any

from network.web import data_changed
from profiles import events

EXPERTS_DATA = "experts"


def experts_changed(sender: Any, **kwargs: Any) -> None:
    data_changed(EXPERTS_DATA)


def connect() -> None:
    for signal in (
        events.profile_changed,
        events.profile_hidden,
        events.account_deleted,
        events.account_suspended,
        events.account_reinstated,
    ):
        signal.connect(experts_changed, dispatch_uid="profiles.fragments")
