"""Institution logos: replacing or removing one, and deleting the old file once it is safe."""

import functools

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from profiles.models import Institution


def logo_set(*, institution: Institution, logo: UploadedFile | None) -> bool:
    """Put `logo` on the (unsaved) institution, or remove the current one when falsy.
    Returns whether anything changed; the caller saves."""
    if not (logo or institution.logo):
        return False
    institution.logo = logo or None
    return True


def logo_delete_after_commit(*, institution: Institution, name: str) -> None:
    """Delete a replaced logo file once the new row is committed (never on rollback)."""
    storage = institution.logo.storage
    transaction.on_commit(functools.partial(storage.delete, name), robust=True)
