"""Pagination: page numbers for bounded lists, cursors for the large public ones (stable while
rows are added, constant cost however deep the client pages)."""

from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from rest_framework.exceptions import NotFound
from rest_framework.pagination import CursorPagination, PageNumberPagination
from rest_framework.request import Request
from rest_framework.views import APIView


class PagePagination(PageNumberPagination):
    page_size = 25
    page_size_query_param = "page_size"
    max_page_size = 100


class LargeListCursorPagination(CursorPagination):
    page_size = 25
    page_size_query_param = "page_size"
    max_page_size = 100
    ordering = "-id"

    def paginate_queryset(
        self,
        queryset: QuerySet[Any, Any] | Sequence[Any],
        request: Request,
        view: APIView | None = None,
    ) -> list[Any] | None:
        # A cursor is base64 a client can forge: its position goes into a filter on the
        # ordering field, where "abc" for an id (ValueError, ValidationError for a date) or a
        # NUL byte for text (refused by PostgreSQL) would be a 500. Any of them is an invalid
        # cursor, as DRF answers for a cursor it cannot decode.
        try:
            return super().paginate_queryset(queryset, request, view)
        except (ValueError, ValidationError) as error:
            raise NotFound(self.invalid_cursor_message) from error
