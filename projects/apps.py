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
        from projects import fragments  # noqa: PLC0415 - apps ready

        fragments.connect()
