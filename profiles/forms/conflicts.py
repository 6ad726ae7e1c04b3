from django import forms
from django.utils.translation import gettext_lazy as _

from profiles.models import Institution


class ConflictForm(forms.Form):
    """An expert declares a conflict with an institution; a member of an institution declares
    one with an expert (the expert comes from the page that offered the button)."""

    institution = forms.ModelChoiceField(
        label=_("Institución"), queryset=Institution.objects.order_by("name")
    )
    expert = forms.IntegerField(required=False, widget=forms.HiddenInput)
    note = forms.CharField(label=_("Motivo (opcional)"), max_length=300, required=False)
