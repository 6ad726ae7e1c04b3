"""My data: confirming the deletion of one's account."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


class AccountDeleteForm(forms.Form):
    email = forms.EmailField(
        label=_("Escribe tu correo electrónico para confirmar"),
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
    password = forms.CharField(
        label=_("Tu contraseña actual"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip()
        if email.casefold() != self.user.email.casefold():
            raise ValidationError(
                _("Ese no es el correo de tu cuenta. Escríbelo tal cual para confirmar."),
                code="email_mismatch",
            )
        return email

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise ValidationError(
                _("Esa no es tu contraseña actual. Escríbela para confirmar que eres tú."),
                code="password_mismatch",
            )
        return password
