from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from imports.models import ImportedAccount, ImportJob, ImportMapping, ImportRow


class ReadOnlyAdmin(admin.ModelAdmin):
    """Imports are written by their screens and tasks only: the admin shows, never edits."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(ImportJob)
class ImportJobAdmin(ReadOnlyAdmin):
    list_display = ("filename", "chapter", "status", "total_rows", "cursor", "created_at")
    list_filter = ("status",)
    search_fields = ("filename",)
    list_select_related = ("chapter",)


@admin.register(ImportRow)
class ImportRowAdmin(ReadOnlyAdmin):
    list_display = ("job", "number", "verdict", "outcome", "user")
    list_filter = ("verdict", "outcome")
    list_select_related = ("job", "user")
    raw_id_fields = ("job", "user")

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(ImportedAccount)
class ImportedAccountAdmin(ReadOnlyAdmin):
    list_display = ("user", "job", "invited_at", "claimed_at")
    list_select_related = ("user", "job")
    search_fields = ("user__email",)
    raw_id_fields = ("user", "job")


@admin.register(ImportMapping)
class ImportMappingAdmin(admin.ModelAdmin):
    list_display = ("name", "chapter", "updated_at")
