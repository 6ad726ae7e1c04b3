"""The admin site: Django's, with every admin view refusing a NUL byte in its path or query.

The changelist puts query-string values into its queryset (list filters, and any other lookup
on a listed field, e.g. `?status=`), which runs only when the page renders; a NUL byte
(PostgreSQL text cannot hold one) raised ValueError there, a 500 (issue 18). No admin URL or
filter has a use for one, so it is a 400 before any view runs.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar, cast

from django.contrib import admin
from django.core.exceptions import BadRequest
from django.http import HttpRequest, HttpResponse

View = TypeVar("View", bound=Callable[..., Any])


def has_nul(request: HttpRequest) -> bool:
    return "\x00" in request.path_info or any(
        "\x00" in key or any("\x00" in value for value in values)
        for key, values in request.GET.lists()
    )


class NetworkAdminSite(admin.AdminSite):
    def admin_view(self, view: View, cacheable: bool = False) -> View:
        protected = super().admin_view(view, cacheable)

        @wraps(protected)
        def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if has_nul(request):
                raise BadRequest("NUL byte in an admin URL")
            return protected(request, *args, **kwargs)

        return cast(View, guarded)


class ViewOnlyMixin:
    """For an admin or inline showing rows that tasks and services write: staff look, never add
    or edit (deleting stays Django's default)."""

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


class ReadOnlyMixin(ViewOnlyMixin):
    """A record kept as it was written (logs, audit trails): not even deleted from the admin."""

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
