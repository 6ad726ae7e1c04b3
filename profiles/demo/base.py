"""What every demo seeder shares: the password and the demo user accounts."""

from dataclasses import dataclass, field

from allauth.account.models import EmailAddress

from profiles.models import User

DEMO_PASSWORD = "puentes-demo-2026"


def demo_user(email: str, name: str) -> User:
    """The demo account for `email` with a verified address; a new one gets DEMO_PASSWORD."""
    user, created = User.objects.get_or_create(email=email, defaults={"name": name})
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    EmailAddress.objects.update_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )
    return user


@dataclass(frozen=True)
class DemoExpert:
    email: str
    name: str
    country: str
    city: str
    timezone: str
    state: str
    tie: str
    sector: str
    position: str
    employer: str
    headline: str
    bio: str
    skills: str  # "slug:years slug:years"
    fields: str  # "2.6 3.4"
    offers: str  # collaboration types
    hours: int
    languages: str = "es:native en:fluent"
    visibility: str = "members"
    modality: str = "either"
    portfolio: tuple[tuple[str, str, int], ...] = ()
    education: tuple[tuple[str, str, str, int], ...] = ()
    orcid: str = ""
    paused: bool = False
    travel: bool = False
    capacity: int = 2
    motivations: tuple[str, ...] = ("give_back",)
    return_intention: str = "maybe"
    interests: tuple[str, ...] = field(default_factory=tuple)
