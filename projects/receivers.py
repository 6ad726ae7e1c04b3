"""What the projects app does when other apps announce something (connected in
ProjectsConfig.ready())."""

from typing import Any

from projects.services.requests import requests_close_for_deleted_account


def on_account_deleted(sender: Any, user_id: int, **kwargs: Any) -> None:
    """A deleted account leaves no interest or invitation pending: no liaison waits on nobody."""
    requests_close_for_deleted_account(user_id=user_id)
