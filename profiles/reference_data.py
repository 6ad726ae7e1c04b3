"""Load the reference data shipped in profiles/data/ (states, fields, skills).

Used by a data migration (with historical models) and by `manage.py load_reference_data`
(to pick up a newer vocabulary). Idempotent: existing rows are updated, never duplicated;
rows edited or added by admins that are not in the files are left alone.
"""

import json
from pathlib import Path
from typing import Any

from profiles.models.reference import normalize_term

DATA_DIR = Path(__file__).resolve().parent / "data"


def _read(name: str) -> Any:
    return json.loads((DATA_DIR / name).read_text(encoding="utf-8"))


def load_reference_data(State: Any, FieldOfScience: Any, Skill: Any) -> dict[str, int]:
    for row in _read("states.json"):
        State.objects.update_or_create(
            code=row["code"],
            defaults={
                "name": row["name"],
                "abbreviation": row.get("abbreviation", ""),
                "timezone": row.get("timezone", "America/Mexico_City"),
            },
        )
    fields_by_code = {}
    for major in _read("fields.json"):
        parent, _ = FieldOfScience.objects.update_or_create(
            code=major["code"],
            defaults={"name_es": major["name_es"], "name_en": major["name_en"], "parent": None},
        )
        for sub in major["subfields"]:
            fields_by_code[sub["code"]], _ = FieldOfScience.objects.update_or_create(
                code=sub["code"],
                defaults={"name_es": sub["name_es"], "name_en": sub["name_en"], "parent": parent},
            )
    skills = _read("skills.json")
    by_slug = {}
    for row in skills:
        terms = [row["name_es"], row["name_en"], *row.get("synonyms", [])]
        by_slug[row["slug"]], _ = Skill.objects.update_or_create(
            slug=row["slug"],
            defaults={
                "name_es": row["name_es"],
                "name_en": row["name_en"],
                "synonyms": row.get("synonyms", []),
                "field": fields_by_code.get(row.get("field")),
                "status": "approved",
                "search_keys": sorted({normalize_term(t) for t in terms if t.strip()}),
            },
        )
    for row in skills:
        if row.get("parent"):
            Skill.objects.filter(slug=row["slug"]).update(parent=by_slug[row["parent"]])
    return {
        "states": State.objects.count(),
        "fields": FieldOfScience.objects.count(),
        "skills": Skill.objects.count(),
    }
