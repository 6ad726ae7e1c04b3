"""My data (LFPDPPP access right): everything the platform holds about a person, as one
JSON-ready document whose `schema` key documents every section and the keys of its rows."""

from typing import Any

from allauth.account.models import EmailAddress
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from profiles.events import personal_data_requested
from profiles.models import (
    AuditEntry,
    ConflictOfInterest,
    ExpertProfile,
    Membership,
    MembershipInvitation,
    User,
)
from profiles.privacy import ExportSection, plain, rows
from profiles.selectors.experts import profile_get_for_owner

EXPORT_FORMAT = "puentes-my-data/2"

USER_FIELDS = ("id", "email", "name", "language", "date_joined", "last_login", "email_addresses")
PROFILE_RELATIONS = (
    "origin_state",
    "fields",
    "states_of_interest",
    "skills",
    "languages",
    "education",
    "portfolio",
)
MEMBERSHIP_FIELDS = ("institution", "role", "created_at")
MEMBERSHIP_INVITATION_FIELDS = (
    "id",
    "institution_id",
    "email",
    "role",
    "invited_by_id",
    "created_at",
    "accepted_at",
    "revoked_at",
)
AUDIT_FIELDS = ("id", "action", "actor_id", "object_repr", "note", "created_at")
CONFLICT_FIELDS = ("id", "institution_id", "note", "declared_by_id", "created_at")


def _user_export(user: User) -> dict[str, Any]:
    return {
        "id": user.pk,
        "email": user.email,
        "name": user.name,
        "language": user.language,
        "date_joined": plain(user.date_joined),
        "last_login": plain(user.last_login),
        "email_addresses": [
            {"email": a.email, "verified": a.verified, "primary": a.primary}
            for a in EmailAddress.objects.filter(user=user).order_by("pk")
        ],
    }


def _memberships_export(user: User) -> list[dict[str, Any]]:
    memberships = Membership.objects.filter(user=user).select_related("institution__state")
    return [
        {
            "institution": {
                "id": m.institution_id,
                "name": m.institution.name,
                "kind": m.institution.kind,
                "state": m.institution.state.name,
                "verification_status": m.institution.verification_status,
            },
            "role": m.role,
            "created_at": plain(m.created_at),
        }
        for m in memberships.order_by("pk")
    ]


def profile_fields() -> list[str]:
    """The keys of the exported profile: every stored attribute and its relations."""
    opts = ExpertProfile._meta  # noqa: SLF001 - Model._meta is Django's documented model API
    return [f.name for f in opts.concrete_fields] + [
        r for r in PROFILE_RELATIONS if r != "origin_state"
    ]


def _profile_export(profile: ExpertProfile) -> dict[str, Any]:
    """Every stored attribute of the profile, and its relations by code or name."""
    opts = ExpertProfile._meta  # noqa: SLF001 - Model._meta is Django's documented model API
    exported = {f.name: plain(f.value_from_object(profile)) for f in opts.concrete_fields}
    exported["origin_state"] = (
        {"code": profile.origin_state.code, "name": profile.origin_state.name}
        if profile.origin_state
        else None
    )
    exported["fields"] = [{"code": f.code, "name": f.name_es} for f in profile.fields.all()]
    exported["states_of_interest"] = [
        {"code": s.code, "name": s.name} for s in profile.states_of_interest.all()
    ]
    exported["skills"] = [
        {
            "slug": link.skill.slug,
            "name_es": link.skill.name_es,
            "name_en": link.skill.name_en,
            "status": link.skill.status,
            "years": link.years,
        }
        for link in profile.skill_links.all()
    ]
    exported["languages"] = [
        {"code": lang.code, "level": lang.level} for lang in profile.languages.all()
    ]
    exported["education"] = [
        {"degree": e.degree, "field": e.field, "institution": e.institution, "year": e.year}
        for e in profile.education.all()
    ]
    exported["portfolio"] = [
        {"kind": p.kind, "title": p.title, "summary": p.summary, "year": p.year, "url": p.url}
        for p in profile.portfolio.all()
    ]
    return exported


def _audit_entries(user: User, profile: ExpertProfile | None) -> Any:
    """Entries about the person: their account and their profile (not what they did to
    others, which is about those others)."""
    about = Q(content_type=ContentType.objects.get_for_model(User), object_id=str(user.pk))
    if profile is not None:
        about |= Q(
            content_type=ContentType.objects.get_for_model(ExpertProfile),
            object_id=str(profile.pk),
        )
    return AuditEntry.objects.filter(about).order_by("created_at", "pk")


def _own_sections(user: User) -> dict[str, ExportSection]:
    profile = profile_get_for_owner(user=user)
    invitations = MembershipInvitation.objects.filter(email__iexact=user.email).order_by("pk")
    return {
        "user": ExportSection(
            _("Tu cuenta y tus direcciones de correo."), USER_FIELDS, _user_export(user)
        ),
        "expert_profile": ExportSection(
            _("Tu perfil de persona experta con habilidades, idiomas, formación y portafolio."),
            profile_fields(),
            None if profile is None else _profile_export(profile),
        ),
        "memberships": ExportSection(
            _("Las instituciones de las que eres miembro."),
            MEMBERSHIP_FIELDS,
            _memberships_export(user),
        ),
        "membership_invitations": ExportSection(
            _("Invitaciones a unirte a una institución enviadas a tu correo."),
            MEMBERSHIP_INVITATION_FIELDS,
            rows(invitations, MEMBERSHIP_INVITATION_FIELDS),
        ),
        "audit_entries": ExportSection(
            _("Decisiones del equipo de la plataforma sobre tu cuenta o tu perfil."),
            AUDIT_FIELDS,
            rows(_audit_entries(user, profile), AUDIT_FIELDS),
        ),
        "conflicts": ExportSection(
            _("Los conflictos de interés declarados entre tu perfil y una institución."),
            CONFLICT_FIELDS,
            rows(ConflictOfInterest.objects.filter(expert=profile).order_by("pk"), CONFLICT_FIELDS)
            if profile is not None
            else [],
        ),
    }


def export_sections(*, user: User) -> dict[str, ExportSection]:
    """Every section of the export: the profiles app's own, then each higher app's (they
    answer the `personal_data_requested` event)."""
    sections = _own_sections(user)
    for _receiver, contributed in personal_data_requested.send(sender=User, user_id=user.pk):
        if isinstance(contributed, dict):
            sections.update(contributed)
    return sections


def my_data_export(*, user: User) -> dict[str, Any]:
    """Everything the platform holds about `user`, as JSON-ready data (LFPDPPP access right).

    Top-level keys: `format`, `exported_at`, `schema` ({section: {description, fields}}) and
    one key per section, in the order of the schema."""
    sections = export_sections(user=user)
    return {
        "format": EXPORT_FORMAT,
        "exported_at": plain(timezone.now()),
        "schema": {name: section.schema() for name, section in sections.items()},
        **{name: section.data for name, section in sections.items()},
    }
