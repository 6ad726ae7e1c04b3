"""`{% messages_link engagement %}`: the "Mensajes" link of an engagement with its unread
count, for the panels and project pages. The counts of all the reader's threads are read once
per request (one query), however many links the page shows."""

from typing import Any

from django import template
from django.http import HttpRequest

from conversations import selectors

register = template.Library()


def _counts(request: HttpRequest) -> dict[int, int]:
    counts = getattr(request, "_unread_messages", None)
    if counts is None:
        counts = selectors.unread_counts(user=request.user)
        request._unread_messages = counts  # type: ignore[attr-defined]  # noqa: SLF001 - per-request memo
    return counts


@register.inclusion_tag("conversations/_partials/messages_link.html", takes_context=True)
def messages_link(context: dict[str, Any], engagement: Any) -> dict[str, Any]:
    request = context.get("request")
    unread = _counts(request).get(engagement.pk, 0) if request is not None else 0
    return {"engagement": engagement, "unread": unread}
