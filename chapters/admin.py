"""Django admin: create chapters and nodes, assign coordinators, read events.

Role changes and removals go through the services, which write the audit entries; memberships
are never deleted here (a removal is a state, so the history stays)."""

from typing import Any, cast

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from chapters import services
from chapters.models import (
    Announcement,
    Chapter,
    ChapterMembership,
    Event,
    EventRegistration,
    MembershipState,
    Role,
)
from network.web import LATEST_INSTANT, TOO_FAR
from profiles.models import User


def _staff(request: HttpRequest) -> User:
    return cast(User, request.user)


@admin.register(Chapter)
class ChapterAdmin(admin.ModelAdmin):
    list_display = ["name_es", "kind", "country", "city", "state", "status", "join_policy"]
    list_filter = ["kind", "status", "visibility", "join_policy"]
    list_select_related = ["state"]
    search_fields = ["name_es", "name_en", "city", "slug"]
    prepopulated_fields = {"slug": ["name_es"]}
    autocomplete_fields = ["region"]


@admin.register(ChapterMembership)
class ChapterMembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "chapter", "role", "state", "joined_at"]
    list_filter = ["role", "state", "chapter__kind"]
    list_select_related = ["user", "chapter"]
    search_fields = ["user__email", "user__name", "chapter__name_es"]
    autocomplete_fields = ["user", "chapter"]
    actions = ["remove_members"]

    def get_fields(  # type: ignore[override]
        self, request: HttpRequest, obj: ChapterMembership | None = None
    ) -> list[str]:
        if obj is None:
            return ["chapter", "user", "role"]
        return ["chapter", "user", "role", "state", "joined_at", "state_changed_by", "reason"]

    def get_readonly_fields(
        self, request: HttpRequest, obj: ChapterMembership | None = None
    ) -> list[str]:
        if obj is None:
            return []
        return ["chapter", "user", "state", "joined_at", "state_changed_by", "reason"]

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def save_model(
        self, request: HttpRequest, obj: ChapterMembership, form: object, change: bool
    ) -> None:
        role = obj.role
        if not change:
            # Staff adding someone makes them an active member at once, then gives the role.
            obj.role = Role.MEMBER
            obj.state = MembershipState.ACTIVE
            obj.joined_at = obj.state_changed_at = timezone.now()
            obj.state_changed_by = _staff(request)
            obj.save()
        if role != ChapterMembership.objects.get(pk=obj.pk).role:
            services.membership_set_role(membership=obj, role=role, by=_staff(request))

    @admin.action(description=_("Retirar del capítulo"))
    def remove_members(self, request: HttpRequest, queryset: QuerySet) -> None:
        for membership in queryset.filter(state=MembershipState.ACTIVE):
            try:
                services.membership_remove(
                    membership=membership,
                    by=_staff(request),
                    reason=str(_("Retirada por el equipo")),
                )
            except ValidationError as error:
                self.message_user(request, "; ".join(error.messages), messages.ERROR)


class RegistrationInline(admin.TabularInline):
    model = EventRegistration
    extra = 0
    fields = ("user", "state", "queued_at", "promoted_at", "checked_in_at")
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


class EventAdminForm(forms.ModelForm):
    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for name in ("starts_at", "ends_at"):
            value = cleaned.get(name)
            if value is not None and value >= LATEST_INSTANT:
                self.add_error(name, TOO_FAR)
        return cleaned


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    form = EventAdminForm
    list_display = ["title_es", "chapter", "kind", "starts_at", "status", "capacity"]
    list_filter = ["kind", "status"]
    list_select_related = ["chapter"]
    search_fields = ["title_es", "title_en"]
    autocomplete_fields = ["chapter"]
    readonly_fields = ["status", "published_at", "reminder_sent_at", "created_by"]
    inlines = [RegistrationInline]
    actions = ["publish"]

    def save_model(self, request: HttpRequest, obj: Event, form: object, change: bool) -> None:
        if not change:
            obj.created_by = _staff(request)
        super().save_model(request, obj, form, change)

    @admin.action(description=_("Publicar (avisa a los socios por webhook)"))
    def publish(self, request: HttpRequest, queryset: QuerySet) -> None:
        for event in queryset:
            try:
                services.event_publish(event=event, by=_staff(request))
            except ValidationError as error:
                self.message_user(request, f"{event}: {'; '.join(error.messages)}", messages.ERROR)


@admin.register(Announcement)
class AnnouncementAdmin(admin.ModelAdmin):
    list_display = ["subject", "chapter", "sent_by", "sent_at"]
    list_select_related = ["chapter", "sent_by"]
    readonly_fields = ["chapter", "subject", "body", "sent_by", "sent_at"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
