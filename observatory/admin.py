from django.contrib import admin

from network.admin_site import ViewOnlyMixin
from observatory.models import FunderReport, Snapshot


@admin.register(Snapshot)
class SnapshotAdmin(ViewOnlyMixin, admin.ModelAdmin):
    """Read-only: snapshots are written by the periodic task, never by hand."""

    list_display = ["period", "as_of", "min_cell", "computed_at"]
    readonly_fields = ["period", "as_of", "min_cell", "figures", "computed_at"]


@admin.register(FunderReport)
class FunderReportAdmin(admin.ModelAdmin):
    list_display = ["__str__", "state", "institution", "status", "progress", "created_at"]
    list_select_related = ["state", "institution"]
    readonly_fields = ["status", "progress", "error", "finished_at", "requested_by"]
    exclude = ["pdf"]
