from typing import Any

from django import forms
from django.contrib.auth.password_validation import validate_password
from django.utils.translation import gettext_lazy as _

from chapters.models import Chapter
from imports.fields import FIELDS
from imports.models import ImportMapping
from profiles.forms.choosers import SortedIterator
from profiles.models import User
from profiles.models.reference import normalize_term


class ChapterChoiceField(forms.ModelChoiceField):
    iterator = SortedIterator  # by the name shown, not the Spanish one the queryset sorts by

    def label_from_instance(self, obj: Chapter) -> str:
        return obj.name  # in the reader's language (str() is the Spanish name)

    @staticmethod
    def sort_key(obj: Chapter) -> str:
        return normalize_term(obj.name)


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("Hoja de cálculo"),
        allow_empty_file=True,  # the reader refuses it with its own sentence
        help_text=_("CSV o Excel (.xlsx), con una fila de encabezados y una persona por fila."),
    )
    chapter = ChapterChoiceField(
        label=_("Capítulo"), queryset=Chapter.objects.none(), required=False
    )

    def __init__(self, *args: Any, chapters: Any, is_staff: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["chapter"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = chapters
        field.required = not is_staff
        field.help_text = (
            _("Opcional: quienes reclamen su perfil entran al capítulo.")
            if is_staff
            else _("Quienes reclamen su perfil entran a este capítulo.")
        )


class MappingForm(forms.Form):
    """One choice per column of the file (named col_<index>), and a name to save it under."""

    save_as = forms.CharField(
        label=_("Guardar esta asignación como"),
        max_length=120,
        required=False,
        help_text=_("Opcional: la podrás reutilizar en la próxima importación."),
    )

    def __init__(self, *args: Any, headers: list[str], initial_mapping: dict, **kwargs: Any):
        super().__init__(*args, **kwargs)
        choices = [("", _("— No importar —")), *FIELDS.items()]
        for index, header in enumerate(headers):
            self.fields[f"col_{index}"] = forms.ChoiceField(
                label=header or _("Columna %(n)s") % {"n": index + 1},
                choices=choices,
                required=False,
                initial=initial_mapping.get(str(index), ""),
            )

    def column_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.fields if name.startswith("col_")]

    def mapping(self) -> dict[str, str]:
        return {
            name.removeprefix("col_"): value
            for name, value in self.cleaned_data.items()
            if name.startswith("col_") and value
        }


class SavedMappingForm(forms.Form):
    saved = forms.ModelChoiceField(
        label=_("Usar una asignación guardada"), queryset=ImportMapping.objects.none()
    )

    def __init__(self, *args: Any, mappings: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["saved"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = mappings


class ClaimForm(forms.Form):
    """A password (checked by the project's validators) and consent. Not Django's
    SetPasswordForm: its Spanish help texts speak de usted."""

    new_password1 = forms.CharField(
        label=_("Elige una contraseña"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("Al menos 8 caracteres, que no se parezca a tu nombre ni a tu correo."),
    )
    new_password2 = forms.CharField(
        label=_("Escríbela otra vez"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    consents = forms.BooleanField(
        label=_("Leí y acepto el aviso de privacidad."),
        required=True,
        error_messages={"required": _("Para continuar debes aceptar el aviso de privacidad.")},
    )

    def __init__(self, user: User, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_new_password2(self) -> str:
        first = self.cleaned_data.get("new_password1")
        second = self.cleaned_data.get("new_password2", "")
        if first and first != second:
            raise forms.ValidationError(_("Las dos contraseñas no coinciden."))
        if first:
            validate_password(first, self.user)
        return second
