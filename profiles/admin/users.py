"""Admin for people: users, their memberships, invitations to institutions."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from profiles.admin.inlines import BoundedInlineFormSet
from profiles.models import Membership, MembershipInvitation, User


class UserMembershipInline(admin.TabularInline):
    model = Membership
    formset = BoundedInlineFormSet
    max_num = 50
    fk_name = "user"
    extra = 0
    autocomplete_fields = ["institution"]
    fields = ["institution", "role", "created_at"]
    readonly_fields = ["created_at"]
    verbose_name_plural = _("instituciones")


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "name", "language", "is_active", "is_staff", "date_joined"]
    list_filter = ["is_active", "is_staff", "is_superuser", "language"]
    search_fields = ["email", "name"]
    readonly_fields = ["last_login", "date_joined"]
    inlines = [UserMembershipInline]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Datos personales"), {"fields": ["name", "language"]}),
        (
            _("Permisos"),
            {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]},
        ),
        (_("Fechas"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "name", "password1", "password2"]}),
    ]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "institution", "role", "created_at"]
    list_filter = ["role", "institution__verification_status", "institution__kind"]
    search_fields = ["user__email", "user__name", "institution__name"]
    list_select_related = ["user", "institution"]
    autocomplete_fields = ["user", "institution"]
    readonly_fields = ["created_at"]


class InvitationStatusFilter(admin.SimpleListFilter):
    title = _("estado")
    parameter_name = "status"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list:
        return [
            ("open", _("Abiertas")),
            ("accepted", _("Aceptadas")),
            ("revoked", _("Revocadas")),
        ]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        if self.value() == "open":
            return queryset.filter(accepted_at__isnull=True, revoked_at__isnull=True)
        if self.value() == "accepted":
            return queryset.filter(accepted_at__isnull=False)
        if self.value() == "revoked":
            return queryset.filter(revoked_at__isnull=False)
        return queryset


@admin.register(MembershipInvitation)
class MembershipInvitationAdmin(admin.ModelAdmin):
    """Read-only: invitations are sent and revoked by institution admins on the site."""

    list_display = ["email", "institution", "role", "invited_by", "created_at", "accepted_at"]
    list_filter = [InvitationStatusFilter, "role"]
    search_fields = ["email", "institution__name", "invited_by__email"]
    list_select_related = ["institution", "invited_by"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
