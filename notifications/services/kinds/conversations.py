"""Notices about conversations: a new message in a thread after a match."""

from django.urls import reverse

from conversations.selectors import message_recipients
from notifications.models import Kind
from notifications.services.kinds.shared import excerpt, name_of
from notifications.services.notify import notifications_create


def message_received(*, message_id: int) -> None:
    """Tell the other side of the thread about a new message: those for whom it is the first
    unread one (a burst of messages is one notice until they open the thread)."""
    message, recipients = message_recipients(message_id=message_id)
    engagement = message.thread.engagement
    notifications_create(
        recipients=recipients,
        kind=Kind.MESSAGE_RECEIVED,
        key=f"message_received:message:{message.pk}",
        target=message.thread,
        payload={
            "project_title": engagement.project.title,
            "institution_name": engagement.project.institution.name,
            "author_name": name_of(message.author),
            "message": excerpt(message.body),
            "is_meeting": message.is_meeting,
            "has_attachment": bool(message.attachment),
            "url": reverse("conversations:thread", args=[engagement.pk]) + f"#m{message.pk}",
        },
    )
