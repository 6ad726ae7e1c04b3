"""Factories for the enquiries app: rows written directly (fast fixtures); tests of the
workflow go through enquiries.services."""

import datetime

import factory
from django.utils import timezone

from enquiries.choices import Channel, Status
from enquiries.models import Enquiry


class EnquiryFactory(factory.django.DjangoModelFactory):
    """A confirmed enquiry waiting in the queue (status new), from the public form."""

    class Meta:
        model = Enquiry

    organisation = factory.Sequence(lambda n: f"Tequilas del Bajío {n}")
    person_name = "Lucía Ramírez"
    email = factory.Sequence(lambda n: f"lucia{n}@tequilas.example")
    text = "Queremos exportar a Canadá y buscamos a alguien que conozca la distribución allí."
    type = "market_entry"
    countries = ["CA"]
    channel = Channel.PUBLIC_FORM
    status = Status.NEW
    confirmed_at = factory.LazyFunction(timezone.now)
    response_due_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=2))
