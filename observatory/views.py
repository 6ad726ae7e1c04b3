"""The public observatory page and the downloads of each of its tables."""

import csv
import json

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from network.web import anonymous_page_cache
from observatory import selectors, tables
from observatory.fragments import OBSERVATORY_DATA

DOWNLOADABLE = ("trends", *tables.TABLES)


@require_GET
@anonymous_page_cache(OBSERVATORY_DATA)
def observatory_page(request: HttpRequest) -> HttpResponse:
    return render(request, "observatory/observatory.html", selectors.observatory_page())


@require_GET
def table_download(request: HttpRequest, table: str, fmt: str) -> HttpResponse:
    """One table exactly as the page shows it: label, shown value and the number (empty when
    hidden)."""
    snapshot = selectors.snapshot_latest()
    if table not in DOWNLOADABLE or snapshot is None:
        raise Http404
    rows = selectors.table_rows(snapshot, table)
    filename = f"puentes-{table}-{snapshot.period:%Y-%m}.{fmt}"
    if fmt == "json":
        body = {
            "table": table,
            "period": f"{snapshot.period:%Y-%m}",
            "as_of": snapshot.as_of.isoformat(),
            "min_cell": snapshot.min_cell,
            "rows": [{k: r[k] for k in ("key", "label", "value", "shown")} for r in rows],
        }
        response = HttpResponse(
            json.dumps(body, ensure_ascii=False), content_type="application/json"
        )
    else:
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        writer = csv.writer(response)
        writer.writerow(["key", "label", "shown", "value"])
        for r in rows:
            writer.writerow(
                [r["key"], r["label"], r["shown"], "" if r["value"] is None else r["value"]]
            )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
