"""Vocabularies shared by every app (PRODUCT.md glossary). Labels in Spanish, translated."""

import zoneinfo
from functools import cache

from django.conf.locale import LANG_INFO
from django.db import models
from django.utils.translation import gettext_lazy as _


class AccountRole(models.TextChoices):
    """What a person comes to Puentes for: it decides their onboarding, menu and panel."""

    EXPERT = "expert", _("Vivo fuera de México y quiero colaborar como persona experta")
    INSTITUTION = "institution", _("Represento a una institución de la región")
    BOTH = "both", _("Las dos cosas (o lo decido después)")


class CollaborationType(models.TextChoices):
    MENTORING = "mentoring", _("Mentoría")
    CONSULTING = "consulting", _("Consultoría")
    JOINT_RESEARCH = "joint_research", _("Investigación conjunta")
    THESIS_COSUPERVISION = "thesis_cosupervision", _("Co-dirección de tesis")
    LECTURES = "lectures", _("Conferencias y estancias")
    TRAINING = "training", _("Formación y cursos")
    BUSINESS_INTRODUCTIONS = "business_introductions", _("Contactos de negocio y mercados")
    INVESTMENT = "investment", _("Inversión")
    TECHNOLOGY_TRANSFER = "technology_transfer", _("Transferencia de tecnología")


class Sector(models.TextChoices):
    ACADEMIA = "academia", _("Academia")
    PUBLIC = "public", _("Sector público")
    PRIVATE = "private", _("Sector privado")
    NONPROFIT = "nonprofit", _("Sin fines de lucro")


class Modality(models.TextChoices):
    REMOTE = "remote", _("A distancia")
    ON_SITE = "on_site", _("Presencial")
    EITHER = "either", _("Cualquiera")


class LanguageLevel(models.TextChoices):
    BASIC = "basic", _("Básico")
    WORKING = "working", _("De trabajo")
    FLUENT = "fluent", _("Fluido")
    NATIVE = "native", _("Nativo")


class Visibility(models.TextChoices):
    PUBLIC = "public", _("Pública: cualquiera ve mi perfil (sin datos de contacto)")
    MEMBERS = "members", _("Solo miembros e instituciones verificadas")
    HIDDEN = "hidden", _("Oculta: nadie me encuentra en el directorio")


class OriginTie(models.TextChoices):
    BORN = "born", _("Nací ahí")
    STUDIED = "studied", _("Estudié ahí")
    FAMILY = "family", _("Tengo familia ahí")
    OTHER = "other", _("Otro vínculo")


class Degree(models.TextChoices):
    BACHELOR = "bachelor", _("Licenciatura")
    SPECIALTY = "specialty", _("Especialidad")
    MASTER = "master", _("Maestría")
    DOCTORATE = "doctorate", _("Doctorado")
    POSTDOC = "postdoc", _("Posdoctorado")
    OTHER = "other", _("Otro")


class PortfolioKind(models.TextChoices):
    PUBLICATION = "publication", _("Publicación")
    PATENT = "patent", _("Patente")
    PROJECT = "project", _("Proyecto")
    COURSE = "course", _("Curso impartido")
    OTHER = "other", _("Otro")


class Motivation(models.TextChoices):
    GIVE_BACK = "give_back", _("Contribuir al desarrollo de mi región")
    NETWORK = "network", _("Ampliar mi red profesional")
    RESEARCH = "research", _("Encontrar colaboraciones de investigación")
    BUSINESS = "business", _("Encontrar oportunidades de negocio")
    MENTOR = "mentor", _("Formar a nuevas generaciones")
    RETURN = "return", _("Preparar un posible regreso")


class ReturnIntention(models.TextChoices):
    NO = "no", _("No pienso regresar")
    MAYBE = "maybe", _("Tal vez, más adelante")
    YES_5Y = "yes_5y", _("Sí, en los próximos 5 años")
    YES_SOON = "yes_soon", _("Sí, en los próximos 2 años")
    UNDECIDED = "undecided", _("No lo sé")


@cache
def language_choices() -> list[tuple[str, str]]:
    """ISO 639-1 languages (two-letter codes) known to Django, sorted by code."""
    return sorted((code, info["name_local"]) for code, info in LANG_INFO.items() if len(code) == 2)


@cache
def timezone_choices() -> list[tuple[str, str]]:
    zones = sorted(
        z for z in zoneinfo.available_timezones() if "/" in z and not z.startswith("Etc/")
    )
    return [(z, z.replace("_", " ")) for z in zones]
