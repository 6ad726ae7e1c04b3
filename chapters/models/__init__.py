from chapters.models.announcements import Announcement, SharedProject
from chapters.models.chapters import (
    Chapter,
    ChapterInvitation,
    ChapterMembership,
    bilingual,
)
from chapters.models.choices import (
    COORDINATING_ROLES,
    ChapterKind,
    ChapterStatus,
    ChapterVisibility,
    EventKind,
    EventStatus,
    JoinPolicy,
    MembershipState,
    RegistrationState,
    Role,
)
from chapters.models.events import Event, EventRegistration

__all__ = [
    "Announcement",
    "SharedProject",
    "COORDINATING_ROLES",
    "Chapter",
    "ChapterInvitation",
    "ChapterKind",
    "ChapterMembership",
    "ChapterStatus",
    "ChapterVisibility",
    "Event",
    "EventKind",
    "EventRegistration",
    "EventStatus",
    "JoinPolicy",
    "MembershipState",
    "RegistrationState",
    "Role",
    "bilingual",
]
