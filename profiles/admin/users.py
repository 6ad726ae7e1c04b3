"""Admin for people: users, their memberships, invitations to institutions."""

from collections.abc import Callable

from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from network.admin_site import ViewOnlyMixin
from profiles.admin.actions import action_form_page, staff_user
from profiles.admin.inlines import BoundedInlineFormSet
from profiles.models import Membership, MembershipInvitation, User
from profiles.services.account import account_reinstate, account_suspend


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


class SuspensionForm(forms.Form):
    reason = forms.CharField(
        label=_("Motivo"),
        widget=forms.Textarea(attrs={"rows": 4, "cols": 70}),
        help_text=_(
            "La persona recibirá este texto por correo; queda en el registro de auditoría."
        ),
    )


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = [
        "email",
        "name",
        "language",
        "is_active",
        "suspended_at",
        "is_staff",
        "date_joined",
    ]
    list_filter = ["is_active", "is_staff", "is_superuser", "language"]
    search_fields = ["email", "name"]
    # An account is switched off only by suspending it (reason, notice, audit entry).
    readonly_fields = ["last_login", "date_joined", "is_active", "suspended_at"]
    inlines = [UserMembershipInline]
    actions = ["suspend_accounts", "reinstate_accounts"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Datos personales"), {"fields": ["name", "language"]}),
        (
            _("Permisos"),
            {
                "fields": [
                    "is_active",
                    "suspended_at",
                    "is_staff",
                    "is_superuser",
                    "groups",
                    "user_permissions",
                ]
            },
        ),
        (_("Fechas"), {"fields": ["last_login", "date_joined"]}),
    ]

    def _with_reason(
        self,
        request: HttpRequest,
        queryset: QuerySet,
        *,
        action: str,
        service: Callable[..., User],
        texts: tuple[Promise, Promise, Promise],
    ) -> TemplateResponse | None:
        """Ask for the reason, then apply `service` to every selected account atomically."""
        title, intro, submit_label = texts
        form = SuspensionForm(request.POST if "apply" in request.POST else None)
        if form.is_valid():
            try:
                with transaction.atomic():
                    for user in queryset:
                        service(
                            user=user, by=staff_user(request), reason=form.cleaned_data["reason"]
                        )
            except ValidationError as error:
                form.add_error("reason", error.messages)
            else:
                count = len(queryset)
                self.message_user(
                    request,
                    ngettext("Listo: %(count)d cuenta.", "Listo: %(count)d cuentas.", count)
                    % {"count": count},
                    messages.SUCCESS,
                )
                return None
        return action_form_page(
            self,
            request,
            queryset,
            action=action,
            title=title,
            intro=intro,
            form=form,
            submit_label=submit_label,
        )

    @admin.action(description=_("Suspender con motivo…"), permissions=["change"])
    def suspend_accounts(self, request: HttpRequest, queryset: QuerySet) -> TemplateResponse | None:
        return self._with_reason(
            request,
            queryset,
            action="suspend_accounts",
            service=account_suspend,
            texts=(
                _("Suspender cuentas"),
                _(
                    "Las personas no podrán entrar y sus perfiles dejarán de mostrarse en todas "
                    "partes. Recibirán un correo con el motivo."
                ),
                _("Suspender"),
            ),
        )

    @admin.action(description=_("Reactivar con motivo…"), permissions=["change"])
    def reinstate_accounts(
        self, request: HttpRequest, queryset: QuerySet
    ) -> TemplateResponse | None:
        return self._with_reason(
            request,
            queryset,
            action="reinstate_accounts",
            service=account_reinstate,
            texts=(
                _("Reactivar cuentas"),
                _("Las personas podrán entrar de nuevo y recibirán un correo con el motivo."),
                _("Reactivar"),
            ),
        )

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
class MembershipInvitationAdmin(ViewOnlyMixin, admin.ModelAdmin):
    """Read-only: invitations are sent and revoked by institution admins on the site."""

    list_display = ["email", "institution", "role", "invited_by", "created_at", "accepted_at"]
    list_filter = [InvitationStatusFilter, "role"]
    search_fields = ["email", "institution__name", "invited_by__email"]
    list_select_related = ["institution", "invited_by"]
    date_hierarchy = "created_at"
