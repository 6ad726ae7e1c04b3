"""Writes to an expert's own profile.

Every write re-indexes the profile for the directory (`profile_reindex`). When the write changed
matching-relevant content it also stamps `changed_at` and sends `profiles.events.profile_changed`
(receivers in higher apps enqueue their work on commit, so a rolled-back write enqueues nothing).
Only the owner edits a profile: views look it up through `request.user`, and the services refuse
any other actor.
"""

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from profiles.choices import LanguageLevel, Visibility
from profiles.events import profile_changed, profile_hidden
from profiles.models import (
    Education,
    ExpertLanguage,
    ExpertProfile,
    ExpertSkill,
    PortfolioItem,
    Skill,
    User,
)
from profiles.services.search import SEARCH_CONFIG, profile_reindex, profiles_reindex
from profiles.services.taxonomy import skill_is_renamed, skill_resolve
from profiles.validators import normalize_orcid, validate_language_code

ONBOARDING_STEPS = 4

# The four sections of a profile, in onboarding order (URL slugs are Spanish, see urls).
# The rows a profile owns in bulk (replaced, never edited one by one).
Row = TypeVar("Row", Education, PortfolioItem)

SECTION_WHO = "who"
SECTION_WHERE = "where"
SECTION_KNOWLEDGE = "knowledge"
SECTION_OFFER = "offer"
SECTIONS = (SECTION_WHO, SECTION_WHERE, SECTION_KNOWLEDGE, SECTION_OFFER)

# Plain attributes and many-to-many relations a profile write may set.
EDITABLE_ATTRIBUTES = frozenset(
    {
        "headline",
        "bio",
        "current_position",
        "employer",
        "sector",
        "country",
        "city",
        "timezone",
        "origin_state",
        "origin_municipality",
        "origin_tie",
        "collaboration_types",
        "hours_per_month",
        "max_concurrent_engagements",
        "is_paused",
        "open_to_introductions",
        "introductions_per_quarter",
        "modality_preference",
        "willing_to_travel",
        "sectors_of_interest",
        "orcid",
        "linkedin_url",
        "website_url",
        "visibility",
        "allows_aggregate_statistics",
        "motivations",
        "return_intention",
    }
)
EDITABLE_RELATIONS = frozenset({"states_of_interest"})
# Keys handled by dedicated setters (the knowledge section) or by the user row.
KNOWLEDGE_KEYS = frozenset({"fields", "skills", "languages", "education", "portfolio"})
SPECIAL_KEYS = frozenset({"name", "privacy_consent", *KNOWLEDGE_KEYS})

# What the matching engine reads: a change to any of these re-matches the profile.
MATCHING_ATTRIBUTES = (
    "headline",
    "bio",
    "current_position",
    "employer",
    "sector",
    "country",
    "city",
    "timezone",
    "origin_state_id",
    "origin_tie",
    "collaboration_types",
    "hours_per_month",
    "max_concurrent_engagements",
    "is_paused",
    "modality_preference",
    "willing_to_travel",
    "sectors_of_interest",
    "visibility",
    "onboarded_at",
)


# What saving skills found: (pending skills, [(typed term, skill found by a synonym)]).
Resolved = tuple[list[Skill], list[tuple[str, Skill]]]


@dataclass
class SectionSaved:
    profile: ExpertProfile
    # Typed skills that are not in the curated vocabulary yet (waiting for an admin).
    pending_skills: list[Skill] = field(default_factory=list)
    # (typed term, skill) when a term was found through a synonym: "we know this as …".
    renamed_skills: list[tuple[str, Skill]] = field(default_factory=list)


# --- Reading and creating ----------------------------------------------------------------------


def profile_get_or_create(*, user: User) -> ExpertProfile:
    """The user's profile, created empty (step 1 of onboarding) the first time."""
    profile, _created = ExpertProfile.objects.get_or_create(user=user)
    return profile


# --- Change tracking ---------------------------------------------------------------------------


def _matching_snapshot(profile: ExpertProfile) -> tuple:
    return (
        tuple(str(getattr(profile, name)) for name in MATCHING_ATTRIBUTES),
        sorted(profile.fields.values_list("pk", flat=True)),
        sorted(profile.states_of_interest.values_list("pk", flat=True)),
        sorted(profile.skill_links.values_list("skill_id", "years")),
        sorted(profile.languages.values_list("code", "level")),
        sorted(profile.portfolio.values_list("kind", "title", "summary", "url")),
        sorted(profile.education.values_list("degree", "field", "institution")),
    )


def _check_owner(profile: ExpertProfile, by: User) -> None:
    if getattr(by, "pk", None) != profile.user_id:
        raise PermissionDenied(_("Solo la persona dueña del perfil puede modificarlo."))


@contextmanager
def _recording_changes(profile: ExpertProfile) -> Iterator[None]:
    """Run a write atomically, then re-index and announce the change if matching cares."""
    with transaction.atomic():
        before = _matching_snapshot(profile)
        was_hidden = profile.visibility == Visibility.HIDDEN
        yield
        profile_reindex(profile=profile)
        if _matching_snapshot(profile) != before:
            profile.changed_at = timezone.now()
            ExpertProfile.objects.filter(pk=profile.pk).update(changed_at=profile.changed_at)
            profile_changed.send(sender=ExpertProfile, profile_id=profile.pk)
        if profile.visibility == Visibility.HIDDEN and not was_hidden:
            # In this transaction: pending suggestions are withdrawn before anyone reads them.
            profile_hidden.send(sender=ExpertProfile, profile_id=profile.pk)


# --- Plain attributes --------------------------------------------------------------------------


def _apply_attributes(profile: ExpertProfile, data: dict[str, Any]) -> None:
    unknown = set(data) - EDITABLE_ATTRIBUTES - EDITABLE_RELATIONS - SPECIAL_KEYS
    if unknown:
        raise ValueError(f"Not editable through profile_update: {sorted(unknown)}")
    attributes = {k: v for k, v in data.items() if k in EDITABLE_ATTRIBUTES}
    if "orcid" in attributes:
        attributes["orcid"] = normalize_orcid(attributes["orcid"] or "")
    for name, value in attributes.items():
        setattr(profile, name, value)
    # Only the fields written here are checked: older rows may predate a validator.
    checked = set(attributes)
    opts = profile._meta  # noqa: SLF001 - Model._meta is Django's documented model API
    excluded = [f.name for f in opts.concrete_fields if f.name not in checked]
    profile.full_clean(exclude=excluded, validate_unique=False)
    if "privacy_consent" in data:
        if not data["privacy_consent"]:
            raise ValidationError(
                {"privacy_consent": _("Para continuar debes aceptar el aviso de privacidad.")}
            )
        if profile.privacy_consent_at is None:
            profile.privacy_consent_at = timezone.now()
    if "name" in data:
        name = " ".join((data["name"] or "").split())
        if not name:
            raise ValidationError({"name": _("Escribe tu nombre.")})
        profile.user.name = name[:200]
        profile.user.save(update_fields=["name"])
    profile.save()
    for name in EDITABLE_RELATIONS & set(data):
        getattr(profile, name).set(data[name])


# --- Knowledge: skills, languages, education, portfolio ---------------------------------------


def _set_skills(profile: ExpertProfile, skills: Sequence[tuple[str, int]]) -> Resolved:
    years_by_skill: dict[int, int] = {}
    resolved: dict[int, Skill] = {}
    renamed: list[tuple[str, Skill]] = []
    for term, years in skills:
        if not 0 <= int(years) <= 70:
            raise ValidationError(
                _("«%(term)s»: los años de experiencia deben estar entre 0 y 70."),
                params={"term": term},
            )
        skill = skill_resolve(term=term)
        resolved[skill.pk] = skill
        if skill.status == Skill.Status.APPROVED and skill_is_renamed(term=term, skill=skill):
            renamed.append((term, skill))
        # Two terms may mean the same skill ("ML", "machine learning"): keep the larger years.
        years_by_skill[skill.pk] = max(int(years), years_by_skill.get(skill.pk, 0))
    profile.skill_links.exclude(skill_id__in=years_by_skill).delete()
    existing = {link.skill_id: link for link in profile.skill_links.all()}
    for skill_id, years in years_by_skill.items():
        link = existing.get(skill_id)
        if link is None:
            ExpertSkill.objects.create(profile=profile, skill_id=skill_id, years=years)
        elif link.years != years:
            link.years = years
            link.save(update_fields=["years"])
    return [s for s in resolved.values() if s.status == Skill.Status.PENDING], renamed


def _set_languages(profile: ExpertProfile, languages: Sequence[tuple[str, str]]) -> None:
    levels: dict[str, str] = {}
    for raw_code, level in languages:
        code = (raw_code or "").strip().lower()
        validate_language_code(code)
        if level not in LanguageLevel.values:
            raise ValidationError(
                _("Nivel de idioma desconocido: %(level)s."), params={"level": level}
            )
        if code in levels:
            raise ValidationError(
                _("Indicaste el idioma «%(code)s» dos veces."), params={"code": code}
            )
        levels[code] = level
    profile.languages.exclude(code__in=levels).delete()
    for code, level in levels.items():
        ExpertLanguage.objects.update_or_create(
            profile=profile, code=code, defaults={"level": level}
        )


def _replace_rows(
    profile: ExpertProfile,
    model: type[Row],
    rows: Sequence[dict[str, Any]],
) -> None:
    """Rows have no identity of their own (nothing references them): replace them all."""
    objects = [model(profile=profile, **row) for row in rows]
    for obj in objects:
        obj.full_clean(exclude=["profile"])
    model.objects.filter(profile=profile).delete()
    model.objects.bulk_create(objects)


def _apply_knowledge(profile: ExpertProfile, data: dict[str, Any]) -> Resolved:
    found: Resolved = ([], [])
    if "fields" in data:
        profile.fields.set(data["fields"])
    if "skills" in data:
        found = _set_skills(profile, data["skills"])
    if "languages" in data:
        _set_languages(profile, data["languages"])
    if "education" in data:
        _replace_rows(profile, Education, data["education"])
    if "portfolio" in data:
        _replace_rows(profile, PortfolioItem, data["portfolio"])
    return found


# --- Public services ---------------------------------------------------------------------------


def _apply(profile: ExpertProfile, data: dict[str, Any]) -> Resolved:
    _apply_attributes(profile, {k: v for k, v in data.items() if k not in KNOWLEDGE_KEYS})
    return _apply_knowledge(profile, data)


def profile_update(*, profile: ExpertProfile, data: dict[str, Any], by: User) -> SectionSaved:
    """Write any subset of the profile: attributes, `fields`, `states_of_interest`, `name`
    (the user's), `privacy_consent` (True records the date once), `skills` [(term, years)],
    `languages` [(code, level)], `education` and `portfolio` (lists of row dicts, replaced).

    Atomic: on ValidationError nothing is written."""
    _check_owner(profile, by)
    with _recording_changes(profile):
        found = _apply(profile, data)
    return SectionSaved(profile=profile, pending_skills=found[0], renamed_skills=found[1])


def profile_section_save(
    *, profile: ExpertProfile, section: str, data: dict[str, Any], by: User
) -> SectionSaved:
    """Save one of the four sections (the edit pages)."""
    if section not in SECTIONS:
        raise ValueError(f"Unknown profile section: {section}")
    return profile_update(profile=profile, data=data, by=by)


def profile_onboarding_save(
    *, profile: ExpertProfile, step: int, data: dict[str, Any], by: User
) -> SectionSaved:
    """Save onboarding step `step` (1–4) and move on; the last step completes onboarding."""
    if not 1 <= step <= ONBOARDING_STEPS:
        raise ValueError(f"Unknown onboarding step: {step}")
    _check_owner(profile, by)
    with _recording_changes(profile):
        found = _apply(profile, data)
        profile.onboarding_step = max(profile.onboarding_step, step + 1)
        if step == ONBOARDING_STEPS and profile.onboarded_at is None:
            if profile.privacy_consent_at is None:
                raise ValidationError(
                    _("Antes de terminar, acepta el aviso de privacidad en el paso 1.")
                )
            profile.onboarded_at = timezone.now()
        profile.save(update_fields=["onboarding_step", "onboarded_at", "updated_at"])
    return SectionSaved(profile=profile, pending_skills=found[0], renamed_skills=found[1])


def profile_set_skills(
    *, profile: ExpertProfile, skills: Sequence[tuple[str, int]], by: User
) -> list[Skill]:
    """Replace the skills with typed terms (normalised onto the vocabulary) and years.
    Returns the ones that are pending review."""
    return profile_update(profile=profile, data={"skills": skills}, by=by).pending_skills


def profile_set_languages(
    *, profile: ExpertProfile, languages: Sequence[tuple[str, str]], by: User
) -> None:
    """Replace the languages with (ISO 639-1 code, level) pairs."""
    profile_update(profile=profile, data={"languages": languages}, by=by)


__all__ = [
    "SEARCH_CONFIG",
    "SECTIONS",
    "SectionSaved",
    "profile_get_or_create",
    "profile_onboarding_save",
    "profile_reindex",
    "profile_section_save",
    "profile_set_languages",
    "profile_set_skills",
    "profile_update",
    "profiles_reindex",
]
