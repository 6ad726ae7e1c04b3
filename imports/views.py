from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.middleware import HtmxDetails

from imports import exports, selectors, services, tasks
from imports.fields import mapping_guess
from imports.forms import ClaimForm, MappingForm, SavedMappingForm, UploadForm
from imports.models import ImportedAccount, ImportJob, ImportMapping
from imports.permissions import chapters_coordinated
from network.web import error_messages, get_or_404, paginate, show_on_form
from profiles.models import User

PREVIEW_PAGE_SIZE = 50


class HtmxHttpRequest(HttpRequest):
    """What django_htmx's middleware adds to every request."""

    htmx: HtmxDetails


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


def _job(request: HttpRequest, pk: int) -> ImportJob:
    return get_or_404(selectors.job_get_for, user=_user(request), pk=pk)


def _upload_form(request: HttpRequest) -> UploadForm:
    user = _user(request)
    chapters = chapters_coordinated(user)
    if user.is_staff:
        from chapters.models import Chapter  # noqa: PLC0415 - only staff choose any chapter

        chapters = Chapter.objects.all()
    data = (request.POST, request.FILES) if request.method == "POST" else ()
    return UploadForm(
        *data,
        chapters=chapters.order_by("name_es"),
        is_staff=user.is_staff,
        initial={"chapter": request.GET.get("chapter")},
    )


@login_required
@require_http_methods(["GET", "POST"])
def job_list(request: HttpRequest) -> HttpResponse:
    jobs = get_or_404(selectors.job_list_for, user=_user(request))
    form = _upload_form(request)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            job = services.job_create(
                by=_user(request),
                chapter=form.cleaned_data["chapter"],
                name=upload.name or "",
                size=upload.size or 0,
                content_type=upload.content_type or "",
                stream=upload,
            )
        except ValidationError as error:
            form.add_error("file", error_messages(error))
        except PermissionDenied as error:
            form.add_error("chapter", str(error))
        else:
            return redirect("imports:mapping", pk=job.pk)
    page = paginate(request, jobs, 20)
    return render(request, "imports/job_list.html", {"form": form, "page": page})


@login_required
@require_http_methods(["GET", "POST"])
def job_mapping(request: HttpRequest, pk: int) -> HttpResponse:
    job = _job(request, pk)
    mappings = selectors.mapping_list_for(user=_user(request), job=job)
    saved_form = SavedMappingForm(request.GET or None, mappings=mappings)
    initial = job.mapping or mapping_guess(job.headers)
    if saved_form.is_valid():
        saved: ImportMapping = saved_form.cleaned_data["saved"]
        initial = services.mapping_apply(mapping=saved, headers=job.headers)
    form = MappingForm(request.POST or None, headers=job.headers, initial_mapping=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.job_map(
                job=job,
                mapping=form.mapping(),
                save_as=form.cleaned_data["save_as"],
                by=_user(request),
            )
        except ValidationError as error:
            show_on_form(form, error)
        else:
            tasks.job_validate_task.delay(job.pk)
            return redirect("imports:detail", pk=job.pk)
    samples = list(job.rows.order_by("number").values_list("values", flat=True)[:3])
    columns = [
        (field, [sample[i] for sample in samples if i < len(sample)])
        for i, field in enumerate(form.column_fields())
    ]
    context = {
        "job": job,
        "form": form,
        "saved_form": saved_form,
        "columns": columns,
        "has_saved": mappings.exists(),
    }
    return render(request, "imports/job_mapping.html", context)


@login_required
@require_GET
def job_detail(request: HttpRequest, pk: int) -> HttpResponse:
    job = _job(request, pk)
    page = paginate(request, selectors.row_list_flagged(job=job), PREVIEW_PAGE_SIZE)
    context = {"job": job, "page": page, "preview": selectors.preview(job=job, rows=page)}
    return render(request, "imports/job_detail.html", context)


@login_required
@require_GET
def job_progress(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    job = _job(request, pk)
    response = render(request, "imports/_partials/progress.html", {"job": job})
    if not job.is_running and request.htmx:
        # The counts and preview below are now stale: reload the page once.
        response["HX-Refresh"] = "true"
    return response


@login_required
@require_POST
def job_start(request: HttpRequest, pk: int) -> HttpResponse:
    job = _job(request, pk)
    try:
        services.job_start(job=job, by=_user(request))
    except ValidationError as error:
        messages.error(request, " ".join(error_messages(error)))
    except PermissionDenied as error:
        raise Http404 from error
    else:
        tasks.job_import_task.delay(job.pk)
    return redirect("imports:detail", pk=job.pk)


@login_required
@require_POST
def job_retry(request: HttpRequest, pk: int) -> HttpResponse:
    job = _job(request, pk)
    try:
        job = services.job_retry(job=job, by=_user(request))
    except ValidationError as error:
        messages.error(request, " ".join(error_messages(error)))
    except PermissionDenied as error:
        raise Http404 from error
    else:
        task = tasks.job_validate_task if job.status == "validating" else tasks.job_import_task
        task.delay(job.pk)
        messages.success(request, _("Reintentando: la importación sigue donde quedó."))
    return redirect("imports:detail", pk=job.pk)


@login_required
@require_GET
def job_accounts(request: HttpRequest, pk: int) -> HttpResponse:
    job = _job(request, pk)
    page = paginate(request, selectors.account_list_for_job(job=job), PREVIEW_PAGE_SIZE)
    return render(request, "imports/job_accounts.html", {"job": job, "page": page})


@login_required
@require_POST
def account_resend(request: HttpRequest, pk: int, account_pk: int) -> HttpResponse:
    job = _job(request, pk)
    account = get_or_404(selectors.account_get_for_job, job=job, pk=account_pk)
    try:
        services.claim_invitation_resend(account=account, by=_user(request))
    except ValidationError as error:
        messages.error(request, " ".join(error_messages(error)))
    except PermissionDenied as error:
        raise Http404 from error
    else:
        messages.success(
            request,
            _("Enviamos una nueva invitación a %(email)s.") % {"email": account.user.email},
        )
    return redirect("imports:accounts", pk=job.pk)


@login_required
@require_GET
def job_rejected_csv(request: HttpRequest, pk: int) -> HttpResponse:
    job = _job(request, pk)
    body = exports.rejected_csv(job=job, rows=selectors.row_list_rejected(job=job))
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="rechazadas-{job.pk}.csv"'
    return response


@require_http_methods(["GET", "POST"])
def claim(request: HttpRequest, token: str) -> HttpResponse:
    try:
        account = services.account_from_token(token)
    except services.ClaimExpired:
        return render(request, "imports/claim_gone.html", {"expired": True}, status=410)
    except ImportedAccount.DoesNotExist as error:  # forged, altered or unknown alike
        raise Http404 from error
    if account.is_claimed:
        return render(request, "imports/claim_gone.html", {"expired": False}, status=410)
    form = ClaimForm(account.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.account_claim(
                account=account,
                password=form.cleaned_data["new_password1"],
                consents=form.cleaned_data["consents"],
            )
        except ValidationError as error:
            show_on_form(form, error)
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, _("Listo: tu perfil ya está activo en la red."))
            return redirect("profiles:me")
    return render(request, "imports/claim.html", {"form": form, "account": account})
