from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = _("Notificaciones")

    def ready(self) -> None:
        # Receivers import models and tasks, which Django allows only once apps are ready.
        from notifications import receivers  # noqa: PLC0415 - needs the app registry ready

        receivers.connect()
