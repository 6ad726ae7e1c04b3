"""Output shapes of experts in the partner API.

Experts never carry contact data (e-mail, LinkedIn, website) nor the survey answers; what
only network members see on the site (city, time zone, municipality of origin, availability)
is null for keys that see what the public sees.
"""

from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from api.reference.serializers import FieldRefSerializer, StateRefSerializer
from api.serializers import FastRowsMixin, prefetched, site_url
from profiles.models import ExpertProfile

# --- Experts -----------------------------------------------------------------------------------


class ExpertRefSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="display_name")

    class Meta:
        model = ExpertProfile
        fields = ["id", "name", "headline"]


class ExpertSkillSerializer(serializers.Serializer):
    slug = serializers.CharField(source="skill.slug")
    name_es = serializers.CharField(source="skill.name_es")
    name_en = serializers.CharField(source="skill.name_en")
    years = serializers.IntegerField()


class ExpertLanguageSerializer(serializers.Serializer):
    code = serializers.CharField()
    level = serializers.CharField()


class EducationSerializer(serializers.Serializer):
    degree = serializers.CharField()
    field = serializers.CharField()
    institution = serializers.CharField()
    year = serializers.IntegerField(allow_null=True)


class PortfolioItemSerializer(serializers.Serializer):
    kind = serializers.CharField()
    title = serializers.CharField()
    summary = serializers.CharField()
    year = serializers.IntegerField(allow_null=True)
    url = serializers.CharField()


class AvailabilitySerializer(serializers.Serializer):
    hours_per_month = serializers.IntegerField()
    max_concurrent_engagements = serializers.IntegerField()
    is_paused = serializers.BooleanField()
    modality_preference = serializers.CharField()
    willing_to_travel = serializers.BooleanField()
    states_of_interest = serializers.ListField(child=serializers.CharField())
    sectors_of_interest = serializers.ListField(child=serializers.CharField())


def _int(value: Any) -> int | None:
    return None if value is None else int(value)


def _fields(serializer: Any, profile: ExpertProfile) -> list[dict[str, Any]]:
    return [
        {"code": f.code, "name_es": f.name_es, "name_en": f.name_en}
        for f in prefetched(profile, "fields")
    ]


def _skills(serializer: Any, profile: ExpertProfile) -> list[dict[str, Any]]:
    return [
        {
            "slug": link.skill.slug,
            "name_es": link.skill.name_es,
            "name_en": link.skill.name_en,
            "years": _int(link.years),
        }
        for link in prefetched(profile, "skill_links")
    ]


def _education(serializer: Any, profile: ExpertProfile) -> list[dict[str, Any]]:
    return [
        {
            "degree": str(e.degree),
            "field": str(e.field),
            "institution": str(e.institution),
            "year": _int(e.year),
        }
        for e in prefetched(profile, "education")
    ]


def _portfolio(serializer: Any, profile: ExpertProfile) -> list[dict[str, Any]]:
    return [
        {
            "kind": str(item.kind),
            "title": str(item.title),
            "summary": str(item.summary),
            "year": _int(item.year),
            "url": str(item.url),
        }
        for item in prefetched(profile, "portfolio")
    ]


class ExpertSerializer(FastRowsMixin, serializers.ModelSerializer):
    """Needs the profile from api.experts.selectors (relations prefetched) and the key in the
    context (`key.sees_members_content` decides the members-only fields)."""

    name = serializers.CharField(source="display_name")
    country = serializers.CharField(source="country.code", allow_blank=True)
    city = serializers.CharField(allow_null=True)
    timezone = serializers.CharField(allow_null=True)
    origin_state = StateRefSerializer(allow_null=True)
    origin_municipality = serializers.CharField(allow_null=True)
    fields_of_science = FieldRefSerializer(source="fields", many=True)
    skills = ExpertSkillSerializer(source="skill_links", many=True)
    languages = ExpertLanguageSerializer(many=True)
    education = EducationSerializer(many=True)
    portfolio = PortfolioItemSerializer(many=True)
    availability = serializers.SerializerMethodField()
    web_url = serializers.SerializerMethodField()

    class Meta:
        model = ExpertProfile
        fields = [
            "id",
            "name",
            "headline",
            "bio",
            "country",
            "city",
            "timezone",
            "origin_state",
            "origin_municipality",
            "origin_tie",
            "current_position",
            "employer",
            "sector",
            "fields_of_science",
            "skills",
            "languages",
            "education",
            "portfolio",
            "collaboration_types",
            "availability",
            "orcid",
            "updated_at",
            "web_url",
        ]

    MEMBERS_ONLY = ("city", "timezone", "origin_municipality")
    # The nested lists without DRF's per-row serializers (api.serializers.FastRowsMixin).
    fast_fields = {
        "fields_of_science": _fields,
        "skills": _skills,
        "languages": lambda _s, profile: [
            {"code": str(lang.code), "level": str(lang.level)}
            for lang in prefetched(profile, "languages")
        ],
        "education": _education,
        "portfolio": _portfolio,
        "origin_state": lambda _s, profile: (
            None
            if profile.origin_state is None
            else {"code": profile.origin_state.code, "name": profile.origin_state.name}
        ),
        "web_url": lambda _s, profile: site_url("profiles:expert_detail", profile.pk),
    }

    def _members(self) -> bool:
        key = self.context.get("key")
        return bool(key is not None and key.sees_members_content)

    def to_representation(self, profile: ExpertProfile) -> dict[str, Any]:
        data = super().to_representation(profile)
        if not self._members():
            for name in self.MEMBERS_ONLY:
                data[name] = None
        return data

    @extend_schema_field(AvailabilitySerializer(allow_null=True))
    def get_availability(self, profile: ExpertProfile) -> dict[str, Any] | None:
        if not self._members():
            return None
        return AvailabilitySerializer(
            {
                "hours_per_month": profile.hours_per_month,
                "max_concurrent_engagements": profile.max_concurrent_engagements,
                "is_paused": profile.is_paused,
                "modality_preference": profile.modality_preference,
                "willing_to_travel": profile.willing_to_travel,
                "states_of_interest": [s.code for s in prefetched(profile, "states_of_interest")],
                "sectors_of_interest": profile.sectors_of_interest,
            }
        ).data

    @extend_schema_field(OpenApiTypes.URI)
    def get_web_url(self, profile: ExpertProfile) -> str:
        return site_url("profiles:expert_detail", profile.pk)
