"""Forms of the chapters app: shape only; the services enforce the rules."""

import zoneinfo
from typing import Any, cast

from django import forms
from django.utils import timezone as dj_timezone
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from chapters.models import ChapterKind, Event
from network.web import LATEST_INSTANT, TOO_FAR
from profiles.choices import Sector
from profiles.forms.choosers import TimezoneChoiceField
from profiles.forms.experts.fields import SkillChoiceField
from profiles.models import FieldOfScience, Skill, State
from profiles.selectors.options import languages_by_name
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
    skill = SkillChoiceField(
        label=_("Habilidad"),
        queryset=Skill.objects.approved(),
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
            *languages_by_name(),
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


NO_SEATS = _("El cupo es de al menos una persona: déjalo vacío si no hay límite.")


class EventForm(forms.ModelForm):
    """An event's content; start and end are read as clock times in the event's time zone."""

    starts_at = forms.DateTimeField(
        label=_("Empieza (hora del evento)"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    ends_at = forms.DateTimeField(
        label=_("Termina (hora del evento)"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    timezone = TimezoneChoiceField(label=_("Zona horaria del evento"))

    class Meta:
        model = Event
        fields = [
            "kind",
            "title_es",
            "title_en",
            "description_es",
            "description_en",
            "starts_at",
            "ends_at",
            "timezone",
            "venue",
            "online_url",
            "capacity",
            "visibility",
        ]
        error_messages = {"capacity": {"min_value": NO_SEATS}}

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        zone_name = cleaned.get("timezone")
        if zone_name:
            zone = zoneinfo.ZoneInfo(zone_name)
            for name in ("starts_at", "ends_at"):
                value = cleaned.get(name)
                if value is not None:
                    # The clock time typed, in the event's zone (not the site's).
                    cleaned[name] = dj_timezone.make_naive(value).replace(tzinfo=zone)
                    if cleaned[name] >= LATEST_INSTANT:
                        self.add_error(name, TOO_FAR)
        starts, ends = cleaned.get("starts_at"), cleaned.get("ends_at")
        if starts and starts <= dj_timezone.now():
            self.add_error("starts_at", _("El evento debe empezar en el futuro."))
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("El evento debe terminar después de empezar."))
        return cleaned

    def clean_capacity(self) -> int | None:
        capacity: int | None = self.cleaned_data.get("capacity")
        if capacity == 0:  # the table refuses it with a message meant for developers
            raise forms.ValidationError(NO_SEATS)
        return capacity
