"""Cheap, cached data for the web benchmark: the demo data once, then bulk clones of its experts
and published projects up to the sizes asked for. Safe to run twice (it only tops up)."""

import datetime
import random
from collections.abc import Callable
from typing import Any

from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.core.management import call_command
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from chapters.models import Chapter, ChapterMembership, Event, EventRegistration
from matching.models import Match
from matching.services import expert_index_refresh, project_matches_recompute
from network.sessions import SessionStore
from partners.models import ApiScope
from partners.services.keys import api_key_issue
from profiles.models import ExpertLanguage, ExpertProfile, ExpertSkill, Membership, User
from profiles.models.reference import normalize_term
from projects.choices import ProjectStatus
from projects.models import Project, ProjectSkill

LIAISON_EMAIL = "enlace@udg.example"
CLONE_DOMAIN = "webbench.example"
FIRST = ["Ana", "Luis", "María", "José", "Elena", "Jorge", "Lucía", "Pedro", "Sofía", "Raúl"]
CHAPTERS_SHOWN = 6
MEMBERS_PER_CHAPTER = 40
UPCOMING_EVENTS = 8
LAST = ["García", "Hernández", "López", "Martínez", "Pérez", "Ramírez", "Torres", "Flores"]

Log = Callable[[str], None]


def seed(*, experts: int, projects: int, log: Log) -> None:
    if not User.objects.filter(email=LIAISON_EMAIL).exists():
        log("seeding the demo data (once)…")
        call_command("seed_demo", force=True, stdout=open("/dev/null", "w"))  # noqa: SIM115
    if not Match.objects.exists():
        log("computing the demo projects' suggestions (once)…")
        for profile_id in ExpertProfile.objects.values_list("pk", flat=True):
            expert_index_refresh(profile_id=profile_id)
        for project_id in Project.objects.published().values_list("pk", flat=True):
            project_matches_recompute(project_id=project_id)
    rng = random.Random(2026)
    _clone_experts(experts - ExpertProfile.objects.listed().count(), rng, log)
    _clone_projects(projects - Project.objects.published().count(), rng, log)
    _chapter_content(rng, log)


@transaction.atomic
def _clone_experts(count: int, rng: random.Random, log: Log) -> None:
    if count <= 0:
        return
    log(f"cloning {count} experts…")
    templates = list(ExpertProfile.objects.listed().prefetch_related("languages", "skill_links"))
    start = User.objects.filter(email__endswith=f"@{CLONE_DOMAIN}").count()
    users = User.objects.bulk_create(
        User(
            email=f"experto{start + i}@{CLONE_DOMAIN}",
            name=f"{rng.choice(FIRST)} {rng.choice(LAST)} {rng.choice(LAST)}",
            password="!",
        )
        for i in range(count)
    )
    skip = {"id", "user_id", "search_text"}
    fields = ExpertProfile._meta.concrete_fields  # noqa: SLF001 - Django's public model API
    copied = [f.attname for f in fields if f.attname not in skip]
    pairs = [(user, templates[i % len(templates)]) for i, user in enumerate(users)]
    profiles = ExpertProfile.objects.bulk_create(
        ExpertProfile(
            user=user,
            search_text=normalize_term(user.name),
            **{name: getattr(template, name) for name in copied},
        )
        for user, template in pairs
    )
    clones = list(zip(profiles, (t for _, t in pairs), strict=True))
    ExpertSkill.objects.bulk_create(
        ExpertSkill(profile=p, skill_id=link.skill_id, years=link.years)
        for p, t in clones
        for link in t.skill_links.all()
    )
    ExpertLanguage.objects.bulk_create(
        ExpertLanguage(profile=p, code=lang.code, level=lang.level)
        for p, t in clones
        for lang in t.languages.all()
    )
    _copy_m2m(ExpertProfile.fields.through, "expertprofile_id", "fieldofscience_id", clones)
    _copy_m2m(ExpertProfile.states_of_interest.through, "expertprofile_id", "state_id", clones)


def _copy_m2m(through: Any, own: str, other: str, clones: list[tuple[Any, Any]]) -> None:
    rows = through.objects.filter(**{f"{own}__in": {t.pk for _, t in clones}})
    by_owner: dict[int, list[int]] = {}
    for owner_id, other_id in rows.values_list(own, other):
        by_owner.setdefault(owner_id, []).append(other_id)
    through.objects.bulk_create(
        through(**{own: clone.pk, other: other_id})
        for clone, template in clones
        for other_id in by_owner.get(template.pk, [])
    )


@transaction.atomic
def _clone_projects(count: int, rng: random.Random, log: Log) -> None:
    if count <= 0:
        return
    log(f"cloning {count} published projects…")
    templates = list(Project.objects.published().prefetch_related("skill_links"))
    now = timezone.now()
    skip = {"id", "title", "published_at", "deadline", "created_at", "changed_at"}
    fields = Project._meta.concrete_fields  # noqa: SLF001 - Django's public model API
    copied = [f.attname for f in fields if f.attname not in skip]
    pairs = [(i, templates[i % len(templates)]) for i in range(count)]
    projects = Project.objects.bulk_create(
        Project(
            title=f"{template.title} ({i + 1})"[:200],
            published_at=now - datetime.timedelta(hours=rng.randint(1, 2000)),
            deadline=timezone.localdate() + datetime.timedelta(days=rng.randint(30, 120)),
            created_at=now,
            changed_at=now,
            **{name: getattr(template, name) for name in copied},
        )
        for i, template in pairs
    )
    clones = list(zip(projects, (t for _, t in pairs), strict=True))
    ProjectSkill.objects.bulk_create(
        ProjectSkill(project=p, skill_id=link.skill_id, required=link.required)
        for p, t in clones
        for link in t.skill_links.all()
    )
    _copy_m2m(Project.fields.through, "project_id", "fieldofscience_id", clones)


@transaction.atomic
def _chapter_content(rng: random.Random, log: Log) -> None:
    """The chapter and event pages with real content whenever the bench runs (the cached data
    may be older than the demo's events): several chapters with members, upcoming events."""
    chapters = list(Chapter.objects.visible_to(None).active().order_by("pk")[:CHAPTERS_SHOWN])
    people = list(
        ExpertProfile.objects.listed().order_by("pk").values_list("user_id", flat=True)[:2000]
    )
    for chapter in chapters:
        have = ChapterMembership.objects.active().filter(chapter=chapter).count()
        if have >= MEMBERS_PER_CHAPTER:
            continue
        log(f"chapter {chapter.slug}: topping up to {MEMBERS_PER_CHAPTER} members…")
        taken = set(
            ChapterMembership.objects.filter(chapter=chapter).values_list("user_id", flat=True)
        )
        fresh = [user_id for user_id in rng.sample(people, len(people)) if user_id not in taken]
        ChapterMembership.objects.bulk_create(
            ChapterMembership(
                chapter=chapter, user_id=user_id, state="active", joined_at=timezone.now()
            )
            for user_id in fresh[: MEMBERS_PER_CHAPTER - have]
        )
    upcoming = Event.objects.visible_to(None).upcoming(timezone.now()).count()
    if upcoming >= UPCOMING_EVENTS or not chapters:
        return
    log(f"adding {UPCOMING_EVENTS - upcoming} upcoming events…")
    start = timezone.now().replace(minute=0, second=0, microsecond=0)
    for i in range(UPCOMING_EVENTS - upcoming):
        starts = start + datetime.timedelta(days=rng.randint(7, 90), hours=rng.randint(0, 10))
        event = Event.objects.create(
            chapter=chapters[i % len(chapters)],
            kind="meetup",
            title_es=f"Encuentro de la red {i + 1}",
            title_en=f"Network meetup {i + 1}",
            starts_at=starts,
            ends_at=starts + datetime.timedelta(hours=2),
            timezone="America/Mexico_City",
            venue="Por confirmar",
            capacity=40,
            status="published",
            published_at=timezone.now(),
        )
        EventRegistration.objects.bulk_create(
            EventRegistration(event=event, user_id=user_id, state="registered", queued_at=starts)
            for user_id in rng.sample(people, min(len(people), 25))
        )


def credentials() -> dict[str, Any]:
    """A signed-in liaison's session, a read-only API key and the liaison's suggested project."""
    liaison = User.objects.get(email=LIAISON_EMAIL)
    store = SessionStore()
    store[SESSION_KEY] = str(liaison.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = liaison.get_session_auth_hash()
    store.create()
    institution_ids = Membership.objects.filter(user=liaison).values("institution_id")
    project = (
        Project.objects.filter(institution_id__in=institution_ids, status=ProjectStatus.PUBLISHED)
        .filter(pk__in=Match.objects.values("project_id"))
        .order_by("pk")
        .first()
    )
    staff = User.objects.filter(is_staff=True).order_by("pk").first()
    issued = api_key_issue(
        by=staff,  # type: ignore[arg-type]
        name="bench-web",
        scopes=[ApiScope.PROJECTS_READ, ApiScope.EXPERTS_READ],
        partner_name="Bench",
    )
    chapter = (
        Chapter.objects.visible_to(None)
        .annotate(members=Count("memberships", filter=Q(memberships__state="active")))
        .order_by("-members", "pk")
        .first()
    )
    event = Event.objects.visible_to(None).upcoming(timezone.now()).order_by("starts_at").first()
    return {
        "session": store.session_key,
        "api_key": issued.plaintext,
        "project": project.pk if project else None,
        "chapter": chapter.slug if chapter else None,
        "event": event.pk if event else None,
    }
