"""Django admin for moderators: verify institutions, search profiles, curate the taxonomy.

Moderation decisions go through the same services as the site (audit log, domain events).
List pages join what they display (list_select_related / annotations) so their query count
does not grow with the number of rows.
"""

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, F, Func, QuerySet, TextField, Value
from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_countries.filters import CountryFilter

from profiles.models import (
    AuditEntry,
    Education,
    ExpertLanguage,
    ExpertProfile,
    ExpertSkill,
    FieldOfScience,
    Institution,
    Membership,
    MembershipInvitation,
    PortfolioItem,
    Skill,
    State,
    User,
)
from profiles.models.reference import normalize_term
from profiles.services.audit import audit_record
from profiles.services.institutions import institution_reject, institution_verify
from profiles.services.taxonomy import skill_approve, skill_check_keys, skill_merge, skill_save

ACTION_FORM_TEMPLATE = "admin/profiles/action_form.html"


def _action_form_page(
    modeladmin: admin.ModelAdmin,
    request: HttpRequest,
    queryset: QuerySet,
    *,
    action: str,
    title: str,
    intro: str,
    form: forms.Form,
    submit_label: str,
) -> TemplateResponse:
    """The intermediate page of an admin action that needs input (a reason, a target)."""
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": title,
        "intro": intro,
        "queryset": queryset,
        "form": form,
        "action": action,
        "submit_label": submit_label,
        "opts": modeladmin.model._meta,
        "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        "media": modeladmin.media + form.media,
    }
    return TemplateResponse(request, ACTION_FORM_TEMPLATE, context)


# --- Users and memberships --------------------------------------------------------------------


class UserMembershipInline(admin.TabularInline):
    model = Membership
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


# --- Institutions -----------------------------------------------------------------------------


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
    fk_name = "institution"
    extra = 0
    autocomplete_fields = ["user"]
    fields = ["user", "role", "created_at"]
    readonly_fields = ["created_at"]


class InvitationInline(admin.TabularInline):
    model = MembershipInvitation
    extra = 0
    fields = ["email", "role", "invited_by", "created_at", "accepted_at", "revoked_at"]
    readonly_fields = fields
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


@admin.register(Institution)
class InstitutionAdmin(admin.ModelAdmin):
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
        return super().get_queryset(request).annotate(_member_count=Count("memberships"))

    @admin.display(description=_("miembros"), ordering="_member_count")
    def member_count(self, obj: Institution) -> int:
        return obj._member_count

    @admin.action(
        description=_("Verificar las instituciones seleccionadas"), permissions=["change"]
    )
    def verify_institutions(self, request: HttpRequest, queryset: QuerySet) -> None:
        count = 0
        for institution in queryset:
            if not institution.is_verified:
                institution_verify(institution=institution, by=request.user)
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
                        institution_reject(institution=institution, by=request.user, reason=reason)
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
        return _action_form_page(
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
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        super().save_formset(request, form, formset, change)
        if formset.model is not Membership:
            return
        # Membership changes made by staff here bypass the site's services: keep them audited.
        institution = form.instance
        for membership in formset.new_objects:
            note = f"user #{membership.user_id} ({membership.role})"
            audit_record(actor=request.user, action="membership.add", target=institution, note=note)
        for membership, _fields in formset.changed_objects:
            note = f"user #{membership.user_id} → {membership.role}"
            audit_record(
                actor=request.user, action="membership.change_role", target=institution, note=note
            )
        for membership in formset.deleted_objects:
            note = f"user #{membership.user_id} ({membership.role})"
            audit_record(
                actor=request.user, action="membership.remove", target=institution, note=note
            )


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """The audit log can be read and filtered, never written or deleted by hand."""

    list_display = ["created_at", "actor", "action", "object_repr", "content_type", "note"]
    list_filter = ["action", "content_type", "created_at"]
    search_fields = ["object_repr", "note", "action", "actor__email", "actor__name"]
    list_select_related = ["actor", "content_type"]
    date_hierarchy = "created_at"
    fields = ["created_at", "actor", "action", "content_type", "object_id", "object_repr", "note"]
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


# --- Experts ----------------------------------------------------------------------------------


class ExpertSkillInline(admin.TabularInline):
    model = ExpertSkill
    extra = 0
    autocomplete_fields = ["skill"]

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).select_related("skill")


class ExpertLanguageInline(admin.TabularInline):
    model = ExpertLanguage
    extra = 0


class EducationInline(admin.TabularInline):
    model = Education
    extra = 0


class PortfolioItemInline(admin.StackedInline):
    model = PortfolioItem
    extra = 0


@admin.register(ExpertProfile)
class ExpertProfileAdmin(admin.ModelAdmin):
    list_display = [
        "display_name",
        "email",
        "headline",
        "country",
        "origin_state",
        "sector",
        "visibility",
        "is_paused",
        "onboarded_at",
    ]
    list_filter = [
        ("country", CountryFilter),
        ("origin_state", admin.RelatedOnlyFieldListFilter),
        "sector",
        "visibility",
        "is_paused",
    ]
    search_fields = ["user__name", "user__email", "headline"]
    list_select_related = ["user", "origin_state"]
    autocomplete_fields = ["user", "origin_state"]
    filter_horizontal = ["fields", "states_of_interest"]
    readonly_fields = [
        "privacy_consent_at",
        "onboarded_at",
        "created_at",
        "updated_at",
        "changed_at",
    ]
    inlines = [ExpertSkillInline, ExpertLanguageInline, EducationInline, PortfolioItemInline]

    @admin.display(description=_("nombre"), ordering="user__name")
    def display_name(self, obj: ExpertProfile) -> str:
        return obj.user.name or "—"

    @admin.display(description=_("correo electrónico"), ordering="user__email")
    def email(self, obj: ExpertProfile) -> str:
        return obj.user.email


# --- Reference data and taxonomy --------------------------------------------------------------


class RegionFilter(admin.SimpleListFilter):
    title = _("región")
    parameter_name = "region"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list:
        return [("yes", _("En la región")), ("no", _("Fuera de la región"))]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        if self.value() == "yes":
            return queryset.in_region()
        if self.value() == "no":
            return queryset.exclude(pk__in=State.objects.in_region())
        return queryset


@admin.register(State)
class StateAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "abbreviation", "timezone", "in_region"]
    list_filter = [RegionFilter, "timezone"]
    search_fields = ["code", "name", "abbreviation"]
    ordering = ["code"]

    @admin.display(description=_("en la región"), boolean=True)
    def in_region(self, obj: State) -> bool:
        return obj.is_in_region


@admin.register(FieldOfScience)
class FieldOfScienceAdmin(admin.ModelAdmin):
    list_display = ["code", "name_es", "name_en", "parent"]
    list_filter = [("parent", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["code", "name_es", "name_en"]
    list_select_related = ["parent"]
    ordering = ["code"]


class SkillAdminForm(forms.ModelForm):
    class Meta:
        model = Skill
        fields = ["name_es", "name_en", "slug", "synonyms", "parent", "field", "status"]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        parent = cleaned.get("parent")
        ancestor = parent
        while ancestor is not None:
            if self.instance.pk and ancestor.pk == self.instance.pk:
                self.add_error("parent", _("Una habilidad no puede ser su propia ancestra."))
                break
            ancestor = ancestor.parent
        probe = Skill(
            pk=self.instance.pk,
            name_es=cleaned.get("name_es") or "",
            name_en=cleaned.get("name_en") or "",
            synonyms=cleaned.get("synonyms") or [],
        )
        try:
            skill_check_keys(skill=probe)
        except ValidationError as error:
            self.add_error(None, error)
        return cleaned


class SkillMergeForm(forms.Form):
    target = forms.ModelChoiceField(
        label=_("Fusionar en"),
        queryset=Skill.objects.none(),
        help_text=_(
            "Las habilidades seleccionadas desaparecen: sus expertos y proyectos pasan a esta, "
            "y sus nombres quedan como sinónimos."
        ),
    )

    def __init__(self, *args: Any, sources: QuerySet, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["target"]
        field.queryset = Skill.objects.exclude(pk__in=[s.pk for s in sources]).order_by(
            "status", "name_es"
        )
        field.label_from_instance = lambda s: (
            f"{s.name_es} / {s.name_en}"
            + ("" if s.status == Skill.Status.APPROVED else f" ({s.get_status_display()})")
        )


@admin.register(Skill)
class SkillAdmin(admin.ModelAdmin):
    form = SkillAdminForm
    list_display = ["name_es", "name_en", "status", "field", "parent", "expert_count", "created_at"]
    list_filter = [
        "status",
        ("field", admin.RelatedOnlyFieldListFilter),
        ("parent", admin.RelatedOnlyFieldListFilter),
    ]
    search_fields = ["name_es", "name_en", "slug"]
    list_select_related = ["field", "parent"]
    autocomplete_fields = ["parent", "field"]
    prepopulated_fields = {"slug": ["name_en"]}
    readonly_fields = ["search_keys", "created_at"]
    actions = ["approve_skills", "merge_skills"]

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).annotate(_expert_count=Count("expert_links"))

    @admin.display(description=_("expertos"), ordering="_expert_count")
    def expert_count(self, obj: Skill) -> int:
        return obj._expert_count

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet, search_term: str
    ) -> tuple[QuerySet, bool]:
        """Names and slug as usual, plus any synonym, ignoring case and accents."""
        results, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        key = normalize_term(search_term)
        if key:
            keys_text = Func(
                F("search_keys"), Value("|"), function="array_to_string", output_field=TextField()
            )
            by_keys = queryset.annotate(_keys_text=keys_text).filter(_keys_text__contains=key)
            results = results | queryset.filter(pk__in=by_keys.values("pk"))
        return results, may_have_duplicates

    def save_model(self, request: HttpRequest, obj: Skill, form: Any, change: bool) -> None:
        skill_save(skill=obj)

    @admin.action(description=_("Aprobar las habilidades seleccionadas"), permissions=["change"])
    def approve_skills(self, request: HttpRequest, queryset: QuerySet) -> None:
        pending = list(queryset.filter(status=Skill.Status.PENDING))
        for skill in pending:
            skill_approve(skill=skill, by=request.user)
        self.message_user(
            request,
            ngettext(
                "Se aprobó %(count)d habilidad.",
                "Se aprobaron %(count)d habilidades.",
                len(pending),
            )
            % {"count": len(pending)},
            messages.SUCCESS,
        )

    @admin.action(description=_("Fusionar en…"), permissions=["change"])
    def merge_skills(self, request: HttpRequest, queryset: QuerySet) -> TemplateResponse | None:
        form = SkillMergeForm(request.POST if "apply" in request.POST else None, sources=queryset)
        if form.is_valid():
            target = form.cleaned_data["target"]
            sources = list(queryset)
            try:
                with transaction.atomic():
                    for source in sources:
                        target = skill_merge(source=source, target=target, by=request.user)
            except ValidationError as error:
                self.message_user(request, " ".join(error.messages), messages.ERROR)
                return None
            self.message_user(
                request,
                ngettext(
                    "Se fusionó %(count)d habilidad en «%(target)s».",
                    "Se fusionaron %(count)d habilidades en «%(target)s».",
                    len(sources),
                )
                % {"count": len(sources), "target": target.name_es},
                messages.SUCCESS,
            )
            return None
        return _action_form_page(
            self,
            request,
            queryset,
            action="merge_skills",
            title=_("Fusionar habilidades"),
            intro=_(
                "Elige la habilidad que se queda. Cada experto o proyecto que use una de las "
                "seleccionadas pasará a ella (si ya la tenía, se conservan los años mayores)."
            ),
            form=form,
            submit_label=_("Fusionar"),
        )
