from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EnquiriesConfig(AppConfig):
    name = "enquiries"
    verbose_name = _("Consultas e introducciones")

    def ready(self) -> None:
        # "Export my data" asks every app for its part (profiles.events.personal_data_requested).
        from enquiries import privacy  # noqa: PLC0415 - imports models
        from profiles.events import personal_data_requested  # noqa: PLC0415 - apps ready

        personal_data_requested.connect(privacy.personal_data, dispatch_uid="enquiries.privacy")
        from enquiries import receivers  # noqa: PLC0415 - imports models
        from profiles.events import account_deleted  # noqa: PLC0415 - apps ready

        account_deleted.connect(receivers.on_account_deleted, dispatch_uid="enquiries.deleted")
