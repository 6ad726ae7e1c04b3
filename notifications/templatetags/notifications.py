from django import template
from django.conf import settings
from django.utils.translation import get_language

from notifications.emails import render_title
from notifications.models import Notification

register = template.Library()


@register.filter
def notification_title(notification: Notification) -> str:
    """The notice's one-line title in the page's language (from its payload: no query)."""
    return render_title(
        kind=notification.kind,
        payload=notification.payload,
        language=get_language() or settings.LANGUAGE_CODE,
    )


@register.simple_tag
def bell_poll_seconds() -> int:
    return settings.NOTIFICATIONS_BELL_POLL_SECONDS
