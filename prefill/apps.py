from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrefillConfig(AppConfig):
    name = "prefill"
    verbose_name = _("Perfiles prellenados")
