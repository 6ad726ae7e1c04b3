"""The chapters app's choices, shared by models, forms, the admin and the API."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ChapterKind(models.TextChoices):
    ABROAD = "abroad", _("Capítulo en el exterior")
    STATE_NODE = "state_node", _("Nodo estatal")
    REGIONAL = "regional", _("Coordinación regional")
    THEMATIC = "thematic", _("Red temática")


class ChapterStatus(models.TextChoices):
    ACTIVE = "active", _("Activo")
    DORMANT = "dormant", _("Inactivo")


class ChapterVisibility(models.TextChoices):
    PUBLIC = "public", _("Pública")
    MEMBERS = "members", _("Solo miembros de la red")


class JoinPolicy(models.TextChoices):
    OPEN = "open", _("Abierta: cualquiera se une")
    APPROVAL = "approval", _("Con aprobación de la coordinación")
    INVITATION = "invitation", _("Solo por invitación")


class Role(models.TextChoices):
    MEMBER = "member", _("Miembro")
    COORDINATOR = "coordinator", _("Coordinación")
    CO_COORDINATOR = "co_coordinator", _("Cocoordinación")


COORDINATING_ROLES = (Role.COORDINATOR, Role.CO_COORDINATOR)


class MembershipState(models.TextChoices):
    REQUESTED = "requested", _("Solicitada")
    ACTIVE = "active", _("Activa")
    DECLINED = "declined", _("Declinada")
    LEFT = "left", _("Salió")
    REMOVED = "removed", _("Retirada")


class EventKind(models.TextChoices):
    ANNUAL_MEETING = "annual_meeting", _("Reunión anual")
    WEBINAR = "webinar", _("Seminario en línea")
    WORKSHOP = "workshop", _("Taller")
    TRADE_MISSION = "trade_mission", _("Misión comercial")
    MEETUP = "meetup", _("Encuentro")


class EventStatus(models.TextChoices):
    DRAFT = "draft", _("Borrador")
    PUBLISHED = "published", _("Publicado")
    CANCELLED = "cancelled", _("Cancelado")


class RegistrationState(models.TextChoices):
    REGISTERED = "registered", _("Inscrita")
    WAITLISTED = "waitlisted", _("En lista de espera")
    CANCELLED = "cancelled", _("Cancelada")
