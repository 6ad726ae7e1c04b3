"""What the conversations app hears, connected in ConversationsConfig.ready().

projects.events.engagement_started (an interest or an invitation was accepted): the thread is
opened inside the accepting transaction (a small idempotent write, no task), so it exists the
moment both sides can see each other, and rolls back with the acceptance.
"""

from typing import Any

from conversations import services
from projects import events as project_events


def on_engagement_started(sender: Any, engagement_id: int, **kwargs: Any) -> None:
    services.thread_open(engagement_id=engagement_id)


def connect() -> None:
    project_events.engagement_started.connect(
        on_engagement_started, dispatch_uid="conversations.on_engagement_started"
    )
