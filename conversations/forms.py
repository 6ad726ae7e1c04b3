"""Forms of a thread: a message (maybe with an attachment), a proposed meeting, an abuse
report. They check shape with the services' own rules, so the page and the services agree."""

from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from conversations import services


def _checked(check: Any, *args: Any, **kwargs: Any) -> Any:
    """Run a service's check; its field-keyed error becomes this field's error."""
    try:
        return check(*args, **kwargs)
    except ValidationError as error:
        raise ValidationError(error.messages) from error


class MessageForm(forms.Form):
    body = forms.CharField(
        label=_("Tu mensaje"),
        required=False,  # the service's own message says what is missing
        strip=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    attachment = forms.FileField(
        label=_("Adjuntar un archivo (opcional)"),
        required=False,
        allow_empty_file=True,  # the service's message says it is empty
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["body"].widget.attrs["maxlength"] = settings.CONVERSATIONS_MESSAGE_MAX_LENGTH
        self.fields["attachment"].help_text = _(
            "PDF, PNG, JPEG, DOCX, XLSX o texto; hasta %(limit)s MB."
        ) % {"limit": settings.CONVERSATIONS_ATTACHMENT_MAX_MB}
        self.fields["attachment"].widget.attrs["accept"] = ".pdf,.png,.jpg,.jpeg,.docx,.xlsx,.txt"

    def clean_body(self) -> str:
        return str(_checked(services.clean_body, self.cleaned_data.get("body", "")))

    def clean_attachment(self) -> UploadedFile | None:
        file = self.cleaned_data.get("attachment")
        if file:
            _checked(services.clean_attachment, file)
        return file or None


REQUIRED = {"required": _("Completa este dato.")}
CHOICE = {"invalid_choice": _("Elige una opción de la lista."), **REQUIRED}


class MeetingForm(forms.Form):
    date = forms.DateField(
        label=_("Fecha"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Escribe una fecha válida."), **REQUIRED},
    )
    time = forms.TimeField(
        label=_("Hora"),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={"invalid": _("Escribe una hora válida, como 09:30."), **REQUIRED},
    )
    minutes = forms.TypedChoiceField(
        label=_("Duración"),
        coerce=int,
        initial=60,
        choices=[(m, _("%(n)s minutos") % {"n": m}) for m in services.MEETING_MINUTES],
        error_messages=CHOICE,
    )
    timezone_name = forms.ChoiceField(label=_("Zona horaria"), error_messages=CHOICE)
    place = forms.CharField(
        label=_("Lugar o enlace de la videollamada"),
        required=False,
        max_length=300,
        help_text=_("Una dirección o un enlace (Zoom, Meet, Teams…)."),
    )
    note = forms.CharField(
        label=_("Nota (opcional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, zones: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["timezone_name"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = zones
        field.initial = zones[0][0]
        self.fields["note"].widget.attrs["maxlength"] = settings.CONVERSATIONS_MESSAGE_MAX_LENGTH

    def clean_note(self) -> str:
        return str(_checked(services.clean_body, self.cleaned_data.get("note", ""), required=False))


class ReportForm(forms.Form):
    reason = forms.CharField(
        label=_("¿Qué pasó?"),
        required=False,  # the service's message says it is missing
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": 2000}),
        help_text=_("El equipo de Puentes podrá leer esta conversación para revisar tu denuncia."),
    )
    message = forms.IntegerField(required=False, widget=forms.HiddenInput)
