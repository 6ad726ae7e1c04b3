"""Suggested experts (matches) of a project, as the partner API shows them."""

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from api.experts.serializers import ExpertRefSerializer
from matching.models import Match


class BilingualListSerializer(serializers.Serializer):
    es = serializers.ListField(child=serializers.CharField())
    en = serializers.ListField(child=serializers.CharField())


class MatchSerializer(serializers.ModelSerializer):
    expert = ExpertRefSerializer()
    components = serializers.JSONField(
        help_text=_(
            "Puntuación de cada componente (habilidades, campos, idioma, vínculo con el "
            "estado, zona horaria, horas, similitud de textos…), de 0 a 1."
        )
    )
    reasons = serializers.SerializerMethodField()
    missing = serializers.SerializerMethodField()

    class Meta:
        model = Match
        fields = [
            "id",
            "expert",
            "score",
            "components",
            "reasons",
            "missing",
            "algorithm_version",
            "computed_at",
            "state",
        ]

    @extend_schema_field(BilingualListSerializer)
    def get_reasons(self, match: Match) -> dict[str, Any]:
        """Why this person suits the project, in plain words, in both languages."""
        return {"es": list(match.reasons_es or []), "en": list(match.reasons_en or [])}

    @extend_schema_field(BilingualListSerializer)
    def get_missing(self, match: Match) -> dict[str, Any]:
        """What the project asks for that this person does not show."""
        return {
            "es": list(getattr(match, "missing_es", None) or []),
            "en": list(getattr(match, "missing_en", None) or []),
        }
