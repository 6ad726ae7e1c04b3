from django.contrib import admin

from imports.models import ImportedAccount, ImportJob, ImportMapping, ImportRow
from network.admin_site import ReadOnlyMixin, ViewOnlyMixin


class ReadOnlyAdmin(ViewOnlyMixin, admin.ModelAdmin):
    """Imports are written by their screens and tasks only: the admin shows, never edits."""


@admin.register(ImportJob)
class ImportJobAdmin(ReadOnlyAdmin):
    list_display = ("filename", "chapter", "status", "total_rows", "cursor", "created_at")
    list_filter = ("status",)
    search_fields = ("filename",)
    list_select_related = ("chapter",)


@admin.register(ImportRow)
class ImportRowAdmin(ReadOnlyMixin, ReadOnlyAdmin):
    list_display = ("job", "number", "verdict", "outcome", "user")
    list_filter = ("verdict", "outcome")
    list_select_related = ("job", "user")
    raw_id_fields = ("job", "user")


@admin.register(ImportedAccount)
class ImportedAccountAdmin(ReadOnlyAdmin):
    list_display = ("user", "job", "invited_at", "claimed_at")
    list_select_related = ("user", "job")
    search_fields = ("user__email",)
    raw_id_fields = ("user", "job")


@admin.register(ImportMapping)
class ImportMappingAdmin(admin.ModelAdmin):
    list_display = ("name", "chapter", "updated_at")
