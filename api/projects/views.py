"""Partner API: published projects, and the key's own institution's projects, invitations,
engagements and outcomes. Writes go through projects.services, the same as the site; the key
acts as the institution admin who issued it."""

from typing import Any, cast

from django.db.models import QuerySet
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.filters import OrderingFilter
from rest_framework.request import Request
from rest_framework.response import Response

from api.base import KeyScopedGenericViewSet, KeyScopedReadOnlyViewSet
from api.etags import ETagRetrieveMixin
from api.pagination import LargeListCursorPagination, PagePagination
from api.projects import examples
from api.projects.filters import (
    EngagementFilter,
    InvitationFilter,
    OwnProjectFilter,
    ProjectFilter,
)
from api.projects.selectors import (
    engagement_list_of_key_institution,
    invitation_list_of_key_institution,
    outcome_list_of_engagement,
    project_list_of_key_institution,
    project_list_public_for_key,
    project_list_published_for_key,
    project_rows_attach,
)
from api.projects.serializers import (
    EngagementSerializer,
    InvitationInputSerializer,
    InvitationSerializer,
    OutcomeInputSerializer,
    OutcomeSerializer,
    OwnProjectSerializer,
    ProjectInputSerializer,
    ProjectSerializer,
    SubmitInputSerializer,
)
from api.schema import request_example, response_example
from partners.models import ApiScope
from profiles.models import Institution
from projects import services
from projects.models import Engagement, Invitation, Project

PUBLIC = "Proyectos publicados"
OWN = "Mi institución"


@extend_schema_view(
    list=extend_schema(
        tags=[PUBLIC],
        summary=_("Proyectos publicados"),
        description=_(
            "Necesidades de colaboración publicadas que esta clave puede ver (las "
            "de «solo miembros» solo para claves de instituciones verificadas). Búsqueda, filtros "
            "y orden (`ordering`: `published_at`, `-published_at`, `id`, `-id`). Paginado por "
            "cursor. Permiso `projects:read`."
        ),
        examples=[response_example("Un proyecto publicado", examples.PROJECT)],
    ),
    retrieve=extend_schema(
        tags=[PUBLIC],
        summary=_("Un proyecto"),
        description=_(
            "Un proyecto que ya pasó la moderación (publicado, cerrado, en curso o "
            "concluido). Responde con `ETag`; envía `If-None-Match` para recibir 304 si no "
            "cambió. Permiso `projects:read`."
        ),
        examples=[response_example("Un proyecto publicado", examples.PROJECT)],
    ),
)
class ProjectViewSet(ETagRetrieveMixin, KeyScopedReadOnlyViewSet):
    queryset = Project.objects.none()
    serializer_class = ProjectSerializer
    read_scope = ApiScope.PROJECTS_READ
    pagination_class = LargeListCursorPagination
    filter_backends = [DjangoFilterBackend, OrderingFilter]
    filterset_class = ProjectFilter
    ordering_fields = ["published_at", "id"]
    ordering = ["-published_at"]
    etag_on_retrieve = True

    def get_queryset(self) -> QuerySet[Project]:
        if self.action == "retrieve":
            return project_list_public_for_key(key=self.key)
        # The page's skills and fields are read as plain values (paginate_queryset).
        return project_list_published_for_key(key=self.key)

    def paginate_queryset(self, queryset: Any) -> Any:
        page = super().paginate_queryset(queryset)
        if page is not None:
            project_rows_attach(list(page))
        return page


OWN_DESCRIPTION = _(
    "Proyectos de la institución de esta clave, en cualquier estado (borradores incluidos). "
    "Lectura con `projects:read`; crear, editar y enviar a revisión con `projects:write`. "
    "Solo para claves de una institución."
)


@extend_schema_view(
    list=extend_schema(
        tags=[OWN],
        summary=_("Proyectos de mi institución"),
        description=OWN_DESCRIPTION,
        examples=[response_example("Un borrador", examples.OWN_PROJECT)],
    ),
    retrieve=extend_schema(
        tags=[OWN],
        summary=_("Un proyecto de mi institución"),
        description=format_lazy("{}{}", OWN_DESCRIPTION, _(" Responde con `ETag`.")),
        examples=[response_example("Un borrador", examples.OWN_PROJECT)],
    ),
)
class OwnProjectViewSet(
    ETagRetrieveMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    KeyScopedGenericViewSet,
):
    queryset = Project.objects.none()
    serializer_class = OwnProjectSerializer
    read_scope = ApiScope.PROJECTS_READ
    write_scope = ApiScope.PROJECTS_WRITE
    institution_key_required = True
    pagination_class = PagePagination
    filter_backends = [DjangoFilterBackend, OrderingFilter]
    filterset_class = OwnProjectFilter
    ordering_fields = ["created_at", "updated_at", "id"]
    ordering = ["-created_at", "-id"]
    service_field_map = {"fields": "fields_of_science"}
    etag_on_retrieve = True

    def get_queryset(self) -> QuerySet[Project]:
        return project_list_of_key_institution(key=self.key)

    def _fresh(self, project: Project) -> dict[str, Any]:
        return OwnProjectSerializer(self.get_queryset().get(pk=project.pk)).data

    @extend_schema(
        tags=[OWN],
        summary=_("Crear un borrador"),
        description=_(
            "Crea un proyecto en borrador para la institución de la clave, con las "
            "mismas reglas que el sitio. Después, envíalo a revisión con `submit`. Permiso "
            "`projects:write`."
        ),
        request=ProjectInputSerializer,
        responses={201: OwnProjectSerializer},
        examples=[
            request_example("Un proyecto nuevo", examples.PROJECT_INPUT),
            response_example("El borrador creado", examples.OWN_PROJECT, status_codes=["201"]),
        ],
    )
    def create(self, request: Request) -> Response:
        serializer = ProjectInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        # institution_key_required: never a partner organisation's key.
        institution = cast(Institution, self.key.institution)
        project = services.project_create(
            institution=institution, by=self.issuer, **serializer.service_kwargs()
        )
        return Response(self._fresh(project), status=status.HTTP_201_CREATED)

    @extend_schema(
        tags=[OWN],
        summary=_("Editar un proyecto"),
        description=_(
            "Cambia solo los campos enviados de un borrador o de un proyecto "
            "rechazado (los demás estados no se editan: 400 `not_editable`). Permiso "
            "`projects:write`."
        ),
        request=ProjectInputSerializer(partial=True),
        responses={200: OwnProjectSerializer},
        examples=[
            request_example("Cambiar el título", {"title": "Nuevo título del proyecto"}),
            response_example("El proyecto editado", examples.OWN_PROJECT),
        ],
    )
    def partial_update(self, request: Request, pk: str) -> Response:
        project = self.get_object()
        serializer = ProjectInputSerializer(project, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        services.project_update(project=project, by=self.issuer, **serializer.service_kwargs())
        return Response(self._fresh(project))

    @extend_schema(
        tags=[OWN],
        summary=_("Enviar a revisión"),
        description=_(
            "Envía un borrador (o un proyecto rechazado y corregido) al equipo de "
            "moderación. La institución debe estar verificada y el proyecto completo (al menos "
            "una habilidad indispensable y un campo). Permiso `projects:write`."
        ),
        request=SubmitInputSerializer,
        responses={200: OwnProjectSerializer},
        examples=[
            request_example("Con una nota", {"note": "Corregimos la fecha límite."}),
            response_example(
                "Enviado",
                {
                    **examples.OWN_PROJECT,
                    "status": "submitted",
                    "submitted_at": "2026-06-01T10:00:00Z",
                },
            ),
        ],
    )
    @action(detail=True, methods=["post"])
    def submit(self, request: Request, pk: str) -> Response:
        project = self.get_object()
        serializer = SubmitInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.project_submit(
            project=project, by=self.issuer, note=serializer.validated_data.get("note", "")
        )
        return Response(self._fresh(project))


INVITATION_DESCRIPTION = _(
    "Invitaciones de la institución de esta clave a personas expertas (una presentación "
    "mediada: los datos de contacto se comparten en Puentes solo cuando la persona acepta). "
    "Lectura con `projects:read`, invitar con `projects:write`."
)


@extend_schema_view(
    list=extend_schema(
        tags=[OWN],
        summary=_("Invitaciones de mi institución"),
        description=INVITATION_DESCRIPTION,
        examples=[response_example("Una invitación", examples.INVITATION)],
    ),
    retrieve=extend_schema(
        tags=[OWN],
        summary=_("Una invitación"),
        description=INVITATION_DESCRIPTION,
        examples=[response_example("Una invitación", examples.INVITATION)],
    ),
)
class InvitationViewSet(
    ETagRetrieveMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    KeyScopedGenericViewSet,
):
    queryset = Invitation.objects.none()
    serializer_class = InvitationSerializer
    read_scope = ApiScope.PROJECTS_READ
    write_scope = ApiScope.PROJECTS_WRITE
    institution_key_required = True
    pagination_class = PagePagination
    filter_backends = [DjangoFilterBackend, OrderingFilter]
    filterset_class = InvitationFilter
    ordering_fields = ["created_at", "expires_at", "id"]
    ordering = ["-created_at", "-id"]
    etag_on_retrieve = True

    def get_queryset(self) -> QuerySet[Invitation]:
        return invitation_list_of_key_institution(key=self.key)

    @extend_schema(
        tags=[OWN],
        summary=_("Invitar a una persona experta"),
        description=_(
            "Invita a una persona experta (que esta clave pueda ver) a un proyecto "
            "publicado o en curso de la institución. Mismas reglas que el sitio: no dos "
            "invitaciones pendientes a la misma persona, un máximo de invitaciones pendientes "
            "por proyecto. Permiso `projects:write`."
        ),
        request=InvitationInputSerializer,
        responses={201: InvitationSerializer},
        examples=[
            request_example("Invitar", examples.INVITATION_INPUT),
            response_example("La invitación", examples.INVITATION, status_codes=["201"]),
        ],
    )
    def create(self, request: Request) -> Response:
        serializer = InvitationInputSerializer(data=request.data, context={"key": self.key})
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        invitation = services.invitation_create(
            project=data["project"], expert=data["expert"], message=data["message"], by=self.issuer
        )
        fresh = self.get_queryset().get(pk=invitation.pk)
        return Response(InvitationSerializer(fresh).data, status=status.HTTP_201_CREATED)


ENGAGEMENT_DESCRIPTION = _(
    "Colaboraciones en curso o concluidas de la institución de esta clave (empiezan cuando "
    "una persona acepta una invitación o la institución acepta su interés). Permiso "
    "`projects:read`."
)


@extend_schema_view(
    list=extend_schema(
        tags=[OWN],
        summary=_("Colaboraciones de mi institución"),
        description=ENGAGEMENT_DESCRIPTION,
        examples=[response_example("Una colaboración", examples.ENGAGEMENT)],
    ),
    retrieve=extend_schema(
        tags=[OWN],
        summary=_("Una colaboración"),
        description=ENGAGEMENT_DESCRIPTION,
        examples=[response_example("Una colaboración", examples.ENGAGEMENT)],
    ),
)
class EngagementViewSet(ETagRetrieveMixin, KeyScopedReadOnlyViewSet):
    queryset = Engagement.objects.none()
    serializer_class = EngagementSerializer
    read_scope = ApiScope.PROJECTS_READ
    write_scope = ApiScope.PROJECTS_WRITE
    institution_key_required = True
    pagination_class = PagePagination
    filter_backends = [DjangoFilterBackend, OrderingFilter]
    filterset_class = EngagementFilter
    ordering_fields = ["started_at", "id"]
    ordering = ["-started_at", "-id"]
    etag_on_retrieve = True

    def get_queryset(self) -> QuerySet[Engagement]:
        return engagement_list_of_key_institution(key=self.key)

    @extend_schema(
        methods=["GET"],
        tags=[OWN],
        summary=_("Resultados de una colaboración"),
        description=_(
            "Lo que produjo la colaboración (publicaciones, tesis, financiamientos, "
            "patentes…). Permiso `projects:read`."
        ),
        responses={200: OutcomeSerializer(many=True)},
        filters=False,
        examples=[response_example("Un resultado", examples.OUTCOME)],
    )
    @extend_schema(
        methods=["POST"],
        tags=[OWN],
        summary=_("Registrar un resultado"),
        description=_(
            "Registra un resultado de la colaboración (no si fue cancelada). Solo "
            "los financiamientos y las inversiones llevan monto, siempre con moneda; una "
            "inversión debe llevarlo. Permiso `projects:write`."
        ),
        request=OutcomeInputSerializer,
        responses={201: OutcomeSerializer},
        filters=False,
        examples=[
            request_example("Un financiamiento", examples.OUTCOME_INPUT),
            response_example("El resultado", examples.OUTCOME, status_codes=["201"]),
        ],
    )
    @action(
        detail=True,
        methods=["get", "post"],
        pagination_class=PagePagination,
        filter_backends=[],
    )
    def outcomes(self, request: Request, pk: str) -> Response:
        engagement = self.get_object()
        if request.method == "POST":
            serializer = OutcomeInputSerializer(data=request.data)
            serializer.is_valid(raise_exception=True)
            outcome = services.outcome_record(
                engagement=engagement, by=self.issuer, **serializer.validated_data
            )
            return Response(OutcomeSerializer(outcome).data, status=status.HTTP_201_CREATED)
        page = self.paginate_queryset(outcome_list_of_engagement(engagement=engagement))
        return self.get_paginated_response(OutcomeSerializer(page, many=True).data)
