"""Enquiries in Django admin: read-mostly (the brokers work in the site, where every step goes
through enquiries.services and lands on the timeline); the admin shows the rows and their
history for audits."""

from django.contrib import admin
from django.http import HttpRequest

from enquiries.models import Candidate, Enquiry, EnquiryOutcome, Note, TimelineEntry


class TimelineInline(admin.TabularInline):
    model = TimelineEntry
    extra = 0
    can_delete = False
    fields = ("created_at", "kind", "by", "from_status", "to_status", "detail")
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest, obj: Enquiry | None = None) -> bool:
        return False


class CandidateInline(admin.TabularInline):
    model = Candidate
    extra = 0
    can_delete = False
    fields = ("expert", "source", "score", "state", "asked_at", "answered_at", "decline_reason")
    readonly_fields = fields
    raw_id_fields = ("expert",)

    def has_add_permission(self, request: HttpRequest, obj: Enquiry | None = None) -> bool:
        return False


@admin.register(Enquiry)
class EnquiryAdmin(admin.ModelAdmin):
    list_display = ("organisation", "type", "status", "broker", "confirmed_at", "response_due_at")
    list_filter = ("status", "type", "channel", "urgency")
    search_fields = ("organisation", "person_name", "email")
    date_hierarchy = "created_at"
    list_select_related = ("broker",)
    inlines = [CandidateInline, TimelineInline]
    readonly_fields = (
        "public_id",
        "status",
        "broker",
        "confirmed_at",
        "response_due_at",
        "first_response_at",
        "sla_breached_at",
        "introduced_at",
        "closed_at",
        "outcome",
        "channel",
        "submitted_by",
        "institution",
        "created_at",
    )


@admin.register(Note)
class NoteAdmin(admin.ModelAdmin):
    list_display = ("enquiry", "author", "created_at")
    raw_id_fields = ("enquiry",)
    readonly_fields = ("author", "created_at")


@admin.register(EnquiryOutcome)
class EnquiryOutcomeAdmin(admin.ModelAdmin):
    list_display = ("enquiry", "side", "kind", "amount", "currency", "created_at")
    list_filter = ("kind", "side")
    raw_id_fields = ("enquiry",)
