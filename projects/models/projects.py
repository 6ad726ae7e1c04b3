"""Projects (collaboration needs posted by institutions) and their workflow log."""

import datetime

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Func, Q, Value
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from profiles.choices import CollaborationType, language_choices
from profiles.models import FieldOfScience, Institution, Membership, Skill, State
from profiles.models.reference import normalize_term, search_terms
from profiles.permissions import is_network_member
from profiles.validators import validate_language_code
from projects.choices import Compensation, ProjectModality, ProjectStatus, ProjectVisibility

# Statuses in which a project can be seen by people outside its institution.
PUBLIC_STATUSES = [
    ProjectStatus.PUBLISHED,
    ProjectStatus.CLOSED,
    ProjectStatus.IN_PROGRESS,
    ProjectStatus.COMPLETED,
]
EDITABLE_STATUSES = [ProjectStatus.DRAFT, ProjectStatus.REJECTED]


# A search box's words beyond these are ignored: each word is one more condition.
MAX_SEARCH_TERMS = 8


class ProjectQuerySet(models.QuerySet):
    def published(self) -> "ProjectQuerySet":
        return self.filter(status=ProjectStatus.PUBLISHED)

    def submitted(self) -> "ProjectQuerySet":
        return self.filter(status=ProjectStatus.SUBMITTED)

    def past_deadline(self, today: datetime.date) -> "ProjectQuerySet":
        return self.published().filter(deadline__lt=today)

    def of_member(self, user: object) -> "ProjectQuerySet":
        """Projects of the institutions `user` belongs to (any role, any status)."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(institution__memberships__user=user)

    def visible_to(self, user: object) -> "ProjectQuerySet":
        """What `user` may open: public projects past moderation; members-only ones for
        network members; everything of their own institutions; projects they take part in
        as an expert; everything for platform staff."""
        public = Q(status__in=PUBLIC_STATUSES)
        if not getattr(user, "is_authenticated", False):
            return self.filter(public, visibility=ProjectVisibility.PUBLIC)
        if getattr(user, "is_staff", False):
            return self.all()
        audience = [ProjectVisibility.PUBLIC]
        if is_network_member(user):
            audience.append(ProjectVisibility.MEMBERS)
        # Three small subqueries rather than one over the three relations OR'ed together: that
        # one joined seven tables, and planning it cost more than running the page's queries.
        mine = (
            Q(institution__in=Membership.objects.filter(Q(user=user)).values("institution_id"))
            | Q(pk__in=Project.objects.filter(Q(interests__expert__user=user)).values("pk"))
            | Q(pk__in=Project.objects.filter(Q(invitations__expert__user=user)).values("pk"))
        )
        return self.filter((public & Q(visibility__in=audience)) | mine)

    def taking_experts(self) -> "ProjectQuerySet":
        """Published needs still looking for people: neither staffed nor paused."""
        return self.published().filter(staffed_at__isnull=True, paused_at__isnull=True)

    def listed_for(self, user: object) -> "ProjectQuerySet":
        """The public list: published projects `user` may see that still look for people."""
        return self.visible_to(user).taking_experts()

    def search(self, text: str) -> "ProjectQuerySet":
        """Every meaningful word (accents, case and symbols ignored) in the title, summary or
        description, or in a name or synonym, in either language, of one of the project's
        skills: "avocado" finds "aguacate". Text with no word (only symbols) finds nothing."""
        if not text.strip():
            return self
        terms = search_terms(text)[:MAX_SEARCH_TERMS]
        if not terms:
            return self.none()
        keys = Func(
            F("search_keys"),
            Value(" "),
            function="array_to_string",
            output_field=models.TextField(),
        )
        projects = self
        for term in terms:
            skills = Skill.objects.annotate(keys=keys).filter(keys__contains=term)
            projects = projects.filter(
                Q(title__unaccent__icontains=term)
                | Q(summary__unaccent__icontains=term)
                | Q(description__unaccent__icontains=term)
                | Q(pk__in=ProjectSkill.objects.filter(skill__in=skills).values("project_id"))
            )
        return projects


class Project(models.Model):
    """A collaboration need posted by an institution (PRODUCT.md: Project)."""

    institution = models.ForeignKey(
        Institution,
        verbose_name=_("institución"),
        on_delete=models.CASCADE,
        related_name="projects",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("creado por"),
        null=True,
        # Empty once the creator deletes their account; the project stays editable.
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    title = models.CharField(
        _("título"),
        max_length=200,
        help_text=_("Qué buscan, en una línea. Ej.: «Co-director de tesis sobre aguacate»."),
    )
    summary = models.CharField(
        _("resumen"),
        max_length=500,
        help_text=_("Dos o tres frases que aparecen en la lista de proyectos."),
    )
    description = models.TextField(
        _("descripción"),
        max_length=10000,
        help_text=_(
            "El contexto, qué se espera de la persona experta y qué ofrece la institución."
        ),
    )
    fields = models.ManyToManyField(
        FieldOfScience,
        verbose_name=_("campos de conocimiento"),
        blank=True,
        related_name="projects",
    )
    skills = models.ManyToManyField(
        Skill,
        through="ProjectSkill",
        verbose_name=_("habilidades"),
        blank=True,
        related_name="projects",
    )
    collaboration_type = models.CharField(
        _("tipo de colaboración"), max_length=32, choices=CollaborationType.choices
    )
    modality = models.CharField(_("modalidad"), max_length=8, choices=ProjectModality.choices)
    state = models.ForeignKey(
        State,
        verbose_name=_("estado"),
        on_delete=models.PROTECT,
        related_name="projects",
    )
    municipality = models.CharField(_("municipio"), max_length=120, blank=True)
    languages = ArrayField(
        models.CharField(max_length=2, validators=[validate_language_code]),
        verbose_name=_("idiomas de trabajo"),
        help_text=_("Códigos ISO 639-1, p. ej. «es» y «en»."),
    )
    hours_per_month = models.PositiveSmallIntegerField(
        _("horas al mes"), validators=[MinValueValidator(1), MaxValueValidator(200)]
    )
    duration_months = models.PositiveSmallIntegerField(
        _("duración en meses"), validators=[MinValueValidator(1), MaxValueValidator(60)]
    )
    start_date = models.DateField(_("fecha de inicio"), null=True, blank=True)
    deadline = models.DateField(
        _("fecha límite para postularse"),
        null=True,
        blank=True,
        help_text=_("Después de esta fecha el proyecto se cierra a nuevos interesados."),
    )
    compensation = ArrayField(
        models.CharField(max_length=16, choices=Compensation.choices),
        verbose_name=_("compensación"),
    )
    experts_sought = models.PositiveSmallIntegerField(
        _("personas expertas buscadas"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(50)],
    )
    visibility = models.CharField(
        _("visibilidad"),
        max_length=8,
        choices=ProjectVisibility.choices,
        default=ProjectVisibility.PUBLIC,
    )

    status = models.CharField(
        _("estado del proyecto"),
        max_length=12,
        choices=ProjectStatus.choices,
        default=ProjectStatus.DRAFT,
    )
    rejection_reason = models.TextField(_("motivo del rechazo"), blank=True)
    # Set when its engagements fill the seats sought (projects.services.engagements), cleared
    # when one is cancelled early: a staffed need leaves listings, suggestions and interest.
    staffed_at = models.DateTimeField(_("cubierto desde"), null=True, blank=True)
    # Set by its institution to stop taking people for a while, without cancelling it.
    paused_at = models.DateTimeField(_("en pausa desde"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("enviado a revisión"), null=True, blank=True)
    published_at = models.DateTimeField(_("publicado"), null=True, blank=True)
    created_at = models.DateTimeField(_("creado"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("actualizado"), auto_now=True)
    # When matching-relevant content last changed (read by the matching engine).
    changed_at = models.DateTimeField(_("contenido cambiado"), default=timezone.now)

    objects = ProjectQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-created_at"]
        verbose_name = _("proyecto")
        verbose_name_plural = _("proyectos")
        indexes = [
            models.Index(fields=["status", "-published_at"], name="project_status_idx"),
            models.Index(fields=["status", "deadline"], name="project_deadline_idx"),
            GinIndex(fields=["languages"], name="project_languages_gin"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status=ProjectStatus.REJECTED) | ~Q(rejection_reason=""),
                name="project_rejection_has_reason",
                violation_error_message=_("Un proyecto rechazado necesita un motivo."),
            ),
            models.CheckConstraint(
                condition=Q(hours_per_month__gte=1, hours_per_month__lte=200),
                name="project_hours_range",
            ),
            models.CheckConstraint(
                condition=Q(duration_months__gte=1, duration_months__lte=60),
                name="project_duration_range",
            ),
            models.CheckConstraint(
                condition=Q(experts_sought__gte=1), name="project_experts_sought_positive"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE_STATUSES

    @property
    def is_public(self) -> bool:
        return self.status in PUBLIC_STATUSES

    @property
    def is_past_deadline(self) -> bool:
        return self.deadline is not None and self.deadline < timezone.localdate()

    @property
    def is_staffed(self) -> bool:
        return self.staffed_at is not None

    @property
    def is_paused(self) -> bool:
        return self.paused_at is not None

    @property
    def is_open(self) -> bool:
        """Takes new interests from experts."""
        return not self.closed_reason

    @property
    def closed_reason(self) -> str:
        """Why the project takes no new interest, in a sentence; empty when it does."""
        if self.status != ProjectStatus.PUBLISHED:
            return gettext("Este proyecto ya no recibe interesados.")
        if self.is_staffed:
            return gettext(
                "Este proyecto ya cuenta con las personas expertas que buscaba: ya no recibe "
                "interesados. Si una colaboración termina antes de tiempo, se abrirá de nuevo."
            )
        if self.is_paused:
            return gettext("La institución pausó este proyecto: por ahora no recibe interesados.")
        if self.is_past_deadline:
            return gettext("Venció la fecha límite: este proyecto ya no recibe interesados.")
        return ""

    @property
    def takes_invitations(self) -> bool:
        return (
            self.status in (ProjectStatus.PUBLISHED, ProjectStatus.IN_PROGRESS)
            and not self.is_staffed
            and not self.is_paused
        )

    @property
    def required_skills(self) -> list[Skill]:
        """By name in the reader's language (the rows come in the order of the Spanish names)."""
        skills = [link.skill for link in self.skill_links.all() if link.required]
        return sorted(skills, key=lambda s: normalize_term(s.name))

    @property
    def nice_to_have_skills(self) -> list[Skill]:
        skills = [link.skill for link in self.skill_links.all() if not link.required]
        return sorted(skills, key=lambda s: normalize_term(s.name))

    @property
    def language_names(self) -> list[str]:
        names = dict(language_choices())
        return [names.get(code, code) for code in self.languages]

    def get_compensation_display(self) -> list[str]:
        labels = dict(Compensation.choices)
        return [str(labels.get(value, value)) for value in self.compensation]


class ProjectSkill(models.Model):
    """A skill a project asks for; `required` ones weigh more in matching."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="skill_links")
    skill = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="project_links")
    required = models.BooleanField(_("indispensable"), default=True)

    class Meta:
        ordering = ["-required", "skill__name_es"]
        verbose_name = _("habilidad del proyecto")
        verbose_name_plural = _("habilidades del proyecto")
        constraints = [
            models.UniqueConstraint(fields=["project", "skill"], name="project_skill_unique"),
        ]

    def __str__(self) -> str:
        return str(self.skill)


class ProjectTransition(models.Model):
    """One step of a project's workflow: who moved it from which status to which, and why."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField(_("de"), max_length=12, choices=ProjectStatus.choices)
    to_status = models.CharField(_("a"), max_length=12, choices=ProjectStatus.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("quién"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Vacío cuando lo hizo el sistema (p. ej. al vencer la fecha límite)."),
    )
    note = models.TextField(_("nota"), blank=True)
    created_at = models.DateTimeField(_("cuándo"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("cambio de estado")
        verbose_name_plural = _("historial de estados")

    def __str__(self) -> str:
        return f"{self.project_id}: {self.from_status} → {self.to_status}"
