"""Demo chapters for local runs: 2 regional coordinations, 8 chapters abroad, the 9 state
nodes of the region, memberships for the demo experts (where they live and where they come
from) and 6 events, among them a network-wide annual meeting that is full with a waiting list.

`seed_chapters()` is idempotent: rows are keyed by slug (chapters) and Spanish title (events);
what exists is left as it is. Run after `profiles.demo.seed_experts`."""

import datetime
from io import TextIOBase

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from chapters.models import Chapter, ChapterMembership, Event, EventRegistration
from profiles.models import ExpertProfile, State

REGIONS = [
    ("norteamerica", "Coordinación Norteamérica", "North America coordination"),
    ("europa-asia", "Coordinación Europa y Asia", "Europe and Asia coordination"),
]
# slug, Spanish name, English name, country, city, region slug, time zone
ABROAD = [
    (
        "houston",
        "Capítulo Houston",
        "Houston Chapter",
        "US",
        "Houston",
        "norteamerica",
        "America/Chicago",
    ),
    (
        "chicago",
        "Capítulo Chicago",
        "Chicago Chapter",
        "US",
        "Chicago",
        "norteamerica",
        "America/Chicago",
    ),
    (
        "silicon-valley",
        "Capítulo Silicon Valley",
        "Silicon Valley Chapter",
        "US",
        "San José",
        "norteamerica",
        "America/Los_Angeles",
    ),
    (
        "montreal",
        "Capítulo Montréal",
        "Montréal Chapter",
        "CA",
        "Montréal",
        "norteamerica",
        "America/Toronto",
    ),
    ("madrid", "Capítulo Madrid", "Madrid Chapter", "ES", "Madrid", "europa-asia", "Europe/Madrid"),
    ("berlin", "Capítulo Berlín", "Berlin Chapter", "DE", "Berlín", "europa-asia", "Europe/Berlin"),
    (
        "londres",
        "Capítulo Londres",
        "London Chapter",
        "GB",
        "Londres",
        "europa-asia",
        "Europe/London",
    ),
    ("tokio", "Capítulo Tokio", "Tokyo Chapter", "JP", "Tokio", "europa-asia", "Asia/Tokyo"),
]
# Spanish title, English title, kind, chapter slug (None: the whole network), days ahead,
# hours long, capacity, time zone
EVENTS = [
    (
        "Reunión anual de la red",
        "Network annual meeting",
        "annual_meeting",
        None,
        40,
        8,
        8,
        "America/Mexico_City",
    ),
    (
        "Seminario: energía y ciudades",
        "Webinar: energy and cities",
        "webinar",
        "houston",
        10,
        2,
        None,
        "America/Chicago",
    ),
    ("Encuentro de primavera", "Spring meetup", "meetup", "chicago", 25, 3, 30, "America/Chicago"),
    (
        "Taller de transferencia tecnológica",
        "Technology transfer workshop",
        "workshop",
        "madrid",
        18,
        4,
        25,
        "Europe/Madrid",
    ),
    (
        "Misión comercial a Tokio",
        "Trade mission to Tokyo",
        "trade_mission",
        "tokio",
        60,
        48,
        12,
        "Asia/Tokyo",
    ),
    (
        "Taller del nodo Jalisco",
        "Jalisco node workshop",
        "workshop",
        "nodo-14",
        15,
        3,
        40,
        "America/Mexico_City",
    ),
]


def _chapters() -> dict[str, Chapter]:
    made: dict[str, Chapter] = {}
    for slug, es, en in REGIONS:
        made[slug], _ = Chapter.objects.get_or_create(
            slug=slug, defaults={"kind": "regional", "name_es": es, "name_en": en}
        )
    for slug, es, en, country, city, region, _zone in ABROAD:
        made[slug], _ = Chapter.objects.get_or_create(
            slug=slug,
            defaults={
                "kind": "abroad",
                "name_es": es,
                "name_en": en,
                "country": country,
                "city": city,
                "region": made[region],
                "join_policy": "approval",
                "description_es": f"Personas de la diáspora que viven en {city}.",
                "description_en": f"Diaspora members living in {city}.",
            },
        )
    for state in State.objects.filter(code__in=settings.PUENTES_REGION_STATES):
        made[f"nodo-{state.code}"], _ = Chapter.objects.get_or_create(
            slug=f"nodo-{state.code}",
            defaults={
                "kind": "state_node",
                "name_es": f"Nodo {state.name}",
                "name_en": f"{state.name} node",
                "state": state,
                "join_policy": "open",
            },
        )
    return made


def _memberships(chapters: dict[str, Chapter]) -> int:
    """Experts join the chapter of their city and the node of their state; the first one in
    each becomes its coordinator."""
    by_city = {(c.country, c.city.lower()): c for c in chapters.values() if c.kind == "abroad"}
    by_state = {c.state_id: c for c in chapters.values() if c.kind == "state_node"}
    count = 0
    experts = ExpertProfile.objects.filter(onboarded_at__isnull=False).order_by("pk")
    for profile in experts:
        for chapter in (
            by_city.get((str(profile.country), (profile.city or "").lower())),
            by_state.get(profile.origin_state_id),
        ):
            if chapter is None:
                continue
            first = not ChapterMembership.objects.filter(chapter=chapter).exists()
            _, created = ChapterMembership.objects.get_or_create(
                chapter=chapter,
                user=profile.user,
                defaults={
                    "state": "active",
                    "joined_at": timezone.now(),
                    "role": "coordinator" if first else "member",
                },
            )
            count += created
    return count


def _events(chapters: dict[str, Chapter]) -> None:
    people = list(
        ExpertProfile.objects.filter(onboarded_at__isnull=False)
        .order_by("pk")
        .values_list("user_id", flat=True)
    )
    today = timezone.now().replace(hour=17, minute=0, second=0, microsecond=0)
    for es, en, kind, slug, days, hours, capacity, zone in EVENTS:
        starts = today + datetime.timedelta(days=days)
        event, created = Event.objects.get_or_create(
            title_es=es,
            defaults={
                "title_en": en,
                "kind": kind,
                "chapter": chapters.get(slug) if slug else None,
                "starts_at": starts,
                "ends_at": starts + datetime.timedelta(hours=hours),
                "timezone": zone,
                "capacity": capacity,
                "venue": "" if kind == "webinar" else "Por confirmar",
                "online_url": "https://meet.example.org/puentes" if kind == "webinar" else "",
                "status": "published",
                "published_at": timezone.now(),
            },
        )
        if created and capacity is not None and kind == "annual_meeting":
            # Full, with three people waiting (in order).
            for position, user_id in enumerate(people[: capacity + 3]):
                EventRegistration.objects.create(
                    event=event,
                    user_id=user_id,
                    state="registered" if position < capacity else "waitlisted",
                    queued_at=timezone.now() + datetime.timedelta(seconds=position),
                )


@transaction.atomic
def seed_chapters(*, stdout: TextIOBase | None = None) -> None:
    chapters = _chapters()
    joined = _memberships(chapters)
    _events(chapters)
    if stdout is not None:
        stdout.write(f"Chapters: {len(chapters)} chapters, {joined} new memberships, events.\n")
