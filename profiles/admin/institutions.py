"""Admin for institutions: the verification queue, members and the audit log."""

from typing import TYPE_CHECKING, Any, TypedDict

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Count, QuerySet
from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from network.admin_site import ReadOnlyMixin
from profiles.admin.actions import action_form_page, staff_user
from profiles.admin.inlines import BoundedInlineFormSet
from profiles.models import AuditEntry, Institution, Membership, MembershipInvitation
from profiles.services.audit import audit_record
from profiles.services.institutions import institution_reject, institution_verify
from profiles.services.institutions.logos import logo_reencode

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations


class VerificationQueueFilter(admin.SimpleListFilter):
    """The moderators' queue: institutions waiting for a decision, with their count."""

    title = _("cola de verificación")
    parameter_name = "queue"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list:
        pending = Institution.objects.pending().count()
        return [
            ("pending", _("Pendientes (%(count)s)") % {"count": pending}),
            ("verified", _("Verificadas")),
            ("rejected", _("Rechazadas")),
        ]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        if self.value() in Institution.Verification.values:
            return queryset.filter(verification_status=self.value())
        return queryset


class MembershipInline(admin.TabularInline):
    model = Membership
    formset = BoundedInlineFormSet
    max_num = 500
    fk_name = "institution"
    extra = 0
    autocomplete_fields = ["user"]
    fields = ["user", "role", "created_at"]
    readonly_fields = ["created_at"]


INVITATION_FIELDS = ("email", "role", "invited_by", "created_at", "accepted_at", "revoked_at")
AUDIT_FIELDS = (
    "created_at",
    "actor",
    "action",
    "content_type",
    "object_id",
    "object_repr",
    "note",
)


class MemberCount(TypedDict):
    member_total: int


class InvitationInline(admin.TabularInline):
    model = MembershipInvitation
    formset = BoundedInlineFormSet
    max_num = 500
    extra = 0
    fields = INVITATION_FIELDS
    readonly_fields = INVITATION_FIELDS
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).select_related("invited_by")


class RejectionForm(forms.Form):
    reason = forms.CharField(
        label=_("Motivo del rechazo"),
        widget=forms.Textarea(attrs={"rows": 4, "cols": 70}),
        help_text=_("Los administradores de la institución leerán este texto."),
    )


class InstitutionAdminForm(forms.ModelForm):
    def clean_logo(self) -> Any:
        """A logo uploaded by staff is re-encoded like any other (no metadata, no payload)."""
        logo = self.cleaned_data.get("logo")
        if isinstance(logo, UploadedFile):
            return logo_reencode(logo, name=logo.name or "logo")
        return logo


@admin.register(Institution)
class InstitutionAdmin(admin.ModelAdmin):
    form = InstitutionAdminForm
    list_display = [
        "name",
        "kind",
        "state",
        "verification_status",
        "member_count",
        "created_by",
        "created_at",
    ]
    list_filter = [VerificationQueueFilter, "kind", ("state", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["name", "slug", "municipality", "website", "created_by__email"]
    list_select_related = ["state", "created_by"]
    date_hierarchy = "created_at"
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["state"]
    # Verification is decided only through the actions, so it is always audited.
    readonly_fields = [
        "verification_status",
        "rejection_reason",
        "verified_at",
        "created_by",
        "created_at",
    ]
    fields = [
        "name",
        "slug",
        "kind",
        "state",
        "municipality",
        "website",
        "description",
        "logo",
        *readonly_fields,
    ]
    inlines = [MembershipInline, InvitationInline]
    actions = ["verify_institutions", "reject_institutions"]

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).annotate(member_total=Count("memberships"))

    @admin.display(description=_("miembros"), ordering="member_total")
    def member_count(self, obj: "WithAnnotations[Institution, MemberCount]") -> int:
        return obj.member_total

    @admin.action(
        description=_("Verificar las instituciones seleccionadas"), permissions=["change"]
    )
    def verify_institutions(self, request: HttpRequest, queryset: QuerySet) -> None:
        count = 0
        for institution in queryset:
            if not institution.is_verified:
                institution_verify(institution=institution, by=staff_user(request))
                count += 1
        self.message_user(
            request,
            ngettext(
                "Se verificó %(count)d institución.",
                "Se verificaron %(count)d instituciones.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )

    @admin.action(description=_("Rechazar con motivo…"), permissions=["change"])
    def reject_institutions(
        self, request: HttpRequest, queryset: QuerySet
    ) -> TemplateResponse | None:
        form = RejectionForm(request.POST if "apply" in request.POST else None)
        if form.is_valid():
            reason = form.cleaned_data["reason"]
            try:
                with transaction.atomic():
                    for institution in queryset:
                        institution_reject(
                            institution=institution, by=staff_user(request), reason=reason
                        )
            except ValidationError as error:
                form.add_error("reason", error.messages)
            else:
                count = len(queryset)
                self.message_user(
                    request,
                    ngettext(
                        "Se rechazó %(count)d institución.",
                        "Se rechazaron %(count)d instituciones.",
                        count,
                    )
                    % {"count": count},
                    messages.SUCCESS,
                )
                return None
        return action_form_page(
            self,
            request,
            queryset,
            action="reject_institutions",
            title=_("Rechazar instituciones"),
            intro=_(
                "Escribe el motivo del rechazo. Quedará en el registro de auditoría y los "
                "administradores de cada institución lo verán."
            ),
            form=form,
            submit_label=_("Rechazar"),
        )

    def save_model(self, request: HttpRequest, obj: Institution, form: Any, change: bool) -> None:
        if not change and obj.created_by_id is None:
            obj.created_by = staff_user(request)
        super().save_model(request, obj, form, change)

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        super().save_formset(request, form, formset, change)
        if formset.model is not Membership:
            return
        # Membership changes made by staff here bypass the site's services: keep them audited.
        institution = form.instance
        for membership in formset.new_objects:
            note = f"user #{membership.user_id} ({membership.role})"
            audit_record(
                actor=staff_user(request), action="membership.add", target=institution, note=note
            )
        for membership, _fields in formset.changed_objects:
            note = f"user #{membership.user_id} → {membership.role}"
            audit_record(
                actor=staff_user(request),
                action="membership.change_role",
                target=institution,
                note=note,
            )
        for membership in formset.deleted_objects:
            note = f"user #{membership.user_id} ({membership.role})"
            audit_record(
                actor=staff_user(request), action="membership.remove", target=institution, note=note
            )


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyMixin, admin.ModelAdmin):
    """The audit log can be read and filtered, never written or deleted by hand."""

    list_display = ["created_at", "actor", "action", "object_repr", "content_type", "note"]
    list_filter = ["action", "content_type", "created_at"]
    search_fields = ["object_repr", "note", "action", "actor__email", "actor__name"]
    list_select_related = ["actor", "content_type"]
    date_hierarchy = "created_at"
    fields = AUDIT_FIELDS
    readonly_fields = AUDIT_FIELDS
