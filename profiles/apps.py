from django.apps import AppConfig
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from PIL import Image


class ProfilesConfig(AppConfig):
    name = "profiles"
    verbose_name = _("Perfiles")

    def ready(self) -> None:
        # Pillow refuses to open an image over twice this many pixels (and warns over it): no
        # upload can make the site decode a huge bitmap. Logos are the only images it opens.
        Image.MAX_IMAGE_PIXELS = settings.PROFILES_LOGO_MAX_PIXELS
        from profiles import fragments  # noqa: PLC0415 - apps ready

        fragments.connect()
