"""Factories for users, experts and institutions. Reference data (states, fields, skills)
comes from the data migration, so factories look it up instead of creating it."""

import factory
from allauth.account.models import EmailAddress
from django.utils import timezone as dj_timezone

from profiles.models import (
    ExpertLanguage,
    ExpertProfile,
    ExpertSkill,
    Institution,
    Membership,
    Skill,
    State,
    User,
)

PASSWORD = "una-clave-larga-2026"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"persona{n}@example.org")
    name = factory.Faker("name", locale="es_MX")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def verified(self, create: bool, extracted: object, **kwargs: object) -> None:
        if create and extracted is not False:
            EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)
            self.save()


def state(code: str) -> State:
    return State.objects.get(code=code)


def skill(slug: str) -> Skill:
    return Skill.objects.get(slug=slug)


class ExpertProfileFactory(factory.django.DjangoModelFactory):
    """An onboarded expert living abroad, visible to members, available."""

    class Meta:
        model = ExpertProfile
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory)
    headline = "Investigadora en biotecnología"
    bio = "Trabajo en biotecnología agrícola y cadenas de suministro de aguacate."
    country = "US"
    city = "Houston"
    timezone = "America/Chicago"
    origin_state = factory.LazyFunction(lambda: state("16"))
    origin_tie = "born"
    sector = "academia"
    collaboration_types = factory.LazyFunction(lambda: ["mentoring", "joint_research"])
    hours_per_month = 10
    max_concurrent_engagements = 2
    visibility = "members"
    privacy_consent_at = factory.LazyFunction(dj_timezone.now)
    onboarding_step = 5
    onboarded_at = factory.LazyFunction(dj_timezone.now)
    approved_at = factory.LazyFunction(dj_timezone.now)

    @factory.post_generation
    def languages(self, create: bool, extracted: object, **kwargs: object) -> None:
        if create:
            for code, level in (extracted or {"es": "native", "en": "fluent"}).items():
                ExpertLanguage.objects.create(profile=self, code=code, level=level)

    @factory.post_generation
    def skill_slugs(self, create: bool, extracted: object, **kwargs: object) -> None:
        if create and extracted:
            for slug in extracted:
                ExpertSkill.objects.create(profile=self, skill=skill(slug), years=5)


class InstitutionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Institution

    name = factory.Sequence(lambda n: f"Universidad de Prueba {n}")
    slug = factory.Sequence(lambda n: f"universidad-prueba-{n}")
    kind = "university"
    state = factory.LazyFunction(lambda: state("14"))
    municipality = "Guadalajara"
    website = "https://www.example.edu.mx"
    verification_status = "verified"
    verified_at = factory.LazyFunction(dj_timezone.now)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    institution = factory.SubFactory(InstitutionFactory)
    role = "liaison"
