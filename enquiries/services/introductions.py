"""Double opt-in: the broker asks a shortlisted expert; only the expert's acceptance makes the
introduction (enquiries.events.introduction_accepted: notifications then sends both sides
each other's contacts through the outbox). Before that, nothing about the expert reaches
the requester."""

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from enquiries import events
from enquiries.choices import CandidateState, EntryKind, Status
from enquiries.models import Candidate, Enquiry, TimelineEntry
from enquiries.services.shortlist import asks_this_quarter
from enquiries.services.workflow import enquiry_mark_introduced
from profiles.models import User

ANSWER_SALT = "enquiries.answer"


def answer_token(candidate: Candidate) -> str:
    """The expert's signed, expiring key to accept or decline (sent in the ask e-mail)."""
    return signing.dumps(candidate.pk, salt=ANSWER_SALT)


def candidate_id_from_token(token: str) -> int:
    """Raises signing.SignatureExpired / BadSignature for an old or tampered link."""
    value = signing.loads(
        token, salt=ANSWER_SALT, max_age=settings.ENQUIRIES_LINK_MAX_AGE_DAYS * 86400
    )
    if not isinstance(value, int):
        raise signing.BadSignature("Malformed answer token")
    return value


def _locked(candidate: Candidate) -> Candidate:
    return (
        Candidate.objects.select_for_update()
        .select_related("enquiry", "expert__user")
        .get(pk=candidate.pk)
    )


@transaction.atomic
def candidate_ask(*, candidate: Candidate, by: User) -> Candidate:
    """Ask the expert (in the site and by e-mail, through introduction_requested). The
    enquiry must be in search; the expert open to introductions and under their quarterly
    limit. Asking twice asks once."""
    candidate = _locked(candidate)
    if candidate.state != CandidateState.SHORTLISTED:
        return candidate
    enquiry = Enquiry.objects.select_for_update().get(pk=candidate.enquiry_id)
    if enquiry.status != Status.SEARCHING:
        raise ValidationError(_("Empieza la búsqueda antes de preguntar a alguien."))
    expert = candidate.expert
    if not expert.open_to_introductions:
        raise ValidationError(_("Esta persona no acepta presentaciones por ahora."))
    if asks_this_quarter(expert) >= expert.introductions_per_quarter:
        raise ValidationError(
            _("Esta persona ya llegó a su límite de presentaciones del trimestre.")
        )
    candidate.state = CandidateState.ASKED
    candidate.asked_at = timezone.now()
    candidate.save(update_fields=["state", "asked_at"])
    TimelineEntry.objects.create(
        enquiry=enquiry, kind=EntryKind.CANDIDATE_ASKED, by=by, detail=expert.display_name
    )
    events.introduction_requested.send(
        sender=Candidate, candidate_id=candidate.pk, enquiry_id=enquiry.pk
    )
    return candidate


def _answer(candidate: Candidate) -> Candidate:
    candidate = _locked(candidate)
    if candidate.state != CandidateState.ASKED:
        raise ValidationError(_("Esta pregunta ya fue respondida."))
    if not candidate.enquiry.is_open:
        raise ValidationError(_("Esta consulta ya se cerró; gracias de todos modos."))
    candidate.answered_at = timezone.now()
    return candidate


@transaction.atomic
def candidate_accept(*, candidate: Candidate) -> Candidate:
    candidate = _answer(candidate)
    candidate.state = CandidateState.ACCEPTED
    candidate.save(update_fields=["state", "answered_at"])
    TimelineEntry.objects.create(
        enquiry=candidate.enquiry,
        kind=EntryKind.CANDIDATE_ACCEPTED,
        by=candidate.expert.user,
        detail=candidate.expert.display_name,
    )
    enquiry_mark_introduced(enquiry=candidate.enquiry, by=None)
    events.introduction_accepted.send(
        sender=Candidate, candidate_id=candidate.pk, enquiry_id=candidate.enquiry_id
    )
    return candidate


@transaction.atomic
def candidate_decline(*, candidate: Candidate, reason: str) -> Candidate:
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Cuéntanos brevemente por qué.")})
    candidate = _answer(candidate)
    _declined(candidate, reason)
    events.introduction_declined.send(
        sender=Candidate, candidate_id=candidate.pk, enquiry_id=candidate.enquiry_id
    )
    return candidate


@transaction.atomic
def candidates_decline_for_deleted_account(*, user_id: int) -> int:
    """Decline, as the person would have, their open candidacies of open enquiries: asked ones
    through candidate_decline (its timeline entry and event), shortlisted ones without the
    event (nobody asked them yet). Returns how many closed; running it twice closes none."""
    with translation.override(settings.LANGUAGE_CODE):  # stored text, read by the team
        reason = _("La persona eliminó su cuenta.")
    candidates = (
        Candidate.objects.filter(
            expert__user_id=user_id,
            state__in=[CandidateState.SHORTLISTED, CandidateState.ASKED],
            enquiry__in=Enquiry.objects.open(),
        )
        .select_related("enquiry", "expert__user")
        .order_by("pk")
    )
    for candidate in candidates:
        if candidate.state == CandidateState.ASKED:
            candidate_decline(candidate=candidate, reason=reason)
            continue
        candidate.answered_at = timezone.now()
        _declined(candidate, reason)
    return len(candidates)


def _declined(candidate: Candidate, reason: str) -> None:
    """Store a decline and its reason, with the timeline entry the enquiry's team reads."""
    candidate.state, candidate.decline_reason = CandidateState.DECLINED, reason
    candidate.save(update_fields=["state", "answered_at", "decline_reason"])
    TimelineEntry.objects.create(
        enquiry=candidate.enquiry,
        kind=EntryKind.CANDIDATE_DECLINED,
        by=candidate.expert.user,
        detail=f"{candidate.expert.display_name}: {reason}",
    )
