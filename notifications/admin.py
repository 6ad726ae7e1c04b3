from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from network.admin_site import ViewOnlyMixin
from notifications import services
from notifications.models import EmailDelivery, EmailOptOut, Notification, NotificationPreference


@admin.register(EmailDelivery)
class EmailDeliveryAdmin(ViewOnlyMixin, admin.ModelAdmin):
    """The outbox: failed deliveries are listed with their last error and can be re-sent."""

    list_display = ["to_email", "kind", "state", "attempts", "created_at", "sent_at"]
    list_filter = ["state", "kind", "language"]
    search_fields = ["to_email", "idempotency_key", "message_id"]
    date_hierarchy = "created_at"
    actions = ["resend"]
    readonly_fields = [
        "recipient",
        "to_email",
        "language",
        "kind",
        "notification",
        "payload",
        "idempotency_key",
        "message_id",
        "state",
        "attempts",
        "last_error",
        "created_at",
        "enqueued_at",
        "claimed_at",
        "next_attempt_at",
        "sent_at",
    ]
    list_select_related = ["recipient"]

    @admin.action(description=_("Reenviar los envíos fallidos seleccionados"))
    def resend(self, request: HttpRequest, queryset: QuerySet[EmailDelivery]) -> None:
        selected = list(queryset.values_list("pk", flat=True))
        queued = services.deliveries_resend(delivery_ids=selected)
        if queued:
            self.message_user(
                request,
                ngettext(
                    "%(count)d correo vuelve a la cola de envío.",
                    "%(count)d correos vuelven a la cola de envío.",
                    queued,
                )
                % {"count": queued},
                messages.SUCCESS,
            )
        if len(selected) > queued:
            self.message_user(
                request,
                _(
                    "Los correos ya enviados o en envío no se reenvían: la persona los "
                    "recibiría dos veces."
                ),
                messages.WARNING,
            )


@admin.register(Notification)
class NotificationAdmin(ViewOnlyMixin, admin.ModelAdmin):
    list_display = ["recipient", "kind", "created_at", "read_at", "email_frequency"]
    list_filter = ["kind", "email_frequency"]
    search_fields = ["recipient__email", "key"]
    date_hierarchy = "created_at"
    list_select_related = ["recipient"]
    readonly_fields = [
        "recipient",
        "kind",
        "content_type",
        "object_id",
        "payload",
        "key",
        "email_frequency",
        "digest",
        "created_at",
        "read_at",
    ]


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(admin.ModelAdmin):
    list_display = ["user", "kind", "frequency", "updated_at"]
    list_filter = ["kind", "frequency"]
    search_fields = ["user__email"]
    list_select_related = ["user"]
    raw_id_fields = ["user"]


@admin.register(EmailOptOut)
class EmailOptOutAdmin(admin.ModelAdmin):
    list_display = ["email", "kind", "created_at"]
    list_filter = ["kind"]
    search_fields = ["email"]
