"""The rejected rows as a CSV a spreadsheet opens safely."""

import csv
import io
from collections.abc import Iterable

from django.utils.translation import gettext as _

from imports.models import ImportJob, ImportRow

# A cell starting with one of these is read as a formula by spreadsheet programs.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def cell_safe(value: object) -> str:
    """Prefix a quote to text a spreadsheet would run as a formula (CSV injection)."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def rejected_csv(*, job: ImportJob, rows: Iterable[ImportRow]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([cell_safe(h) for h in [_("fila"), _("motivo"), *job.headers]])
    for row in rows:
        reason = " ".join(row.errors)
        writer.writerow([cell_safe(v) for v in [row.number, reason, *row.values]])
    return buffer.getvalue()
