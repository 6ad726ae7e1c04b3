"""Forms of the enquiries app: the public intake form (with its honeypot) and the brokers'."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from enquiries.choices import EnquiryType, OutcomeKind, Urgency
from enquiries.models import TEXT_MAX_LENGTH
from profiles.choices import Sector
from profiles.forms.choosers import SortedIterator
from profiles.forms.experts.fields import SkillChoiceField
from profiles.models import ExpertProfile, FieldOfScience, Institution, Skill, User
from projects.choices import Currency


class EnquiryForm(forms.Form):
    """What a requester tells us. Sizes are bounded here and in the model."""

    organisation = forms.CharField(label=_("Organización"), max_length=200)
    person_name = forms.CharField(label=_("Tu nombre"), max_length=120)
    email = forms.EmailField(
        label=_("Correo electrónico"),
        max_length=254,
        help_text=_("Te enviaremos un enlace para confirmarlo antes de atender tu consulta."),
    )
    text = forms.CharField(
        label=_("¿Qué necesitas?"),
        min_length=20,
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Cuéntalo con tus palabras: qué buscas, para qué y en qué plazo."),
    )
    type = forms.ChoiceField(label=_("Tipo de consulta"), choices=EnquiryType.choices)
    sector = forms.ChoiceField(
        label=_("Sector"), choices=[("", "—"), *Sector.choices], required=False
    )
    countries = forms.MultipleChoiceField(
        label=_("Países de interés"),
        choices=lambda: list(countries),  # named in the reader's language, when drawn
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    urgency = forms.ChoiceField(
        label=_("Urgencia"), choices=Urgency.choices, initial=Urgency.NORMAL
    )
    language = forms.ChoiceField(
        label=_("Idioma para responderte"),
        choices=[("es", _("Español")), ("en", _("Inglés"))],
        initial="es",
    )
    # The honeypot: hidden from people (and from screen readers), filled in by bots.
    website = forms.CharField(required=False, label=_("Sitio web"))

    def __init__(self, *args: Any, member: User | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.member = member
        if member is not None:
            # A signed-in member: their verified address, one of their institutions.
            del self.fields["email"]
            del self.fields["organisation"]
            self.fields["institution"] = forms.ModelChoiceField(
                label=_("Institución"),
                queryset=Institution.objects.of_member(member).order_by("name"),
                empty_label=None,
            )
            self.fields["person_name"].initial = member.name

    def clean_countries(self) -> list[str]:
        chosen = self.cleaned_data.get("countries") or []
        if len(chosen) > 20:
            raise forms.ValidationError(_("Elige como máximo 20 países."))
        return chosen

    @property
    def is_bot(self) -> bool:
        return bool(self.data.get("website"))


class AssignForm(forms.Form):
    broker = forms.ModelChoiceField(label=_("Gestor"), queryset=User.objects.none())

    def __init__(self, *args: Any, brokers: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["broker"].queryset = brokers  # type: ignore[attr-defined]


class NoteForm(forms.Form):
    text = forms.CharField(
        label=_("Nota interna"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Motivo (se enviará a quien consultó)"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class CloseForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Resultado"), choices=OutcomeKind.choices)


class SkillsByNameField(forms.ModelMultipleChoiceField):
    """Skills by name in the reader's language, as the roster lists them."""

    iterator = SortedIterator
    label_from_instance = SkillChoiceField.label_from_instance
    sort_key = staticmethod(SkillChoiceField.sort_key)


class TagForm(forms.Form):
    skills = SkillsByNameField(label=_("Habilidades"), queryset=Skill.objects.all(), required=False)
    areas = forms.ModelMultipleChoiceField(
        label=_("Áreas"), queryset=FieldOfScience.objects.order_by("code"), required=False
    )


class CandidateAddForm(forms.Form):
    expert = forms.ModelChoiceField(queryset=ExpertProfile.objects.listed())
    from_engine = forms.BooleanField(required=False)


class AnswerForm(forms.Form):
    answer = forms.ChoiceField(
        label=_("Tu respuesta"),
        choices=[("accept", _("Acepto la presentación")), ("decline", _("Prefiero no"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Si prefieres no, ¿por qué? (solo lo verá el equipo de Puentes)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("answer") == "decline" and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Cuéntanos brevemente por qué."))
        return data


class OutcomeForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("¿Qué resultó?"), choices=OutcomeKind.choices, widget=forms.RadioSelect
    )
    amount = forms.DecimalField(
        label=_("Monto (si hubo inversión)"),
        required=False,
        min_value=0,
        max_digits=14,
        decimal_places=2,
    )
    currency = forms.ChoiceField(
        label=_("Moneda"), choices=[("", "—"), *Currency.choices], required=False
    )
    note = forms.CharField(
        label=_("Comentario"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
