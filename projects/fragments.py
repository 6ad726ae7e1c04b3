"""The version of the projects' shared fragments (the public list's cards): bumped on the app's
own domain events, so a changed project shows on the next request (network.web.cached_cards)."""

from typing import Any

from network.web import data_changed
from projects import events

PROJECTS_DATA = "projects"


def projects_changed(sender: Any, **kwargs: Any) -> None:
    data_changed(PROJECTS_DATA)


def connect() -> None:
    for signal in (
        events.project_published,
        events.project_rejected,
        events.project_closed,
        events.project_changed,
        events.project_availability_changed,
    ):
        signal.connect(projects_changed, dispatch_uid="projects.fragments")
