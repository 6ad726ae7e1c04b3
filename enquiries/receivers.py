"""What the enquiries app does when other apps announce something (connected in
EnquiriesConfig.ready())."""

from typing import Any

from enquiries.services.introductions import candidates_decline_for_deleted_account


def on_account_deleted(sender: Any, user_id: int, **kwargs: Any) -> None:
    """A deleted account declines its open candidacies: no broker waits on nobody."""
    candidates_decline_for_deleted_account(user_id=user_id)
