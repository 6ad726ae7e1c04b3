"""What the conversations app hears, connected in ConversationsConfig.ready().

projects.events.engagement_started (an interest or an invitation was accepted): the thread is
opened inside the accepting transaction (a small idempotent write, no task), so it exists the
moment both sides can see each other, and rolls back with the acceptance.
"""

from typing import Any

from conversations import privacy, services
from profiles import events as profile_events
from projects import events as project_events


def on_engagement_started(sender: Any, engagement_id: int, **kwargs: Any) -> None:
    services.thread_open(engagement_id=engagement_id)


def connect() -> None:
    project_events.engagement_started.connect(
        on_engagement_started, dispatch_uid="conversations.on_engagement_started"
    )
    # Answers "export my data" with the person's messages and reports (returns data only).
    profile_events.personal_data_requested.connect(
        privacy.personal_data, dispatch_uid="conversations.privacy"
    )
