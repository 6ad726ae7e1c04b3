"""Partner API: reference data, verified institutions and experts (what a key may see)."""

from typing import Any

from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework.filters import OrderingFilter
from rest_framework.request import Request
from rest_framework.response import Response

from partners.api.base import KeyScopedGenericViewSet, KeyScopedReadOnlyViewSet
from partners.api.etags import ETagRetrieveMixin
from partners.api.pagination import LargeListCursorPagination, PagePagination
from partners.models import ApiScope
from profiles.api import examples
from profiles.api.filters import ExpertFilter, InstitutionFilter, SkillFilter
from profiles.api.selectors import (
    experts_for_api,
    fields_for_api,
    institutions_for_api,
    skills_for_api,
)
from profiles.api.serializers import (
    CollaborationTypeSerializer,
    ExpertSerializer,
    FieldSerializer,
    InstitutionSerializer,
    SkillSerializer,
    StateSerializer,
)
from profiles.choices import CollaborationType
from profiles.models import ExpertProfile, FieldOfScience, Institution, Skill, State

REFERENCE = "Datos de referencia"


@extend_schema_view(
    list=extend_schema(
        tags=[REFERENCE],
        summary=_("Estados"),
        description=_(
            "Estados del país (claves INEGI); `in_region` marca los que atiende "
            "esta red. Cualquier clave válida. Sin paginar."
        ),
        examples=[examples.example("Un estado", [examples.STATE])],
    )
)
class StateViewSet(KeyScopedGenericViewSet):
    queryset = State.objects.none()
    serializer_class = StateSerializer
    pagination_class = None
    filter_backends: list = []

    def get_queryset(self) -> Any:
        return State.objects.order_by("code")

    def list(self, request: Request) -> Response:
        return Response(self.get_serializer(self.get_queryset(), many=True).data)


@extend_schema_view(
    list=extend_schema(
        tags=[REFERENCE],
        summary=_("Campos de conocimiento"),
        description=_(
            "Campos de la OCDE (Manual de Frascati 2015): 6 principales y 42 "
            "subcampos (`parent` es la clave del principal). Sin paginar."
        ),
        examples=[examples.example("Un subcampo", [examples.FIELD])],
    )
)
class FieldViewSet(KeyScopedGenericViewSet):
    queryset = FieldOfScience.objects.none()
    serializer_class = FieldSerializer
    pagination_class = None
    filter_backends: list = []

    def get_queryset(self) -> Any:
        return fields_for_api()

    def list(self, request: Request) -> Response:
        return Response(self.get_serializer(self.get_queryset(), many=True).data)


@extend_schema_view(
    list=extend_schema(
        tags=[REFERENCE],
        summary=_("Tipos de colaboración"),
        description=_(
            "Los tipos de colaboración que ofrecen las personas expertas y piden los "
            "proyectos, con sus nombres en español e inglés. Sin paginar."
        ),
        examples=[examples.example("Un tipo", [examples.COLLABORATION_TYPE])],
    )
)
class CollaborationTypeViewSet(KeyScopedGenericViewSet):
    serializer_class = CollaborationTypeSerializer
    pagination_class = None
    filter_backends: list = []

    def list(self, request: Request) -> Response:
        rows = []
        for choice in CollaborationType:
            labels = {}
            for language in ("es", "en"):
                with translation.override(language):
                    labels[language] = str(choice.label)
            rows.append({"code": choice.value, "label_es": labels["es"], "label_en": labels["en"]})
        return Response(self.get_serializer(rows, many=True).data)


@extend_schema_view(
    list=extend_schema(
        tags=[REFERENCE],
        summary=_("Habilidades"),
        description=_(
            "El vocabulario curado de habilidades (solo las aprobadas), con "
            "sinónimos. Paginado por número de página."
        ),
        examples=[examples.example("Una habilidad", examples.SKILL)],
    ),
    retrieve=extend_schema(
        tags=[REFERENCE],
        summary=_("Una habilidad"),
        examples=[examples.example("Una habilidad", examples.SKILL)],
    ),
)
class SkillViewSet(ETagRetrieveMixin, KeyScopedReadOnlyViewSet):
    queryset = Skill.objects.none()
    serializer_class = SkillSerializer
    pagination_class = PagePagination
    filter_backends = [DjangoFilterBackend]
    filterset_class = SkillFilter
    lookup_field = "slug"
    lookup_value_regex = "[-a-zA-Z0-9_]+"
    etag_on_retrieve = True

    def get_queryset(self) -> Any:
        return skills_for_api()


@extend_schema_view(
    list=extend_schema(
        tags=["Instituciones"],
        summary=_("Instituciones verificadas"),
        description=_(
            "Instituciones de la región verificadas por el equipo de la plataforma. "
            "Cualquier clave válida."
        ),
        examples=[examples.example("Una institución", examples.INSTITUTION)],
    ),
    retrieve=extend_schema(
        tags=["Instituciones"],
        summary=_("Una institución verificada"),
        examples=[examples.example("Una institución", examples.INSTITUTION)],
    ),
)
class InstitutionViewSet(ETagRetrieveMixin, KeyScopedReadOnlyViewSet):
    queryset = Institution.objects.none()
    serializer_class = InstitutionSerializer
    pagination_class = PagePagination
    filter_backends = [DjangoFilterBackend, OrderingFilter]
    filterset_class = InstitutionFilter
    ordering_fields = ["name", "id", "verified_at"]
    ordering = ["name", "id"]
    etag_on_retrieve = True

    def get_queryset(self) -> Any:
        return institutions_for_api()


EXPERT_DESCRIPTION = _("""Perfiles de personas expertas que esta clave puede ver: los públicos
para toda clave; también los de «solo miembros» para claves de una institución verificada.
Nunca los ocultos, y nunca datos de contacto (correo, LinkedIn, sitio web): el contacto se
abre en Puentes solo cuando una persona acepta una invitación.

Para claves que ven lo que ve el público, `city`, `timezone`, `origin_municipality` y
`availability` vienen en `null`. Necesita el permiso `experts:read`. Paginado por cursor.""")


@extend_schema_view(
    list=extend_schema(
        tags=["Personas expertas"],
        summary=_("Personas expertas"),
        description=EXPERT_DESCRIPTION,
        examples=[examples.example("Un perfil visto por una institución", examples.EXPERT)],
    ),
    retrieve=extend_schema(
        tags=["Personas expertas"],
        summary=_("Una persona experta"),
        description=EXPERT_DESCRIPTION,
        examples=[examples.example("Un perfil visto por una institución", examples.EXPERT)],
    ),
)
class ExpertViewSet(ETagRetrieveMixin, KeyScopedReadOnlyViewSet):
    queryset = ExpertProfile.objects.none()
    serializer_class = ExpertSerializer
    read_scope = ApiScope.EXPERTS_READ
    pagination_class = LargeListCursorPagination
    filter_backends = [DjangoFilterBackend, OrderingFilter]
    filterset_class = ExpertFilter
    ordering_fields = ["id", "updated_at"]
    ordering = ["id"]
    etag_on_retrieve = True

    def get_queryset(self) -> Any:
        return experts_for_api(self.key)
