"""Forms of the integration pages: they check shape; partners.services enforces the rules."""

import datetime
from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from network.web import LATEST_INSTANT, TOO_FAR
from partners.models import INSTITUTION_ONLY_SCOPES, ApiScope, WebhookEvent


class ApiKeyForm(forms.Form):
    name = forms.CharField(
        label=_("Nombre"),
        max_length=100,
        help_text=_("Para qué sistema es. Ej.: «CRM de vinculación»."),
    )
    scopes = forms.MultipleChoiceField(
        label=_("Permisos"),
        choices=ApiScope.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Da solo los que el sistema necesita."),
    )
    expires_on = forms.DateField(
        label=_("Vence el"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Opcional. La clave deja de funcionar al terminar ese día."),
    )

    def __init__(self, *args: Any, for_institution: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not for_institution:
            scopes = cast(forms.MultipleChoiceField, self.fields["scopes"])
            scopes.choices = [
                (v, label) for v, label in ApiScope.choices if v not in INSTITUTION_ONLY_SCOPES
            ]

    def clean_expires_on(self) -> datetime.date | None:
        expires_on = self.cleaned_data.get("expires_on")
        if expires_on and expires_on < timezone.localdate():
            raise ValidationError(_("La fecha de vencimiento debe estar en el futuro."))
        if expires_on and expires_on >= LATEST_INSTANT.date():
            raise ValidationError(TOO_FAR)
        return expires_on

    def service_kwargs(self) -> dict[str, Any]:
        expires_on = self.cleaned_data.get("expires_on")
        expires_at = None
        if expires_on:
            # The end of that day in the site's time zone.
            expires_at = timezone.make_aware(
                datetime.datetime.combine(expires_on + datetime.timedelta(days=1), datetime.time())
            )
        return {
            "name": self.cleaned_data["name"],
            "scopes": self.cleaned_data["scopes"],
            "expires_at": expires_at,
        }


class WebhookForm(forms.Form):
    url = forms.URLField(
        label=_("URL que recibe los eventos"),
        max_length=500,
        assume_scheme="https",
        help_text=_("Una dirección HTTPS pública de su sistema."),
    )
    events = forms.MultipleChoiceField(
        label=_("Eventos"), choices=WebhookEvent.choices, widget=forms.CheckboxSelectMultiple
    )
    description = forms.CharField(
        label=_("Descripción"),
        max_length=200,
        required=False,
        help_text=_("Opcional. Para reconocerlo en la lista."),
    )


class WebhookEditForm(WebhookForm):
    is_active = forms.BooleanField(
        label=_("Activo"),
        required=False,
        help_text=_("Al activarlo de nuevo se reinicia el conteo de fallos."),
    )
