from django.apps import AppConfig
from django.core.signals import got_request_exception, request_started
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "network"
    verbose_name = _("Plataforma")

    def ready(self) -> None:
        from network.db_router import forget_writes  # noqa: PLC0415 - needs the app registry
        from network.outage import flag_outage  # noqa: PLC0415 - needs the app registry ready

        got_request_exception.connect(flag_outage, dispatch_uid="network.outage")
        request_started.connect(forget_writes, dispatch_uid="network.db_router")
