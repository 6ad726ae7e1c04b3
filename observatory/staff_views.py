"""Staff pages of the observatory: funder reports (and programme health). Anyone else: 404."""

import csv
import datetime

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from network.web import get_or_404, paginate, show_on_form
from observatory import services, tasks
from observatory.forms import FunderReportForm, HealthFilterForm
from observatory.health import HealthFilter, health_page
from observatory.models import FunderReport

REPORTS_PAGE_SIZE = 30


def require_staff(request: HttpRequest) -> None:
    if not (request.user.is_authenticated and request.user.is_staff):
        raise Http404


def reports(request: HttpRequest) -> HttpResponse:
    require_staff(request)
    form = FunderReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            report = services.funder_report_request(
                by=request.user,
                period_start=data["period_start"],
                period_end=data["period_end"],
                state_id=data["state"].pk if data["state"] else None,
                institution_id=data["institution"].pk if data["institution"] else None,
            )
        except ValidationError as error:
            show_on_form(form, error)
        else:
            tasks.funder_report_build.delay(report.pk)
            return redirect("observatory:reports")
    listed = FunderReport.objects.select_related("state", "institution").defer("pdf")
    page = paginate(request, listed.order_by("-created_at", "-pk"), REPORTS_PAGE_SIZE)
    return render(
        request,
        "observatory/reports.html",
        {"form": form, "reports": page.object_list, "page_obj": page},
    )


def report_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    require_staff(request)
    report = get_or_404(FunderReport.objects.filter(status=FunderReport.Status.DONE).get, pk=pk)
    response = HttpResponse(bytes(report.pdf or b""), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="puentes-informe-{report.pk}.pdf"'
    return response


def health(request: HttpRequest) -> HttpResponse:
    """Programme health over a period (default: the last 90 days); ?format=csv exports it."""
    require_staff(request)
    today = timezone.localdate()
    params = {"start": today - datetime.timedelta(days=90), "end": today, **request.GET.dict()}
    form = HealthFilterForm(params)
    page = None
    if form.is_valid():
        data = form.cleaned_data
        flt = HealthFilter(
            start=data["start"],
            end=data["end"],
            state_id=data["state"].pk if data["state"] else None,
            institution_id=data["institution"].pk if data["institution"] else None,
        )
        page = health_page(flt)
        if request.GET.get("format") == "csv":
            return health_csv(page)
    return render(request, "observatory/health.html", {"form": form, "page": page})


def health_csv(page: dict) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="puentes-salud.csv"'
    writer = csv.writer(response)
    writer.writerow(["section", "item", "measure", "value"])
    for side in ("invitations", "interests"):
        for measure, value in page[side].items():
            writer.writerow(["response", side, measure, value])
    for row in page["deciles"]:
        for measure in ("answered", "accepted", "rate"):
            writer.writerow(["acceptance_by_score", row["decile"], measure, row[measure]])
    for what, values in page["concentration"].items():
        for measure, value in values.items():
            writer.writerow(["concentration", what, measure, value])
    for row in page["unanswered"]:
        writer.writerow(["unanswered", row["institution__name"], "needs", row["needs"]])
    return response
