"""Institution logos: cleaning an upload, replacing or removing one, and deleting the old file
once it is safe.

Every uploaded logo is decoded and written anew by Pillow: what is stored holds only pixels
(no EXIF, comments or colour profile, nothing appended after the image, as in a PNG/script
polyglot), in the format it came in. Pillow refuses to open more pixels than the logo limit
allows (a decompression bomb), see ProfilesConfig.ready.
"""

import functools
import io
from pathlib import PurePath
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps

from profiles.models import Institution
from profiles.validators import LOGO_FORMATS, logo_too_large_error, validate_logo_dimensions

_SAVE_OPTIONS: dict[str, dict[str, Any]] = {"JPEG": {"quality": 90}, "WEBP": {"quality": 90}}


def _logo_format_error() -> ValidationError:
    return ValidationError(
        _("El logotipo debe ser una imagen PNG, JPG o WebP."), code="logo_format"
    )


def _pixels_only(image: Image.Image, image_format: str) -> Image.Image:
    """A copy of the first frame, upright, in a mode the format stores, with no metadata."""
    upright = ImageOps.exif_transpose(image)
    transparent = upright.mode in ("RGBA", "LA", "PA") or "transparency" in upright.info
    if image_format == "JPEG":
        mode = "L" if upright.mode == "L" else "RGB"
    else:
        mode = "RGBA" if transparent else ("L" if upright.mode == "L" else "RGB")
    clean = upright.convert(mode)
    clean.info = {}
    return clean


def logo_reencode(upload: IO[bytes], *, name: str) -> ContentFile:
    """The upload decoded and encoded again (see the module's docstring), named after `name`.
    Raises ValidationError for anything but a PNG, JPEG or WebP within the size limits."""
    upload.seek(0)
    try:
        with Image.open(upload) as image:
            image_format = str(image.format)
            if image_format not in LOGO_FORMATS:
                raise _logo_format_error()
            validate_logo_dimensions(*image.size)
            clean = _pixels_only(image, image_format)
    except Image.DecompressionBombError as error:
        raise logo_too_large_error() from error
    except (OSError, SyntaxError, ValueError) as error:
        raise ValidationError(
            _("El archivo del logotipo no es una imagen válida."), code="logo_invalid"
        ) from error
    buffer = io.BytesIO()
    clean.save(buffer, format=image_format, **_SAVE_OPTIONS.get(image_format, {}))
    stem = slugify(PurePath(name).stem)[:60] or "logo"
    return ContentFile(buffer.getvalue(), name=f"{stem}.{LOGO_FORMATS[image_format]}")


def logo_clean(logo: Any) -> Any:
    """`logo` re-encoded when it is a new upload; anything else (none, a stored file) as is."""
    if isinstance(logo, UploadedFile):
        try:
            return logo_reencode(logo, name=logo.name or "logo")
        except ValidationError as error:
            raise ValidationError({"logo": error}) from error
    return logo


def logo_set(*, institution: Institution, logo: UploadedFile | None) -> bool:
    """Put `logo` (re-encoded) on the (unsaved) institution, or remove the current one when
    falsy. Returns whether anything changed; the caller saves."""
    if not (logo or institution.logo):
        return False
    institution.logo = logo_clean(logo) or None
    return True


def logo_delete_after_commit(*, institution: Institution, name: str) -> None:
    """Delete a replaced logo file once the new row is committed (never on rollback)."""
    storage = institution.logo.storage
    transaction.on_commit(functools.partial(storage.delete, name), robust=True)
