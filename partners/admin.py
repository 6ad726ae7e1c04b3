"""Django admin: platform staff issue keys for partner organisations, revoke any key, and
watch webhooks and their delivery log (with redelivery)."""

from typing import Any, cast

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path, reverse
from django.utils.cache import add_never_cache_headers
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from network.admin_site import ViewOnlyMixin
from network.web import error_messages, show_on_form
from partners import services
from partners.models import (
    INSTITUTION_ONLY_SCOPES,
    ApiKey,
    ApiScope,
    WebhookDelivery,
    WebhookSubscription,
)
from partners.tasks import webhook_deliver
from profiles.models import User


def _staff(request: HttpRequest) -> User:
    """Who acts: the admin site lets only logged-in staff in."""
    return cast(User, request.user)


class PartnerKeyForm(forms.Form):
    partner_name = forms.CharField(label=_("Organización aliada"), max_length=200)
    contact_email = forms.EmailField(
        label=_("Correo de contacto"),
        required=False,
        help_text=_("Recibe los avisos técnicos (p. ej. un webhook desactivado)."),
    )
    name = forms.CharField(label=_("Nombre de la clave"), max_length=100)
    scopes = forms.MultipleChoiceField(
        label=_("Permisos"),
        choices=[(v, label) for v, label in ApiScope.choices if v not in INSTITUTION_ONLY_SCOPES],
        widget=forms.CheckboxSelectMultiple,
    )
    expires_at = forms.DateTimeField(
        label=_("Vence"), required=False, help_text=_("Opcional. AAAA-MM-DD HH:MM")
    )


@admin.display(description=_("titular"))
def owner(obj: ApiKey | WebhookSubscription) -> str:
    return obj.owner_name


@admin.register(ApiKey)
class ApiKeyAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        owner,
        "prefix",
        "scopes",
        "created_at",
        "last_used_at",
        "expires_at",
        "revoked_at",
    ]
    list_filter = ["revoked_at", "expires_at"]
    list_select_related = ["institution"]
    search_fields = ["name", "prefix", "partner_name", "institution__name"]
    readonly_fields = [
        "institution",
        "partner_name",
        "prefix",
        "scopes",
        "created_by",
        "created_at",
        "last_used_at",
        "revoked_at",
        "revoked_by",
    ]
    fields = [
        "name",
        "institution",
        "partner_name",
        "contact_email",
        "prefix",
        "scopes",
        "expires_at",
        "created_by",
        "created_at",
        "last_used_at",
        "revoked_at",
        "revoked_by",
    ]
    actions = ["revoke"]
    change_list_template = "partners/admin/apikey_change_list.html"

    def has_add_permission(self, request: HttpRequest) -> bool:
        # Keys are issued through `issue_view` (the key is shown once, never stored).
        return False

    def get_urls(self) -> list:
        return [
            path(
                "issue/",
                self.admin_site.admin_view(self.issue_view),
                name="partners_apikey_issue",
            ),
            *super().get_urls(),
        ]

    def issue_view(self, request: HttpRequest) -> HttpResponse:
        if not self.has_view_permission(request) or not request.user.is_staff:
            raise PermissionDenied
        form = PartnerKeyForm(request.POST or None)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Emitir una clave para una organización aliada"),
            "form": form,
        }
        if request.method == "POST" and form.is_valid():
            try:
                issued = services.api_key_issue(by=_staff(request), **form.cleaned_data)
            except ValidationError as error:
                show_on_form(form, error)
            else:
                context["issued"] = issued
                response = render(request, "partners/admin/apikey_issued.html", context)
                add_never_cache_headers(response)
                return response
        return render(request, "partners/admin/apikey_issue.html", context)

    @admin.action(description=_("Revocar las claves elegidas"))
    def revoke(self, request: HttpRequest, queryset: QuerySet[ApiKey]) -> None:
        count = 0
        for api_key in queryset.filter(revoked_at__isnull=True):
            services.api_key_revoke(api_key=api_key, by=_staff(request))
            count += 1
        self.message_user(
            request,
            ngettext("Revocaste %(n)d clave.", "Revocaste %(n)d claves.", count) % {"n": count},
            messages.SUCCESS,
        )


@admin.register(WebhookSubscription)
class WebhookSubscriptionAdmin(admin.ModelAdmin):
    list_display = [
        "url",
        owner,
        "events",
        "is_active",
        "consecutive_failures",
        "disabled_at",
        "created_at",
    ]
    list_filter = ["is_active", "disabled_at"]
    list_select_related = ["institution", "partner_key"]
    search_fields = ["url", "description", "institution__name", "partner_key__partner_name"]
    readonly_fields = [
        "institution",
        "partner_key",
        "url",
        "events",
        "is_active",
        "consecutive_failures",
        "disabled_at",
        "previous_secret_expires_at",
        "created_by",
        "created_at",
        "updated_at",
        "delivery_log",
    ]
    fields = (*readonly_fields[:-1], "description", "delivery_log")
    actions = ["reactivate"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    @admin.display(description=_("Registro de entregas"))
    def delivery_log(self, subscription: WebhookSubscription) -> str:
        url = reverse("admin:partners_webhookdelivery_changelist")
        return format_html(
            '<a href="{}?subscription__id__exact={}">{}</a>',
            url,
            subscription.pk,
            _("Ver las entregas"),
        )

    @admin.action(description=_("Activar de nuevo (reinicia el conteo de fallos)"))
    def reactivate(self, request: HttpRequest, queryset: QuerySet[WebhookSubscription]) -> None:
        for subscription in queryset.filter(is_active=False):
            services.webhook_subscription_update(
                subscription=subscription, by=_staff(request), is_active=True
            )
        self.message_user(request, _("Listo."), messages.SUCCESS)


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(ViewOnlyMixin, admin.ModelAdmin):
    list_display = [
        "id",
        "subscription",
        "event",
        "status",
        "attempts",
        "response_code",
        "duration_ms",
        "created_at",
        "delivered_at",
    ]
    list_filter = ["status", "event"]
    list_select_related = ["subscription"]
    search_fields = ["subscription__url", "event_id"]
    date_hierarchy = "created_at"
    actions = ["redeliver"]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return [f.name for f in self.opts.fields]

    @admin.action(description=_("Reenviar las entregas elegidas"))
    def redeliver(self, request: HttpRequest, queryset: QuerySet[WebhookDelivery]) -> None:
        sent = 0
        for delivery in queryset.select_related("subscription"):
            try:
                again = services.webhook_delivery_redeliver(delivery=delivery, by=_staff(request))
            except ValidationError as error:
                self.message_user(request, " ".join(error_messages(error)), messages.WARNING)
            else:
                webhook_deliver.delay(again.pk)
                sent += 1
        self.message_user(
            request,
            ngettext("Reenviamos %(n)d entrega.", "Reenviamos %(n)d entregas.", sent) % {"n": sent},
            messages.SUCCESS,
        )
