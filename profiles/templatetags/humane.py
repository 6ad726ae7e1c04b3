"""Small display filters every app's templates share: times ago and money per locale."""

import datetime
from decimal import Decimal

from django import template
from django.template.defaultfilters import floatformat
from django.utils import timezone
from django.utils.timesince import timesince
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def ago(moment: datetime.datetime | None) -> str:
    """ "hace 5 minutos", or "hace un momento" under a minute (never "hace 0 minutos")."""
    if moment is None:
        return ""
    if timezone.now() - moment < datetime.timedelta(minutes=1):
        return _("hace un momento")
    return _("hace %(time)s") % {"time": timesince(moment, depth=1)}


@register.filter
def money(amount: Decimal | float | None, currency: str = "") -> str:
    """ "350 000,00 MXN" in Spanish, "350,000.00 MXN" in English: the locale's separators."""
    if amount is None:
        return ""
    figure = floatformat(amount, "2g")
    return f"{figure} {currency}".strip()
