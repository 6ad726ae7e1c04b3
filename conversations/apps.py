from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConversationsConfig(AppConfig):
    name = "conversations"
    verbose_name = _("Conversaciones")

    def ready(self) -> None:
        from conversations import receivers  # noqa: PLC0415 - connect once the apps are loaded

        receivers.connect()
