from django import forms
from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from profiles.models import User


class SignupForm(forms.Form):
    """Extra sign-up fields for allauth (ACCOUNT_SIGNUP_FORM_CLASS)."""

    name = forms.CharField(
        label=_("Nombre completo"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        help_text=_("Como quieres que te vean los demás miembros."),
    )

    field_order = ["name", "email", "password1", "password2"]

    def signup(self, request: HttpRequest, user: User) -> None:
        user.name = self.cleaned_data["name"].strip()
        language = (get_language() or settings.LANGUAGE_CODE)[:2]
        user.language = language if language in dict(settings.LANGUAGES) else "es"
        user.save(update_fields=["name", "language"])
