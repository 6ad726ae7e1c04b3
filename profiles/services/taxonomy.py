"""The skill vocabulary: normalising free text onto it, approving and merging terms."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from profiles.models import ExpertSkill, Skill
from profiles.models.reference import normalize_term
from profiles.services.audit import audit_record


def skill_save(*, skill: Skill) -> Skill:
    """Save a skill after recomputing its normalised search keys (admin edits use this)."""
    skill.search_keys = skill.compute_search_keys()
    skill.save()
    return skill


def skill_resolve(*, term: str) -> Skill:
    """The skill a typed term means: an approved skill (by name or synonym, ignoring case and
    accents), else an existing pending one, else a new pending skill for admins to review."""
    cleaned = " ".join(term.split())
    key = normalize_term(cleaned)
    if not key:
        raise ValidationError(_("Escribe el nombre de la habilidad."), code="empty_skill")
    if len(cleaned) > 100:
        raise ValidationError(_("El nombre de la habilidad es demasiado largo."), code="long")
    matches = list(Skill.objects.filter(search_keys__contains=[key]).order_by("status", "pk")[:1])
    if matches:
        return matches[0]
    base = slugify(cleaned)[:100] or "skill"
    slug, n = base, 1
    while Skill.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return skill_save(
        skill=Skill(slug=slug, name_es=cleaned, name_en=cleaned, status=Skill.Status.PENDING)
    )


def skill_approve(*, skill: Skill, by: object) -> Skill:
    skill.status = Skill.Status.APPROVED
    skill_save(skill=skill)
    audit_record(actor=by, action="skill.approve", target=skill)
    return skill


@transaction.atomic
def skill_merge(*, source: Skill, target: Skill, by: object) -> Skill:
    """Merge `source` into `target`: every reference moves, names become synonyms, source goes.

    Expert links move unless the expert already has the target (then the larger `years` wins).
    Other apps' references (projects) move through the `skill_merging` hook below.
    """
    if source.pk == target.pk:
        raise ValidationError(_("No se puede fusionar una habilidad consigo misma."))
    for link in ExpertSkill.objects.filter(skill=source).select_related("profile"):
        existing = ExpertSkill.objects.filter(profile=link.profile, skill=target).first()
        if existing:
            if link.years > existing.years:
                existing.years = link.years
                existing.save(update_fields=["years"])
            link.delete()
        else:
            link.skill = target
            link.save(update_fields=["skill"])
    # Generic move for any other relation pointing at Skill (M2M or FK) in any app.
    for relation in Skill._meta.related_objects:
        if relation.related_model in (ExpertSkill, Skill):
            continue
        if relation.many_to_many:
            through = relation.through
            src_col = next(
                f.name for f in through._meta.fields if f.is_relation and f.related_model is Skill
            )
            owner_col = next(
                f.name
                for f in through._meta.fields
                if f.is_relation and f.related_model is not Skill
            )
            for row in through.objects.filter(**{src_col: source}):
                owner_id = getattr(row, f"{owner_col}_id")
                if through.objects.filter(
                    **{src_col: target, f"{owner_col}_id": owner_id}
                ).exists():
                    row.delete()
                else:
                    setattr(row, src_col, target)
                    row.save()
        elif relation.one_to_many:
            relation.related_model.objects.filter(**{relation.field.name: source}).update(
                **{relation.field.name: target}
            )
    Skill.objects.filter(parent=source).update(parent=target)
    extra = [source.name_es, source.name_en, *source.synonyms]
    known = {normalize_term(t) for t in [target.name_es, target.name_en, *target.synonyms]}
    for term in extra:
        if normalize_term(term) not in known:
            target.synonyms.append(term)
            known.add(normalize_term(term))
    note = f"{source.slug} → {target.slug}"
    source_repr = str(source)
    source.delete()
    skill_save(skill=target)
    audit_record(actor=by, action="skill.merge", target=target, note=note, repr_=source_repr)
    return target


__all__ = ["skill_approve", "skill_merge", "skill_resolve", "skill_save"]
