"""Every write of the conversations app: opening a thread, posting, proposing a meeting,
marking read, reporting abuse. Each checks that `by` takes part in the thread."""

import datetime
import zoneinfo

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from conversations import events, sniffing
from conversations.models import AbuseReport, Message, Thread, ThreadRead
from conversations.selectors import is_participant
from profiles.models import User

MEETING_MINUTES = (15, 30, 45, 60, 90, 120, 180)
MEETING_HORIZON = datetime.timedelta(days=3653)  # ten years: far enough for any real plan


def thread_open(*, engagement_id: int) -> Thread:
    """The engagement's thread, created on first need. Idempotent (a savepoint absorbs the
    race of two first openings)."""
    thread = Thread.objects.filter(engagement_id=engagement_id).first()
    if thread is not None:
        return thread
    try:
        with transaction.atomic():
            return Thread.objects.create(engagement_id=engagement_id)
    except IntegrityError:
        return Thread.objects.get(engagement_id=engagement_id)


def _require_participant(thread: Thread, by: User) -> None:
    if not is_participant(thread, by):
        raise PermissionDenied(
            _("Solo quienes participan en la colaboración pueden escribir aquí.")
        )


def _require_open(thread: Thread) -> None:
    if not thread.takes_messages:
        raise ValidationError(
            _("La colaboración se canceló: la conversación queda solo para consulta."),
            code="thread_closed",
        )


def clean_body(body: str, *, required: bool = True) -> str:
    """The message's text, trimmed; kept as typed (it is shown escaped, never as HTML)."""
    body = (body or "").replace("\x00", "").strip()
    limit = settings.CONVERSATIONS_MESSAGE_MAX_LENGTH
    if required and not body:
        raise ValidationError({"body": _("Escribe tu mensaje.")}, code="body_required")
    if len(body) > limit:
        raise ValidationError(
            {
                "body": _(
                    "Tu mensaje es demasiado largo: %(length)s caracteres (máximo %(limit)s)."
                )
                % {"length": len(body), "limit": limit}
            },
            code="body_too_long",
        )
    return body


def clean_attachment(file: UploadedFile) -> str:
    """The attachment's real type, read from its bytes; refuses empty, too big or unknown."""
    limit_mb = settings.CONVERSATIONS_ATTACHMENT_MAX_MB
    size = file.size or 0
    if size == 0:
        raise ValidationError({"attachment": _("El archivo está vacío.")}, code="empty_file")
    if size > limit_mb * 1024 * 1024:
        raise ValidationError(
            {"attachment": _("El archivo pesa más de %(limit)s MB.") % {"limit": limit_mb}},
            code="file_too_big",
        )
    mime = sniffing.sniff(file, size)
    if mime is None:
        raise ValidationError(
            {
                "attachment": _(
                    "No aceptamos este tipo de archivo. Adjunta un PDF, una imagen PNG o JPEG, "
                    "un documento de Word (DOCX), una hoja de Excel (XLSX) o un texto simple."
                )
            },
            code="file_type",
        )
    return mime


def _stored_name(file: UploadedFile, mime: str) -> str:
    stem = (file.name or "").rsplit("/", 1)[-1].rsplit("\\", 1)[-1].rsplit(".", 1)[0]
    stem = "".join(ch for ch in stem if ch.isprintable()).strip()[:150] or _("adjunto")
    return f"{stem}.{sniffing.EXTENSIONS[mime]}"


def _post(thread: Thread, message: Message, by: User) -> Message:
    message.save()
    Thread.objects.filter(pk=thread.pk).update(last_message_at=message.created_at)
    thread_mark_read(thread=thread, user=by, at=message.created_at)
    events.message_posted.send(
        sender=Message, message_id=message.pk, thread_id=thread.pk, author_id=by.pk
    )
    return message


@transaction.atomic
def message_post(
    *, thread: Thread, by: User, body: str, attachment: UploadedFile | None = None
) -> Message:
    """Post a text (and maybe one attachment) in the thread; the other side is told."""
    _require_participant(thread, by)
    _require_open(thread)
    body = clean_body(body)
    message = Message(thread=thread, author=by, body=body, created_at=timezone.now())
    if attachment is not None:
        mime = clean_attachment(attachment)
        message.attachment_name = _stored_name(attachment, mime)
        message.attachment_type = mime
        message.attachment_size = attachment.size
        message.attachment.save(message.attachment_name, attachment, save=False)
    return _post(thread, message, by)


def _meeting_start(date: datetime.date, time: datetime.time, zone: str) -> datetime.datetime:
    try:
        tz = zoneinfo.ZoneInfo(zone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError) as error:
        raise ValidationError(
            {"timezone": _("Elige una zona horaria de la lista.")}, code="bad_timezone"
        ) from error
    starts_at = datetime.datetime.combine(date, time, tzinfo=tz)
    if starts_at <= timezone.now():
        raise ValidationError(
            {"date": _("Propón una fecha y hora futuras.")}, code="meeting_in_past"
        )
    # Dates decades away are typos, and near year 9999 the meeting's end no longer fits a datetime.
    if starts_at > timezone.now() + MEETING_HORIZON:
        raise ValidationError(
            {"date": _("Propón una fecha dentro de los próximos diez años.")}, code="meeting_far"
        )
    return starts_at


# Long on purpose: one keyword per field of the proposal, checked and written in one place.
@transaction.atomic
def meeting_propose(
    *,
    thread: Thread,
    by: User,
    date: datetime.date,
    time: datetime.time,
    minutes: int,
    timezone_name: str,
    place: str = "",
    note: str = "",
) -> Message:
    """Propose a meeting (a card in the thread with an `.ics` to download)."""
    _require_participant(thread, by)
    _require_open(thread)
    if minutes not in MEETING_MINUTES:
        raise ValidationError({"minutes": _("Elige una duración de la lista.")}, code="minutes")
    starts_at = _meeting_start(date, time, timezone_name)
    message = Message(
        thread=thread,
        author=by,
        kind=Message.Kind.MEETING,
        body=clean_body(note, required=False),
        created_at=timezone.now(),
        meeting_starts_at=starts_at,
        meeting_minutes=minutes,
        meeting_timezone=timezone_name,
        meeting_place=(place or "").strip()[:300],
    )
    return _post(thread, message, by)


def thread_mark_read(*, thread: Thread, user: User, at: datetime.datetime | None = None) -> None:
    """Everything in the thread up to `at` (now) is read by `user`. One upsert."""
    ThreadRead.objects.bulk_create(
        [ThreadRead(thread=thread, user=user, read_at=at or timezone.now())],
        update_conflicts=True,
        unique_fields=["thread", "user"],
        update_fields=["read_at"],
    )


@transaction.atomic
def abuse_report(
    *, thread: Thread, by: User, reason: str, message: Message | None = None
) -> AbuseReport:
    """One side reports abuse: the report is recorded and staff may now read the thread."""
    _require_participant(thread, by)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            {"reason": _("Cuéntanos qué pasó para que podamos revisarlo.")}, code="reason"
        )
    if len(reason) > 2000:
        raise ValidationError(
            {"reason": _("El motivo es demasiado largo (máximo 2000 caracteres).")},
            code="reason_too_long",
        )
    if message is not None and message.thread_id != thread.pk:
        raise ValidationError(_("Ese mensaje no es de esta conversación."), code="message")
    report = AbuseReport.objects.create(
        thread=thread, message=message, reported_by=by, reason=reason
    )
    Thread.objects.filter(pk=thread.pk, reported_at__isnull=True).update(
        reported_at=report.created_at
    )
    events.abuse_reported.send(sender=AbuseReport, report_id=report.pk, thread_id=thread.pk)
    return report
