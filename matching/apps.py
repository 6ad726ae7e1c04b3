from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchingConfig(AppConfig):
    name = "matching"
    verbose_name = _("Vinculación")

    def ready(self) -> None:
        from matching import receivers  # noqa: PLC0415 - needs the app registry ready

        receivers.connect()
