"""Partner API: reference data (states, fields, skills, collaboration types) and verified
institutions. Any valid key reads them."""

from django.db.models import QuerySet
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework.filters import OrderingFilter
from rest_framework.request import Request
from rest_framework.response import Response

from api.base import KeyScopedGenericViewSet, KeyScopedReadOnlyViewSet
from api.etags import ETagRetrieveMixin
from api.pagination import PagePagination
from api.reference import examples
from api.reference.filters import InstitutionFilter, SkillFilter
from api.reference.selectors import (
    field_list,
    institution_list_verified,
    skill_list_approved,
    state_list,
)
from api.reference.serializers import (
    CollaborationTypeSerializer,
    FieldSerializer,
    InstitutionSerializer,
    SkillSerializer,
    StateSerializer,
)
from api.schema import response_example
from profiles.choices import CollaborationType
from profiles.models import FieldOfScience, Institution, Skill, State

REFERENCE = "Datos de referencia"


@extend_schema_view(
    list=extend_schema(
        tags=[REFERENCE],
        summary=_("Estados"),
        description=_(
            "Estados del país (claves INEGI); `in_region` marca los que atiende "
            "esta red. Cualquier clave válida. Sin paginar."
        ),
        examples=[response_example("Un estado", [examples.STATE])],
    )
)
class StateViewSet(KeyScopedGenericViewSet):
    queryset = State.objects.none()
    serializer_class = StateSerializer
    pagination_class = None
    filter_backends: list = []

    def get_queryset(self) -> QuerySet[State]:
        return state_list()

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
        examples=[response_example("Un subcampo", [examples.FIELD])],
    )
)
class FieldViewSet(KeyScopedGenericViewSet):
    queryset = FieldOfScience.objects.none()
    serializer_class = FieldSerializer
    pagination_class = None
    filter_backends: list = []

    def get_queryset(self) -> QuerySet[FieldOfScience]:
        return field_list()

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
        examples=[response_example("Un tipo", [examples.COLLABORATION_TYPE])],
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
        examples=[response_example("Una habilidad", examples.SKILL)],
    ),
    retrieve=extend_schema(
        tags=[REFERENCE],
        summary=_("Una habilidad"),
        examples=[response_example("Una habilidad", examples.SKILL)],
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

    def get_queryset(self) -> QuerySet[Skill]:
        return skill_list_approved()


@extend_schema_view(
    list=extend_schema(
        tags=["Instituciones"],
        summary=_("Instituciones verificadas"),
        description=_(
            "Instituciones de la región verificadas por el equipo de la plataforma. "
            "Cualquier clave válida."
        ),
        examples=[response_example("Una institución", examples.INSTITUTION)],
    ),
    retrieve=extend_schema(
        tags=["Instituciones"],
        summary=_("Una institución verificada"),
        examples=[response_example("Una institución", examples.INSTITUTION)],
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

    def get_queryset(self) -> QuerySet[Institution]:
        return institution_list_verified()
