"""Partner API: the experts a key may see (never their contact data)."""

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework.filters import OrderingFilter

from api.base import KeyScopedReadOnlyViewSet
from api.etags import ETagRetrieveMixin
from api.experts import examples
from api.experts.filters import ExpertFilter
from api.experts.selectors import expert_list_for_key, expert_list_page_for_key, expert_rows_attach
from api.experts.serializers import ExpertSerializer
from api.pagination import LargeListCursorPagination
from api.schema import response_example
from partners.models import ApiScope
from profiles.models import ExpertProfile

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
        examples=[response_example("Un perfil visto por una institución", examples.EXPERT)],
    ),
    retrieve=extend_schema(
        tags=["Personas expertas"],
        summary=_("Una persona experta"),
        description=EXPERT_DESCRIPTION,
        examples=[response_example("Un perfil visto por una institución", examples.EXPERT)],
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

    def get_queryset(self) -> QuerySet[ExpertProfile]:
        if self.action == "list":  # the page's relations are read as plain values, below
            return expert_list_page_for_key(key=self.key)
        return expert_list_for_key(key=self.key)

    def paginate_queryset(self, queryset: Any) -> Any:
        page = super().paginate_queryset(queryset)
        if page is not None:
            expert_rows_attach(list(page), key=self.key)
        return page
