from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from matching import services, tasks
from matching.learning import weight_set_adopt
from matching.models import ExpertIndex, Match, MatchRun, SuggestionDecision, WeightSet
from network.admin_site import ReadOnlyMixin, ViewOnlyMixin
from profiles.models import User


@admin.register(Match)
class MatchAdmin(admin.ModelAdmin):
    list_display = [
        "project",
        "expert",
        "score",
        "rank_score",
        "state",
        "algorithm_version",
        "computed_at",
    ]
    list_filter = ["state", "algorithm_version", "weights_version", "project__status"]
    search_fields = ["project__title", "expert__user__name", "expert__user__email"]
    list_select_related = ["project", "expert__user"]
    readonly_fields = [f.name for f in Match._meta.fields]  # noqa: SLF001 - _meta is Django's public API
    ordering = ["-computed_at"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


@admin.register(MatchRun)
class MatchRunAdmin(admin.ModelAdmin):
    list_display = [
        "scope",
        "object_id",
        "status",
        "progress",
        "total",
        "created_at",
        "finished_at",
    ]
    list_filter = ["scope", "status"]
    readonly_fields = [f.name for f in MatchRun._meta.fields]  # noqa: SLF001 - _meta is Django's public API
    actions = ["start_full_pass"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    @admin.action(description=_("Lanzar una pasada completa de vinculación"))
    def start_full_pass(self, request: HttpRequest, queryset: QuerySet) -> None:
        run = services.match_run_create(scope=MatchRun.Scope.FULL, object_id=None)
        tasks.full_pass_task.delay(run.pk)
        self.message_user(
            request,
            _("Pasada completa en cola (ejecución %(id)s).") % {"id": run.pk},
            messages.SUCCESS,
        )


@admin.register(ExpertIndex)
class ExpertIndexAdmin(admin.ModelAdmin):
    list_display = [
        "profile",
        "is_available",
        "capacity_left",
        "pending_invitations",
        "embedder",
        "updated_at",
    ]
    list_filter = ["is_available", "embedder"]
    search_fields = ["profile__user__name", "profile__user__email"]
    list_select_related = ["profile__user"]
    exclude = ["embedding"]
    readonly_fields = [f.name for f in ExpertIndex._meta.fields if f.name != "embedding"]  # noqa: SLF001 - _meta is Django's public API

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


@admin.register(SuggestionDecision)
class SuggestionDecisionAdmin(ReadOnlyMixin, admin.ModelAdmin):
    """The decision log fit_matching_weights learns from: readable, never edited by hand."""

    list_display = (
        "project",
        "expert",
        "outcome",
        "side",
        "reason",
        "algorithm_version",
        "weights_version",
        "shown_at",
        "decided_at",
    )
    list_filter = ("outcome", "algorithm_version", "weights_version", "side")
    list_select_related = ("project", "expert__user")
    search_fields = ("=project__id", "=expert__id")
    date_hierarchy = "decided_at"
    readonly_fields = [f.name for f in SuggestionDecision._meta.fields]  # noqa: SLF001 - _meta is Django's public API


@admin.register(WeightSet)
class WeightSetAdmin(ViewOnlyMixin, admin.ModelAdmin):
    list_display = ("version", "decisions", "auc_fitted", "auc_current", "adopted_at")
    readonly_fields = (
        "version",
        "weights",
        "decisions",
        "auc_fitted",
        "auc_current",
        "adopted_at",
        "adopted_by",
    )
    actions = ["adopt"]

    @admin.action(description=_("Adoptar este conjunto de pesos"))
    def adopt(self, request: HttpRequest, queryset: QuerySet[WeightSet]) -> None:
        if queryset.count() != 1:
            self.message_user(request, _("Elige un solo conjunto de pesos."), messages.ERROR)
            return
        user = request.user
        assert isinstance(user, User)  # the admin site requires a signed-in staff member
        weight_set = weight_set_adopt(weight_set=queryset.get(), by=user)
        # Every suggestion is scored again with them (nothing changes silently before).
        run = services.match_run_create(scope=MatchRun.Scope.FULL, object_id=None)
        tasks.full_pass_task.delay(run.pk)
        self.message_user(
            request,
            _("Adoptaste los pesos %(version)s; las sugerencias se recalculan (ejecución %(id)s).")
            % {"version": weight_set.version, "id": run.pk},
        )
