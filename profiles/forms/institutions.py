"""Forms for registering and editing institutions and managing their members (shape only:
the rules live in profiles.services.institutions)."""

from pathlib import PurePath
from typing import Any, cast

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from PIL import Image

from profiles.models import Institution, Membership, State
from profiles.validators import (
    LOGO_FORMATS,
    logo_too_large_error,
    validate_logo_dimensions,
    validate_logo_size,
)


def state_choices() -> list[tuple[Any, Any]]:
    """All states, the deployment's region first so most people find theirs at the top."""
    states = list(State.objects.all())
    region = [(s.pk, s.name) for s in states if s.is_in_region]
    others = [(s.pk, s.name) for s in states if not s.is_in_region]
    choices: list[tuple[Any, Any]] = [("", _("Elige un estado"))]
    if region:
        choices.append((settings.PUENTES_REGION_NAME, region))
    if others:
        choices.append((_("Otros estados"), others))
    return choices


class LogoField(forms.ImageField):
    """An image field that says why it refuses a picture with too many pixels (Pillow will not
    open it: a decompression bomb) instead of calling it an invalid image."""

    def to_python(self, data: Any) -> Any:
        try:
            return super().to_python(data)
        except ValidationError as error:
            if isinstance(error.__cause__, Image.DecompressionBombError):
                raise logo_too_large_error() from error
            raise


class InstitutionForm(forms.Form):
    name = forms.CharField(label=_("Nombre de la institución"), max_length=200)
    kind = forms.ChoiceField(
        label=_("Tipo"), choices=[("", _("Elige un tipo")), *Institution.Kind.choices]
    )
    state = forms.ModelChoiceField(label=_("Estado"), queryset=State.objects.all())
    municipality = forms.CharField(label=_("Municipio"), max_length=120, required=False)
    website = forms.URLField(
        label=_("Sitio web"),
        max_length=200,
        required=False,
        assume_scheme="https",
        widget=forms.URLInput(attrs={"placeholder": "https://"}),
    )
    description = forms.CharField(
        label=_("Descripción"),
        max_length=3000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Qué hace la institución y en qué áreas busca colaborar."),
    )
    logo = LogoField(
        label=_("Logotipo"),
        required=False,
        help_text=_("PNG, JPG o WebP, máximo 1 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg,image/webp"}),
    )

    def __init__(self, *args: Any, institution: Institution | None = None, **kwargs: Any) -> None:
        if institution is not None:
            kwargs.setdefault(
                "initial",
                {
                    "name": institution.name,
                    "kind": institution.kind,
                    "state": institution.state_id,
                    "municipality": institution.municipality,
                    "website": institution.website,
                    "description": institution.description,
                    "logo": institution.logo or None,
                },
            )
        super().__init__(*args, **kwargs)
        # self.fields holds plain Fields for type checkers; this one is declared above.
        cast(forms.ModelChoiceField, self.fields["state"]).choices = state_choices()
        if institution is not None and institution.is_verified:
            self.fields["name"].disabled = True
            self.fields["name"].help_text = _(
                "La institución ya está verificada: para cambiar su nombre escribe al equipo "
                "de la plataforma."
            )

    def clean_name(self) -> str:
        return " ".join(self.cleaned_data["name"].split())

    def clean_logo(self) -> object:
        logo = self.cleaned_data.get("logo")
        if not isinstance(logo, UploadedFile):
            return logo  # unchanged (the current FieldFile), cleared (False) or none (None)
        validate_logo_size(logo)
        image = getattr(logo, "image", None)
        image_format = getattr(image, "format", None)
        if image is None or image_format not in LOGO_FORMATS:
            raise ValidationError(
                _("El logotipo debe ser una imagen PNG, JPG o WebP."), code="logo_format"
            )
        validate_logo_dimensions(*image.size)
        stem = slugify(PurePath(logo.name or "").stem)[:60] or "logo"
        logo.name = f"{stem}.{LOGO_FORMATS[image_format]}"
        return logo

    def changes(self) -> dict[str, Any]:
        """Keyword arguments for institution_update: every field, the logo only if touched."""
        data = {k: v for k, v in self.cleaned_data.items() if k != "logo"}
        logo = self.cleaned_data.get("logo")
        if logo is False:
            data["logo"] = None
        elif isinstance(logo, UploadedFile):
            data["logo"] = logo
        return data


class InvitationForm(forms.Form):
    email = forms.EmailField(
        label=_("Correo electrónico"),
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
        help_text=_("Le enviaremos un enlace para unirse; debe entrar con esta misma dirección."),
    )
    role = forms.ChoiceField(
        label=_("Rol"), choices=Membership.Role.choices, initial=Membership.Role.LIAISON
    )


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Rol"), choices=Membership.Role.choices)
