"""ETag / If-None-Match for detail endpoints: a client that already holds the current
representation gets 304 Not Modified and no body."""

import hashlib
from typing import Any

from django.utils.http import parse_etags, quote_etag
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response

from api.base import ViewBase

IF_NONE_MATCH = OpenApiParameter(
    name="If-None-Match",
    type=OpenApiTypes.STR,
    location=OpenApiParameter.HEADER,
    required=False,
    description=_(
        "ETag de una respuesta anterior: si no cambió, la respuesta es 304 sin cuerpo.",
    ),
)


def etag_for(data: Any) -> str:
    digest = hashlib.sha256(JSONRenderer().render(data))
    # Labels can depend on the language of the request.
    digest.update((get_language() or "").encode())
    return quote_etag(digest.hexdigest()[:40])


def _matches(header: str, etag: str) -> bool:
    wanted = [tag.removeprefix("W/") for tag in parse_etags(header)]
    return "*" in wanted or etag in wanted


def etag_response(request: Request, data: Any) -> Response:
    etag = etag_for(data)
    header = request.headers.get("If-None-Match", "")
    if header and _matches(header, etag):
        return Response(status=304, headers={"ETag": etag})
    return Response(data, headers={"ETag": etag})


class ETagRetrieveMixin(ViewBase):
    """`retrieve` with an ETag (for ModelViewSets / RetrieveModelMixin)."""

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        instance = self.get_object()
        return etag_response(request, self.get_serializer(instance).data)
