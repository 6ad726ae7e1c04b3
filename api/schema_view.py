"""The view of /api/v1/schema/ (apart from api.schema, which DRF's settings import before
drf-spectacular's views can be)."""

from drf_spectacular.views import SpectacularAPIView
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response


class SchemaView(SpectacularAPIView):
    """The OpenAPI document, in json or yaml. Its errors (an unknown ?format=, an Accept it
    cannot serve, a throttle) are the API's JSON like every other endpoint's, not a body
    labelled as OpenAPI by the schema's own renderers."""

    def handle_exception(self, exc: Exception) -> Response:
        response = super().handle_exception(exc)
        self.request.accepted_renderer = JSONRenderer()
        self.request.accepted_media_type = JSONRenderer.media_type
        return response
