"""The version of the projects' shared fragments (the public list's cards): bumped on the app's
own domain events, so a changed project shows on the next request (network.web.cached_cards);
and the data stamps of the pages anonymous visitors get from the cache (anonymous_page_cache)."""

from django.http import HttpRequest

from network.web import data_follows, data_version
from projects import events, selectors

PROJECTS_DATA = "projects"


def connect() -> None:
    data_follows(
        PROJECTS_DATA,
        [
            events.project_published,
            events.project_rejected,
            events.project_closed,
            events.project_changed,
            events.project_availability_changed,
        ],
    )


def project_list_page_stamp(request: HttpRequest) -> str:
    """The data the anonymous project list shows: announced changes (relation edits leave
    `updated_at` alone) and every row written."""
    return f"{data_version(PROJECTS_DATA)}:{selectors.project_list_stamp()}"


def project_page_stamp(request: HttpRequest, pk: int) -> str:
    return f"{data_version(PROJECTS_DATA)}:{selectors.project_stamp(pk=pk)}"
