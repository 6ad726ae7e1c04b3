"""The skill vocabulary: normalising free text onto it, approving and merging terms."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from profiles import events
from profiles.models import ExpertProfile, ExpertSkill, Skill
from profiles.models.reference import normalize_term
from profiles.services.audit import audit_record

MAX_TERM_LENGTH = 100


def skill_check_keys(*, skill: Skill) -> list[str]:
    """The skill's normalised search keys, refusing any key another skill already answers to.

    Two skills sharing a key would make `skill_resolve` ambiguous: the answer is to merge them.
    """
    keys = skill.compute_search_keys()
    if not keys:
        raise ValidationError(_("Escribe el nombre de la habilidad."), code="empty_skill")
    clashes = Skill.objects.filter(search_keys__overlap=keys)
    if skill.pk:
        clashes = clashes.exclude(pk=skill.pk)
    clash = clashes.order_by("pk").first()
    if clash is not None:
        shared = sorted(set(keys) & set(clash.search_keys))
        raise ValidationError(
            _(
                "«%(terms)s» ya corresponde a la habilidad «%(skill)s». Si son la misma, "
                "fusiónalas en lugar de repetir el término."
            ),
            params={"terms": ", ".join(shared), "skill": clash.name_es},
            code="skill_key_clash",
        )
    return keys


def skill_save(*, skill: Skill) -> Skill:
    """Save a skill after recomputing its normalised search keys (admin edits use this)."""
    skill.synonyms = _unique_terms(skill.synonyms)
    skill.search_keys = skill_check_keys(skill=skill)
    skill.save()
    return skill


def _unique_terms(terms: list[str]) -> list[str]:
    seen: set[str] = set()
    result = []
    for term in terms:
        cleaned = " ".join(term.split())
        key = normalize_term(cleaned)
        if key and key not in seen:
            seen.add(key)
            result.append(cleaned)
    return result


def skill_resolve(*, term: str) -> Skill:
    """The skill a typed term means: an approved skill (by name or synonym, ignoring case and
    accents), else an existing pending one, else a new pending skill for admins to review."""
    cleaned = " ".join(term.split())
    key = normalize_term(cleaned)
    if not key:
        raise ValidationError(_("Escribe el nombre de la habilidad."), code="empty_skill")
    if len(cleaned) > MAX_TERM_LENGTH:
        raise ValidationError(_("El nombre de la habilidad es demasiado largo."), code="long")
    # "approved" sorts before "pending": a curated term always wins over a user-typed one.
    match = Skill.objects.filter(search_keys__contains=[key]).order_by("status", "pk").first()
    if match is not None:
        return match
    base = slugify(cleaned)[:MAX_TERM_LENGTH] or "skill"
    slug, n = base, 1
    while Skill.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    skill = Skill(slug=slug, name_es=cleaned, name_en=cleaned, status=Skill.Status.PENDING)
    try:
        # Two people typing the same new term at once: the loser reads the winner's row.
        with transaction.atomic():
            return skill_save(skill=skill)
    except (IntegrityError, ValidationError):
        match = Skill.objects.filter(search_keys__contains=[key]).order_by("status", "pk").first()
        if match is None:
            raise
        return match


def skill_approve(*, skill: Skill, by: object) -> Skill:
    """Approve a pending skill. Approving an approved skill changes nothing (no audit entry)."""
    if skill.status == Skill.Status.APPROVED:
        return skill
    skill.status = Skill.Status.APPROVED
    skill.save(update_fields=["status"])
    audit_record(actor=by, action="skill.approve", target=skill)
    return skill


def _link_key_fields(model: type[models.Model], skill_field: str) -> list[str]:
    """The other fields that, with the skill, make a row of `model` unique (e.g. project)."""
    unique_sets = [
        list(c.fields)
        for c in model._meta.constraints
        if isinstance(c, models.UniqueConstraint)
        and c.condition is None
        and skill_field in c.fields
    ]
    unique_sets += [list(t) for t in model._meta.unique_together if skill_field in t]
    return [f for f in unique_sets[0] if f != skill_field] if unique_sets else []


def _merge_duplicate_link(kept: models.Model, dropped: models.Model) -> None:
    """Keep the stronger values of two links to the same skill: a flag set on either stays set
    (a skill required by either stays required), numbers keep the larger (more years)."""
    changed = []
    for field in kept._meta.concrete_fields:
        if field.primary_key or field.is_relation:
            continue
        old, new = getattr(kept, field.attname), getattr(dropped, field.attname)
        if isinstance(old, bool) and isinstance(new, bool):
            value = old or new
        elif isinstance(old, int | float) and isinstance(new, int | float):
            value = max(old, new)
        else:
            continue
        if value != old:
            setattr(kept, field.attname, value)
            changed.append(field.attname)
    if changed:
        kept.save(update_fields=changed)
    dropped.delete()


def _move_generic_references(*, source: Skill, target: Skill) -> None:
    """Move every other reference to Skill (in any app, e.g. projects' ProjectSkill) onto
    `target`, merging rows that would become duplicates."""
    for relation in Skill._meta.related_objects:
        model = relation.related_model
        if model in (ExpertSkill, Skill, ExpertProfile):
            continue  # handled explicitly by skill_merge
        if relation.many_to_many:
            through = relation.through
            if not through._meta.auto_created:
                continue  # an explicit through model arrives below as its own foreign key
            skill_col = next(
                f.name for f in through._meta.fields if f.is_relation and f.related_model is Skill
            )
            owner_col = next(
                f.name
                for f in through._meta.fields
                if f.is_relation and f.related_model is not Skill
            )
            owners = through.objects.filter(**{skill_col: target}).values(f"{owner_col}_id")
            through.objects.filter(**{skill_col: source, f"{owner_col}_id__in": owners}).delete()
            through.objects.filter(**{skill_col: source}).update(**{skill_col: target})
        elif relation.one_to_many or relation.one_to_one:
            field = relation.field.name
            manager = model._base_manager
            key_fields = _link_key_fields(model, field)
            if not key_fields:
                manager.filter(**{field: source}).update(**{field: target})
                continue
            attnames = [model._meta.get_field(f).attname for f in key_fields]
            existing = {
                tuple(getattr(row, a) for a in attnames): row
                for row in manager.filter(**{field: target})
            }
            for row in manager.filter(**{field: source}):
                kept = existing.get(tuple(getattr(row, a) for a in attnames))
                if kept is None:
                    setattr(row, field, target)
                    row.save(update_fields=[field])
                else:
                    _merge_duplicate_link(kept, row)


@transaction.atomic
def skill_merge(*, source: Skill, target: Skill, by: object) -> Skill:
    """Merge `source` into `target`: every reference moves, names become synonyms, source goes.

    Expert links move unless the expert already has the target (then the larger `years` wins);
    each affected profile is marked changed (profiles.events.profile_changed) so matching
    re-matches it. Other apps' references to Skill move generically. Children of `source`
    become children of `target`.
    """
    if source.pk == target.pk:
        raise ValidationError(_("No se puede fusionar una habilidad consigo misma."))
    # Lock both rows: two moderators merging crossing pairs must not lose references.
    try:
        for skill in sorted([source, target], key=lambda s: s.pk):
            skill.refresh_from_db(from_queryset=Skill.objects.select_for_update())
    except Skill.DoesNotExist:
        raise ValidationError(_("Una de las habilidades ya no existe (¿ya se fusionó?).")) from None

    affected: set[int] = set()
    existing = {
        link.profile_id: link for link in ExpertSkill.objects.filter(skill=target).order_by()
    }
    for link in ExpertSkill.objects.filter(skill=source).order_by():
        affected.add(link.profile_id)
        kept = existing.get(link.profile_id)
        if kept is None:
            link.skill = target
            link.save(update_fields=["skill"])
        else:
            if link.years > kept.years:
                kept.years = link.years
                kept.save(update_fields=["years"])
            link.delete()
    _move_generic_references(source=source, target=target)

    Skill.objects.filter(parent=source).exclude(pk=target.pk).update(parent=target)
    if target.parent_id == source.pk:
        target.parent_id = source.parent_id if source.parent_id != target.pk else None

    known = {normalize_term(t) for t in [target.name_es, target.name_en, *target.synonyms]}
    for term in [source.name_es, source.name_en, *source.synonyms]:
        key = normalize_term(term)
        if key and key not in known:
            target.synonyms.append(term)
            known.add(key)
    if target.field_id is None:
        target.field_id = source.field_id

    note = f"{source.slug} → {target.slug}"
    source_repr = str(source)
    source.delete()
    skill_save(skill=target)
    audit_record(
        actor=by, action="skill.merge", target=target, note=note, repr_=f"{source_repr} → {target}"
    )
    # Directory search indexes skill names and synonyms: refresh everyone holding the target.
    from profiles.services.experts import profiles_reindex

    profiles_reindex(profiles=ExpertProfile.objects.filter(skills=target))
    if affected:
        ExpertProfile.objects.filter(pk__in=affected).update(changed_at=timezone.now())
        for profile_id in sorted(affected):
            events.profile_changed.send(sender=Skill, profile_id=profile_id)
    return target


__all__ = [
    "skill_approve",
    "skill_check_keys",
    "skill_merge",
    "skill_resolve",
    "skill_save",
]
