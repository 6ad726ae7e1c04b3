"""What serializers of every domain share."""

from typing import Any

from django.conf import settings
from django.urls import reverse


def site_url(name: str, *args: Any) -> str:
    """The absolute URL of a page of the site (payloads link to the web as well as the API)."""
    return settings.SITE_URL + reverse(name, args=args)
