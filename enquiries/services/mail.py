"""The one e-mail the enquiries app sends itself: the link that confirms a requester's address
(every other message goes through the notifications outbox, which hears enquiries.events)."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from enquiries.models import Enquiry
from enquiries.services.intake import confirmation_token, requester_token


def confirmation_send(*, enquiry_id: int) -> bool:
    """Send the confirmation link unless the enquiry is gone or confirmed already."""
    enquiry = Enquiry.objects.filter(pk=enquiry_id, confirmed_at__isnull=True).first()
    if enquiry is None:
        return False
    link = settings.SITE_URL + reverse("enquiries:confirm", args=[confirmation_token(enquiry)])
    context = {
        "enquiry": enquiry,
        "link": link,
        "status_link": settings.SITE_URL
        + reverse("enquiries:requester", args=[requester_token(enquiry)]),
        "days": settings.ENQUIRIES_LINK_MAX_AGE_DAYS,
    }
    with translation.override(enquiry.language):
        subject = render_to_string("emails/enquiries/confirm_subject.txt", context).strip()
        body = render_to_string("emails/enquiries/confirm_message.txt", context)
    EmailMultiAlternatives(subject, body, to=[enquiry.email]).send()
    return True
