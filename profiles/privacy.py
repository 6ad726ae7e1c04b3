"""What "export my data" is made of: sections, each with a description and its fields.

Every app that holds something about a person contributes sections: profiles directly (see
profiles.selectors.privacy), higher apps through the `personal_data_requested` event, whose
receivers return {name: ExportSection}. Profiles never imports them (layers).
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db import models
from django.utils.functional import Promise


@dataclass(frozen=True)
class ExportSection:
    """One top-level key of the export: what it holds (`description`), the keys of each row
    (`fields`, the documented shape) and the rows (a list of dicts, or one dict or None)."""

    description: str | Promise
    fields: Sequence[str]
    data: Any

    def schema(self) -> dict[str, Any]:
        return {"description": str(self.description), "fields": list(self.fields)}


def plain(value: Any) -> Any:
    """A value as JSON-ready data (dates in ISO 8601, decimals and other objects as text)."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    return str(value)


def row(obj: models.Model, fields: Sequence[str]) -> dict[str, Any]:
    """The listed attributes of a row (a foreign key by its `<name>_id`)."""
    return {name: plain(getattr(obj, name)) for name in fields}


def rows(objects: Iterable[models.Model], fields: Sequence[str]) -> list[dict[str, Any]]:
    return [row(obj, fields) for obj in objects]


__all__ = ["ExportSection", "plain", "row", "rows"]
