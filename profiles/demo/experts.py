"""Demo experts for local runs: ~50 bilingual diaspora profiles across a dozen countries.

`seed_experts()` is idempotent: users are found by e-mail, and a profile that is already
onboarded is left as it is (so edits made while exploring the demo survive a re-run).
Profiles are written through the profile services, so they are indexed for the directory and
announced to the matching engine like any real profile.
"""

from io import TextIOBase
from typing import Any

from django.db import transaction

from profiles.demo.base import DEMO_PASSWORD, DemoExpert, demo_user
from profiles.demo.expert_table_1 import EXPERTS_FIRST
from profiles.demo.expert_table_2 import EXPERTS_SECOND
from profiles.models import ExpertProfile, FieldOfScience, Skill, State
from profiles.services.experts import profile_get_or_create, profile_onboarding_save

EXPERTS: tuple[DemoExpert, ...] = (*EXPERTS_FIRST, *EXPERTS_SECOND)


def _skills(spec: str) -> list[tuple[str, int]]:
    slugs = [item.split(":") for item in spec.split()]
    names = dict(
        Skill.objects.filter(slug__in=[s for s, _ in slugs]).values_list("slug", "name_es")
    )
    return [(names[slug], int(years)) for slug, years in slugs if slug in names]


def _step_data(spec: DemoExpert) -> dict[int, dict[str, Any]]:
    states = {s.code: s for s in State.objects.all()}
    return {
        1: {
            "name": spec.name,
            "headline": spec.headline,
            "bio": spec.bio,
            "current_position": spec.position,
            "employer": spec.employer,
            "sector": spec.sector,
            "privacy_consent": True,
        },
        2: {
            "country": spec.country,
            "city": spec.city,
            "timezone": spec.timezone,
            "origin_state": states.get(spec.state),
            "origin_tie": spec.tie,
        },
        3: {
            "fields": list(FieldOfScience.objects.filter(code__in=spec.fields.split())),
            "skills": _skills(spec.skills),
            "languages": [tuple(item.split(":")) for item in spec.languages.split()],
            "education": [
                {"degree": d, "field": f, "institution": i, "year": y}
                for d, f, i, y in spec.education
            ],
            "portfolio": [
                {"kind": k, "title": t, "year": y, "summary": "", "url": ""}
                for k, t, y in spec.portfolio
            ],
        },
        4: {
            "collaboration_types": spec.offers.split(),
            "hours_per_month": spec.hours,
            "max_concurrent_engagements": spec.capacity,
            "is_paused": spec.paused,
            "modality_preference": spec.modality,
            "willing_to_travel": spec.travel,
            "states_of_interest": [states[c] for c in spec.interests if c in states],
            "sectors_of_interest": [spec.sector],
            "orcid": spec.orcid,
            "visibility": spec.visibility,
            "motivations": list(spec.motivations),
            "return_intention": spec.return_intention,
        },
    }


@transaction.atomic
def seed_experts(*, stdout: TextIOBase | None = None) -> list[ExpertProfile]:
    """Create (or find) the demo experts; returns their profiles. Safe to run twice."""
    profiles = []
    created = 0
    for spec in EXPERTS:
        user = demo_user(spec.email, spec.name)
        profile = profile_get_or_create(user=user)
        if profile.onboarded_at is None:
            for step, data in _step_data(spec).items():
                profile_onboarding_save(profile=profile, step=step, data=data, by=user)
            created += 1
        profiles.append(profile)
    if stdout is not None:
        stdout.write(
            f"Demo experts: {len(profiles)} ({created} new), password {DEMO_PASSWORD}; "
            f"a complete one: {EXPERTS[0].email}\n"
        )
    return profiles
