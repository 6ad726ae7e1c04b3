"""Public API: the observatory's published figures (the same suppressed numbers as the page)."""

from typing import Any

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework.exceptions import NotFound
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from api.stats.serializers import StatsSerializer
from api.throttling import FailOpenThrottle, client_address
from observatory import selectors, tables


class StatsRateThrottle(FailOpenThrottle):
    """Per client address, key or not: the figures are public, the database is not free."""

    scope = "observatory_stats"

    def get_rate(self) -> str:
        return settings.OBSERVATORY_STATS_RATE

    def get_cache_key(self, request: Request, view: Any) -> str | None:
        return self.cache_format % {"scope": self.scope, "ident": client_address(request)}


def stats_body() -> dict[str, Any]:
    snapshot = selectors.snapshot_latest()
    if snapshot is None:
        raise NotFound(_("Aún no hay cifras publicadas."))
    figures = snapshot.figures
    titles = tables.titles()
    names = ("trends", *tables.TABLES)
    return {
        "period": f"{snapshot.period:%Y-%m}",
        "as_of": snapshot.as_of,
        "min_cell": snapshot.min_cell,
        "headline": figures["headline"],
        "tables": {
            name: {
                "title": titles[name],
                "rows": selectors.table_rows(snapshot, name),
                "total": (figures[name].get("total") if name not in ("trends", "funnel") else None),
            }
            for name in names
        },
        "amounts": figures.get("amounts", []),
    }


class StatsView(APIView):
    authentication_classes: list = []
    permission_classes = [AllowAny]
    throttle_classes = [StatsRateThrottle]

    @extend_schema(
        tags=["Observatorio"],
        summary=_("Cifras del observatorio"),
        description=_(
            "Las cifras agregadas de la última instantánea, las mismas que publica "
            "/observatorio/: las celdas de menos de min_cell personas y las que permitirían "
            "deducirlas van ocultas (value null). Pública, sin clave, con límite por dirección."
        ),
        responses={200: StatsSerializer},
    )
    def get(self, request: Request) -> Response:
        return Response(StatsSerializer(stats_body()).data)
