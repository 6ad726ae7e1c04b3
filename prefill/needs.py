"""Skills and fields proposed from a need's text while a liaison writes it.

A sentence that marks what follows as optional ("deseable", "nice to have", "idealmente")
proposes nice-to-have skills; every other sentence proposes required ones. A skill named in
both kinds of sentence is required."""

import hashlib
import re
from typing import Any

from django.core.cache import cache

from prefill.skills import skill_fields, skills_in_text
from profiles.models import FieldOfScience, Skill
from profiles.models.reference import normalize_term

NICE_MARKERS = re.compile(
    r"\b(deseable|deseables|idealmente|preferible|preferentemente|se valora|valoramos|"
    r"ser[ií]a un plus|un plus|opcional|nice to have|nice-to-have|a plus|ideally|preferably|"
    r"preferred|bonus|optional|would be nice)\b"
)
SENTENCE = re.compile(r"(?<=[.!?;])\s+|\n+")
PERIODS = {"second": 1, "minute": 60, "hour": 3600, "day": 86400}


def _split(text: str) -> tuple[str, str]:
    required: list[str] = []
    nice: list[str] = []
    for sentence in SENTENCE.split(text):
        (nice if NICE_MARKERS.search(normalize_term(sentence)) else required).append(sentence)
    return "\n".join(required), "\n".join(nice)


def need_proposals(text: str) -> dict[str, Any]:
    """{"required": [{id, label}], "nice": [...], "fields": [...]} for a need's text."""
    required_text, nice_text = _split(text)
    required = [hit.skill_id for hit in skills_in_text(required_text)] if required_text else []
    nice = [hit.skill_id for hit in skills_in_text(nice_text) if hit.skill_id not in required]
    nice = nice if nice_text else []
    skills = Skill.objects.in_bulk(required + nice)
    field_ids = skill_fields(required + nice)
    fields = FieldOfScience.objects.in_bulk(field_ids)
    return {
        "required": [{"id": pk, "label": skills[pk].name} for pk in required if pk in skills],
        "nice": [{"id": pk, "label": skills[pk].name} for pk in nice if pk in skills],
        "fields": [{"id": pk, "label": str(fields[pk])} for pk in field_ids if pk in fields],
    }


def rate_allows(*, scope: str, identity: str, rate: str) -> bool:
    """Count one call of `identity` in a fixed window ("30/minute") and say whether it is
    still within the rate (Redis counters: no outside service)."""
    count, _slash, period = rate.partition("/")
    limit, seconds = int(count), PERIODS[period.strip()]
    key = "prefill:rate:" + scope + ":" + hashlib.sha256(identity.encode()).hexdigest()[:32]
    if cache.add(key, 1, timeout=seconds):
        return limit >= 1
    try:
        return cache.incr(key) <= limit
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=seconds)
        return True
