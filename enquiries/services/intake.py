"""Intake: a requester's enquiry arrives (public form, an institution member, a partner's
system), is confirmed through a signed link, and can be deleted by its requester."""

import uuid
from typing import Any

from django.conf import settings
from django.core import signing
from django.db import transaction

from enquiries.choices import Channel, EntryKind
from enquiries.models import Enquiry, TimelineEntry
from enquiries.services.workflow import enquiry_confirm
from profiles.models import Institution, User

CONFIRM_SALT = "enquiries.confirm"
REQUESTER_SALT = "enquiries.requester"

FIELDS = ("organisation", "person_name", "email", "text", "type", "sector", "countries")
OPTIONAL = ("urgency", "language")


def confirmation_token(enquiry: Enquiry) -> str:
    return signing.dumps(str(enquiry.public_id), salt=CONFIRM_SALT)


def requester_token(enquiry: Enquiry) -> str:
    """The requester's key to their enquiry's page (status, delete); it does not expire."""
    return signing.dumps(str(enquiry.public_id), salt=REQUESTER_SALT)


def _public_id(token: str, salt: str, max_age: int | None) -> uuid.UUID:
    value = signing.loads(token, salt=salt, max_age=max_age)
    try:
        return uuid.UUID(str(value))
    except ValueError as error:
        raise signing.BadSignature("Malformed enquiry token") from error


def public_id_from_confirmation(token: str) -> uuid.UUID:
    """Raises signing.SignatureExpired / BadSignature for an old or tampered link."""
    return _public_id(token, CONFIRM_SALT, settings.ENQUIRIES_LINK_MAX_AGE_DAYS * 86400)


def public_id_from_requester_token(token: str) -> uuid.UUID:
    return _public_id(token, REQUESTER_SALT, None)


@transaction.atomic
def enquiry_submit(
    *,
    data: dict[str, Any],
    channel: str,
    submitted_by: User | None = None,
    institution: Institution | None = None,
    partner_key_id: int | None = None,
) -> Enquiry:
    """Write an enquiry from cleaned `data` (the form's or serializer's fields).

    From the public form it waits unconfirmed, outside the queue, until the requester follows
    the confirmation link (the caller e-mails it). A signed-in member's address is verified
    already, and a partner's system vouches for its own requesters: those enter the queue at
    once."""
    values = {name: data[name] for name in FIELDS if name in data}
    values.update({name: data[name] for name in OPTIONAL if data.get(name)})
    enquiry = Enquiry.objects.create(
        **values,
        channel=channel,
        submitted_by=submitted_by,
        institution=institution,
        partner_key_id=partner_key_id,
    )
    TimelineEntry.objects.create(enquiry=enquiry, kind=EntryKind.SUBMITTED, by=submitted_by)
    if channel != Channel.PUBLIC_FORM:
        enquiry = enquiry_confirm(enquiry=enquiry)
    return enquiry


@transaction.atomic
def enquiry_delete(*, enquiry: Enquiry) -> None:
    """The requester deletes their enquiry: the row, its timeline, notes and shortlist go.
    Experts who were asked keep nothing that names the requester."""
    enquiry.delete()
