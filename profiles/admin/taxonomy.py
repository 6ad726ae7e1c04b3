"""Admin for reference data and the skill vocabulary (approve and merge terms)."""

from typing import TYPE_CHECKING, Any, TypedDict, cast

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, F, Func, QuerySet, TextField, Value
from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from profiles.admin.actions import action_form_page, staff_user
from profiles.models import FieldOfScience, Skill, State
from profiles.models.reference import normalize_term
from profiles.services.taxonomy import skill_approve, skill_check_keys, skill_merge, skill_save

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations


class ExpertCount(TypedDict):
    expert_total: int


class RegionFilter(admin.SimpleListFilter):
    title = _("región")
    parameter_name = "region"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list:
        return [("yes", _("En la región")), ("no", _("Fuera de la región"))]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        if self.value() == "yes":
            return queryset.filter(pk__in=State.objects.in_region())
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
        super().clean()
        cleaned = self.cleaned_data
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


class SkillTargetField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Skill) -> str:
        if obj.status == Skill.Status.APPROVED:
            return f"{obj.name_es} / {obj.name_en}"
        return f"{obj.name_es} / {obj.name_en} ({obj.get_status_display()})"


class SkillMergeForm(forms.Form):
    target = SkillTargetField(
        label=_("Fusionar en"),
        queryset=Skill.objects.none(),
        help_text=_(
            "Las habilidades seleccionadas desaparecen: sus expertos y proyectos pasan a esta, "
            "y sus nombres quedan como sinónimos."
        ),
    )

    def __init__(self, *args: Any, sources: QuerySet, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # self.fields holds plain Fields for type checkers; this one is declared above.
        target = cast(SkillTargetField, self.fields["target"])
        target.queryset = Skill.objects.exclude(pk__in=[s.pk for s in sources]).order_by(
            "status", "name_es"
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
        return super().get_queryset(request).annotate(expert_total=Count("expert_links"))

    @admin.display(description=_("expertos"), ordering="expert_total")
    def expert_count(self, obj: "WithAnnotations[Skill, ExpertCount]") -> int:
        return obj.expert_total

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
            skill_approve(skill=skill, by=staff_user(request))
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
                        target = skill_merge(source=source, target=target, by=staff_user(request))
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
        return action_form_page(
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
