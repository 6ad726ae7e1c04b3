"""The one home of the helpers every app's views share.

This module sits at the bottom of the layers (it imports no app), so any app's views may use it.
"""

import datetime
import functools
import hashlib
import logging
import re
import time
from collections.abc import Callable, Iterable
from typing import Any, TypeVar, cast

from django import forms
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.core.paginator import Page, Paginator
from django.db import transaction
from django.db.models import Model, QuerySet
from django.db.models.signals import post_delete, post_save
from django.dispatch import Signal
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.middleware.csrf import CSRF_TOKEN_LENGTH, get_token
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

T = TypeVar("T")
logger = logging.getLogger(__name__)


def error_messages(error: ValidationError) -> list[str]:
    """A service's ValidationError as plain sentences (for django.contrib.messages)."""
    return [str(message) for message in error.messages]


def show_on_form(form: forms.BaseForm, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: per field when it names one of the
    form's fields, else above the form."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


def safe_next_url(request: HttpRequest, target: str | None) -> str | None:
    """`target` when it points to this site (no open redirect), else None."""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return None


def redirect_next_or(request: HttpRequest, default: str) -> HttpResponseRedirect:
    """Back to the `next` the page posted (or passed in the query) when it is safe, else
    to `default`."""
    target = safe_next_url(request, request.POST.get("next") or request.GET.get("next"))
    return HttpResponseRedirect(target or default)


def get_or_404(lookup: Callable[..., T], **kwargs: Any) -> T:
    """Call a scoped selector; a row out of the caller's scope is a 404, not a 500. So is a
    key with a NUL byte (from a URL: `<str:token>`): no row has one, and PostgreSQL refuses
    it in a query (ValueError) instead of finding nothing."""
    if any(isinstance(value, str) and "\x00" in value for value in kwargs.values()):
        raise Http404
    try:
        return lookup(**kwargs)
    except ObjectDoesNotExist as error:
        raise Http404 from error


class CappedPaginator(Paginator):
    """Counts at most `cap` rows (a COUNT over a LIMIT): a list of 100,000 rows costs what a
    list of `cap` does; `is_capped` tells the template to say "more than"."""

    def __init__(self, items: Any, per_page: int, *, cap: int) -> None:
        super().__init__(items, per_page)
        self.cap = cap

    @cached_property
    def count(self) -> int:
        # No ORDER BY in the count: the LIMIT then stops the scan at cap + 1 rows. Only the
        # ids: a LIMIT keeps the count's subquery whole, so every selected column (a search's
        # relevance, say) would be computed for each row counted.
        items = self.object_list
        if isinstance(items, QuerySet):
            return int(items.order_by().values("pk")[: self.cap + 1].count())
        return len(items[: self.cap + 1])

    @property
    def is_capped(self) -> bool:
        return self.count > self.cap


def paginate(
    request: HttpRequest,
    items: Any,
    per_page: int,
    *,
    cap: int | None = None,
    param: str = "page",
) -> Page:
    """The page `?page=` asks for (the last one when it is past the end, the first when it is
    not a number); render it with `_partials/pagination.html`. With `cap`, rows past it are
    neither counted nor reachable (a long list asks the reader to narrow it). Two lists on one
    page each take their own `param`; the page then carries the query of its neighbours."""
    paginator = (
        Paginator(items, per_page) if cap is None else CappedPaginator(items, per_page, cap=cap)
    )
    page = paginator.get_page(request.GET.get(param))
    if param != "page":  # the control reads these instead of changing `page`
        previous, following = request.GET.copy(), request.GET.copy()
        if page.has_previous():
            previous[param] = str(page.previous_page_number())
        if page.has_next():
            following[param] = str(page.next_page_number())
        page.previous_query, page.next_query = previous, following  # type: ignore[attr-defined]
    return page


# --- Dates a row can keep ------------------------------------------------------------------------
# PostgreSQL stores instants past the year 9999 in UTC (a time typed as 9999-12-31 23:59 in a zone
# west of Greenwich), but Python cannot read them back: one such row breaks every page, admin list
# and API answer that lists it. Forms and services refuse them with TOO_FAR.

LATEST_INSTANT = datetime.datetime(9999, 1, 1, tzinfo=datetime.UTC)
TOO_FAR = _("Esa fecha está demasiado lejos: elige una anterior al año 9999.")


# --- Shared fragments ---------------------------------------------------------------------------
# What every reader sees the same (a list's cards, a filter form) is rendered once and shared
# through the cache. A fragment's key holds the version of the data it was built from; the
# owning app bumps that version on its own domain events, so a change shows on the next request.
# The time limit only bounds what no event announces (an institution renamed).


def data_version(*names: str) -> str:
    """The current versions of the data sets `names`, as one string for a fragment's key."""
    keys = [_version_key(name) for name in names]
    found = cache.get_many(keys)
    return ".".join(str(found.get(key, 0)) for key in keys)


def data_follows(name: str, signals: Iterable[Signal], rows: Iterable[type[Model]] = ()) -> None:
    """Bump the version of the data set `name` whenever one of these domain events is sent (each
    app names the events that change what its shared fragments and pages show), and whenever a
    row of one of the `rows` models is saved or deleted, announced or not (an admin edit, a plain
    `.save()`). Bulk writes (`update()`, `bulk_create()`) send no signal: the kept copy outlives
    them until PAGES_FRAGMENT_SECONDS."""

    def changed(sender: Any, **kwargs: Any) -> None:
        data_changed(name)

    def written(sender: Any, **kwargs: Any) -> None:
        data_changed(name, now=True)

    for signal in signals:
        signal.connect(changed, weak=False, dispatch_uid=f"data-version:{name}")
    for model in rows:
        for row_signal in (post_save, post_delete):
            row_signal.connect(
                written, sender=model, weak=False, dispatch_uid=f"data-version:{name}:rows"
            )


def _version_key(name: str) -> str:
    return f"data-version:{name}"


def data_changed(name: str, *, now: bool = False) -> None:
    """Bump the version of the data set `name` once the current transaction commits (a reader
    in between would cache the old rows under the new version). With `now`, also at once: a
    reader before the commit still reads the old rows, and the bump at commit discards what
    they kept (a row written outside a transaction is seen by the very next request)."""
    key = _version_key(name)

    def bump() -> None:
        # A version lost from the cache restarts from the clock, never from a number used before.
        cache.add(key, time.time_ns() // 1000, timeout=None)
        cache.incr(key)

    if now:
        try:
            bump()
        except Exception:  # the cache is down: the write goes on, and the bump at commit retries
            logger.exception("Could not bump the data version %s", name)
    transaction.on_commit(bump, robust=True)


def cached_cards(
    page: Page, *, template: str, name: str, kind: str, version: str, keep: tuple[str, ...] = ()
) -> None:
    """Give each row of `page` (a slice of a QuerySet of rows with `updated_at`) its `card`:
    the row rendered with `template` (as `name`), shared through the cache in one round trip.

    The page's rows are read light (their id, stamp and the `keep` fields, no joins nor
    prefetches); only the rows whose cards are missing are read again with the paginated
    queryset's joins and prefetches, and rendered."""
    light = cast(QuerySet, page.object_list).select_related(None).prefetch_related(None)
    rows = list(light.only("updated_at", *keep))
    language = get_language()
    keys = {
        row.pk: f"card:{kind}:{version}:{language}:{row.pk}:{row.updated_at.timestamp()}"
        for row in rows
    }
    found: dict[str, str] = cache.get_many(list(keys.values()))
    missing = [pk for pk, key in keys.items() if key not in found]
    if missing:
        queryset = cast(QuerySet, page.paginator.object_list).filter(pk__in=missing).order_by()
        fresh = {keys[row.pk]: render_to_string(template, {name: row}) for row in queryset}
        cache.set_many(fresh, settings.PAGES_FRAGMENT_SECONDS)
        found.update(fresh)
    for row in rows:
        # Rendered by our own templates, which escape what they show.
        row.card = mark_safe(found.get(keys[row.pk], ""))
    page.object_list = rows


# --- Whole pages for anonymous readers ----------------------------------------------------------
# A public page reads the same for every visitor who is not signed in, except for its CSRF token
# (per visitor): the page is kept with a placeholder where the token was and each visitor gets
# their own. The key holds the language, the host and the full URL; the page is kept with the
# versions of the data sets it shows (each app bumps them on its domain events and on every save
# of the rows, `data_follows`), read in the same cache round trip as the page: a hit costs one
# round trip and no query, and an edit shows at the next request. A page that changes with time
# (a list hiding past events) also keeps the moment it stops being true. Never for a signed-in
# reader, a visitor with messages waiting, a non-200 answer, or an answer the view gave headers or
# cookies of its own.

PAGE_TOKEN = "\x00csrf-token\x00"
ANY_TOKEN = re.compile(rf"(?<![A-Za-z0-9])[A-Za-z0-9]{{{CSRF_TOKEN_LENGTH}}}(?![A-Za-z0-9])")
TOKEN_IN_PAGE = re.compile(r'name="csrfmiddlewaretoken" value="(\w+)"|"X-CSRFToken": "(\w+)"')


def anonymous_page_cache(
    *data: str, until: Callable[..., datetime.datetime | None] | None = None
) -> Callable[[T], T]:
    """Serve a GET view's page to anonymous visitors from the cache while the data sets `data`
    (names of `data_version`) keep the versions the page was built from. `until(request, *args,
    **kwargs)`, asked before the page is built, gives the moment the page stops being true
    (None: never by itself)."""
    version_keys = [_version_key(name) for name in data]

    def decorator(view: T) -> T:
        @functools.wraps(cast(Callable, view))
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if request.method != "GET" or request.user.is_authenticated or _has_messages(request):
                return cast(Callable, view)(request, *args, **kwargs)
            key = _page_key(request)
            found = cache.get_many([key, *version_keys])
            versions = tuple(found.get(name, 0) for name in version_keys)
            kept = found.get(key)
            if kept is not None and _still_true(kept, versions):
                return HttpResponse(kept[2].replace(PAGE_TOKEN, get_token(request)))
            ends = until(request, *args, **kwargs) if until else None
            response: HttpResponse = cast(Callable, view)(request, *args, **kwargs)
            page = _shareable(request, response)
            if page is not None:
                cache.set(key, (versions, ends, page), settings.PAGES_FRAGMENT_SECONDS)
            return response

        return cast(T, wrapper)

    return decorator


def _still_true(kept: Any, versions: tuple) -> bool:
    if not isinstance(kept, tuple) or len(kept) != 3:
        return False
    kept_versions, ends, _ = kept
    return bool(kept_versions == versions and (ends is None or timezone.now() < ends))


def _has_messages(request: HttpRequest) -> bool:
    # len() loads the visitor's messages without marking them shown.
    return len(getattr(request, "_messages", ())) > 0


def _page_key(request: HttpRequest) -> str:
    url = hashlib.sha256(f"{request.get_host()}{request.get_full_path()}".encode()).hexdigest()
    return f"page:{get_language()}:{url}"


def _shareable(request: HttpRequest, response: HttpResponse) -> str | None:
    """The page as every anonymous visitor may get it (its CSRF tokens replaced by the
    placeholder), or None when it must not be shared."""
    own_headers = {name.lower() for name in response.headers} - {"content-type"}
    if (
        response.status_code != 200
        or response.streaming
        or response.cookies
        or own_headers
        or _has_messages(request)
        or response.get("Content-Type") != "text/html; charset=utf-8"
    ):
        return None
    page = response.content.decode()
    tokens = {token for pair in TOKEN_IN_PAGE.findall(page) for token in pair if token}
    for token in tokens:
        page = page.replace(token, PAGE_TOKEN)
    # A token printed some other way would be shared (a masked token unmasks to this visitor's
    # secret): a page still holding anything of a token's shape is not shared.
    if "CSRF_COOKIE" in request.META and (not tokens or ANY_TOKEN.search(page)):
        return None
    return page
