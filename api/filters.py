"""Filters shared by the API's lists."""

import datetime

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _
from django_filters.fields import IsoDateTimeField


class UtcIsoDateTimeField(IsoDateTimeField):
    """ISO 8601 date and time, normalised to UTC: any offset a client sends is accepted, and
    values outside what the database can hold are a 400, not an error."""

    def to_python(self, value: object) -> datetime.datetime | None:
        parsed = super().to_python(value)
        if parsed is None:
            return None
        try:
            return parsed.astimezone(datetime.UTC)
        except (OverflowError, ValueError) as error:
            raise forms.ValidationError(
                _("Fecha y hora fuera de rango."), code="invalid"
            ) from error


class SinceFilter(django_filters.IsoDateTimeFilter):
    field_class = UtcIsoDateTimeField
