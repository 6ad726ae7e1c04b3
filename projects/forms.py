"""Forms check shape and give field-level messages; services enforce the rules."""

from typing import Any, cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from profiles.choices import CollaborationType, language_choices
from profiles.forms.choosers import (
    FieldMultipleChoiceField,
    SkillMultipleChoiceField,
    language_options,
    language_select_multiple,
)
from profiles.forms.search import SearchField
from profiles.forms.widgets import ChosenLabelsMixin, OnDemandSelect
from profiles.models import ExpertProfile, FieldOfScience, Institution, Skill, State, User
from projects import selectors
from projects.choices import (
    INTEREST_DECLINE_REASONS,
    INVITATION_DECLINE_REASONS,
    Compensation,
    Currency,
    DeclineReason,
    EngagementStatus,
    OutcomeKind,
    ProjectModality,
)
from projects.models import Project

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
SKILLS_HELP = _("Busca en español o en inglés, también por sinónimos; puedes elegir varias.")
MULTI_HELP = _("Escribe para buscar y elige varias (sin JavaScript: Ctrl o Cmd y clic).")


class ProjectForm(forms.ModelForm):
    """Create and edit a project. On create, `institutions` lists where the user can post."""

    institution = forms.ModelChoiceField(
        label=_("Institución"),
        queryset=Institution.objects.none(),
        empty_label=None,
    )
    fields_of_science = FieldMultipleChoiceField(
        label=_("Campos de conocimiento"), help_text=MULTI_HELP
    )
    required_skills = SkillMultipleChoiceField(
        label=_("Habilidades indispensables"), help_text=SKILLS_HELP
    )
    nice_to_have_skills = SkillMultipleChoiceField(
        label=_("Habilidades deseables"), required=False, help_text=SKILLS_HELP
    )
    languages = forms.MultipleChoiceField(
        label=_("Idiomas de trabajo"),
        choices=language_options,
        initial=["es"],
        widget=language_select_multiple(),
        help_text=MULTI_HELP,
    )
    compensation = forms.MultipleChoiceField(
        label=_("Compensación"),
        choices=Compensation.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Marca todas las que apliquen."),
    )

    class Meta:
        model = Project
        fields = [
            "title",
            "summary",
            "description",
            "collaboration_type",
            "modality",
            "state",
            "municipality",
            "languages",
            "hours_per_month",
            "duration_months",
            "start_date",
            "deadline",
            "compensation",
            "experts_sought",
            "visibility",
        ]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "description": forms.Textarea(attrs={"rows": 10}),
            "start_date": DATE_INPUT,
            "deadline": DATE_INPUT,
            "visibility": forms.RadioSelect,
        }

    field_order = [
        "institution",
        "title",
        "summary",
        "description",
        "fields_of_science",
        "required_skills",
        "nice_to_have_skills",
        "collaboration_type",
        "modality",
        "state",
        "municipality",
        "languages",
        "hours_per_month",
        "duration_months",
        "start_date",
        "deadline",
        "compensation",
        "experts_sought",
        "visibility",
    ]

    def __init__(self, *args: Any, institutions: list[Institution] | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["state"]).queryset = State.objects.all()
        if institutions is None:
            del self.fields["institution"]
        else:
            cast(
                forms.ModelChoiceField, self.fields["institution"]
            ).queryset = Institution.objects.filter(pk__in=[i.pk for i in institutions])
            if len(institutions) == 1:
                self.fields["institution"].initial = institutions[0].pk
                if not self.is_bound and "state" not in self.initial:
                    self.initial["state"] = institutions[0].state_id
        if self.instance.pk:
            links = list(self.instance.skill_links.all())
            self.initial.setdefault(
                "required_skills", [link.skill_id for link in links if link.required]
            )
            self.initial.setdefault(
                "nice_to_have_skills", [link.skill_id for link in links if not link.required]
            )
            self.initial.setdefault("fields_of_science", [f.pk for f in self.instance.fields.all()])

    def clean_deadline(self) -> Any:
        deadline = self.cleaned_data.get("deadline")
        if deadline and deadline < timezone.localdate():
            raise forms.ValidationError(_("La fecha límite no puede estar en el pasado."))
        return deadline

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        required = set(cleaned.get("required_skills") or [])
        nice = set(cleaned.get("nice_to_have_skills") or [])
        if required & nice:
            self.add_error(
                "nice_to_have_skills",
                _("Una habilidad no puede ser indispensable y deseable a la vez."),
            )
        compensation = cleaned.get("compensation") or []
        if "pro_bono" in compensation and "honorarium" in compensation:
            self.add_error(
                "compensation", _("Un proyecto pro bono no puede ofrecer honorarios a la vez.")
            )
        start, deadline = cleaned.get("start_date"), cleaned.get("deadline")
        if start and deadline and start < deadline:
            self.add_error(
                "start_date",
                _("La colaboración no puede empezar antes de la fecha límite para postularse."),
            )
        return cleaned

    def service_kwargs(self) -> dict[str, Any]:
        """What the create/update services take (everything but the institution)."""
        data = dict(self.cleaned_data)
        data.pop("institution", None)
        data["fields"] = data.pop("fields_of_science")
        return data


class ProjectFilterForm(ChosenLabelsMixin):
    """Search and filters of the public list (GET). Every field is optional."""

    q = SearchField(
        label=_("Buscar"),
        required=False,
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": _("Ej.: aguacate, dispositivos médicos")}
        ),
    )
    field = forms.ModelChoiceField(
        label=_("Campo"),
        queryset=FieldOfScience.objects.order_by("code"),
        to_field_name="code",
        required=False,
        empty_label=_("Todos"),
        widget=OnDemandSelect("campos"),
    )
    skill = forms.ModelChoiceField(
        label=_("Habilidad"),
        queryset=Skill.objects.approved(),
        to_field_name="slug",
        required=False,
        empty_label=_("Todas"),
        widget=OnDemandSelect("habilidades"),
    )
    state = forms.ModelChoiceField(
        label=_("Estado"),
        queryset=State.objects.all(),
        to_field_name="code",
        required=False,
        empty_label=_("Todos"),
    )
    collaboration_type = forms.ChoiceField(
        label=_("Tipo de colaboración"),
        choices=[("", _("Todos")), *CollaborationType.choices],
        required=False,
    )
    modality = forms.ChoiceField(
        label=_("Modalidad"),
        choices=[("", _("Todas")), *ProjectModality.choices],
        required=False,
    )
    language = forms.ChoiceField(
        label=_("Idioma"),
        choices=lambda: [("", _("Todos")), *language_choices()],
        required=False,
        widget=OnDemandSelect("idiomas"),
    )


class InterestForm(forms.Form):
    message = forms.CharField(
        label=_("Tu mensaje a la institución"),
        max_length=1500,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Por qué te interesa y qué puedes aportar. Tus datos de contacto se "
            "comparten solo si la institución acepta."
        ),
    )


class InviteForm(forms.Form):
    """POST fields `expert` (a profile id, carried hidden from the suggestion or profile the
    liaison came from; cleaned to the ExpertProfile) and `message`; the matching engine posts
    here. Nobody types an id: the page names the person."""

    expert = forms.IntegerField(
        label=_("Persona experta"),
        min_value=1,
        widget=forms.HiddenInput,
        error_messages={"required": _("Elige a quién invitar desde las sugerencias o su perfil.")},
    )
    message = forms.CharField(
        label=_("Mensaje de invitación"),
        max_length=1500,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Cuéntale por qué pensaron en esta persona. Sus datos de contacto y los "
            "tuyos se comparten solo si acepta."
        ),
    )

    def __init__(self, *args: Any, viewer: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.viewer = viewer
        # Shown on the page ("Vas a invitar a …") once the posted id is found.
        self.expert_profile: ExpertProfile | None = None

    def clean_expert(self) -> ExpertProfile:
        """The profile behind the posted id, if the viewer may see it in the directory."""
        try:
            self.expert_profile = selectors.expert_get_for_invitation(
                user=self.viewer, pk=self.cleaned_data["expert"]
            )
        except ExpertProfile.DoesNotExist as error:
            raise forms.ValidationError(
                _(
                    "No encontramos a una persona experta así en el directorio: quizá "
                    "ocultó su perfil."
                )
            ) from error
        return self.expert_profile


class ProjectPickForm(forms.Form):
    """Invite one expert from their profile or a card: which of my projects, and a message."""

    project = forms.ModelChoiceField(
        label=_("Proyecto"),
        queryset=Project.objects.none(),
        empty_label=None,
        error_messages={"invalid_choice": _("Elige uno de tus proyectos publicados.")},
    )
    message = InviteForm.base_fields["message"]

    def __init__(self, *args: Any, projects: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["project"]).queryset = projects


class DeclineForm(forms.Form):
    reason = forms.ChoiceField(label=_("Motivo"))
    note = forms.CharField(
        label=_("Comentario (opcional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Se comparte con la otra parte. Obligatorio si eliges «Otro motivo»."),
    )

    def __init__(self, *args: Any, side: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        allowed = INTEREST_DECLINE_REASONS if side == "interest" else INVITATION_DECLINE_REASONS
        cast(forms.ChoiceField, self.fields["reason"]).choices = [
            (r.value, r.label) for r in allowed
        ]

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        if cleaned.get("reason") == DeclineReason.OTHER and not cleaned.get("note", "").strip():
            self.add_error("note", _("Si eliges «Otro motivo», explícalo en el comentario."))
        return cleaned


class OutcomeForm(forms.Form):
    kind = forms.ChoiceField(label=_("Tipo de resultado"), choices=OutcomeKind.choices)
    description = forms.CharField(
        label=_("Descripción"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    occurred_on = forms.DateField(label=_("Fecha"), widget=DATE_INPUT)
    url = forms.URLField(
        label=_("Enlace (opcional)"),
        required=False,
        help_text=_("DOI, nota de prensa, registro…"),
        assume_scheme="https",
    )
    amount = forms.DecimalField(
        label=_("Monto (financiamientos e inversiones)"),
        required=False,
        min_value=0,
        max_digits=14,
        decimal_places=2,
    )
    currency = forms.ChoiceField(
        label=_("Moneda"), choices=[("", "—"), *Currency.choices], required=False
    )


class EngagementEndForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Cómo terminó"),
        choices=[
            (EngagementStatus.COMPLETED.value, _("Concluida")),
            (EngagementStatus.CANCELLED.value, _("Cancelada")),
        ],
    )
    note = forms.CharField(
        label=_("Nota (opcional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class TransitionForm(forms.Form):
    """A member moves a project on (start, complete, cancel) with an optional note."""

    note = forms.CharField(
        label=_("Nota (opcional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
