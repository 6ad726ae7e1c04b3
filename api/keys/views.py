"""Partner API: the key the request was made with."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.response import Response

from api.base import KeyScopedAPIView
from api.keys import examples
from api.keys.serializers import ApiKeyInfoSerializer
from api.schema import response_example


class MeView(KeyScopedAPIView):
    @extend_schema(
        tags=["Clave"],
        summary=_("Esta clave"),
        description=_(
            "Para comprobar una clave: a quién pertenece, sus permisos, si ve el "
            "contenido de «solo miembros» y cuándo vence. Cualquier clave válida."
        ),
        responses={200: ApiKeyInfoSerializer},
        examples=[response_example("Una clave de institución", examples.KEY)],
    )
    def get(self, request: Request) -> Response:
        return Response(ApiKeyInfoSerializer(self.key).data)
