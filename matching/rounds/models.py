"""Match rounds: a whole set of needs matched at once against a pool of experts, under loads,
reviewed by staff before anything reaches an expert. Imported by `matching.models`."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from profiles.models import ExpertProfile, FieldOfScience, Institution
from projects.models import Project


class MatchRound(models.Model):
    class Objective(models.TextChoices):
        TOTAL = "total", _("Máxima puntuación total")
        FAIR = "fair", _("Justa: primero la necesidad peor atendida")

    class GroupBy(models.TextChoices):
        NONE = "", _("Sin límite")
        INSTITUTION = "institution", _("Institución")
        COUNTRY = "country", _("País")

    class Status(models.TextChoices):
        QUEUED = "queued", _("En cola")
        RUNNING = "running", _("Calculando")
        SOLVED = "solved", _("Lista para revisar")
        PUBLISHED = "published", _("Publicada")
        FAILED = "failed", _("Falló")

    name = models.CharField(_("nombre"), max_length=120)
    # An institution admin's round covers only its own needs; staff rounds have none.
    institution = models.ForeignKey(
        Institution, verbose_name=_("institución"), null=True, blank=True, on_delete=models.CASCADE
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    pool_field = models.ForeignKey(
        FieldOfScience,
        verbose_name=_("campo del grupo de expertos"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    wanted = models.PositiveSmallIntegerField(
        _("expertos por necesidad"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(3)],
    )
    max_load = models.PositiveSmallIntegerField(
        _("carga máxima por experto"),
        default=2,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
    )
    min_score = models.FloatField(
        _("puntuación mínima"),
        default=40,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    group_by = models.CharField(
        _("limitar por"), max_length=12, choices=GroupBy.choices, blank=True, default=""
    )
    max_per_group = models.PositiveSmallIntegerField(
        _("máximo por grupo y necesidad"), null=True, blank=True, validators=[MinValueValidator(1)]
    )
    objective = models.CharField(
        _("objetivo"), max_length=8, choices=Objective.choices, default=Objective.TOTAL
    )
    top_k = models.PositiveSmallIntegerField(_("candidatos por necesidad"), default=200)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)
    # The solver's figures beside the greedy baseline's (see matching.rounds.solver.report).
    report = models.JSONField(default=dict)
    created_at = models.DateTimeField(default=timezone.now)
    solved_at = models.DateTimeField(null=True)
    published_at = models.DateTimeField(null=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("ronda de asignación")
        verbose_name_plural = _("rondas de asignación")

    def __str__(self) -> str:
        return self.name

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.SOLVED, self.Status.PUBLISHED, self.Status.FAILED)

    @property
    def percent(self) -> int:
        if self.is_finished:
            return 100
        return int(100 * self.progress / self.total) if self.total else 0


class RoundNeed(models.Model):
    """A need in the round and how many experts it wants (changeable before publishing)."""

    round = models.ForeignKey(MatchRound, on_delete=models.CASCADE, related_name="needs")
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="+")
    wanted = models.PositiveSmallIntegerField(
        default=1, validators=[MinValueValidator(1), MaxValueValidator(3)]
    )

    class Meta:
        ordering = ["project_id"]
        constraints = [
            models.UniqueConstraint(fields=["round", "project"], name="roundneed_unique"),
            models.CheckConstraint(
                condition=Q(wanted__gte=1, wanted__lte=3), name="roundneed_wanted_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.round_id}:{self.project_id}×{self.wanted}"


class RoundCandidate(models.Model):
    """A scored, explained candidate of a need; `assigned` marks the solver's proposal, the
    rest are the alternatives. `pin` is staff's word on the pair: locked or forbidden."""

    class Pin(models.TextChoices):
        NONE = "", _("Sin fijar")
        LOCKED = "locked", _("Fijada")
        FORBIDDEN = "forbidden", _("Prohibida")

    round = models.ForeignKey(MatchRound, on_delete=models.CASCADE, related_name="candidates")
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="+")
    expert = models.ForeignKey(ExpertProfile, on_delete=models.CASCADE, related_name="+")
    score = models.FloatField()
    reasons_es = models.JSONField(default=list)
    reasons_en = models.JSONField(default=list)
    assigned = models.BooleanField(default=False)
    pin = models.CharField(max_length=10, choices=Pin.choices, blank=True, default="")

    class Meta:
        ordering = ["project_id", "-score", "expert_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "project", "expert"], name="roundcandidate_unique"
            ),
        ]
        indexes = [models.Index(fields=["round", "expert"], name="roundcandidate_expert_idx")]

    def __str__(self) -> str:
        return f"{self.round_id}:{self.project_id}↔{self.expert_id}"

    def reasons(self, language: str) -> list[str]:
        return self.reasons_en if language.startswith("en") else self.reasons_es
