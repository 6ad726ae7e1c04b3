"""Forms of the chapters app: shape only; the services enforce the rules."""

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from chapters.models import ChapterKind
from profiles.choices import Sector, language_choices
from profiles.models import FieldOfScience, Skill, State
from projects.models import Project


class ChapterFilterForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Tipo"), required=False, choices=[("", _("Todos")), *ChapterKind.choices]
    )
    country = forms.ChoiceField(label=_("País"), required=False)
    state = forms.ModelChoiceField(
        label=_("Estado"), queryset=State.objects.all(), required=False, empty_label=_("Todos")
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["country"]).choices = [("", _("Todos")), *countries]


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Motivo"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("La persona lo recibirá."),
    )


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("Correo electrónico de la persona"))


class RosterFilterForm(forms.Form):
    sector = forms.ChoiceField(
        label=_("Sector"), required=False, choices=[("", _("Todos")), *Sector.choices]
    )
    field = forms.ModelChoiceField(
        label=_("Campo de conocimiento"),
        queryset=FieldOfScience.objects.major().order_by("code"),
        required=False,
        empty_label=_("Todos"),
    )
    skill = forms.ModelChoiceField(
        label=_("Habilidad"),
        queryset=Skill.objects.approved().order_by("name_es"),
        to_field_name="slug",
        required=False,
        empty_label=_("Todas"),
    )
    origin_state = forms.ModelChoiceField(
        label=_("Estado de origen"),
        queryset=State.objects.all(),
        required=False,
        empty_label=_("Todos"),
    )
    language = forms.ChoiceField(label=_("Idioma"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["language"]).choices = [
            ("", _("Todos")),
            *language_choices(),
        ]


class AnnouncementForm(forms.Form):
    subject = forms.CharField(label=_("Asunto"), max_length=160)
    body = forms.CharField(label=_("Mensaje"), max_length=5000, widget=forms.Textarea)


class ShareProjectForm(forms.Form):
    project = forms.ModelChoiceField(
        label=_("Necesidad publicada"), queryset=Project.objects.none()
    )

    def __init__(self, *args: Any, user: object, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["project"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = (
            Project.objects.visible_to(user)
            .published()
            .select_related("institution")
            .order_by("-pk")
        )
