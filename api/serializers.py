"""What serializers of every domain share."""

from collections import defaultdict
from collections.abc import Callable, Iterable
from types import SimpleNamespace as Row
from typing import Any, ClassVar

from django.conf import settings
from django.db.models import Model, QuerySet
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
        for name, fast, field in self._plan():
            if fast is not None:
                data[name] = fast(self, instance)
                continue
            attribute = field.get_attribute(instance)
            data[name] = None if attribute is None else field.to_representation(attribute)
        return data

    def _plan(self) -> list[tuple[str, Any, Any]]:
        """The readable fields with their fast function, worked out once per serializer (a
        list's rows share one child serializer)."""
        plan = self.__dict__.get("_fast_plan")
        if plan is None:
            plan = [
                (field.field_name, self.fast_fields.get(field.field_name), field)
                for field in self._readable_fields  # type: ignore[attr-defined]
            ]
            self.__dict__["_fast_plan"] = plan
        return plan


def attach_rows(instances: list[Any], name: str, rows: Iterable[tuple[Any, Any]]) -> None:
    """Give each of `instances` its related rows `name` (read by `prefetched`) from `rows`,
    pairs of (owner's pk, row) in the order to show: a list page's relations read as plain
    values (`values_list`), without a model instance nor a prefetch per related row."""
    by_owner: dict[Any, list[Any]] = defaultdict(list)
    for owner, row in rows:
        by_owner[owner].append(row)
    for instance in instances:
        setattr(instance, rows_of(name), by_owner.get(instance.pk, []))


def attach_fields(instances: list[Any], links: QuerySet[Any], owner: str) -> None:
    """Each of `instances` its fields of science (code and names, by code: the order of the
    model's prefetch) as `attach_rows` gives them, from `links`, the rows of the many-to-many
    table whose column `owner` holds the instance's pk. One query."""
    rows = (
        links.filter(**{f"{owner}__in": [i.pk for i in instances]})
        .order_by("fieldofscience__code")
        .values_list(
            owner, "fieldofscience__code", "fieldofscience__name_es", "fieldofscience__name_en"
        )
    )
    attach_rows(
        instances,
        "fields",
        ((pk, Row(code=code, name_es=es, name_en=en)) for pk, code, es, en in rows),
    )
