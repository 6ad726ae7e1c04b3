from django import forms
from django.utils.translation import gettext_lazy as _


class DismissForm(forms.Form):
    reason = forms.CharField(
        label=_("¿Por qué no es relevante? (opcional)"),
        max_length=500,
        required=False,
        widget=forms.TextInput(attrs={"placeholder": _("Ej.: no es mi área")}),
    )
