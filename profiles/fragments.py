"""The version of the experts' shared fragments (the directory's cards): bumped on the app's own
domain events, so a changed profile shows on the next request (network.web.cached_cards)."""

from network.web import data_follows
from profiles import events

EXPERTS_DATA = "experts"


def connect() -> None:
    data_follows(
        EXPERTS_DATA,
        [
            events.profile_changed,
            events.profile_hidden,
            events.account_deleted,
            events.account_suspended,
            events.account_reinstated,
        ],
    )
