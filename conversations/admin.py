"""Abuse reports, and the threads they concern, for platform staff: read-only.

Staff never see a thread nobody reported: the thread admin lists reported threads only, and its
messages are shown inside it (there is no message admin).
"""

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from conversations.models import AbuseReport, Message, Thread
from network.admin_site import ReadOnlyMixin, ViewOnlyMixin


class ReadOnlyAdmin(ReadOnlyMixin, admin.ModelAdmin):
    """Reports and threads are evidence: staff read them, never add, edit or delete."""


class MessageInline(ViewOnlyMixin, admin.TabularInline):
    model = Message
    fields = ["created_at", "author", "kind", "body", "download", "meeting_starts_at"]
    readonly_fields = ["created_at", "author", "kind", "body", "download", "meeting_starts_at"]
    extra = 0
    can_delete = False
    show_change_link = False

    @admin.display(description=_("adjunto"))
    def download(self, message: Message) -> str:
        if not message.attachment:
            return "—"
        url = reverse("conversations:attachment", args=[message.thread.engagement_id, message.pk])
        return format_html('<a href="{}">{}</a>', url, message.attachment_name)


class AbuseReportInline(admin.TabularInline):
    model = AbuseReport
    fields = ["created_at", "reported_by", "message", "reason"]
    readonly_fields = ["created_at", "reported_by", "message", "reason"]
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(Thread)
class ThreadAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "reported_at", "last_message_at"]
    fields = ["engagement", "created_at", "last_message_at", "reported_at"]
    readonly_fields = ["engagement", "created_at", "last_message_at", "reported_at"]
    inlines = [AbuseReportInline, MessageInline]
    date_hierarchy = "reported_at"

    def get_queryset(self, request: HttpRequest) -> QuerySet[Thread]:
        # Private by default: only threads one side reported are open to staff.
        return Thread.objects.reported().select_related(
            "engagement__project", "engagement__expert__user"
        )


@admin.register(AbuseReport)
class AbuseReportAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "thread_link", "reported_by", "reason"]
    list_select_related = ["thread__engagement__project", "thread__engagement__expert__user"]
    list_select_related += ["reported_by"]
    fields = ["created_at", "thread_link", "reported_by", "message", "reason"]
    readonly_fields = ["created_at", "thread_link", "reported_by", "message", "reason"]
    search_fields = ["reason"]
    date_hierarchy = "created_at"

    @admin.display(description=_("conversación"))
    def thread_link(self, report: AbuseReport) -> str:
        url = reverse("admin:conversations_thread_change", args=[report.thread_id])
        return format_html('<a href="{}">{}</a>', url, report.thread)
