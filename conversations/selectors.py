"""Reads of the conversations app, scoped to the caller: who takes part in a thread, a thread's
page, unread counts for the links on panels, and who is told about a new message."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import cast

from django.conf import settings
from django.db.models import Count, F, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce

from conversations.models import Message, Thread, ThreadRead
from profiles.models import Membership, User
from projects.models import Engagement

EPOCH = datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)


def is_participant(thread: Thread, user: object) -> bool:
    """The engagement's expert, or a member of its project's institution (right now)."""
    if not getattr(user, "is_authenticated", False):
        return False
    member = cast(User, user)  # only a logged-in User is authenticated
    engagement = thread.engagement
    if engagement.expert.user_id == member.pk:
        return True
    return Membership.objects.filter(
        user=member, institution_id=engagement.project.institution_id
    ).exists()


def engagement_get_for_thread(*, user: object, pk: int) -> Engagement:
    """The engagement `pk` when `user` takes part in it; DoesNotExist otherwise (staff too:
    staff read a thread only once it is reported, in the admin)."""
    return (
        Engagement.objects.involving(user)
        .select_related("project__institution", "expert__user")
        .get(pk=pk)
    )


def thread_get(*, user: object, engagement_pk: int) -> Thread:
    """The existing thread of an engagement `user` takes part in."""
    return (
        Thread.objects.of_participant(user)
        .select_related("engagement__project__institution", "engagement__expert__user")
        .get(engagement_id=engagement_pk)
    )


def _read_at(user: User) -> Subquery:
    return Subquery(
        ThreadRead.objects.filter(thread=OuterRef("thread"), user=user).values("read_at")[:1]
    )


@dataclass
class ThreadPage:
    thread: Thread
    messages: list[Message]
    older_cursor: int | None  # the `antes` of the "older messages" link, None at the start
    read_until: datetime.datetime  # messages after this (by others) are new to the reader


def thread_page(*, thread: Thread, user: User, before: int | None = None) -> ThreadPage:
    """The latest CONVERSATIONS_PAGE_SIZE messages (before message `before`), oldest first."""
    size = settings.CONVERSATIONS_PAGE_SIZE
    messages = Message.objects.filter(thread=thread).select_related("author")
    if before is not None:
        messages = messages.filter(pk__lt=before)
    newest_first = list(messages.order_by("-created_at", "-pk")[: size + 1])
    older = newest_first[size] if len(newest_first) > size else None
    shown = list(reversed(newest_first[:size]))
    read = ThreadRead.objects.filter(thread=thread, user=user).values_list("read_at", flat=True)
    return ThreadPage(
        thread=thread,
        messages=shown,
        older_cursor=shown[0].pk if older is not None and shown else None,
        read_until=next(iter(read), EPOCH),
    )


def unread_counts(*, user: object) -> dict[int, int]:
    """Unread messages per engagement id, for every thread `user` takes part in (one query)."""
    if not getattr(user, "is_authenticated", False):
        return {}
    user = cast(User, user)  # only a logged-in User is authenticated
    rows = (
        Message.objects.filter(thread__in=Thread.objects.of_participant(user).values("pk"))
        .exclude(author=user)
        .annotate(read_until=Coalesce(_read_at(user), EPOCH))
        .filter(created_at__gt=F("read_until"))
        .values("thread__engagement_id")
        .annotate(n=Count("pk"))
    )
    return {row["thread__engagement_id"]: row["n"] for row in rows}


def thread_list(*, user: object) -> QuerySet[Thread]:
    """The threads `user` takes part in, latest activity first; paginate it, then give the
    page its unread counts with `with_unread`."""
    return (
        Thread.objects.of_participant(user)
        .select_related("engagement__project__institution", "engagement__expert__user")
        .order_by("-last_message_at", "-pk")
    )


def with_unread(threads: Iterable[Thread], *, user: object) -> list[Thread]:
    """`threads` (one page of `thread_list`), each with `unread`."""
    counts = unread_counts(user=user)
    threads = list(threads)
    for thread in threads:
        thread.unread = counts.get(thread.engagement_id, 0)
    return threads


def message_recipients(*, message_id: int) -> tuple[Message, list[User]]:
    """The new message, and who should be told about it: the other side (the expert when a
    member writes, the institution's members when the expert does; active accounts), each only
    when it is the first message they have not read in the thread. Someone with unread
    messages there was already told, so a burst of messages makes one notice, not ten."""
    message = Message.objects.select_related(
        "author", "thread__engagement__project__institution", "thread__engagement__expert__user"
    ).get(pk=message_id)
    engagement = message.thread.engagement
    expert_user_id = engagement.expert.user_id
    if message.author_id == expert_user_id:
        people = User.objects.filter(memberships__institution_id=engagement.project.institution_id)
    else:
        people = User.objects.filter(pk=expert_user_id)
    people = people.filter(is_active=True).exclude(
        pk__in=[message.author_id] if message.author_id else []
    )
    # Earlier messages from the same side as this one: each would have told the same people.
    earlier = Message.objects.filter(
        thread=message.thread_id, created_at__lte=message.created_at
    ).exclude(pk=message.pk)
    if message.author_id == expert_user_id:
        earlier = earlier.filter(author_id=expert_user_id)
    else:
        earlier = earlier.exclude(author_id=expert_user_id)
    told = []
    for person in people.distinct().order_by("pk"):
        read_at = (
            ThreadRead.objects.filter(thread=message.thread_id, user=person)
            .values_list("read_at", flat=True)
            .first()
        )
        unread = earlier
        if read_at is not None:
            unread = unread.filter(created_at__gt=read_at)
        if not unread.exists():
            told.append(person)
    return message, told
