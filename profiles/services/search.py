"""The directory's search index: a weighted full-text vector and a trigram key per profile."""

from django.contrib.postgres.search import SearchVector
from django.db.models import QuerySet, TextField, Value

from profiles.models import ExpertProfile, FieldOfScience, Skill
from profiles.models.reference import normalize_term

SEARCH_CONFIG = "puentes_unaccent"  # created by profiles/migrations/0004


def _search_documents(profile: ExpertProfile) -> tuple[str, str, str]:
    """Texts with weights A (who), B (what they know), C (the rest), both languages.

    One document serves every audience (members on the site, keys that see what the public
    sees in the API), so it holds only what every audience may see: no members-only field
    (city, time zone, municipality of origin; see api.experts.serializers.MEMBERS_ONLY), no
    contact data, no survey answers. Anything added here is searchable by the public."""
    skills = Skill.objects.filter(expert_links__profile=profile)
    skill_terms = [term for s in skills for term in (s.name_es, s.name_en, *s.synonyms)]
    fields = list(FieldOfScience.objects.filter(pk__in=profile.fields.values("pk")))
    majors = FieldOfScience.objects.filter(pk__in={f.parent_id for f in fields if f.parent_id})
    field_terms = [name for f in [*fields, *majors] for name in (f.name_es, f.name_en)]
    titles = list(profile.portfolio.values_list("title", flat=True))
    document_a = " ".join([profile.user.name, profile.headline])
    document_b = " ".join([*skill_terms, *field_terms, profile.current_position])
    document_c = " ".join([profile.bio, profile.employer, *titles])
    return document_a, document_b, document_c


def profile_reindex(*, profile: ExpertProfile) -> None:
    """Rebuild the directory's full-text vector and the trigram name key from current data."""
    document_a, document_b, document_c = _search_documents(profile)

    def vector(text: str, weight: str) -> SearchVector:
        return SearchVector(
            Value(text, output_field=TextField()), config=SEARCH_CONFIG, weight=weight
        )

    ExpertProfile.objects.filter(pk=profile.pk).update(
        search_vector=vector(document_a, "A") + vector(document_b, "B") + vector(document_c, "C"),
        # Names only: trigram similarity forgives typos in names without matching whole bios.
        search_text=normalize_term(profile.user.name),
    )
    # Keep the instance in step, so a later save() of it does not write a stale vector back.
    profile.refresh_from_db(fields=["search_vector", "search_text"])


def profiles_reindex(*, profiles: QuerySet[ExpertProfile] | None = None) -> int:
    """Re-index many profiles, e.g. those holding a skill whose names or synonyms changed
    (skill_merge, skill_save) or all of them from a command. Returns how many."""
    count = 0
    for profile in (profiles if profiles is not None else ExpertProfile.objects.all()).iterator():
        profile_reindex(profile=profile)
        count += 1
    return count


__all__ = ["SEARCH_CONFIG", "profile_reindex", "profiles_reindex"]
