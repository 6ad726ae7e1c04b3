"""The version of the projects' shared fragments (the public list's cards): bumped on the app's
own domain events and on every save of a project or an institution row, so a changed project
shows on the next request (network.web.cached_cards), and the pages anonymous visitors get from
the cache (network.web.anonymous_page_cache) are built again."""

from network.web import data_follows
from profiles.models import Institution
from projects import events
from projects.models import Project

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
        rows=[Project, Institution],  # the cards and pages print the institution's name
    )
