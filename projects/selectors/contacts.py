"""Contact details, attached only to engagements the viewer takes part in (an engagement
exists only after one side accepted the other's collaboration request)."""

from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from profiles.models import ExpertProfile
from projects.models import Engagement


@dataclass(frozen=True)
class ContactCard:
    name: str
    email: str
    linkedin_url: str = ""
    website_url: str = ""
    role: str = ""


def _expert_card(expert: ExpertProfile) -> ContactCard:
    return ContactCard(
        name=expert.user.name or expert.user.email,
        email=expert.user.email,
        linkedin_url=expert.linkedin_url,
        website_url=expert.website_url,
        role=_("Persona experta"),
    )


def _liaison_card(engagement: Engagement) -> ContactCard | None:
    contact = engagement.institution_contact
    if contact is None:
        return None
    return ContactCard(
        name=contact.name or contact.email,
        email=contact.email,
        role=_("Enlace de %(institution)s") % {"institution": engagement.project.institution},
    )


def attach_contacts(engagements: list[Engagement]) -> list[Engagement]:
    """Only call with engagements the viewer takes part in (or staff)."""
    for engagement in engagements:
        engagement.expert_contact = _expert_card(engagement.expert)
        engagement.liaison_contact = _liaison_card(engagement)
    return engagements


def engagements_with_parties() -> QuerySet[Engagement]:
    return Engagement.objects.select_related(
        "project__institution", "expert__user", "institution_contact"
    )
