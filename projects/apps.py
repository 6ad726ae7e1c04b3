from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "projects"
    verbose_name = _("Proyectos")

    def ready(self) -> None:
        # "Export my data" asks every app for its part (profiles.events.personal_data_requested).
        from profiles.events import personal_data_requested  # noqa: PLC0415 - apps ready
        from projects import privacy  # noqa: PLC0415 - imports models

        personal_data_requested.connect(privacy.personal_data, dispatch_uid="projects.privacy")
        from profiles.events import account_deleted  # noqa: PLC0415 - apps ready
        from projects import receivers  # noqa: PLC0415 - imports models

        account_deleted.connect(receivers.on_account_deleted, dispatch_uid="projects.deleted")
        from projects import fragments  # noqa: PLC0415 - apps ready

        fragments.connect()
