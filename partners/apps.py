from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnersConfig(AppConfig):
    name = "partners"
    verbose_name = _("Sistemas aliados (API y webhooks)")

    def ready(self) -> None:
        # Receivers import models: only once the app registry is ready.
        from partners import receivers  # noqa: PLC0415 - needs the app registry ready

        receivers.connect()
