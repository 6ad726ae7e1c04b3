"""Proposing a term for the skill vocabulary."""

from django import forms
from django.utils.translation import gettext_lazy as _

from profiles.services.taxonomy import MAX_TERM_LENGTH


class SkillProposalForm(forms.Form):
    term = forms.CharField(
        label=_("Habilidad que propones"),
        max_length=MAX_TERM_LENGTH,
        error_messages={"required": _("Escribe el nombre de la habilidad.")},
    )
    note = forms.CharField(
        label=_("¿Qué la distingue? (opcional)"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Ayuda al equipo a decidir si es una habilidad aparte o un sinónimo."),
    )
