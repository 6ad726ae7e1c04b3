"""The shape of the key itself in the partner API."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from api.reference.serializers import InstitutionRefSerializer
from partners.models import ApiKey, ApiScope


class ApiKeyInfoSerializer(serializers.ModelSerializer):
    institution = InstitutionRefSerializer(allow_null=True)
    scopes = serializers.ListField(child=serializers.ChoiceField(choices=ApiScope.choices))
    sees_members_content = serializers.BooleanField(
        help_text=_("Si ve también los perfiles y proyectos de «solo miembros».")
    )

    class Meta:
        model = ApiKey
        fields = [
            "prefix",
            "name",
            "institution",
            "partner_name",
            "scopes",
            "sees_members_content",
            "expires_at",
            "last_used_at",
            "created_at",
        ]
