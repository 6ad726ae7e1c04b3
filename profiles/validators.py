import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from profiles.choices import language_choices, timezone_choices

ORCID_RE = re.compile(r"^\d{4}-\d{4}-\d{4}-\d{3}[\dX]$")


def orcid_checksum(base_digits: str) -> str:
    """ISO 7064 MOD 11-2 check character for the first 15 digits of an ORCID iD."""
    total = 0
    for digit in base_digits:
        total = (total + int(digit)) * 2
    result = (12 - total % 11) % 11
    return "X" if result == 10 else str(result)


def normalize_orcid(value: str) -> str:
    """The canonical 0000-0000-0000-000X form of an iD pasted as people do: its orcid.org
    address (www. or not), groups split by spaces, or the bare 16 characters."""
    value = value.strip()
    for prefix in ("https://", "http://", "www.", "orcid.org/"):
        if value.lower().startswith(prefix):
            value = value[len(prefix) :]
    value = "".join(value.split()).upper()
    if re.fullmatch(r"\d{15}[\dX]", value):
        value = "-".join(value[i : i + 4] for i in range(0, 16, 4))
    return value


def validate_orcid(value: str) -> None:
    value = normalize_orcid(value)
    if not ORCID_RE.match(value):
        raise ValidationError(
            _("Un ORCID iD tiene la forma 0000-0002-1825-0097."), code="orcid_format"
        )
    digits = value.replace("-", "")
    if orcid_checksum(digits[:15]) != digits[15]:
        raise ValidationError(
            _("Este ORCID iD no es válido: su dígito verificador no coincide."),
            code="orcid_checksum",
        )


LOGO_MAX_BYTES = 1024 * 1024
# Pillow's format name → the extension the stored file gets (whatever the upload was called).
LOGO_FORMATS = {"PNG": "png", "JPEG": "jpg", "WEBP": "webp"}


def validate_logo_size(file: object) -> None:
    if getattr(file, "size", 0) > LOGO_MAX_BYTES:
        raise ValidationError(
            _("El logotipo pesa más de 1 MB; sube una imagen más ligera."), code="logo_too_big"
        )


def logo_too_large_error() -> ValidationError:
    """The refusal of a logo with too many pixels or too long a side (the limits are settings)."""
    return ValidationError(
        _(
            "La imagen del logotipo es demasiado grande: puede tener como máximo %(megapixels)s "
            "megapíxeles y %(side)s píxeles por lado."
        ),
        params={
            "megapixels": f"{settings.PROFILES_LOGO_MAX_PIXELS / 1_000_000:g}",
            "side": settings.PROFILES_LOGO_MAX_SIDE,
        },
        code="logo_too_large",
    )


def validate_logo_dimensions(width: int, height: int) -> None:
    too_long = max(width, height) > settings.PROFILES_LOGO_MAX_SIDE
    if too_long or width * height > settings.PROFILES_LOGO_MAX_PIXELS:
        raise logo_too_large_error()


def validate_timezone(value: str) -> None:
    if value and value not in dict(timezone_choices()):
        raise ValidationError(_("Zona horaria desconocida: %(value)s."), params={"value": value})


def validate_language_code(value: str) -> None:
    if value not in dict(language_choices()):
        raise ValidationError(
            _("Código de idioma desconocido: %(value)s (usa ISO 639-1, p. ej. «es»)."),
            params={"value": value},
            code="unknown_language",
        )
