"""The notifications app's part of "export my data": the person's notices, their e-mail
preferences and the e-mails sent to them. Answers profiles.events.personal_data_requested;
returns data, writes nothing."""

from typing import Any

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from notifications.models import EmailDelivery, Notification, NotificationPreference
from profiles.models import User
from profiles.privacy import ExportSection, rows

NOTIFICATION_FIELDS = ("id", "kind", "payload", "email_frequency", "created_at", "read_at")
PREFERENCE_FIELDS = ("kind", "frequency", "updated_at")
EMAIL_FIELDS = ("id", "kind", "to_email", "language", "state", "created_at", "sent_at")


def personal_data(sender: Any, user_id: int, **kwargs: Any) -> dict[str, ExportSection]:
    email = User.objects.filter(pk=user_id).values_list("email", flat=True).first() or ""
    emails = EmailDelivery.objects.filter(
        Q(recipient_id=user_id) | Q(recipient__isnull=True, to_email__iexact=email)
    ).order_by("pk")
    return {
        "notifications": ExportSection(
            _("Tus avisos en el sitio."),
            NOTIFICATION_FIELDS,
            rows(
                Notification.objects.filter(recipient_id=user_id).order_by("pk"),
                NOTIFICATION_FIELDS,
            ),
        ),
        "notification_preferences": ExportSection(
            _("Cómo elegiste recibir cada tipo de aviso por correo."),
            PREFERENCE_FIELDS,
            rows(
                NotificationPreference.objects.filter(user_id=user_id).order_by("kind"),
                PREFERENCE_FIELDS,
            ),
        ),
        "emails": ExportSection(
            _("Correos que te enviamos o tenemos por enviar."),
            EMAIL_FIELDS,
            rows(emails, EMAIL_FIELDS),
        ),
    }
