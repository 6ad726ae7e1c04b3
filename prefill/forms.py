"""Forms check shape; reading the sources and writing the profile live elsewhere."""

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from prefill.proposals import Proposal
from profiles.validators import normalize_orcid, validate_orcid


class OrcidForm(forms.Form):
    orcid = forms.CharField(
        label=_("Tu ORCID iD"),
        max_length=60,
        help_text=_(
            "Por ejemplo 0000-0002-1825-0097. Solo leemos la parte pública de tu registro."
        ),
    )

    def clean_orcid(self) -> str:
        value = normalize_orcid(self.cleaned_data["orcid"])
        validate_orcid(value)
        return value


class CvForm(forms.Form):
    cv = forms.FileField(
        label=_("Tu CV (PDF o DOCX)"),
        help_text=_("Lo leemos y lo descartamos: no guardamos el archivo."),
        error_messages={
            "empty": _("El archivo está vacío."),
            "required": _("Elige el archivo de tu CV."),
            "invalid": _("No recibimos un archivo; elige tu CV de nuevo."),
        },
    )

    def clean_cv(self) -> Any:
        upload = self.cleaned_data["cv"]
        if upload.size > settings.PREFILL_CV_MAX_BYTES:
            raise forms.ValidationError(
                _("El archivo pesa más de %(mb)s MB; sube uno más ligero."),
                params={"mb": settings.PREFILL_CV_MAX_BYTES // (1024 * 1024)},
                code="too_big",
            )
        return upload


class ReviewForm(forms.Form):
    """One checkbox per proposal; only the ticked ones are written."""

    accepted = forms.TypedMultipleChoiceField(
        label=_("Qué quieres añadir a tu perfil"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, proposals: list[Proposal], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.proposals = proposals
        field = self.fields["accepted"]
        assert isinstance(field, forms.TypedMultipleChoiceField)
        field.choices = [(i, p.label) for i, p in enumerate(proposals)]

    def accepted_proposals(self) -> list[Proposal]:
        return [self.proposals[i] for i in self.cleaned_data["accepted"]]


class NeedTextForm(forms.Form):
    text = forms.CharField(max_length=settings.PREFILL_NEED_MAX_CHARS, strip=True)
