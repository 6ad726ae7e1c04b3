"""What serializers of every domain share."""

from collections.abc import Callable
from typing import Any, ClassVar

from django.conf import settings
from django.db.models import Model
from django.urls import reverse


def site_url(name: str, *args: Any) -> str:
    """The absolute URL of a page of the site (payloads link to the web as well as the API)."""
    return settings.SITE_URL + reverse(name, args=args)


def prefetched(instance: Model, name: str) -> list[Any]:
    """The related rows `prefetch_related(name)` loaded, read without `.all()`: a manager and a
    cloned queryset per row and relation were most of what a list page cost to serialise."""
    loaded = getattr(instance, "_prefetched_objects_cache", {})
    if name in loaded:
        return list(loaded[name])
    return list(getattr(instance, name).all())


def plain(value: Any) -> Any:
    """A CharField's or IntegerField's output: None stays None."""
    return value if value is None or isinstance(value, int | bool) else str(value)


class FastRowsMixin:
    """Serialise each row with `fast_fields` (name -> function of the row) for the fields that
    are costly in DRF (nested lists, references), and DRF's own field for the others: the same
    output, at a fraction of the cost on a page of 25 to 100 rows."""

    fast_fields: ClassVar[dict[str, Callable[[Any, Any], Any]]] = {}

    def to_representation(self, instance: Any) -> dict[str, Any]:
        data: dict[str, Any] = {}
        for field in self._readable_fields:  # type: ignore[attr-defined]
            name = field.field_name
            fast = self.fast_fields.get(name)
            if fast is not None:
                data[name] = fast(self, instance)
                continue
            attribute = field.get_attribute(instance)
            data[name] = None if attribute is None else field.to_representation(attribute)
        return data
