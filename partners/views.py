"""Integration pages for institution admins: API keys, webhooks and their delivery log.

Each view authenticates, looks the institution up among those the user administers (anything
else is a 404), validates a form and calls one service.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from network.web import error_messages, get_or_404, paginate, show_on_form
from partners import selectors, services
from partners.forms import ApiKeyForm, WebhookEditForm, WebhookForm
from partners.models import WebhookSubscription
from partners.tasks import webhook_deliver
from profiles.models import Institution, User

DELIVERIES_PER_PAGE = 25
NEW_KEY_COOKIE = "puentes_new_key"
NEW_KEY_SECONDS = 300
KEYS_PER_PAGE = 50


class AuthenticatedRequest(HttpRequest):
    """What login_required guarantees: the user is a real account."""

    user: User


def _administered(request: AuthenticatedRequest, slug: str) -> Institution:
    return get_or_404(selectors.institution_get_administered, user=request.user, slug=slug)


def _subscription(institution: Institution, pk: int) -> WebhookSubscription:
    return get_or_404(
        selectors.webhook_subscription_get_of_institution, institution=institution, pk=pk
    )


@login_required
@require_GET
def index(request: AuthenticatedRequest) -> HttpResponse:
    institutions = list(selectors.institution_list_administered(user=request.user))
    if len(institutions) == 1:
        return redirect("partners:institution", institutions[0].slug)
    return render(request, "partners/index.html", {"institutions": institutions})


@login_required
@require_GET
def institution(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    institution = _administered(request, slug)
    keys = selectors.api_key_list_of_institution(institution=institution)
    return render(
        request,
        "partners/institution.html",
        {
            "institution": institution,
            "keys_page": paginate(request, keys, KEYS_PER_PAGE),
            "subscriptions": selectors.webhook_subscription_list_of_institution(
                institution=institution
            ),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def key_create(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    institution = _administered(request, slug)
    form = ApiKeyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            issued = services.api_key_issue(
                by=request.user, institution=institution, **form.service_kwargs()
            )
        except ValidationError as error:
            show_on_form(form, error)
        else:
            # Post/redirect/get: a reload of the next page must never issue a second key. The
            # plaintext rides to that one GET in a short-lived signed cookie of the admin's own
            # browser (Puentes stores only the key's hash), and the GET deletes it.
            response = redirect("partners:key_created", institution.slug, issued.api_key.pk)
            response.set_signed_cookie(
                NEW_KEY_COOKIE,
                f"{issued.api_key.pk}:{issued.plaintext}",
                salt=NEW_KEY_COOKIE,
                max_age=NEW_KEY_SECONDS,
                path=reverse("partners:key_created", args=[institution.slug, issued.api_key.pk]),
                secure=request.is_secure(),
                httponly=True,
                samesite="Strict",
            )
            return response
    return render(
        request,
        "partners/key_form.html",
        {"institution": institution, "form": form},
        status=400 if form.is_bound and form.errors else 200,
    )


@login_required
@require_GET
def key_created(request: AuthenticatedRequest, slug: str, pk: int) -> HttpResponse:
    """The new key, shown once: a reload finds the cookie gone and says so."""
    institution = _administered(request, slug)
    api_key = get_or_404(selectors.api_key_get_of_institution, institution=institution, pk=pk)
    value = request.get_signed_cookie(
        NEW_KEY_COOKIE, default="", salt=NEW_KEY_COOKIE, max_age=NEW_KEY_SECONDS
    )
    key_pk, _sep, plaintext = (value or "").partition(":")
    response = render(
        request,
        "partners/key_created.html",
        {
            "institution": institution,
            "api_key": api_key,
            "plaintext": plaintext if key_pk == str(api_key.pk) else "",
        },
    )
    response.delete_cookie(NEW_KEY_COOKIE, path=request.path, samesite="Strict")
    add_never_cache_headers(response)
    return response


@login_required
@require_POST
def key_revoke(request: AuthenticatedRequest, slug: str, pk: int) -> HttpResponse:
    institution = _administered(request, slug)
    api_key = get_or_404(selectors.api_key_get_of_institution, institution=institution, pk=pk)
    services.api_key_revoke(api_key=api_key, by=request.user)
    messages.success(
        request,
        _("Revocaste la clave «%(name)s»: deja de funcionar de inmediato.")
        % {"name": api_key.name},
    )
    return redirect("partners:institution", institution.slug)


@login_required
@require_http_methods(["GET", "POST"])
def webhook_create(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    institution = _administered(request, slug)
    form = WebhookForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            subscription = services.webhook_subscription_create(
                by=request.user, institution=institution, **form.cleaned_data
            )
        except ValidationError as error:
            show_on_form(form, error)
        else:
            messages.success(
                request,
                _("Listo: enviaremos los eventos elegidos a %(url)s, firmados con el secreto.")
                % {"url": subscription.url},
            )
            return redirect("partners:webhook_detail", institution.slug, subscription.pk)
    return render(
        request,
        "partners/webhook_form.html",
        {"institution": institution, "form": form},
        status=400 if form.is_bound and form.errors else 200,
    )


def _render_webhook(
    request: HttpRequest,
    institution: Institution,
    subscription: WebhookSubscription,
    form: WebhookEditForm,
    status: int = 200,
) -> HttpResponse:
    deliveries = paginate(
        request,
        selectors.webhook_delivery_list_of_subscription(subscription=subscription),
        DELIVERIES_PER_PAGE,
    )
    response = render(
        request,
        "partners/webhook_detail.html",
        {
            "institution": institution,
            "subscription": subscription,
            "form": form,
            "deliveries_page": deliveries,
        },
        status=status,
    )
    add_never_cache_headers(response)  # the page shows the signing secret
    return response


@login_required
@require_http_methods(["GET", "POST"])
def webhook_detail(request: AuthenticatedRequest, slug: str, pk: int) -> HttpResponse:
    institution = _administered(request, slug)
    subscription = _subscription(institution, pk)
    if request.method == "POST":
        form = WebhookEditForm(request.POST)
        if form.is_valid():
            try:
                services.webhook_subscription_update(
                    subscription=subscription, by=request.user, **form.cleaned_data
                )
            except ValidationError as error:
                show_on_form(form, error)
            else:
                messages.success(request, _("Guardamos los cambios del webhook."))
                return redirect("partners:webhook_detail", institution.slug, subscription.pk)
        subscription.refresh_from_db()
        return _render_webhook(request, institution, subscription, form, status=400)
    form = WebhookEditForm(
        initial={
            "url": subscription.url,
            "events": subscription.events,
            "description": subscription.description,
            "is_active": subscription.is_active,
        }
    )
    return _render_webhook(request, institution, subscription, form)


@login_required
@require_POST
def webhook_rotate(request: AuthenticatedRequest, slug: str, pk: int) -> HttpResponse:
    institution = _administered(request, slug)
    subscription = _subscription(institution, pk)
    services.webhook_secret_rotate(subscription=subscription, by=request.user)
    messages.success(
        request,
        _(
            "Generamos un secreto nuevo. Durante un tiempo cada entrega lleva también la firma "
            "con el secreto anterior: actualiza tu receptor antes de que venza."
        ),
    )
    return redirect("partners:webhook_detail", institution.slug, subscription.pk)


@login_required
@require_POST
def webhook_delete(request: AuthenticatedRequest, slug: str, pk: int) -> HttpResponse:
    institution = _administered(request, slug)
    subscription = _subscription(institution, pk)
    services.webhook_subscription_delete(subscription=subscription, by=request.user)
    messages.success(request, _("Borramos el webhook y su registro de entregas."))
    return redirect("partners:institution", institution.slug)


@login_required
@require_POST
def delivery_redeliver(
    request: AuthenticatedRequest, slug: str, pk: int, delivery_id: int
) -> HttpResponse:
    institution = _administered(request, slug)
    subscription = _subscription(institution, pk)
    delivery = get_or_404(
        selectors.webhook_delivery_get_of_subscription, subscription=subscription, pk=delivery_id
    )
    try:
        again = services.webhook_delivery_redeliver(delivery=delivery, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error_messages(error)))
    else:
        webhook_deliver.delay(again.pk)
        messages.success(request, _("Reenviamos el evento; verás el resultado en el registro."))
    return redirect("partners:webhook_detail", institution.slug, subscription.pk)
