"""Factories for every projects model: projects, their skills and workflow log, collaboration
requests (interests, invitations), engagements, outcomes and follow-ups. They write rows
directly (fast, for fixtures and query budgets); tests of rules go through projects.services."""

import datetime

import factory
from django.utils import timezone

from profiles.models import FieldOfScience
from projects.models import (
    Engagement,
    EngagementFollowUp,
    Interest,
    Invitation,
    Outcome,
    Project,
    ProjectSkill,
    ProjectTransition,
)
from tests.factories.profiles import ExpertProfileFactory, InstitutionFactory, skill, state


def _in_days(days: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


class ProjectFactory(factory.django.DjangoModelFactory):
    """A draft of a verified institution, with a required skill and a field of knowledge."""

    class Meta:
        model = Project
        skip_postgeneration_save = True

    institution = factory.SubFactory(InstitutionFactory)
    title = factory.Sequence(lambda n: f"Proyecto de colaboración {n}")
    summary = "Buscamos a una persona experta que acompañe a nuestro equipo."
    description = "Contexto del proyecto, lo que esperamos y lo que ofrecemos a cambio."
    collaboration_type = "consulting"
    modality = "remote"
    state = factory.LazyFunction(lambda: state("16"))
    municipality = "Morelia"
    languages = factory.LazyFunction(lambda: ["es"])
    hours_per_month = 10
    duration_months = 3
    deadline = factory.LazyFunction(lambda: _in_days(30))
    start_date = factory.LazyFunction(lambda: _in_days(45))
    compensation = factory.LazyFunction(lambda: ["pro_bono"])
    experts_sought = 3
    status = "draft"

    @factory.post_generation
    def skill_slugs(self, create: bool, extracted: object, **kwargs: object) -> None:
        if create:
            for slug in extracted if extracted is not None else ["supply-chain"]:
                ProjectSkill.objects.create(project=self, skill=skill(slug), required=True)

    @factory.post_generation
    def field_codes(self, create: bool, extracted: object, **kwargs: object) -> None:
        if create:
            codes = extracted if extracted is not None else ["5.2"]
            self.fields.set(FieldOfScience.objects.filter(code__in=codes))


class PublishedProjectFactory(ProjectFactory):
    status = "published"
    submitted_at = factory.LazyFunction(timezone.now)
    published_at = factory.LazyFunction(timezone.now)


class ProjectSkillFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProjectSkill

    project = factory.SubFactory(ProjectFactory, skill_slugs=[])
    skill = factory.LazyFunction(lambda: skill("logistics"))
    required = True


class ProjectTransitionFactory(factory.django.DjangoModelFactory):
    """A line of the workflow log (the services write these; this is for fixtures)."""

    class Meta:
        model = ProjectTransition

    project = factory.SubFactory(PublishedProjectFactory)
    from_status = "submitted"
    to_status = "published"


def _expires() -> datetime.datetime:
    return timezone.now() + datetime.timedelta(days=14)


class InterestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Interest

    project = factory.SubFactory(PublishedProjectFactory)
    expert = factory.SubFactory(ExpertProfileFactory)
    message = "Me interesa: trabajé diez años en cadenas de suministro agrícolas."
    expires_at = factory.LazyFunction(_expires)


class InvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Invitation

    project = factory.SubFactory(PublishedProjectFactory)
    expert = factory.SubFactory(ExpertProfileFactory)
    message = "Pensamos en ti por tu experiencia; ¿te gustaría colaborar?"
    expires_at = factory.LazyFunction(_expires)


class EngagementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Engagement

    project = factory.SubFactory(PublishedProjectFactory)
    expert = factory.SubFactory(ExpertProfileFactory)
    interest = factory.SubFactory(
        InterestFactory,
        project=factory.SelfAttribute("..project"),
        expert=factory.SelfAttribute("..expert"),
        status="accepted",
    )


class OutcomeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Outcome

    engagement = factory.SubFactory(EngagementFactory)
    kind = "publication"
    description = "Artículo conjunto sobre logística del aguacate."
    occurred_on = factory.LazyFunction(timezone.localdate)


class EngagementFollowUpFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EngagementFollowUp

    engagement = factory.SubFactory(EngagementFactory)
    months = 3
    due_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=90))
