"""The funder report: the observatory's figures for a period as a PDF (reportlab, no browser).

Pure rendering: it takes published figures (already suppressed) and rows with labels, and
returns bytes. Bar charts are reportlab drawings of the same rows the tables list.
"""

import io
from collections.abc import Callable
from typing import Any

from django.utils.translation import gettext as _
from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from observatory import tables

CHART_TABLES = (
    "funnel",
    "experts_by_country",
    "experts_by_field",
    "experts_by_collaboration_type",
    "needs_by_state",
    "outcomes_by_kind",
)


def bar_chart(rows: list[dict[str, Any]]) -> Drawing:
    shown = [r for r in rows if r["value"]][:15]
    drawing = Drawing(16 * cm, max(2, len(shown)) * 0.55 * cm + 1 * cm)
    chart = HorizontalBarChart()
    chart.x, chart.y = 6 * cm, 0.5 * cm
    chart.width, chart.height = 9.5 * cm, max(2, len(shown)) * 0.55 * cm
    chart.data = [[r["value"] for r in shown] or [0]]
    chart.categoryAxis.categoryNames = [r["label"][:40] for r in shown] or [""]
    chart.categoryAxis.labels.fontSize = 7
    chart.valueAxis.valueMin = 0
    chart.bars[0].fillColor = colors.HexColor("#0b5d6b")
    drawing.add(chart)
    return drawing


def data_table(rows: list[dict[str, Any]], total: dict[str, Any] | None) -> Table:
    data = [[_("Categoría"), _("Cifra")]] + [[r["label"], r["shown"]] for r in rows]
    if total:
        data.append([_("Total"), total["shown"]])
    table = Table(data, colWidths=[11 * cm, 4 * cm], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("FONTSIZE", (0, 0), (-1, -1), 8),
                ("LINEBELOW", (0, 0), (-1, 0), 0.5, colors.black),
                ("ALIGN", (1, 0), (1, -1), "RIGHT"),
            ]
        )
    )
    return table


def render_pdf(
    *,
    title: str,
    subtitle: str,
    figures: dict[str, Any],
    cards: list[dict[str, str]],
    progress: Callable[[int], None] = lambda _percent: None,
) -> bytes:
    """The PDF of `figures`; `progress(percent)` is called as sections are laid out."""
    styles = getSampleStyleSheet()
    story: list[Any] = [
        Paragraph(title, styles["Title"]),
        Paragraph(subtitle, styles["Normal"]),
        Spacer(1, 0.4 * cm),
        Paragraph(_("En cifras"), styles["Heading2"]),
        data_table([{"label": c["label"], "shown": c["value"]} for c in cards], None),
    ]
    titles = tables.titles()
    for i, name in enumerate(CHART_TABLES):
        rows = tables.rows(figures, name)
        story += [
            Paragraph(titles[name], styles["Heading2"]),
            bar_chart(rows),
            data_table(rows, tables.total(figures, name)),
        ]
        progress(10 + 70 * (i + 1) // len(CHART_TABLES))
    story.append(Spacer(1, 0.4 * cm))
    story.append(
        Paragraph(
            _("Los grupos de menos de %(k)s personas aparecen como «<%(k)s».")
            % {"k": figures["min_cell"]},
            styles["Italic"],
        )
    )
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4, title=title).build(story)
    return buffer.getvalue()
