"""Funder reports: a PDF built by a task, whose text holds the headline figures."""

import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from observatory import services
from observatory.models import FunderReport
from tests.factories.observatory import experts_in
from tests.factories.projects import EngagementFactory, PublishedProjectFactory

pytestmark = pytest.mark.django_db


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_the_pdf_of_a_period_contains_the_headline_figures(staff) -> None:
    project = PublishedProjectFactory()
    for expert in experts_in("US", 6):
        EngagementFactory(project=project, expert=expert)
    experts_in("ES", 7)
    today = timezone.now().date()
    report = services.funder_report_request(
        by=staff, period_start=today - datetime.timedelta(days=30), period_end=today
    )

    built = services.funder_report_build(report_id=report.pk)

    assert (built.status, built.progress) == ("done", 100)
    text = pdf_text(built.pdf)
    assert "Puentes: informe de impacto" in text
    flat = " ".join(text.split())
    for label, value in [
        ("personas expertas", "13"),
        ("países de residencia", "2"),
        ("necesidades publicadas", "1"),
        ("presentaciones aceptadas", "6"),
        ("colaboraciones", "6"),
        ("resultados", "<5"),
    ]:
        assert f"{label} {value}" in flat
    assert "Personas expertas por país de residencia" in flat


def test_staff_request_a_report_and_download_it_and_strangers_cannot(
    client, staff, stranger
) -> None:
    experts_in("US", 5)
    client.force_login(staff)
    response = client.post(
        reverse("observatory:reports"),
        {"period_start": "2026-01-01", "period_end": "2026-12-31"},
    )
    report = FunderReport.objects.get()
    assert response.status_code == 302
    services.funder_report_build(report_id=report.pk)

    pdf = client.get(reverse("observatory:report_pdf", args=[report.pk]))
    assert pdf["Content-Type"] == "application/pdf"
    assert "informe de impacto" in pdf_text(pdf.content)

    client.force_login(stranger)
    assert client.get(reverse("observatory:report_pdf", args=[report.pk])).status_code == 404
    assert client.get(reverse("observatory:reports")).status_code == 404


def test_a_period_ending_before_it_starts_is_a_form_error(client, staff) -> None:
    client.force_login(staff)
    response = client.post(
        reverse("observatory:reports"),
        {"period_start": "2026-12-01", "period_end": "2026-01-01"},
    )

    assert response.status_code == 200
    assert "El periodo termina antes de empezar." in response.content.decode()
    assert not FunderReport.objects.exists()


def test_the_list_of_reports_pages_so_older_reports_stay_downloadable(client, staff) -> None:
    day = datetime.date(2026, 1, 1)
    oldest, *_newer = FunderReport.objects.bulk_create(
        FunderReport(
            period_start=day,
            period_end=day,
            requested_by=staff,
            status=FunderReport.Status.DONE,
            progress=100,
            pdf=b"%PDF",
        )
        for _ in range(31)
    )
    client.force_login(staff)
    pdf_link = reverse("observatory:report_pdf", args=[oldest.pk])

    first = client.get(reverse("observatory:reports")).content.decode()
    second = client.get(reverse("observatory:reports"), {"page": 2}).content.decode()

    assert pdf_link not in first
    assert 'rel="next"' in first
    assert pdf_link in second
