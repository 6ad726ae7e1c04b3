"""Reference data: states, fields of science (Frascati 2015) and the curated skill vocabulary."""

import re
import unicodedata

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.lookups import Unaccent
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


def normalize_term(text: str) -> str:
    """Case-, accent- and whitespace-insensitive key for matching typed terms to the vocabulary."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.replace("-", " ").split())


# Words that carry no meaning in a search box, in both languages. The search configuration
# keeps every word (profiles mix languages, so no stemming or stop list applies to documents).
SEARCH_STOPWORDS = frozenset(
    {"a", "al", "an", "and", "con", "de", "del", "el", "en", "for", "in", "la", "las", "los"}
    | {"of", "on", "para", "por", "the", "to", "un", "una", "y"}
)


def search_terms(text: str) -> list[str]:
    """The meaningful words of a search box, lower-cased and without accents."""
    words = re.findall(r"[^\W_]+", normalize_term(text))
    return [w for w in words if len(w) > 1 and w not in SEARCH_STOPWORDS][:12]


class BilingualName(models.Model):
    name_es = models.CharField(_("nombre (español)"), max_length=200)
    name_en = models.CharField(_("nombre (inglés)"), max_length=200)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.name_en if (get_language() or "es").startswith("en") else self.name_es


class StateQuerySet(models.QuerySet):
    def in_region(self) -> "StateQuerySet":
        return self.filter(code__in=settings.PUENTES_REGION_STATES)


class State(models.Model):
    """A first-level division of the home country (for Mexico: the 32 INEGI entities)."""

    code = models.CharField(_("clave"), max_length=8, unique=True)
    name = models.CharField(_("nombre"), max_length=100)
    abbreviation = models.CharField(_("abreviatura"), max_length=10, blank=True)
    timezone = models.CharField(_("zona horaria"), max_length=64, default="America/Mexico_City")

    objects = StateQuerySet.as_manager()

    class Meta:
        # Without accents or case: the database's collation (C) put "México" after "Morelos".
        ordering = [Lower(Unaccent("name")), "code"]
        verbose_name = _("estado")
        verbose_name_plural = _("estados")

    def __str__(self) -> str:
        return self.name

    @property
    def is_in_region(self) -> bool:
        return self.code in settings.PUENTES_REGION_STATES


class FieldQuerySet(models.QuerySet):
    def major(self) -> "FieldQuerySet":
        return self.filter(parent__isnull=True)

    def subfields(self) -> "FieldQuerySet":
        return self.filter(parent__isnull=False)


class FieldOfScience(BilingualName):
    """OECD Fields of Science and Technology (Frascati Manual 2015): 6 fields, 42 subfields."""

    code = models.CharField(_("clave"), max_length=8, unique=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("campo principal"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="subfields",
    )

    objects = FieldQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("campo de conocimiento")
        verbose_name_plural = _("campos de conocimiento")

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def major_code(self) -> str:
        return self.code.split(".")[0]


class SkillQuerySet(models.QuerySet):
    def approved(self) -> "SkillQuerySet":
        return self.filter(status=Skill.Status.APPROVED)

    def pending(self) -> "SkillQuerySet":
        return self.filter(status=Skill.Status.PENDING)

    def matching_term(self, term: str) -> "SkillQuerySet":
        """Skills whose name or synonym equals the term after normalisation."""
        return self.filter(search_keys__contains=[normalize_term(term)])


class Skill(BilingualName):
    """Curated vocabulary term; free text is normalised onto it (see profiles.services.taxonomy)."""

    class Status(models.TextChoices):
        APPROVED = "approved", _("Aprobada")
        PENDING = "pending", _("Pendiente de revisión")

    slug = models.SlugField(_("identificador"), max_length=120, unique=True)
    synonyms = ArrayField(
        models.CharField(max_length=200), verbose_name=_("sinónimos"), default=list, blank=True
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("habilidad padre"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
    )
    field = models.ForeignKey(
        FieldOfScience,
        verbose_name=_("campo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="skills",
    )
    status = models.CharField(
        _("estado"), max_length=10, choices=Status.choices, default=Status.APPROVED
    )
    # Normalised name_es, name_en and synonyms; kept in sync by the taxonomy services.
    search_keys = ArrayField(models.CharField(max_length=200), default=list, editable=False)
    created_at = models.DateTimeField(_("creada"), auto_now_add=True)

    objects = SkillQuerySet.as_manager()

    class Meta:
        ordering = ["name_es"]
        verbose_name = _("habilidad")
        verbose_name_plural = _("habilidades")
        indexes = [GinIndex(fields=["search_keys"], name="skill_search_keys_gin")]

    def compute_search_keys(self) -> list[str]:
        terms = [self.name_es, self.name_en, *self.synonyms]
        return sorted({normalize_term(t) for t in terms if t and t.strip()})


class SkillProposal(models.Model):
    """A term someone asks to add to the vocabulary, typically one we mapped onto another skill
    ("Cadena de frío" is a synonym of "Tecnología postcosecha") that they mean as its own. Staff
    review proposals in the admin: add the skill (or a synonym) there, then mark it done."""

    class Status(models.TextChoices):
        OPEN = "open", _("Por revisar")
        ADDED = "added", _("Añadida al vocabulario")
        DECLINED = "declined", _("Descartada")

    term = models.CharField(_("término"), max_length=100)
    known_as = models.ForeignKey(
        Skill,
        verbose_name=_("la conocíamos como"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="proposals",
    )
    note = models.TextField(_("explicación"), max_length=500, blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("propuesta por"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="skill_proposals",
    )
    status = models.CharField(
        _("estado"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    created_at = models.DateTimeField(_("creada"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("propuesta de habilidad")
        verbose_name_plural = _("propuestas de habilidades")

    def __str__(self) -> str:
        return self.term
