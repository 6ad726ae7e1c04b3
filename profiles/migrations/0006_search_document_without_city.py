"""Rebuild the directory's search vector without the city (a members-only field): one
document serves every audience, so it holds only what the public may see (issue 18).

Mirrors profiles.services.search at the time of writing, on historical models; only profiles
with a city change."""

from typing import Any

from django.contrib.postgres.search import SearchVector
from django.db import migrations
from django.db.models import TextField, Value

SEARCH_CONFIG = "puentes_unaccent"


def _vector(text: str, weight: str) -> SearchVector:
    return SearchVector(Value(text, output_field=TextField()), config=SEARCH_CONFIG, weight=weight)


def rebuild(apps: Any, schema_editor: Any) -> None:
    profile_model = apps.get_model("profiles", "ExpertProfile")
    field_model = apps.get_model("profiles", "FieldOfScience")
    for profile in profile_model.objects.exclude(city="").select_related("user").iterator():
        skills = [link.skill for link in profile.skill_links.select_related("skill")]
        skill_terms = [term for s in skills for term in (s.name_es, s.name_en, *s.synonyms)]
        fields = list(profile.fields.all())
        majors = field_model.objects.filter(pk__in={f.parent_id for f in fields if f.parent_id})
        field_terms = [name for f in [*fields, *majors] for name in (f.name_es, f.name_en)]
        titles = list(profile.portfolio.values_list("title", flat=True))
        document_a = " ".join([profile.user.name, profile.headline])
        document_b = " ".join([*skill_terms, *field_terms, profile.current_position])
        document_c = " ".join([profile.bio, profile.employer, *titles])
        profile_model.objects.filter(pk=profile.pk).update(
            search_vector=_vector(document_a, "A")
            + _vector(document_b, "B")
            + _vector(document_c, "C")
        )


class Migration(migrations.Migration):
    dependencies = [("profiles", "0005_suspension")]

    operations = [migrations.RunPython(rebuild, migrations.RunPython.noop)]
