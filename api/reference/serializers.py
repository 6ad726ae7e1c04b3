"""Output shapes of reference data (states, fields, skills, collaboration types) and verified
institutions in the partner API, and the short references other resources embed."""

from django.conf import settings
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from api.serializers import site_url
from profiles.models import FieldOfScience, Institution, Skill, State

# --- Reference data -----------------------------------------------------------------------------


class StateRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = State
        fields = ["code", "name"]


class StateSerializer(serializers.ModelSerializer):
    in_region = serializers.BooleanField(source="is_in_region")

    class Meta:
        model = State
        fields = ["code", "name", "abbreviation", "timezone", "in_region"]


class FieldRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = FieldOfScience
        fields = ["code", "name_es", "name_en"]


# `parent` and `field` name API fields here; DRF's metaclass takes declared fields off the
# class, so they never shadow the serializer's own `parent` attribute (which mypy sees).
class FieldSerializer(serializers.ModelSerializer):
    parent = serializers.SlugRelatedField(  # type: ignore[assignment,var-annotated]
        slug_field="code", read_only=True, allow_null=True
    )

    class Meta:
        model = FieldOfScience
        fields = ["code", "name_es", "name_en", "parent"]


class SkillRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Skill
        fields = ["slug", "name_es", "name_en"]


class SkillSerializer(serializers.ModelSerializer):  # see FieldSerializer on `parent`
    parent = serializers.SlugRelatedField(  # type: ignore[assignment,var-annotated]
        slug_field="slug", read_only=True, allow_null=True
    )
    field = serializers.SlugRelatedField(  # type: ignore[var-annotated]
        slug_field="code", read_only=True, allow_null=True
    )

    class Meta:
        model = Skill
        fields = ["slug", "name_es", "name_en", "synonyms", "parent", "field"]


class CollaborationTypeSerializer(serializers.Serializer):
    code = serializers.CharField()
    label_es = serializers.CharField()
    label_en = serializers.CharField()


# --- Institutions ------------------------------------------------------------------------------


class InstitutionRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Institution
        fields = ["id", "slug", "name"]


class InstitutionSerializer(serializers.ModelSerializer):
    state = StateRefSerializer()
    logo_url = serializers.SerializerMethodField()
    web_url = serializers.SerializerMethodField()

    class Meta:
        model = Institution
        fields = [
            "id",
            "slug",
            "name",
            "kind",
            "state",
            "municipality",
            "website",
            "description",
            "logo_url",
            "verified_at",
            "web_url",
        ]

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_logo_url(self, institution: Institution) -> str | None:
        return settings.SITE_URL + institution.logo.url if institution.logo else None

    @extend_schema_field(OpenApiTypes.URI)
    def get_web_url(self, institution: Institution) -> str:
        return site_url("profiles:institution_detail", institution.slug)
