"""Vocabularies of the projects app. Labels in Spanish (the source language), translated."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ProjectStatus(models.TextChoices):
    DRAFT = "draft", _("Borrador")
    SUBMITTED = "submitted", _("En revisión")
    PUBLISHED = "published", _("Publicado")
    REJECTED = "rejected", _("Rechazado")
    # A published project whose deadline passed without being started: it takes no new
    # interests, but answers already pending and engagements already started go on.
    CLOSED = "closed", _("Cerrado (venció la fecha límite)")
    IN_PROGRESS = "in_progress", _("En curso")
    COMPLETED = "completed", _("Concluido")
    CANCELLED = "cancelled", _("Cancelado")


class ProjectModality(models.TextChoices):
    """How the work is done. Experts state a preference with profiles.choices.Modality."""

    REMOTE = "remote", _("A distancia")
    ON_SITE = "on_site", _("Presencial")
    HYBRID = "hybrid", _("Híbrida")


class ProjectVisibility(models.TextChoices):
    PUBLIC = "public", _("Pública: cualquiera puede verlo")
    MEMBERS = "members", _("Solo miembros de la red")


class Compensation(models.TextChoices):
    PRO_BONO = "pro_bono", _("Pro bono")
    HONORARIUM = "honorarium", _("Honorarios")
    TRAVEL_COVERED = "travel_covered", _("Viáticos cubiertos")
    FUNDED = "funded", _("Con financiamiento")


class RequestStatus(models.TextChoices):
    """Life of an interest (expert → project) or an invitation (institution → expert)."""

    PENDING = "pending", _("Pendiente")
    ACCEPTED = "accepted", _("Aceptada")
    DECLINED = "declined", _("Declinada")
    EXPIRED = "expired", _("Vencida")


class DeclineReason(models.TextChoices):
    NO_CAPACITY = "no_capacity", _("No tengo tiempo o capacidad por ahora")
    NOT_A_FIT = "not_a_fit", _("El perfil o el proyecto no corresponde")
    TIMING = "timing", _("Las fechas no funcionan")
    CONDITIONS = "conditions", _("Las condiciones o la compensación no funcionan")
    FILLED = "filled", _("Ya cubrimos esta necesidad")
    OTHER = "other", _("Otro motivo")


# What each side may give as a reason: an expert answers an invitation, an institution an
# interest. Stored in one column so reports can compare them.
INVITATION_DECLINE_REASONS = [
    DeclineReason.NO_CAPACITY,
    DeclineReason.NOT_A_FIT,
    DeclineReason.TIMING,
    DeclineReason.CONDITIONS,
    DeclineReason.OTHER,
]
INTEREST_DECLINE_REASONS = [
    DeclineReason.NOT_A_FIT,
    DeclineReason.FILLED,
    DeclineReason.TIMING,
    DeclineReason.OTHER,
]


class EngagementStatus(models.TextChoices):
    ACTIVE = "active", _("Activa")
    COMPLETED = "completed", _("Concluida")
    CANCELLED = "cancelled", _("Cancelada")


class OutcomeKind(models.TextChoices):
    PUBLICATION = "publication", _("Publicación")
    THESIS = "thesis", _("Tesis")
    GRANT = "grant", _("Financiamiento obtenido")
    PATENT = "patent", _("Patente")
    COURSE = "course", _("Curso")
    EVENT = "event", _("Evento")
    HIRE = "hire", _("Contratación")
    INVESTMENT = "investment", _("Inversión")
    OTHER = "other", _("Otro")


# Kinds whose record may carry an amount; an investment must.
OUTCOME_KINDS_WITH_AMOUNT = [OutcomeKind.GRANT, OutcomeKind.INVESTMENT]


class Currency(models.TextChoices):
    MXN = "MXN", _("Peso mexicano (MXN)")
    USD = "USD", _("Dólar estadounidense (USD)")
    EUR = "EUR", _("Euro (EUR)")
    CAD = "CAD", _("Dólar canadiense (CAD)")
    GBP = "GBP", _("Libra esterlina (GBP)")
    JPY = "JPY", _("Yen (JPY)")
    CHF = "CHF", _("Franco suizo (CHF)")


# Follow-up prompts after an engagement starts (sent by the notifications app).
FOLLOW_UP_MONTHS = (3, 6, 12)
