"""The skill vocabulary: normalising free text onto it, approving and merging terms."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from profiles import events
from profiles.models import ExpertProfile, ExpertSkill, Skill, SkillProposal, User
from profiles.models.reference import normalize_term
from profiles.services.audit import audit_record
from profiles.services.search import profiles_reindex

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


def skill_is_renamed(*, term: str, skill: Skill) -> bool:
    """True when `term` found `skill` through a synonym, not by one of its names: the person
    must be told ("we know this as …") rather than see another name appear silently."""
    return normalize_term(term) not in {
        normalize_term(skill.name_es),
        normalize_term(skill.name_en),
    }


def skill_propose(*, term: str, note: str = "", by: User) -> SkillProposal:
    """Ask staff to add `term` to the vocabulary. Proposing the same open term twice returns
    the first proposal. A term that already is a skill's name is refused with the reason."""
    cleaned = " ".join(term.split())
    if not normalize_term(cleaned):
        raise ValidationError({"term": _("Escribe el nombre de la habilidad.")}, code="empty")
    if len(cleaned) > MAX_TERM_LENGTH:
        raise ValidationError({"term": _("El nombre de la habilidad es demasiado largo.")})
    match = Skill.objects.matching_term(cleaned).order_by("status", "pk").first()
    if match is not None and not skill_is_renamed(term=cleaned, skill=match):
        message = (
            _("«%(skill)s» ya está en el vocabulario: escríbela así en tu perfil.")
            if match.status == Skill.Status.APPROVED
            else _("«%(skill)s» ya está propuesta y pendiente de revisión.")
        )
        raise ValidationError({"term": message % {"skill": match.name}}, code="known")
    existing = SkillProposal.objects.filter(
        proposed_by=by, status=SkillProposal.Status.OPEN, term__iexact=cleaned
    ).first()
    if existing is not None:
        return existing
    return SkillProposal.objects.create(
        term=cleaned, known_as=match, note=note.strip()[:500], proposed_by=by
    )


def skill_proposal_close(*, proposal: SkillProposal, status: str, by: object) -> SkillProposal:
    """Mark a proposal added to the vocabulary or declined (staff, from the admin)."""
    if status not in (SkillProposal.Status.ADDED, SkillProposal.Status.DECLINED):
        raise ValueError(f"Not a closing status: {status}")
    if proposal.status != status:
        proposal.status = status
        proposal.save(update_fields=["status"])
        audit_record(actor=by, action=f"skill_proposal.{status}", target=proposal)
    return proposal


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
    opts = model._meta  # noqa: SLF001 - Model._meta is Django's documented model API
    unique_sets = [
        list(c.fields)
        for c in opts.constraints
        if isinstance(c, models.UniqueConstraint)
        and c.condition is None
        and skill_field in c.fields
    ]
    unique_sets += [list(t) for t in opts.unique_together if skill_field in t]
    return [f for f in unique_sets[0] if f != skill_field] if unique_sets else []


def _merge_duplicate_link(kept: models.Model, dropped: models.Model) -> None:
    """Keep the stronger values of two links to the same skill: a flag set on either stays set
    (a skill required by either stays required), numbers keep the larger (more years)."""
    changed = []
    opts = kept._meta  # noqa: SLF001 - Model._meta is Django's documented model API
    for field in opts.concrete_fields:
        if field.primary_key or field.is_relation:
            continue
        old, new = getattr(kept, field.attname), getattr(dropped, field.attname)
        value: object
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


def _move_many_to_many(*, through: type[models.Model], source: Skill, target: Skill) -> None:
    """Move the rows of an auto-created through table, dropping those the target already has."""
    opts = through._meta  # noqa: SLF001 - Model._meta is Django's documented model API
    if not opts.auto_created:
        return  # an explicit through model arrives as its own foreign key
    skill_col = next(f.name for f in opts.fields if f.is_relation and f.related_model is Skill)
    owner_col = next(f.name for f in opts.fields if f.is_relation and f.related_model is not Skill)
    rows = through._default_manager  # noqa: SLF001 - Model._default_manager is Django's documented API
    owners = rows.filter(**{skill_col: target}).values(f"{owner_col}_id")
    rows.filter(**{skill_col: source, f"{owner_col}_id__in": owners}).delete()
    rows.filter(**{skill_col: source}).update(**{skill_col: target})


def _move_foreign_keys(
    *, model: type[models.Model], field: str, source: Skill, target: Skill
) -> None:
    """Point `model.field` at the target, merging rows that would become duplicates."""
    opts = model._meta  # noqa: SLF001 - Model._meta is Django's documented model API
    manager = model._base_manager  # noqa: SLF001 - every row, whatever the default manager hides
    key_fields = _link_key_fields(model, field)
    if not key_fields:
        manager.filter(**{field: source}).update(**{field: target})
        return
    attname_of = {f.name: f.attname for f in opts.concrete_fields}
    attnames = [attname_of[f] for f in key_fields]
    existing = {
        tuple(getattr(row, a) for a in attnames): row for row in manager.filter(**{field: target})
    }
    for row in manager.filter(**{field: source}):
        kept = existing.get(tuple(getattr(row, a) for a in attnames))
        if kept is None:
            setattr(row, field, target)
            row.save(update_fields=[field])
        else:
            _merge_duplicate_link(kept, row)


def _move_generic_references(*, source: Skill, target: Skill) -> None:
    """Move every other reference to Skill (in any app, e.g. projects' ProjectSkill) onto
    `target`, merging rows that would become duplicates."""
    opts = Skill._meta  # noqa: SLF001 - Model._meta is Django's documented model API
    for relation in opts.related_objects:
        model = relation.related_model
        if model in (ExpertSkill, Skill, ExpertProfile) or not isinstance(model, type):
            continue  # handled explicitly by skill_merge
        if isinstance(relation, models.ManyToManyRel) and relation.through is not None:
            _move_many_to_many(through=relation.through, source=source, target=target)
        elif relation.one_to_many or relation.one_to_one:
            _move_foreign_keys(model=model, field=relation.field.name, source=source, target=target)


def _move_expert_links(*, source: Skill, target: Skill) -> set[int]:
    """Move experts' links onto the target (an expert holding both keeps the larger `years`);
    return the ids of the profiles touched."""
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
    return affected


def _adopt_names(*, source: Skill, target: Skill) -> None:
    """The source's names become the target's synonyms; its parent and field fill gaps."""
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

    affected = _move_expert_links(source=source, target=target)
    _move_generic_references(source=source, target=target)
    _adopt_names(source=source, target=target)

    note = f"{source.slug} → {target.slug}"
    source_repr = str(source)
    source.delete()
    skill_save(skill=target)
    audit_record(
        actor=by, action="skill.merge", target=target, note=note, repr_=f"{source_repr} → {target}"
    )
    # Directory search indexes skill names and synonyms: refresh everyone holding the target.
    profiles_reindex(profiles=ExpertProfile.objects.filter(skills=target))
    if affected:
        ExpertProfile.objects.filter(pk__in=affected).update(changed_at=timezone.now())
        for profile_id in sorted(affected):
            events.profile_changed.send(sender=Skill, profile_id=profile_id)
    return target


__all__ = [
    "skill_approve",
    "skill_check_keys",
    "skill_is_renamed",
    "skill_merge",
    "skill_propose",
    "skill_proposal_close",
    "skill_resolve",
    "skill_save",
]
