from django import forms
from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from profiles.choices import AccountRole
from profiles.models import User


class SignupForm(forms.Form):
    """Extra sign-up fields for allauth (ACCOUNT_SIGNUP_FORM_CLASS)."""

    name = forms.CharField(
        label=_("Nombre completo"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        help_text=_("Como quieres que te vean los demás miembros."),
    )

    role = forms.ChoiceField(
        label=_("¿Qué vienes a hacer?"),
        choices=AccountRole.choices,
        widget=forms.RadioSelect,
        help_text=_("Puedes cambiarlo o añadir el otro papel después, en «Mi cuenta»."),
        error_messages={
            "required": _("Elige qué vienes a hacer en Puentes."),
            "invalid_choice": _("Elige una de las opciones."),
        },
    )

    field_order = ["role", "name", "email", "password1", "password2"]

    def signup(self, request: HttpRequest, user: User) -> None:
        user.name = self.cleaned_data["name"].strip()
        user.role = self.cleaned_data["role"]
        language = (get_language() or settings.LANGUAGE_CODE)[:2]
        user.language = language if language in dict(settings.LANGUAGES) else "es"
        user.save(update_fields=["name", "role", "language"])


class RoleForm(forms.Form):
    """Switch or add a side later (the account page)."""

    role = forms.ChoiceField(
        label=_("¿Qué haces en Puentes?"),
        choices=AccountRole.choices,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Elige una de las opciones.")},
    )
