"""The version of the data the public observatory page shows (network.web.anonymous_page_cache):
bumped on every save of a snapshot, so a month computed again shows at the next request."""

from network.web import data_follows
from observatory.models import Snapshot

OBSERVATORY_DATA = "observatory"


def connect() -> None:
    data_follows(OBSERVATORY_DATA, [], rows=[Snapshot])
