"""What serializers of every domain share."""

from collections.abc import Callable
from typing import Any, ClassVar

from django.conf import settings
from django.db.models import Model
from django.urls import reverse


def site_url(name: str, *args: Any) -> str:
    """The absolute URL of a page of the site (payloads link to the web as well as the API)."""
    return settings.SITE_URL + reverse(name, args=args)


ROWS = "{}_rows"  # the `to_attr` of a selector's Prefetch: `rows_of(name)`


def rows_of(name: str) -> str:
    """Where a selector prefetches the relation `name` (`Prefetch(name, to_attr=rows_of(name))`):
    a plain list, where the default prefetch cache builds a manager and clones a queryset per
    row and relation, the most of what a page of an API list cost."""
    return ROWS.format(name)


def prefetched(instance: Model, name: str) -> list[Any]:
    """The related rows `name` of `instance`: the selector's prefetched list, else the default
    prefetch cache, else a query (a row just written and not read back through a selector)."""
    rows = getattr(instance, rows_of(name), None)
    if rows is not None:
        return list(rows)
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
