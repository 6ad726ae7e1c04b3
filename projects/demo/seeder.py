"""Creates the demo projects of the catalogue through projects.services, with their activity."""

import datetime
from io import TextIOBase
from typing import TextIO

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from profiles.models import (
    ExpertProfile,
    ExpertSkill,
    FieldOfScience,
    Institution,
    Membership,
    Skill,
    State,
    User,
)
from projects import services
from projects.demo.catalogue import OUTCOME_AMOUNTS, PROJECTS, DemoProject
from projects.models import Engagement, Project

# Where progress is written: a management command's stdout, sys.stdout or a StringIO.
Output = TextIO | TextIOBase


class Seeder:
    def __init__(self, stdout: Output | None) -> None:
        self.stdout = stdout
        self.today = timezone.localdate()
        self.staff = User.objects.filter(is_staff=True, is_active=True).order_by("pk").first()
        self.institutions = {
            i.slug: i
            for i in Institution.objects.filter(memberships__isnull=False)
            .select_related("state")
            .distinct()
        }
        self.members: dict[int, User] = {}
        for membership in Membership.objects.select_related("user").order_by("pk"):
            self.members.setdefault(membership.institution_id, membership.user)
        self.experts = list(ExpertProfile.objects.available().select_related("user").order_by("pk"))
        self.expert_skills: dict[int, set[int]] = {}
        for profile_id, skill_id in ExpertSkill.objects.values_list("profile_id", "skill_id"):
            self.expert_skills.setdefault(profile_id, set()).add(skill_id)
        self.used: dict[int, int] = {}  # expert id → times picked, to spread the activity
        self.skills = {s.slug: s for s in Skill.objects.approved()}
        self.fields = {f.code: f for f in FieldOfScience.objects.all()}
        self.states = {s.code: s for s in State.objects.all()}
        self.counts = {
            "created": 0,
            "skipped": 0,
            "interests": 0,
            "invitations": 0,
            "engagements": 0,
            "outcomes": 0,
        }

    def institution_for(self, spec: DemoProject) -> Institution | None:
        for slug in spec.institutions:
            if slug in self.institutions:
                return self.institutions[slug]
        in_state = [i for i in self.institutions.values() if i.state.code == spec.state]
        candidates = in_state or list(self.institutions.values())
        # Prefer verified ones so the project can be published.
        candidates.sort(key=lambda i: (not i.is_verified, i.pk))
        return candidates[0] if candidates else None

    def candidates(self, project: Project, member: User, count: int) -> list[ExpertProfile]:
        """Experts sharing most skills with the project, least used first; never members."""
        wanted = {link.skill_id for link in project.skill_links.all()}
        pool = [e for e in self.experts if e.user_id != member.pk]
        pool.sort(
            key=lambda e: (
                -len(wanted & self.expert_skills.get(e.pk, set())),
                self.used.get(e.pk, 0),
                e.pk,
            )
        )
        picked = pool[:count]
        for expert in picked:
            self.used[expert.pk] = self.used.get(expert.pk, 0) + 1
        return picked

    def seed(self) -> list[Project]:
        projects: list[Project] = []
        for spec in PROJECTS:
            institution = self.institution_for(spec)
            if institution is None:
                self.write("No institutions with members: skipping demo projects.\n")
                return projects
            if Project.objects.filter(institution=institution, title=spec.title).exists():
                self.counts["skipped"] += 1
                continue
            project = self.create(spec, institution)
            if project is not None:
                projects.append(project)
        return projects

    def create(self, spec: DemoProject, institution: Institution) -> Project | None:
        member = self.members[institution.pk]
        state = self.states.get(spec.state) or institution.state
        deadline = self.today + datetime.timedelta(days=spec.deadline_days)
        project = services.project_create(
            institution=institution,
            by=member,
            title=spec.title,
            summary=spec.summary,
            description=spec.description,
            collaboration_type=spec.collaboration_type,
            modality=spec.modality,
            state=state,
            municipality=spec.municipality,
            languages=spec.languages.split(),
            hours_per_month=spec.hours,
            duration_months=spec.months,
            compensation=spec.compensation.split(),
            deadline=deadline,
            start_date=deadline + datetime.timedelta(days=15),
            experts_sought=spec.experts_sought,
            visibility=spec.visibility,
            fields=[self.fields[c] for c in spec.fields.split() if c in self.fields],
            required_skills=[self.skills[s] for s in spec.required.split() if s in self.skills],
            nice_to_have_skills=[self.skills[s] for s in spec.nice.split() if s in self.skills],
        )
        self.counts["created"] += 1
        if spec.fate == "draft" or not institution.is_verified:
            return project
        services.project_submit(project=project, by=member)
        if spec.fate == "submitted" or self.staff is None:
            return project
        if spec.fate == "rejected":
            services.project_reject(project=project, by=self.staff, reason=spec.rejection)
            return project
        services.project_publish(project=project, by=self.staff)
        self.activity(spec, project, member)
        if spec.fate == "closed":
            # The deadline passes: what the periodic task does on the day after.
            Project.objects.filter(pk=project.pk).update(
                deadline=self.today - datetime.timedelta(days=1)
            )
            services.project_close(project=project)
        elif spec.fate in ("in_progress", "completed"):
            try:
                services.project_start(project=project, by=member)
                if spec.fate == "completed":
                    services.project_complete(project=project, by=member)
            except ValidationError:
                pass  # no engagement could start (too few experts): stays published
        return project

    def activity(self, spec: DemoProject, project: Project, member: User) -> None:
        steps = spec.activity.split()
        experts = self.candidates(project, member, len(steps))
        for step, expert in zip(steps, experts, strict=False):
            try:
                self.step(step, project, expert, member)
            except (ValidationError, PermissionDenied):
                continue  # capacity, pause, membership…: the demo goes on without this one
        engagement = Engagement.objects.filter(project=project).first()
        if engagement is None:
            return
        for kind, description in spec.outcomes:
            amount, currency = OUTCOME_AMOUNTS.get(kind, (None, ""))
            services.outcome_record(
                engagement=engagement,
                by=engagement.expert.user,
                kind=kind,
                description=description,
                occurred_on=self.today,
                amount=amount,
                currency=currency,
            )
            self.counts["outcomes"] += 1

    def step(self, step: str, project: Project, expert: ExpertProfile, member: User) -> None:
        greeting = (
            f"Hola, soy {expert.display_name}. "
            "Me interesa el proyecto y puedo aportar mi experiencia."
        )
        invitation_text = (
            f"Hola {expert.display_name}: por tu experiencia pensamos en ti para este proyecto. "
            "¿Te gustaría colaborar?"
        )
        if step in ("interest", "engaged_interest", "declined_interest"):
            interest = services.interest_create(
                project=project, expert=expert, message=greeting, by=expert.user
            )
            self.counts["interests"] += 1
            if step == "engaged_interest":
                services.interest_accept(interest=interest, by=member)
                self.counts["engagements"] += 1
            elif step == "declined_interest":
                services.interest_decline(
                    interest=interest, by=member, reason="filled", note="Ya cubrimos el lugar."
                )
        else:
            invitation = services.invitation_create(
                project=project, expert=expert, message=invitation_text, by=member
            )
            self.counts["invitations"] += 1
            if step == "engaged_invitation":
                services.invitation_accept(invitation=invitation, by=expert.user)
                self.counts["engagements"] += 1
            elif step == "declined_invitation":
                services.invitation_decline(
                    invitation=invitation,
                    by=expert.user,
                    reason="timing",
                    note="Este semestre no puedo; escríbanme en el próximo.",
                )

    def write(self, text: str) -> None:
        if self.stdout is not None:
            self.stdout.write(text)


@transaction.atomic
def seed_projects(*, stdout: Output | None = None) -> list[Project]:
    """Create the demo projects that do not exist yet (with their activity); return them."""
    seeder = Seeder(stdout)
    if not seeder.institutions:
        seeder.write("Demo projects skipped: no institution has members yet.\n")
        return []
    if len(seeder.experts) < 2:
        seeder.write("Demo projects: fewer than 2 available experts, so little activity.\n")
    projects = seeder.seed()
    c = seeder.counts
    seeder.write(
        f"Demo projects: {c['created']} new ({c['skipped']} already there), "
        f"{c['interests']} interests, {c['invitations']} invitations, "
        f"{c['engagements']} engagements, {c['outcomes']} outcomes.\n"
    )
    return projects
