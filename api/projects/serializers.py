"""Shapes of projects, invitations, engagements and outcomes in the partner API.

Input serializers check shape (like the site's forms); the projects services enforce the
rules and their ValidationErrors come back as 400 in the API's error shape.
"""

import datetime
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from api.experts.selectors import expert_list_visible_to_key
from api.experts.serializers import ExpertRefSerializer
from api.projects.selectors import project_list_of_key_institution
from api.reference.serializers import (
    FieldRefSerializer,
    InstitutionRefSerializer,
    SkillRefSerializer,
    StateRefSerializer,
)
from api.serializers import FastRowsMixin, prefetched, site_url
from profiles.choices import CollaborationType, language_choices
from profiles.models import ExpertProfile, FieldOfScience, Skill, State
from projects.choices import (
    Compensation,
    Currency,
    OutcomeKind,
    ProjectModality,
    ProjectVisibility,
)
from projects.models import Engagement, Invitation, Outcome, Project

# --- Projects ----------------------------------------------------------------------------------


class ProjectRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Project
        fields = ["id", "title", "status"]


def _ref(skill: Skill) -> dict[str, Any]:
    return {"slug": skill.slug, "name_es": skill.name_es, "name_en": skill.name_en}


def _skills(project: Project, *, required: bool) -> list[dict[str, Any]]:
    return [
        _ref(link.skill) for link in prefetched(project, "skill_links") if link.required == required
    ]


class ProjectSerializer(FastRowsMixin, serializers.ModelSerializer):
    """A project as anyone the key speaks for may see it (from api.projects.selectors)."""

    # The references and lists without DRF's per-row serializers (api.serializers.FastRowsMixin).
    fast_fields = {
        "institution": lambda _s, p: {
            "id": p.institution.pk,
            "slug": p.institution.slug,
            "name": p.institution.name,
        },
        "fields_of_science": lambda _s, p: [
            {"code": f.code, "name_es": f.name_es, "name_en": f.name_en}
            for f in prefetched(p, "fields")
        ],
        "required_skills": lambda _s, p: _skills(p, required=True),
        "nice_to_have_skills": lambda _s, p: _skills(p, required=False),
        "state": lambda _s, p: (
            None if p.state is None else {"code": p.state.code, "name": p.state.name}
        ),
        "web_url": lambda _s, p: site_url("projects:detail", p.pk),
    }

    institution = InstitutionRefSerializer()
    fields_of_science = FieldRefSerializer(source="fields", many=True)
    required_skills = SkillRefSerializer(many=True)
    nice_to_have_skills = SkillRefSerializer(many=True)
    state = StateRefSerializer()
    web_url = serializers.SerializerMethodField()

    class Meta:
        model = Project
        fields = [
            "id",
            "title",
            "summary",
            "description",
            "institution",
            "fields_of_science",
            "required_skills",
            "nice_to_have_skills",
            "collaboration_type",
            "modality",
            "state",
            "municipality",
            "languages",
            "hours_per_month",
            "duration_months",
            "start_date",
            "deadline",
            "compensation",
            "experts_sought",
            "visibility",
            "status",
            "published_at",
            "updated_at",
            "web_url",
        ]

    @extend_schema_field(OpenApiTypes.URI)
    def get_web_url(self, project: Project) -> str:
        return site_url("projects:detail", project.pk)


class OwnProjectSerializer(ProjectSerializer):
    """A project of the key's own institution: its workflow details too."""

    class Meta(ProjectSerializer.Meta):
        fields = [
            *ProjectSerializer.Meta.fields,
            "rejection_reason",
            "submitted_at",
            "created_at",
        ]


class ProjectInputSerializer(serializers.Serializer):
    """Create (every required field) or update (PATCH: only what is sent) a project."""

    title = serializers.CharField(max_length=200)
    summary = serializers.CharField(max_length=500)
    description = serializers.CharField(max_length=10000)
    fields_of_science = serializers.SlugRelatedField(
        slug_field="code",
        queryset=FieldOfScience.objects.all(),
        many=True,
        allow_empty=False,
        help_text=_("Claves de campos de conocimiento (ver /fields/)."),
    )
    required_skills = serializers.SlugRelatedField(
        slug_field="slug",
        queryset=Skill.objects.approved(),
        many=True,
        allow_empty=False,
        help_text=_("Identificadores (slug) de habilidades indispensables (ver /skills/)."),
    )
    nice_to_have_skills = serializers.SlugRelatedField(
        slug_field="slug",
        queryset=Skill.objects.approved(),
        many=True,
        required=False,
        help_text=_("Habilidades deseables."),
    )
    collaboration_type = serializers.ChoiceField(choices=CollaborationType.choices)
    modality = serializers.ChoiceField(choices=ProjectModality.choices)
    state = serializers.SlugRelatedField(
        slug_field="code", queryset=State.objects.all(), help_text=_("Clave del estado.")
    )
    municipality = serializers.CharField(max_length=120, required=False, allow_blank=True)
    languages = serializers.ListField(
        child=serializers.ChoiceField(choices=language_choices()),
        allow_empty=False,
        max_length=10,
        help_text=_("Idiomas de trabajo (ISO 639-1)."),
    )
    hours_per_month = serializers.IntegerField(min_value=1, max_value=200)
    duration_months = serializers.IntegerField(min_value=1, max_value=60)
    start_date = serializers.DateField(required=False, allow_null=True)
    deadline = serializers.DateField(
        required=False, allow_null=True, help_text=_("Fecha límite para postularse.")
    )
    compensation = serializers.ListField(
        child=serializers.ChoiceField(choices=Compensation.choices), allow_empty=False
    )
    experts_sought = serializers.IntegerField(min_value=1, max_value=50, required=False)
    visibility = serializers.ChoiceField(choices=ProjectVisibility.choices, required=False)

    def _current(self, data: dict[str, Any], name: str) -> Any:
        """The value after this change: sent, else the project's (on update)."""
        if name in data:
            return data[name]
        project = self.instance
        if project is None:
            return None
        if name == "required_skills":
            return project.required_skills
        if name == "nice_to_have_skills":
            return project.nice_to_have_skills
        return getattr(project, name)

    def _unique_skills(self, skills: list[Skill]) -> list[Skill]:
        seen: set[int] = set()
        for skill in skills:
            if skill.pk in seen:
                raise serializers.ValidationError(
                    _("Indicaste la habilidad «%(slug)s» más de una vez.") % {"slug": skill.slug}
                )
            seen.add(skill.pk)
        return skills

    def validate_required_skills(self, skills: list[Skill]) -> list[Skill]:
        return self._unique_skills(skills)

    def validate_nice_to_have_skills(self, skills: list[Skill]) -> list[Skill]:
        return self._unique_skills(skills)

    def validate_deadline(self, deadline: datetime.date | None) -> datetime.date | None:
        if deadline and deadline < timezone.localdate():
            raise serializers.ValidationError(_("La fecha límite no puede estar en el pasado."))
        return deadline

    def validate(self, data: dict[str, Any]) -> dict[str, Any]:
        errors: dict[str, Any] = {}
        required = {s.pk for s in self._current(data, "required_skills") or []}
        nice = {s.pk for s in self._current(data, "nice_to_have_skills") or []}
        if required & nice:
            errors["nice_to_have_skills"] = _(
                "Una habilidad no puede ser indispensable y deseable a la vez."
            )
        compensation = self._current(data, "compensation") or []
        if "pro_bono" in compensation and "honorarium" in compensation:
            errors["compensation"] = _("Un proyecto pro bono no puede ofrecer honorarios a la vez.")
        start, deadline = self._current(data, "start_date"), self._current(data, "deadline")
        if start and deadline and start < deadline:
            errors["start_date"] = _(
                "La colaboración no puede empezar antes de la fecha límite para postularse."
            )
        if errors:
            raise serializers.ValidationError(errors)
        return data

    def service_kwargs(self) -> dict[str, Any]:
        """What projects.services.project_create / project_update take."""
        data = dict(self.validated_data)
        if "fields_of_science" in data:
            data["fields"] = data.pop("fields_of_science")
        return data


class SubmitInputSerializer(serializers.Serializer):
    note = serializers.CharField(
        max_length=1000,
        required=False,
        allow_blank=True,
        help_text=_(
            "Nota para el equipo de moderación (opcional).",
        ),
    )


# --- Invitations -------------------------------------------------------------------------------


class InvitationSerializer(serializers.ModelSerializer):
    project = ProjectRefSerializer()
    expert = ExpertRefSerializer()

    class Meta:
        model = Invitation
        fields = [
            "id",
            "project",
            "expert",
            "message",
            "status",
            "decline_reason",
            "decline_note",
            "created_at",
            "expires_at",
            "responded_at",
        ]


class InvitationInputSerializer(serializers.Serializer):
    """The project must be the key's institution's; the expert one the key may see."""

    project = serializers.PrimaryKeyRelatedField(queryset=Project.objects.none())
    expert = serializers.PrimaryKeyRelatedField(queryset=ExpertProfile.objects.none())
    message = serializers.CharField(max_length=1500, help_text=_("Por qué invitan a esta persona."))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        key = self.context.get("key")
        if key is None:  # the schema generator
            return
        self.fields["project"] = serializers.PrimaryKeyRelatedField(
            queryset=project_list_of_key_institution(key=key)
        )
        self.fields["expert"] = serializers.PrimaryKeyRelatedField(
            queryset=expert_list_visible_to_key(key=key).select_related("user")
        )


# --- Engagements and outcomes ------------------------------------------------------------------


class EngagementSerializer(serializers.ModelSerializer):
    project = ProjectRefSerializer()
    expert = ExpertRefSerializer()
    outcomes_count = serializers.IntegerField()

    class Meta:
        model = Engagement
        fields = [
            "id",
            "project",
            "expert",
            "status",
            "started_at",
            "ended_at",
            "outcomes_count",
        ]


class OutcomeSerializer(serializers.ModelSerializer):
    amount = serializers.DecimalField(
        max_digits=14, decimal_places=2, allow_null=True, coerce_to_string=True
    )

    class Meta:
        model = Outcome
        fields = [
            "id",
            "kind",
            "description",
            "occurred_on",
            "url",
            "amount",
            "currency",
            "created_at",
        ]


class OutcomeInputSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=OutcomeKind.choices)
    description = serializers.CharField(max_length=2000)
    occurred_on = serializers.DateField()
    url = serializers.URLField(max_length=200, required=False, allow_blank=True)
    amount = serializers.DecimalField(
        max_digits=14, decimal_places=2, min_value=0, required=False, allow_null=True
    )
    currency = serializers.ChoiceField(choices=Currency.choices, required=False, allow_blank=True)
