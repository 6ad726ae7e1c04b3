"""The expert profile: the network's core record."""

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from profiles.choices import (
    CollaborationType,
    Degree,
    LanguageLevel,
    Modality,
    Motivation,
    OriginTie,
    PortfolioKind,
    ReturnIntention,
    Sector,
    Visibility,
    language_choices,
)
from profiles.models.reference import FieldOfScience, Skill, State
from profiles.models.users import User
from profiles.permissions import signed_in
from profiles.validators import validate_language_code, validate_orcid, validate_timezone

YEAR_VALIDATORS = [MinValueValidator(1940), MaxValueValidator(2100)]


def _listed() -> Q:
    """`ExpertProfileQuerySet.listed` as predicates on the profile row itself."""
    listed = Q(user__is_active=True, onboarded_at__isnull=False) & ~Q(visibility=Visibility.HIDDEN)
    if settings.NETWORK_MEMBERSHIP != "open":
        listed &= Q(approved_at__isnull=False)
    return listed


class ExpertProfileQuerySet(models.QuerySet):
    def active(self) -> "ExpertProfileQuerySet":
        return self.filter(user__is_active=True)

    def listed(self) -> "ExpertProfileQuerySet":
        """Profiles that may appear in the directory (not hidden, active account, onboarded;
        approved too when the network is vetted or by invitation, settings.NETWORK_MEMBERSHIP)."""
        return self.filter(_listed())

    def awaiting_approval(self) -> "ExpertProfileQuerySet":
        return self.active().filter(onboarded_at__isnull=False, approved_at__isnull=True)

    def public(self) -> "ExpertProfileQuerySet":
        return self.listed().filter(visibility=Visibility.PUBLIC)

    def visible_to(self, user: "User | AnonymousUser | None") -> "ExpertProfileQuerySet":
        """What `user` may see: the public ones; members see members-only ones; own profile."""
        if not signed_in(user):
            return self.public()
        # Staff see hidden profiles only in the admin: on the site they are members like others.
        audiences = [Visibility.PUBLIC]
        if user.is_network_member:
            audiences.append(Visibility.MEMBERS)
        # listed() as predicates on the row itself, not `pk IN (every listed profile)`: a caller
        # asking about a few rows (a project's requests, a page of suggestions) reads those rows
        # only, instead of the planner hashing the whole directory first.
        return self.filter(Q(user=user) | (_listed() & Q(visibility__in=audiences)))

    def available(self) -> "ExpertProfileQuerySet":
        return self.listed().filter(is_paused=False)


class ExpertProfile(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("usuario"),
        on_delete=models.CASCADE,
        related_name="expert_profile",
    )
    headline = models.CharField(
        _("titular"),
        max_length=160,
        blank=True,
        help_text=_("Una línea: qué haces y dónde. Ej.: «Ingeniera de software médico en Boston»."),
    )
    bio = models.TextField(_("semblanza"), blank=True, max_length=4000)

    # Residence
    country = CountryField(_("país de residencia"), blank=True)
    city = models.CharField(_("ciudad"), max_length=120, blank=True)
    timezone = models.CharField(
        _("zona horaria"), max_length=64, blank=True, validators=[validate_timezone]
    )

    # Origin
    origin_state = models.ForeignKey(
        State,
        verbose_name=_("estado de origen"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    origin_municipality = models.CharField(_("municipio de origen"), max_length=120, blank=True)
    origin_tie = models.CharField(
        _("vínculo con ese estado"), max_length=10, choices=OriginTie.choices, blank=True
    )

    # Current position
    current_position = models.CharField(_("puesto actual"), max_length=200, blank=True)
    employer = models.CharField(_("empleador"), max_length=200, blank=True)
    sector = models.CharField(_("sector"), max_length=12, choices=Sector.choices, blank=True)

    # Knowledge
    fields = models.ManyToManyField(
        FieldOfScience, verbose_name=_("campos de conocimiento"), blank=True, related_name="+"
    )
    skills = models.ManyToManyField(
        Skill, through="ExpertSkill", verbose_name=_("habilidades"), related_name="experts"
    )

    # What I can offer
    collaboration_types = ArrayField(
        models.CharField(max_length=32, choices=CollaborationType.choices),
        verbose_name=_("tipos de colaboración que ofrezco"),
        default=list,
        blank=True,
    )
    hours_per_month = models.PositiveSmallIntegerField(
        _("horas al mes"), default=0, validators=[MaxValueValidator(200)]
    )
    max_concurrent_engagements = models.PositiveSmallIntegerField(
        _("máximo de colaboraciones simultáneas"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(20)],
    )
    is_paused = models.BooleanField(
        _("en pausa"),
        default=False,
        help_text=_("Mientras esté en pausa no recibirá sugerencias ni invitaciones."),
    )
    # Brokered introductions (enquiries app): whether brokers may ask, and how often.
    open_to_introductions = models.BooleanField(
        _("abierto a presentaciones"),
        default=True,
        help_text=_("El equipo de Puentes puede preguntarte si aceptas conocer a quien consulta."),
    )
    introductions_per_quarter = models.PositiveSmallIntegerField(
        _("presentaciones por trimestre"), default=2, validators=[MaxValueValidator(20)]
    )

    # Preferences
    modality_preference = models.CharField(
        _("modalidad preferida"), max_length=8, choices=Modality.choices, default=Modality.EITHER
    )
    willing_to_travel = models.BooleanField(_("dispuesto a viajar"), default=False)
    states_of_interest = models.ManyToManyField(
        State, verbose_name=_("estados de interés"), blank=True, related_name="+"
    )
    sectors_of_interest = ArrayField(
        models.CharField(max_length=12, choices=Sector.choices),
        verbose_name=_("sectores de interés"),
        default=list,
        blank=True,
    )

    # Links
    orcid = models.CharField(_("ORCID iD"), max_length=19, blank=True, validators=[validate_orcid])
    linkedin_url = models.URLField(_("LinkedIn"), blank=True)
    website_url = models.URLField(_("sitio web"), blank=True)

    # Privacy
    visibility = models.CharField(
        _("visibilidad"), max_length=8, choices=Visibility.choices, default=Visibility.MEMBERS
    )

    # Counted in the observatory's published aggregates (small cells suppressed). On by
    # default: the figures are anonymous, and an opt-in nobody was asked about would leave the
    # network's impact unreported; the profile form and the privacy notice offer the opt-out.
    allows_aggregate_statistics = models.BooleanField(
        _("contar mi perfil en las estadísticas agregadas"),
        default=True,
        help_text=_(
            "Cifras del observatorio público: solo totales por país, estado y campo, ocultando "
            "los grupos de menos de cinco personas."
        ),
    )

    # Survey (optional)
    motivations = ArrayField(
        models.CharField(max_length=16, choices=Motivation.choices),
        verbose_name=_("motivaciones"),
        default=list,
        blank=True,
    )
    return_intention = models.CharField(
        _("intención de regresar"), max_length=10, choices=ReturnIntention.choices, blank=True
    )

    # Vetting (a network whose membership is vetted or by invitation lists approved ones only).
    approved_at = models.DateTimeField(_("aprobado"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("aprobado por"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    rejection_reason = models.CharField(_("motivo del rechazo"), max_length=500, blank=True)

    privacy_consent_at = models.DateTimeField(_("aceptó el aviso de privacidad"), null=True)
    onboarding_step = models.PositiveSmallIntegerField(_("paso de registro"), default=1)
    onboarded_at = models.DateTimeField(_("registro completado"), null=True, blank=True)
    created_at = models.DateTimeField(_("creado"), auto_now_add=True)
    updated_at = models.DateTimeField(_("actualizado"), auto_now=True)
    # When matching-relevant content last changed (read by the matching engine).
    changed_at = models.DateTimeField(_("contenido cambiado"), null=True, blank=True)
    search_vector = SearchVectorField(null=True, editable=False)
    search_text = models.TextField(default="", editable=False)

    objects = ExpertProfileQuerySet.as_manager()

    class Meta:
        verbose_name = _("perfil de experto")
        verbose_name_plural = _("perfiles de expertos")
        indexes = [
            GinIndex(fields=["search_vector"], name="expert_search_vector_gin"),
            GinIndex(
                name="expert_search_text_trgm",
                fields=["search_text"],
                opclasses=["gin_trgm_ops"],
            ),
            GinIndex(fields=["collaboration_types"], name="expert_collab_types_gin"),
            models.Index(fields=["visibility", "is_paused"], name="expert_visibility_idx"),
            # The directory's default order, over the rows it may list: a page reads 20 entries.
            models.Index(
                fields=["search_text", "id"],
                condition=Q(onboarded_at__isnull=False) & ~Q(visibility="hidden"),
                name="expert_directory_order",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(max_concurrent_engagements__gte=1),
                name="expert_capacity_at_least_one",
            ),
        ]

    def __str__(self) -> str:
        return self.user.name or self.user.email

    @property
    def display_name(self) -> str:
        return self.user.name or gettext("Miembro de la red")

    @property
    def is_onboarded(self) -> bool:
        return self.onboarded_at is not None


class ExpertSkill(models.Model):
    profile = models.ForeignKey(ExpertProfile, on_delete=models.CASCADE, related_name="skill_links")
    skill = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="expert_links")
    years = models.PositiveSmallIntegerField(
        _("años de experiencia"), default=0, validators=[MaxValueValidator(70)]
    )

    class Meta:
        verbose_name = _("habilidad del experto")
        verbose_name_plural = _("habilidades del experto")
        constraints = [
            models.UniqueConstraint(fields=["profile", "skill"], name="expert_skill_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.skill} ({self.years})"


class ExpertLanguage(models.Model):
    profile = models.ForeignKey(ExpertProfile, on_delete=models.CASCADE, related_name="languages")
    code = models.CharField(_("idioma"), max_length=2, validators=[validate_language_code])
    level = models.CharField(_("nivel"), max_length=8, choices=LanguageLevel.choices)

    class Meta:
        ordering = ["code"]
        verbose_name = _("idioma")
        verbose_name_plural = _("idiomas")
        constraints = [
            models.UniqueConstraint(fields=["profile", "code"], name="expert_language_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.language_name} ({self.get_level_display()})"

    @property
    def language_name(self) -> str:
        return dict(language_choices()).get(self.code, self.code)


class Education(models.Model):
    profile = models.ForeignKey(ExpertProfile, on_delete=models.CASCADE, related_name="education")
    degree = models.CharField(_("grado"), max_length=10, choices=Degree.choices)
    field = models.CharField(_("área"), max_length=200)
    institution = models.CharField(_("institución"), max_length=200)
    year = models.PositiveSmallIntegerField(
        _("año"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1940), MaxValueValidator(2100)],
    )

    class Meta:
        ordering = ["-year"]
        verbose_name = _("formación")
        verbose_name_plural = _("formación")

    def __str__(self) -> str:
        return f"{self.get_degree_display()}, {self.field} ({self.institution})"


class PortfolioItem(models.Model):
    """Evidence of expertise: a publication, patent, project or course taught."""

    profile = models.ForeignKey(ExpertProfile, on_delete=models.CASCADE, related_name="portfolio")
    kind = models.CharField(_("tipo"), max_length=12, choices=PortfolioKind.choices)
    title = models.CharField(_("título"), max_length=300)
    summary = models.TextField(_("resumen breve"), max_length=1500, blank=True)
    year = models.PositiveSmallIntegerField(
        _("año"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1940), MaxValueValidator(2100)],
    )
    url = models.URLField(_("DOI o enlace"), blank=True)

    class Meta:
        ordering = ["-year", "title"]
        verbose_name = _("evidencia")
        verbose_name_plural = _("portafolio")

    def __str__(self) -> str:
        return self.title
