"""Vocabularies of the enquiries app: what an enquiry asks for, where it is, what came of it."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class EnquiryType(models.TextChoices):
    MARKET_ENTRY = "market_entry", _("Entrada a un mercado")
    TECHNICAL_ADVICE = "technical_advice", _("Asesoría técnica")
    RESEARCH_COLLABORATION = "research", _("Colaboración en investigación")
    INVESTMENT = "investment", _("Inversión")
    TALENT = "talent", _("Talento")
    OTHER = "other", _("Otro")


class Urgency(models.TextChoices):
    LOW = "low", _("Sin prisa")
    NORMAL = "normal", _("Normal")
    HIGH = "high", _("Urgente")


class Channel(models.TextChoices):
    """How the enquiry arrived (the observatory counts volume per channel)."""

    PUBLIC_FORM = "public_form", _("Formulario público")
    MEMBER = "member", _("Miembro de una institución")
    API = "api", _("Sistema de un socio (API)")


class Status(models.TextChoices):
    # Waiting for the requester to confirm the address: not in the queue yet.
    UNCONFIRMED = "unconfirmed", _("Sin confirmar")
    NEW = "new", _("Nueva")
    ASSIGNED = "assigned", _("Asignada")
    SEARCHING = "searching", _("Buscando personas")
    INTRODUCED = "introduced", _("Presentación hecha")
    CLOSED = "closed", _("Cerrada")
    DECLINED = "declined", _("Declinada")


# The state machine: which status may follow which. CLOSED and DECLINED are final.
TRANSITIONS: dict[str, frozenset[str]] = {
    Status.UNCONFIRMED: frozenset({Status.NEW}),
    Status.NEW: frozenset({Status.ASSIGNED, Status.DECLINED}),
    Status.ASSIGNED: frozenset({Status.SEARCHING, Status.DECLINED}),
    Status.SEARCHING: frozenset({Status.INTRODUCED, Status.DECLINED}),
    Status.INTRODUCED: frozenset({Status.CLOSED}),
    Status.CLOSED: frozenset(),
    Status.DECLINED: frozenset(),
}

# Open in the brokers' queue (confirmed, not finished).
OPEN_STATUSES = (Status.NEW, Status.ASSIGNED, Status.SEARCHING, Status.INTRODUCED)


class EntryKind(models.TextChoices):
    """One line of an enquiry's timeline."""

    SUBMITTED = "submitted", _("Enviada")
    CONFIRMED = "confirmed", _("Correo confirmado; entró a la cola")
    ASSIGNED = "assigned", _("Asignada")
    REASSIGNED = "reassigned", _("Reasignada")
    STATUS = "status", _("Cambio de estado")
    SLA_BREACHED = "sla_breached", _("Venció el plazo de primera respuesta")
    CANDIDATE_ADDED = "candidate_added", _("Persona añadida a la lista corta")
    CANDIDATE_ASKED = "candidate_asked", _("Se preguntó a una persona")
    CANDIDATE_ACCEPTED = "candidate_accepted", _("Una persona aceptó la presentación")
    CANDIDATE_DECLINED = "candidate_declined", _("Una persona declinó la presentación")
    OUTCOME = "outcome", _("Resultado registrado")


class CandidateState(models.TextChoices):
    SHORTLISTED = "shortlisted", _("En la lista corta")
    ASKED = "asked", _("Preguntada")
    ACCEPTED = "accepted", _("Aceptó")
    DECLINED = "declined", _("Declinó")


class CandidateSource(models.TextChoices):
    ENGINE = "engine", _("Sugerida por el motor")
    DIRECTORY = "directory", _("Añadida desde el directorio")


class OutcomeKind(models.TextChoices):
    MEETING = "meeting", _("Hubo una reunión")
    CONTRACT = "contract", _("Contrato")
    INVESTMENT = "investment", _("Inversión")
    HIRE = "hire", _("Contratación de una persona")
    PARTNERSHIP = "partnership", _("Alianza")
    PUBLICATION = "publication", _("Publicación")
    NOTHING_YET = "nothing_yet", _("Nada todavía")
