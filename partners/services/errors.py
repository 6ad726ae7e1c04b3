from django.core.exceptions import ValidationError


def field_error(
    field: str, message: object, *, code: str, params: dict | None = None
) -> ValidationError:
    """A ValidationError on one field that keeps its code (the API reports codes)."""
    return ValidationError({field: ValidationError(message, code=code, params=params)})
