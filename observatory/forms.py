from django import forms
from django.utils.translation import gettext_lazy as _

from profiles.models import Institution, State


class FunderReportForm(forms.Form):
    period_start = forms.DateField(label=_("Desde"), widget=forms.DateInput(attrs={"type": "date"}))
    period_end = forms.DateField(label=_("Hasta"), widget=forms.DateInput(attrs={"type": "date"}))
    state = forms.ModelChoiceField(
        label=_("Estado (opcional)"), queryset=State.objects.all(), required=False
    )
    institution = forms.ModelChoiceField(
        label=_("Institución (opcional)"),
        queryset=Institution.objects.verified().order_by("name"),
        required=False,
    )


class HealthFilterForm(forms.Form):
    start = forms.DateField(label=_("Desde"), widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("Hasta"), widget=forms.DateInput(attrs={"type": "date"}))
    state = forms.ModelChoiceField(
        label=_("Estado (opcional)"), queryset=State.objects.all(), required=False
    )
    institution = forms.ModelChoiceField(
        label=_("Institución (opcional)"),
        queryset=Institution.objects.verified().order_by("name"),
        required=False,
    )

    def clean(self) -> dict:
        data = super().clean() or {}
        if data.get("start") and data.get("end") and data["start"] > data["end"]:
            raise forms.ValidationError(_("El periodo termina antes de empezar."))
        return data
