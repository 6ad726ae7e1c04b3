from django.contrib import admin

from network.admin_site import ViewOnlyMixin
from network.models import Heartbeat


@admin.register(Heartbeat)
class HeartbeatAdmin(ViewOnlyMixin, admin.ModelAdmin):
    list_display = ["name", "beat_at", "worker"]
    search_fields = ["name", "worker"]
    readonly_fields = ["name", "beat_at", "worker"]
