"""Moderation of projects in Django admin: the submitted queue, approve / reject (bulk too),
and the transition log as the audit trail. Decisions go through projects.services."""

from typing import cast

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from network.admin_site import ViewOnlyMixin
from profiles.models import User
from projects import services
from projects.choices import ProjectStatus
from projects.models import (
    Engagement,
    EngagementFollowUp,
    Interest,
    Invitation,
    Outcome,
    Project,
    ProjectSkill,
    ProjectTransition,
)


def _staff(request: HttpRequest) -> User:
    # The admin site lets only logged-in staff users in.
    return cast(User, request.user)


class ModerationFilter(admin.SimpleListFilter):
    """The moderation queue first: "Por moderar" shows submitted projects, oldest first."""

    title = _("moderación")
    parameter_name = "moderation"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list:
        return [("queue", _("Por moderar"))]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        if self.value() == "queue":
            return queryset.filter(status=ProjectStatus.SUBMITTED).order_by("submitted_at")
        return queryset


class ProjectSkillInline(admin.TabularInline):
    model = ProjectSkill
    extra = 0
    raw_id_fields = ["skill"]


class ProjectTransitionInline(ViewOnlyMixin, admin.TabularInline):
    model = ProjectTransition
    extra = 0
    can_delete = False
    fields = ("created_at", "from_status", "to_status", "by", "note")
    readonly_fields = fields
    verbose_name_plural = _("historial de estados (auditoría)")


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Motivo del rechazo"),
        widget=forms.Textarea(attrs={"rows": 5, "cols": 80}),
        help_text=_("La institución lo leerá en su panel: di qué corregir para publicarlo."),
        max_length=3000,
    )


@admin.register(Project)
class ProjectAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "institution",
        "status",
        "collaboration_type",
        "submitted_at",
        "published_at",
        "deadline",
    ]
    list_filter = [
        ModerationFilter,
        "status",
        "collaboration_type",
        "modality",
        "institution__verification_status",
        "state",
    ]
    list_select_related = ["institution"]
    search_fields = ["title", "summary", "institution__name"]
    date_hierarchy = "created_at"
    filter_horizontal = ["fields"]
    raw_id_fields = ["institution", "created_by"]
    readonly_fields = [
        "status",
        "rejection_reason",
        "submitted_at",
        "published_at",
        "created_by",
        "created_at",
        "updated_at",
        "changed_at",
    ]
    inlines = [ProjectSkillInline, ProjectTransitionInline]
    actions = ["approve_projects", "reject_projects"]

    @admin.action(description=_("Aprobar y publicar los proyectos seleccionados"))
    def approve_projects(self, request: HttpRequest, queryset: QuerySet) -> None:
        published = 0
        for project in queryset.order_by("pk"):
            try:
                services.project_publish(project=project, by=_staff(request))
            except ValidationError as error:
                for message in error.messages:
                    self.message_user(request, message, messages.ERROR)
            else:
                published += 1
        if published:
            self.message_user(
                request,
                ngettext(
                    "Se publicó %(count)d proyecto.",
                    "Se publicaron %(count)d proyectos.",
                    published,
                )
                % {"count": published},
                messages.SUCCESS,
            )

    @admin.action(description=_("Rechazar los proyectos seleccionados (pide el motivo)"))
    def reject_projects(self, request: HttpRequest, queryset: QuerySet) -> HttpResponse | None:
        form = RejectForm(request.POST if "apply" in request.POST else None)
        if form.is_bound and form.is_valid():
            rejected = 0
            for project in queryset.order_by("pk"):
                try:
                    services.project_reject(
                        project=project, by=_staff(request), reason=form.cleaned_data["reason"]
                    )
                except ValidationError as error:
                    for message in error.messages:
                        self.message_user(request, message, messages.ERROR)
                else:
                    rejected += 1
            if rejected:
                self.message_user(
                    request,
                    ngettext(
                        "Se rechazó %(count)d proyecto.",
                        "Se rechazaron %(count)d proyectos.",
                        rejected,
                    )
                    % {"count": rejected},
                    messages.SUCCESS,
                )
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": _("Rechazar proyectos"),
            "opts": self.opts,
            "projects": queryset.select_related("institution"),
            "form": form,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "action": "reject_projects",
        }
        return TemplateResponse(request, "projects/admin/reject.html", context)


class OutcomeInline(admin.TabularInline):
    model = Outcome
    extra = 0
    fields = ["kind", "occurred_on", "description", "amount", "currency", "url", "recorded_by"]
    raw_id_fields = ["recorded_by"]


class FollowUpInline(admin.TabularInline):
    model = EngagementFollowUp
    extra = 0
    can_delete = False
    readonly_fields = ["months", "due_at", "sent_at"]

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(Engagement)
class EngagementAdmin(admin.ModelAdmin):
    list_display = ["project", "expert", "status", "started_at", "ended_at"]
    list_filter = ["status"]
    list_select_related = ["project", "expert__user"]
    search_fields = ["project__title", "expert__user__name", "expert__user__email"]
    raw_id_fields = ["project", "expert", "interest", "invitation", "institution_contact"]
    readonly_fields = ["status", "started_at", "ended_at"]
    inlines = [OutcomeInline, FollowUpInline]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # engagements start only by accepting an interest or an invitation


class CollaborationRequestAdmin(admin.ModelAdmin):
    list_display = ["project", "expert", "status", "created_at", "expires_at", "responded_at"]
    list_filter = ["status", "decline_reason"]
    list_select_related = ["project", "expert__user"]
    search_fields = ["project__title", "expert__user__name", "expert__user__email"]
    raw_id_fields = ["project", "expert", "responded_by"]
    readonly_fields = ["status", "created_at", "expires_at", "responded_at", "responded_by"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


@admin.register(Interest)
class InterestAdmin(CollaborationRequestAdmin):
    pass


@admin.register(Invitation)
class InvitationAdmin(CollaborationRequestAdmin):
    raw_id_fields = [*CollaborationRequestAdmin.raw_id_fields, "invited_by"]


@admin.register(Outcome)
class OutcomeAdmin(admin.ModelAdmin):
    list_display = ["engagement", "kind", "occurred_on", "amount", "currency"]
    list_filter = ["kind", "currency"]
    list_select_related = ["engagement__project", "engagement__expert__user"]
    search_fields = ["description", "engagement__project__title"]
    raw_id_fields = ["engagement", "recorded_by"]
    date_hierarchy = "occurred_on"
