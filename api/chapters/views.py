"""Partner API: chapters and events (read only, scope `chapters:read`)."""

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view

from api.base import KeyScopedReadOnlyViewSet
from api.chapters.selectors import chapter_list_for_key, event_list_for_key
from api.chapters.serializers import ChapterSerializer, EventSerializer
from chapters.models import Chapter, Event
from partners.models import ApiScope

CHAPTER_DESCRIPTION = _("""Capítulos en el exterior, nodos estatales, coordinaciones regionales
y redes temáticas que esta clave puede ver: los públicos para toda clave; también los de
«solo miembros» para claves de una institución verificada. Con el número de miembros, nunca
sus nombres. Necesita el permiso `chapters:read`.""")

EVENT_DESCRIPTION = _("""Eventos publicados de los capítulos, los nodos y la red que esta clave
puede ver, con cupo y lugares ocupados; nunca quién se inscribió ni el enlace en línea (solo
para las personas inscritas). Horas en UTC y la zona horaria del evento. Necesita el permiso
`chapters:read`.""")


@extend_schema_view(
    list=extend_schema(tags=["Capítulos"], summary=_("Capítulos"), description=CHAPTER_DESCRIPTION),
    retrieve=extend_schema(
        tags=["Capítulos"], summary=_("Un capítulo"), description=CHAPTER_DESCRIPTION
    ),
)
class ChapterViewSet(KeyScopedReadOnlyViewSet):
    queryset = Chapter.objects.none()
    serializer_class = ChapterSerializer
    read_scope = ApiScope.CHAPTERS_READ

    def get_queryset(self) -> QuerySet[Chapter]:
        return chapter_list_for_key(key=self.key).order_by("pk")


@extend_schema_view(
    list=extend_schema(tags=["Capítulos"], summary=_("Eventos"), description=EVENT_DESCRIPTION),
    retrieve=extend_schema(
        tags=["Capítulos"], summary=_("Un evento"), description=EVENT_DESCRIPTION
    ),
)
class EventViewSet(KeyScopedReadOnlyViewSet):
    queryset = Event.objects.none()
    serializer_class = EventSerializer
    read_scope = ApiScope.CHAPTERS_READ

    def get_queryset(self) -> QuerySet[Event]:
        return event_list_for_key(key=self.key).order_by("starts_at", "pk")
