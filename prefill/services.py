"""Writing what the person accepted. Every write goes through profiles' `profile_update`, so the
profile is re-indexed and, when matching-relevant content changed, `profile_changed` is sent and
matching re-embeds the new passages (portfolio titles and abstracts, positions)."""

from collections.abc import Sequence
from typing import Any

from django.utils.translation import gettext as _

from prefill.proposals import EDUCATION, NAME, ORCID, POSITION, SKILL, WORK, Proposal
from profiles.choices import PortfolioKind
from profiles.models import ExpertProfile, User
from profiles.services.experts import SectionSaved, profile_update

EDUCATION_COLUMNS = ("degree", "field", "institution", "year")
PORTFOLIO_COLUMNS = ("kind", "title", "summary", "year", "url")


def _folded(*parts: Any) -> tuple[str, ...]:
    return tuple(" ".join(str(p or "").casefold().split()) for p in parts)


def _position_as_portfolio(data: dict[str, Any]) -> dict[str, Any]:
    """A past position is evidence of expertise: kept as a portfolio entry matching reads."""
    title = " — ".join(p for p in (data.get("position"), data.get("employer")) if p)
    return {
        "kind": PortfolioKind.OTHER,
        "title": title[:300],
        "summary": (_("Puesto, %(span)s.") % {"span": data["span"]}) if data.get("span") else "",
        "year": data.get("year"),
        "url": "",
    }


def _portfolio_rows(profile: ExpertProfile, accepted: Sequence[Proposal]) -> list[dict] | None:
    new = [p.data for p in accepted if p.kind == WORK] + [
        _position_as_portfolio(p.data)
        for p in accepted
        if p.kind == POSITION and not p.data.get("is_current")
    ]
    if not new:
        return None
    rows = [
        dict(zip(PORTFOLIO_COLUMNS, r, strict=True))
        for r in profile.portfolio.values_list(*PORTFOLIO_COLUMNS)
    ]
    seen = {_folded(r["title"]) for r in rows}
    for data in new:
        row = {
            column: data.get(column) or ("" if column != "year" else None)
            for column in PORTFOLIO_COLUMNS
        }
        if _folded(row["title"]) not in seen:
            seen.add(_folded(row["title"]))
            rows.append(row)
    return rows


def _education_rows(profile: ExpertProfile, accepted: Sequence[Proposal]) -> list[dict] | None:
    new = [p.data for p in accepted if p.kind == EDUCATION]
    if not new:
        return None
    rows = [
        dict(zip(EDUCATION_COLUMNS, r, strict=True))
        for r in profile.education.values_list(*EDUCATION_COLUMNS)
    ]
    seen = {_folded(r["degree"], r["institution"], r["field"]) for r in rows}
    for data in new:
        key = _folded(data.get("degree"), data.get("institution"), data.get("field"))
        if key not in seen:
            seen.add(key)
            rows.append({column: data.get(column) for column in EDUCATION_COLUMNS})
    return rows


def _skill_terms(
    profile: ExpertProfile, accepted: Sequence[Proposal]
) -> list[tuple[str, int]] | None:
    new = [str(p.data["term"]) for p in accepted if p.kind == SKILL]
    if not new:
        return None
    links = profile.skill_links.select_related("skill")
    return [(link.skill.name_es, link.years) for link in links] + [(term, 0) for term in new]


def prefill_apply(
    *, profile: ExpertProfile, accepted: Sequence[Proposal], by: User
) -> SectionSaved:
    """Add what was accepted to the profile, keeping what it already holds (rows already there
    are not repeated). One atomic write: on ValidationError nothing is written."""
    data: dict[str, Any] = {}
    for proposal in accepted:
        if proposal.kind == NAME:
            data["name"] = proposal.data["name"]
        elif proposal.kind == ORCID:
            data["orcid"] = proposal.data["orcid"]
        elif proposal.kind == POSITION and proposal.data.get("is_current"):
            data["current_position"] = proposal.data.get("position", "")
            data["employer"] = proposal.data.get("employer", "")
    for key, value in (
        ("portfolio", _portfolio_rows(profile, accepted)),
        ("education", _education_rows(profile, accepted)),
        ("skills", _skill_terms(profile, accepted)),
    ):
        if value is not None:
            data[key] = value
    return profile_update(profile=profile, data=data, by=by)
