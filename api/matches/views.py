"""Partner API: the experts suggested for one of the key's institution's projects."""

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema
from rest_framework import generics

from api.base import KeyScopedMixin
from api.matches import examples
from api.matches.selectors import match_list_of_key_project
from api.matches.serializers import MatchSerializer
from api.pagination import PagePagination
from api.schema import response_example
from matching.models import Match, MatchState
from network.web import get_or_404
from partners.models import ApiScope


class MatchFilter(django_filters.FilterSet):
    state = django_filters.ChoiceFilter(choices=MatchState.choices)

    class Meta:
        model = Match
        fields: list[str] = []


@extend_schema(
    tags=["Mi institución"],
    summary=_("Personas expertas sugeridas para un proyecto"),
    description=_(
        "Las sugerencias del motor de emparejamiento para un proyecto de la "
        "institución de esta clave, de la más a la menos adecuada, cada una con sus razones en "
        "palabras (español e inglés), sus componentes y la versión del algoritmo. Excluye las que "
        "la institución descartó y a quien esta clave no puede ver. Un proyecto de otra "
        "institución responde 404. Permiso `matches:read`."
    ),
    examples=[response_example("Una sugerencia", examples.MATCH)],
)
class ProjectMatchListView(KeyScopedMixin, generics.ListAPIView):
    queryset = Match.objects.none()
    serializer_class = MatchSerializer
    read_scope = ApiScope.MATCHES_READ
    institution_key_required = True
    pagination_class = PagePagination
    filter_backends = [DjangoFilterBackend]
    filterset_class = MatchFilter

    def get_queryset(self) -> QuerySet[Match]:
        return get_or_404(
            match_list_of_key_project, key=self.key, project_pk=self.kwargs["project_pk"]
        )
