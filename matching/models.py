"""What the matching engine stores: a denormalised matching document per expert (with the
vector used for approximate nearest-neighbour search), passage vectors, project vectors, the
matches themselves and the runs that compute them."""

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.db import models
from django.db.models import F, Func, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from pgvector.django import HalfVectorField, HnswIndex, VectorField

from matching.embeddings import EMBEDDING_DIM
from matching.models_terms import TermFrequency  # noqa: F401 - the app's models live here
from profiles.models import ExpertProfile
from projects.models import Project


class ExpertIndex(models.Model):
    """Everything selection and scoring need about one expert, in one row.

    Kept in sync by `matching.services.expert_index_refresh`; the hard filters run in SQL on
    these columns together with the HNSW index on `embedding`.
    """

    profile = models.OneToOneField(
        ExpertProfile,
        verbose_name=_("perfil"),
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="match_index",
    )
    # Half precision: half the bytes per ranked row (twin in Python: selection.document_cosine).
    embedding = HalfVectorField(dimensions=EMBEDDING_DIM, null=True)
    is_available = models.BooleanField(_("disponible"), default=False)
    capacity_left = models.SmallIntegerField(_("cupo restante"), default=0)
    # Language codes spoken at working level or better (the hard filter) and all levels.
    languages = ArrayField(models.CharField(max_length=2), default=list)
    language_levels = models.JSONField(default=dict)
    collaboration_types = ArrayField(models.CharField(max_length=32), default=list)
    skill_ids = ArrayField(models.IntegerField(), default=list)
    subfields = ArrayField(models.CharField(max_length=8), default=list)
    origin_state = models.CharField(max_length=8, blank=True)
    residence_state = models.CharField(max_length=8, blank=True)
    willing_to_travel = models.BooleanField(default=False)
    modality_preference = models.CharField(max_length=8, default="either")
    utc_offset = models.FloatField(null=True)
    hours_per_month = models.SmallIntegerField(default=0)
    states_of_interest = ArrayField(models.CharField(max_length=8), default=list)
    sectors_of_interest = ArrayField(models.CharField(max_length=12), default=list)
    pending_invitations = models.SmallIntegerField(_("invitaciones pendientes"), default=0)
    # `matching.lexical.terms` of the passages: the lexical half of the expertise score.
    lexical_terms = ArrayField(models.CharField(max_length=64), default=list)
    # Their ids (`lexical.term_ids`), sorted, computed by PostgreSQL on every write of the row
    # (`lexical.TERM_IDS_FUNCTION`): what the SQL coverage intersects.
    lexical_ids = models.GeneratedField(
        expression=Func(F("lexical_terms"), function="matching_term_ids"),
        output_field=ArrayField(models.IntegerField()),
        db_persist=True,
    )
    text_hash = models.CharField(max_length=64, blank=True)
    embedder = models.CharField(_("modelo de texto"), max_length=32, blank=True)
    updated_at = models.DateTimeField(_("actualizado"), auto_now=True)

    class Meta:
        verbose_name = _("índice de experto")
        verbose_name_plural = _("índices de expertos")
        indexes = [
            HnswIndex(
                name="expertindex_embedding_hnsw",
                fields=["embedding"],
                m=16,
                ef_construction=64,
                opclasses=["halfvec_cosine_ops"],
            ),
            # Holders of a skill who offer the collaboration type, in one bitmap: selection
            # visits only eligible holders (see matching.services.select_candidates).
            GinIndex(
                fields=["skill_ids", "collaboration_types"], name="expertindex_skills_types_gin"
            ),
            # Experts holding a need's rarest terms (intarray's operator class, in its own
            # schema): the lexical branch of the candidate pool (matching.selection).
            GinIndex(
                fields=["lexical_ids"],
                name="expertindex_lexical_ids_gin",
                opclasses=["intarray.gin__int_ops"],
            ),
            models.Index(
                fields=["is_available"],
                name="expertindex_available_idx",
                condition=Q(is_available=True),
            ),
        ]

    def __str__(self) -> str:
        return f"index of {self.profile_id}"


class ExpertPassage(models.Model):
    """One piece of evidence (bio, position, portfolio item) and its vector."""

    profile = models.ForeignKey(ExpertProfile, on_delete=models.CASCADE, related_name="passages")
    position = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=16)
    text = models.TextField()
    embedding = VectorField(dimensions=EMBEDDING_DIM)

    class Meta:
        ordering = ["profile", "position"]
        constraints = [
            models.UniqueConstraint(fields=["profile", "position"], name="passage_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.profile_id}:{self.position} {self.kind}"


class ProjectEmbedding(models.Model):
    project = models.OneToOneField(
        Project, primary_key=True, on_delete=models.CASCADE, related_name="embedding"
    )
    embedding = VectorField(dimensions=EMBEDDING_DIM)
    text_hash = models.CharField(max_length=64)
    embedder = models.CharField(max_length=32)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"embedding of {self.project_id}"


class MatchState(models.TextChoices):
    NEW = "new", _("Nueva")
    SEEN = "seen", _("Vista")
    DISMISSED_BY_EXPERT = "dismissed_expert", _("Descartada por el experto")
    DISMISSED_BY_INSTITUTION = "dismissed_institution", _("Descartada por la institución")
    INVITED = "invited", _("Invitado")
    INTERESTED = "interested", _("Interesado")


ACTIVE_STATES = [MatchState.NEW, MatchState.SEEN]
# States a person chose; recomputation keeps these rows and their state.
DECIDED_STATES = [
    MatchState.DISMISSED_BY_EXPERT,
    MatchState.DISMISSED_BY_INSTITUTION,
    MatchState.INVITED,
    MatchState.INTERESTED,
]


class MatchQuerySet(models.QuerySet):
    def active(self) -> "MatchQuerySet":
        return self.filter(state__in=ACTIVE_STATES)

    def for_institution_view(self) -> "MatchQuerySet":
        return self.exclude(state=MatchState.DISMISSED_BY_INSTITUTION)

    def for_expert_view(self) -> "MatchQuerySet":
        return self.exclude(state=MatchState.DISMISSED_BY_EXPERT)


class Match(models.Model):
    project = models.ForeignKey(
        Project, verbose_name=_("proyecto"), on_delete=models.CASCADE, related_name="matches"
    )
    expert = models.ForeignKey(
        ExpertProfile, verbose_name=_("experto"), on_delete=models.CASCADE, related_name="matches"
    )
    score = models.FloatField(_("puntuación"))
    # Score after spreading (lower for experts with pending invitations or who belong on the
    # first page of other projects first, by the data alone); lists are ordered by it.
    rank_score = models.FloatField(_("puntuación para ordenar"))
    components = models.JSONField(_("componentes"), default=dict)
    reasons_es = models.JSONField(default=list)
    reasons_en = models.JSONField(default=list)
    missing_es = models.JSONField(default=list)
    missing_en = models.JSONField(default=list)
    algorithm_version = models.CharField(_("versión del algoritmo"), max_length=16)
    # The weight set that scored it (`matching.weights`): a fitted set's version or "built-in".
    weights_version = models.CharField(
        _("versión de los pesos"), max_length=32, blank=True, default="built-in"
    )
    computed_at = models.DateTimeField(_("calculada"))
    state = models.CharField(
        _("estado"), max_length=24, choices=MatchState.choices, default=MatchState.NEW
    )
    dismiss_reason = models.TextField(_("motivo del descarte"), blank=True, max_length=500)
    state_changed_at = models.DateTimeField(null=True, blank=True)

    objects = MatchQuerySet.as_manager()

    class Meta:
        verbose_name = _("sugerencia")
        verbose_name_plural = _("sugerencias")
        constraints = [
            models.UniqueConstraint(fields=["project", "expert"], name="match_pair_unique"),
            models.CheckConstraint(
                condition=Q(score__gte=0, score__lte=100), name="match_score_range"
            ),
        ]
        indexes = [
            models.Index(fields=["project", "-rank_score"], name="match_project_rank_idx"),
            models.Index(fields=["expert", "state", "-rank_score"], name="match_expert_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.expert_id} ↔ {self.project_id}: {self.score}"

    def reasons(self, language: str) -> list[str]:
        return self.reasons_en if language.startswith("en") else self.reasons_es

    def missing(self, language: str) -> list[str]:
        return self.missing_en if language.startswith("en") else self.missing_es


class MatchRun(models.Model):
    """One computation (for a project, an expert, or the nightly full pass) and its progress."""

    class Scope(models.TextChoices):
        PROJECT = "project", _("Proyecto")
        EXPERT = "expert", _("Experto")
        FULL = "full", _("Pasada completa")

    class Status(models.TextChoices):
        QUEUED = "queued", _("En cola")
        RUNNING = "running", _("Calculando")
        DONE = "done", _("Terminada")
        FAILED = "failed", _("Falló")

    scope = models.CharField(_("alcance"), max_length=8, choices=Scope.choices)
    object_id = models.BigIntegerField(_("objeto"), null=True)
    status = models.CharField(
        _("estado"), max_length=8, choices=Status.choices, default=Status.QUEUED
    )
    progress = models.PositiveIntegerField(_("avance"), default=0)
    total = models.PositiveIntegerField(_("total"), default=0)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(_("creada"), auto_now_add=True)
    started_at = models.DateTimeField(_("iniciada"), null=True)
    finished_at = models.DateTimeField(_("terminada"), null=True)
    # The last sign of life (queued, started, a step done): the sweeper retries or fails a run
    # silent for MATCHING_RUN_STALL_SECONDS (its worker died, its message was lost).
    progressed_at = models.DateTimeField(default=timezone.now)
    retries = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("cálculo de sugerencias")
        verbose_name_plural = _("cálculos de sugerencias")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["scope", "object_id", "-created_at"], name="run_obj_idx"),
            models.Index(
                fields=["progressed_at"],
                name="run_unfinished_idx",
                condition=Q(status__in=["queued", "running"]),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.scope}:{self.object_id} {self.status}"

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def percent(self) -> int:
        if self.is_finished:
            return 100
        return int(100 * self.progress / self.total) if self.total else 0


class MatchRunChunk(models.Model):
    """One batch of a full pass (issue 20): the ids in [first_id, last_id] of its phase, done in
    order; `cursor` is the last id done, so a retried or redelivered chunk resumes after it and
    never redoes the pass from zero. A phase's chunks run once the earlier phase is done."""

    class Phase(models.TextChoices):
        DOCUMENTS = "documents"  # stale or missing expert documents
        TOPS = "tops"  # each project's first MATCHING_VISIBLE_TOP, for the spread rule
        PROJECTS = "projects"  # each project's suggestions

    run = models.ForeignKey(MatchRun, on_delete=models.CASCADE, related_name="chunks")
    phase = models.CharField(max_length=12, choices=Phase.choices)
    first_id = models.BigIntegerField()
    last_id = models.BigIntegerField()
    size = models.PositiveIntegerField()
    cursor = models.BigIntegerField(null=True)
    done_at = models.DateTimeField(null=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["run", "phase", "first_id"], name="chunk_unique")
        ]

    def __str__(self) -> str:
        return f"{self.run_id}:{self.phase} {self.first_id}..{self.last_id}"


class PassTop(models.Model):
    """An expert among a project's first MATCHING_VISIBLE_TOP eligible experts (ties included)
    by pre-rank score, computed once per full pass: the spread rule reads these instead of
    scanning every other project for every project (quadratic). Deleted when the pass ends."""

    run = models.ForeignKey(MatchRun, on_delete=models.CASCADE, related_name="+")
    project_id = models.BigIntegerField()
    expert_id = models.BigIntegerField()
    score = models.FloatField()

    class Meta:
        indexes = [models.Index(fields=["run", "expert_id"], name="passtop_expert_idx")]

    def __str__(self) -> str:
        return f"{self.run_id}: {self.expert_id} on {self.project_id}"


from matching.rounds.models import MatchRound, RoundCandidate, RoundNeed  # noqa: E402, F401


class DecisionOutcome(models.TextChoices):
    SHOWN = "shown", _("Mostrada")
    INVITED = "invited", _("Invitado")
    INTERESTED = "interested", _("Interesado")
    ACCEPTED = "accepted", _("Aceptada")
    DECLINED = "declined", _("Rechazada")
    DISMISSED = "dismissed", _("Descartada")


class DecisionSide(models.TextChoices):
    EXPERT = "expert", _("Persona experta")
    INSTITUTION = "institution", _("Institución")


class SuggestionDecision(models.Model):
    """What people did with one suggestion, with the components it was shown with: the data
    `fit_matching_weights` learns per-deployment weights from. One row per pair and algorithm
    version; the outcome moves on as people act. Ids, numbers and reason codes only: no profile
    text. A decision on a pair that was never suggested (an invitation from the directory) has
    no components nor version, and the fit skips it."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="+", verbose_name=_("proyecto")
    )
    expert = models.ForeignKey(
        ExpertProfile, on_delete=models.CASCADE, related_name="+", verbose_name=_("persona experta")
    )
    components = models.JSONField(_("componentes"), default=dict)
    algorithm_version = models.CharField(_("versión del algoritmo"), max_length=16, blank=True)
    # The weight set that scored the suggestion when it was last logged (empty: never suggested).
    weights_version = models.CharField(_("versión de los pesos"), max_length=32, blank=True)
    outcome = models.CharField(
        _("resultado"), max_length=12, choices=DecisionOutcome.choices, default="shown"
    )
    # Who made the last decision (empty while only shown).
    side = models.CharField(
        _("quién decidió"), max_length=12, choices=DecisionSide.choices, blank=True
    )
    reason = models.TextField(_("motivo"), blank=True, max_length=500)
    # Null: decided without having been logged as shown (e.g. from the directory or the API).
    shown_at = models.DateTimeField(_("mostrada"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decidida"), null=True, blank=True)

    class Meta:
        verbose_name = _("decisión sobre una sugerencia")
        verbose_name_plural = _("decisiones sobre sugerencias")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "expert", "algorithm_version"], name="decision_unique_version"
            )
        ]

    def __str__(self) -> str:
        return f"{self.project_id}/{self.expert_id}: {self.outcome}"


class WeightSet(models.Model):
    """Component weights fitted on this deployment's decisions. Nothing uses a set until staff
    adopt it in the admin; the fit and the held-out comparison are kept with it."""

    version = models.CharField(_("versión"), max_length=32, unique=True)
    weights = models.JSONField(_("pesos"))
    decisions = models.PositiveIntegerField(_("decisiones usadas"))
    auc_fitted = models.FloatField(_("AUC de los pesos ajustados"))
    auc_current = models.FloatField(_("AUC de los pesos actuales"))
    created_at = models.DateTimeField(_("creado"), auto_now_add=True)
    adopted_at = models.DateTimeField(_("adoptado"), null=True, blank=True)
    adopted_by = models.ForeignKey(
        "profiles.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("conjunto de pesos")
        verbose_name_plural = _("conjuntos de pesos")

    def __str__(self) -> str:
        return self.version
