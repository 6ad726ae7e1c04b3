from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError

if TYPE_CHECKING:
    from django.utils.functional import _StrOrPromise


def field_error(
    field: str, message: "_StrOrPromise", *, code: str, params: dict | None = None
) -> ValidationError:
    """A ValidationError on one field that keeps its code (the API reports codes)."""
    return ValidationError({field: ValidationError(message, code=code, params=params)})
