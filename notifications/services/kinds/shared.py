"""What several kinds need: who acts for an institution, and how payloads name things."""

import hashlib
from collections.abc import Iterable

from django.urls import reverse

from profiles.models import User

MESSAGE_EXCERPT = 600


def excerpt(text: str) -> str:
    """A message shortened for a notice (whitespace collapsed)."""
    text = " ".join((text or "").split())
    return text if len(text) <= MESSAGE_EXCERPT else text[: MESSAGE_EXCERPT - 1] + "…"


def members(institution_id: int, *, exclude: Iterable[int | None] = ()) -> list[User]:
    """Everyone who acts for the institution (liaisons and its admins)."""
    excluded = [pk for pk in exclude if pk is not None]
    return list(
        User.objects.filter(memberships__institution_id=institution_id, is_active=True)
        .exclude(pk__in=excluded)
        .distinct()
        .order_by("pk")
    )


def name_of(user: User | None) -> str:
    return (user.name or user.email) if user is not None else ""


def project_path(project_id: int, anchor: str = "") -> str:
    return reverse("projects:detail", args=[project_id]) + anchor


def ids_key(ids: Iterable[int]) -> str:
    """A short fingerprint of a set of ids (the same set in any order gives the same key)."""
    return hashlib.sha256(",".join(str(i) for i in sorted(set(ids))).encode()).hexdigest()[:16]
