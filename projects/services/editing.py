"""Writing a project's content: create a draft, edit a draft or a rejected project."""

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from profiles.models import FieldOfScience, Institution, Skill, State, User
from projects import events
from projects.choices import ProjectModality, ProjectVisibility
from projects.models import Project, ProjectSkill
from projects.permissions import is_institution_member
from projects.services.workflow import _lock, _require_member

# Fields a member may set on create and edit (status and moderation fields are not here).
EDITABLE_FIELDS = (
    "title",
    "summary",
    "description",
    "collaboration_type",
    "modality",
    "state",
    "municipality",
    "languages",
    "hours_per_month",
    "duration_months",
    "start_date",
    "deadline",
    "compensation",
    "experts_sought",
    "visibility",
)


def _validate_skills(required: Iterable[Skill], nice_to_have: Iterable[Skill]) -> None:
    both = {s.pk for s in required} & {s.pk for s in nice_to_have}
    if both:
        raise ValidationError(
            {
                "nice_to_have_skills": _(
                    "Una habilidad no puede ser indispensable y deseable a la vez."
                )
            },
            code="skill_twice",
        )


def _set_relations(
    project: Project,
    *,
    fields: Iterable[FieldOfScience],
    required_skills: Iterable[Skill],
    nice_to_have_skills: Iterable[Skill],
) -> None:
    # One link per skill (the table is unique on project and skill): a caller may repeat one.
    required_skills = list({s.pk: s for s in required_skills}.values())
    nice_to_have_skills = list({s.pk: s for s in nice_to_have_skills}.values())
    _validate_skills(required_skills, nice_to_have_skills)
    project.fields.set(list(fields))
    ProjectSkill.objects.filter(project=project).delete()
    ProjectSkill.objects.bulk_create(
        [ProjectSkill(project=project, skill=s, required=True) for s in required_skills]
        + [ProjectSkill(project=project, skill=s, required=False) for s in nice_to_have_skills]
    )


def _validate(project: Project) -> None:
    # Model validators (language codes, ranges, choices) hold for every caller, not only forms.
    project.full_clean(validate_unique=False, validate_constraints=False)
    if (
        project.compensation
        and "pro_bono" in project.compensation
        and ("honorarium" in project.compensation)
    ):
        raise ValidationError(
            {"compensation": _("Un proyecto pro bono no puede ofrecer honorarios a la vez.")},
            code="compensation_conflict",
        )


@transaction.atomic
def project_create(
    *,
    institution: Institution,
    by: User,
    title: str,
    summary: str,
    description: str,
    collaboration_type: str,
    modality: str,
    state: State,
    languages: list[str],
    hours_per_month: int,
    duration_months: int,
    compensation: list[str],
    municipality: str = "",
    start_date: datetime.date | None = None,
    deadline: datetime.date | None = None,
    experts_sought: int = 1,
    visibility: str = ProjectVisibility.PUBLIC,
    fields: Iterable[FieldOfScience] = (),
    required_skills: Iterable[Skill] = (),
    nice_to_have_skills: Iterable[Skill] = (),
) -> Project:
    """A new draft owned by `institution`. Unverified institutions may draft, not submit."""
    if not is_institution_member(by, institution.pk):
        raise PermissionDenied(_("Solo los miembros de la institución pueden crear proyectos."))
    now = timezone.now()
    project = Project(
        institution=institution,
        created_by=by,
        title=title.strip(),
        summary=summary.strip(),
        description=description.strip(),
        collaboration_type=collaboration_type,
        modality=modality or ProjectModality.REMOTE,
        state=state,
        municipality=municipality.strip(),
        languages=list(dict.fromkeys(languages)),
        hours_per_month=hours_per_month,
        duration_months=duration_months,
        start_date=start_date,
        deadline=deadline,
        compensation=list(dict.fromkeys(compensation)),
        experts_sought=experts_sought,
        visibility=visibility,
        created_at=now,
        changed_at=now,
    )
    _validate(project)
    project.save()
    _set_relations(
        project,
        fields=fields,
        required_skills=required_skills,
        nice_to_have_skills=nice_to_have_skills,
    )
    return project


@transaction.atomic
def project_update(
    *,
    project: Project,
    by: User,
    fields: Iterable[FieldOfScience] | None = None,
    required_skills: Iterable[Skill] | None = None,
    nice_to_have_skills: Iterable[Skill] | None = None,
    **changes: Any,
) -> Project:
    """Edit a draft or a rejected project. `changes` are EDITABLE_FIELDS; relations given as
    None stay as they are."""
    _require_member(project, by)
    _lock(project)
    if not project.is_editable:
        raise ValidationError(
            _("Solo se puede editar un proyecto en borrador o rechazado."), code="not_editable"
        )
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"Not editable: {sorted(unknown)}")
    for name, value in changes.items():
        if isinstance(value, str):
            value = value.strip()
        if name in ("languages", "compensation"):
            value = list(dict.fromkeys(value))
        setattr(project, name, value)
    project.changed_at = timezone.now()
    _validate(project)
    project.save()
    if fields is not None or required_skills is not None or nice_to_have_skills is not None:
        current = list(project.skill_links.select_related("skill"))
        _set_relations(
            project,
            fields=project.fields.all() if fields is None else fields,
            required_skills=(
                [link.skill for link in current if link.required]
                if required_skills is None
                else required_skills
            ),
            nice_to_have_skills=(
                [link.skill for link in current if not link.required]
                if nice_to_have_skills is None
                else nice_to_have_skills
            ),
        )
    events.project_changed.send(sender=Project, project_id=project.pk)
    return project
