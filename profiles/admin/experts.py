"""Admin for experts' profiles (searched and corrected by moderators)."""

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django_countries.filters import CountryFilter

from profiles.admin.inlines import BoundedInlineFormSet
from profiles.forms.experts.knowledge import MAX_SKILLS
from profiles.models import Education, ExpertLanguage, ExpertProfile, ExpertSkill, PortfolioItem


class ExpertSkillInline(admin.TabularInline):
    model = ExpertSkill
    formset = BoundedInlineFormSet
    max_num = MAX_SKILLS
    extra = 0
    autocomplete_fields = ["skill"]

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).select_related("skill")


class ExpertLanguageInline(admin.TabularInline):
    model = ExpertLanguage
    formset = BoundedInlineFormSet
    max_num = 15
    extra = 0


class EducationInline(admin.TabularInline):
    model = Education
    formset = BoundedInlineFormSet
    max_num = 20
    extra = 0


class PortfolioItemInline(admin.StackedInline):
    model = PortfolioItem
    formset = BoundedInlineFormSet
    max_num = 30
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
