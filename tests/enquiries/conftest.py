"""Fixtures of the enquiries tests that are not people: an enquiry in the queue and a
recorder of the enquiries domain events."""

from collections.abc import Iterator

import pytest

from enquiries import events
from enquiries.models import Enquiry
from tests.factories.enquiries import EnquiryFactory


@pytest.fixture
def enquiry(db: None) -> Enquiry:
    return EnquiryFactory(organisation="Agave Azul de Jalisco", email="compras@agave.example")


@pytest.fixture
def events_sent() -> Iterator[list[tuple[str, dict]]]:
    sent: list[tuple[str, dict]] = []
    receivers = []
    for name in (
        "enquiry_status_changed",
        "enquiry_assigned",
        "enquiry_sla_breached",
        "introduction_requested",
        "introduction_accepted",
        "introduction_declined",
    ):
        signal = getattr(events, name)

        def receiver(sender: object, _name: str = name, **kwargs: object) -> None:
            kwargs.pop("signal", None)
            sent.append((_name, kwargs))

        signal.connect(receiver, weak=False, dispatch_uid=f"test-{name}")
        receivers.append((signal, name))
    yield sent
    for signal, name in receivers:
        signal.disconnect(dispatch_uid=f"test-{name}")
