"""Reading a public ORCID record (API v3.0) and turning it into proposals.

`orcid_fetch` does the HTTP (the record, then the works' abstracts in bulk); `record_proposals`
is pure: plain JSON in, proposals out, so each section is tested on recorded records.
"""

import json
from collections.abc import Iterator
from typing import Any

import requests
from django.conf import settings
from django.utils.translation import gettext as _
from urllib3.exceptions import HTTPError as BrokenBody

from prefill.proposals import EDUCATION, NAME, ORCID, POSITION, WORK, Proposal, degree_of
from prefill.proposals import year_or_none as _year
from profiles.choices import Degree, PortfolioKind
from profiles.validators import normalize_orcid

ACCEPT = "application/vnd.orcid+json"
# The bulk works endpoint takes at most 100 put-codes per call.
BULK_SIZE = 100
MAX_RESPONSE_BYTES = 5 * 1024 * 1024
WORK_KINDS = {
    "journal-article": PortfolioKind.PUBLICATION,
    "book": PortfolioKind.PUBLICATION,
    "book-chapter": PortfolioKind.PUBLICATION,
    "conference-paper": PortfolioKind.PUBLICATION,
    "preprint": PortfolioKind.PUBLICATION,
    "report": PortfolioKind.PUBLICATION,
    "dissertation-thesis": PortfolioKind.PUBLICATION,
    "patent": PortfolioKind.PATENT,
    "lecture-speech": PortfolioKind.COURSE,
}


class OrcidError(Exception):
    """A record that cannot be read; the message is for the person."""


# --- HTTP ---------------------------------------------------------------------------------------


def _get(path: str) -> Any:
    url = settings.PREFILL_ORCID_API_URL.rstrip("/") + path
    try:
        with requests.get(
            url, headers={"Accept": ACCEPT}, timeout=settings.PREFILL_ORCID_TIMEOUT, stream=True
        ) as response:
            # Read at most a little over the cap: a huge answer is refused, never buffered.
            body = response.raw.read(MAX_RESPONSE_BYTES + 1, decode_content=True)
    except requests.Timeout as error:
        raise OrcidError(
            _("ORCID no respondió a tiempo. Inténtalo de nuevo en unos minutos.")
        ) from error
    except (requests.RequestException, OSError) as error:
        raise OrcidError(_("No pudimos conectar con ORCID. Inténtalo más tarde.")) from error
    except BrokenBody as error:  # raw reads raise urllib3's own: cut short, bad gzip
        raise OrcidError(_("ORCID respondió con un error. Inténtalo más tarde.")) from error
    if response.status_code == 404:
        raise OrcidError(
            _("ORCID no tiene un registro público con ese iD. Revisa que esté bien escrito.")
        )
    if response.status_code != 200 or len(body) > MAX_RESPONSE_BYTES:
        raise OrcidError(_("ORCID respondió con un error. Inténtalo más tarde."))
    try:
        return json.loads(body)
    except ValueError as error:
        raise OrcidError(_("ORCID respondió con un error. Inténtalo más tarde.")) from error


def orcid_fetch(orcid: str) -> tuple[dict[str, Any], dict[int, dict[str, Any]]]:
    """The public record and its works in full (keyed by put-code), for an iD already validated.

    The works are fetched for their abstracts only: when that call fails the titles from the
    record are still proposed."""
    orcid = normalize_orcid(orcid)
    record = _get(f"/{orcid}/record")
    if not isinstance(record, dict):
        raise OrcidError(_("ORCID respondió con un error. Inténtalo más tarde."))
    codes = [code for code in _work_put_codes(record)][: settings.PREFILL_ORCID_MAX_WORKS]
    works: dict[int, dict[str, Any]] = {}
    for start in range(0, len(codes), BULK_SIZE):
        chunk = ",".join(str(code) for code in codes[start : start + BULK_SIZE])
        try:
            bulk = _get(f"/{orcid}/works/{chunk}")
        except OrcidError:
            break
        for item in _dig(bulk, "bulk") or []:
            work = _dig(item, "work")
            if isinstance(work, dict) and work.get("put-code") is not None:
                works[int(work["put-code"])] = work
    return record, works


# --- Reading the JSON ---------------------------------------------------------------------------


def _dig(data: Any, *path: str) -> Any:
    """data[path[0]][path[1]]...; None when any step is missing or null."""
    for key in path:
        if not isinstance(data, dict):
            return None
        data = data.get(key)
    return data


def _text(data: Any, *path: str) -> str:
    value = _dig(data, *path)
    # NUL is valid JSON ("\\u0000") but PostgreSQL cannot store it.
    return " ".join(str(value).replace("\x00", "").split()) if value is not None else ""


def _year_of(date: Any) -> int | None:
    return _year(_dig(date, "year", "value"))


def _summaries(record: dict[str, Any], section: str, kind: str) -> Iterator[dict[str, Any]]:
    for group in _dig(record, "activities-summary", section, "affiliation-group") or []:
        for summary in _dig(group, "summaries") or []:
            item = _dig(summary, f"{kind}-summary")
            if isinstance(item, dict):
                yield item


def _work_summaries(record: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """One summary per group: a group is one work claimed by several sources."""
    for group in _dig(record, "activities-summary", "works", "group") or []:
        summaries = _dig(group, "work-summary") or []
        if summaries and isinstance(summaries[0], dict):
            yield summaries[0]


def _work_put_codes(record: dict[str, Any]) -> Iterator[int]:
    for summary in _work_summaries(record):
        if summary.get("put-code") is not None:
            yield int(summary["put-code"])


def _span(item: dict[str, Any]) -> str:
    start, end = _year_of(item.get("start-date")), _year_of(item.get("end-date"))
    if start and not item.get("end-date"):
        return _("%(start)s–hoy") % {"start": start}
    return "–".join(str(y) for y in (start, end) if y)


# --- Sections -----------------------------------------------------------------------------------


def name_proposals(record: dict[str, Any]) -> list[Proposal]:
    given = _text(record, "person", "name", "given-names", "value")
    family = _text(record, "person", "name", "family-name", "value")
    name = " ".join(p for p in (given, family) if p) or _text(
        record, "person", "name", "credit-name", "value"
    )
    if not name:
        return []
    return [Proposal(kind=NAME, label=_("Nombre: %(name)s") % {"name": name}, data={"name": name})]


def employment_proposals(record: dict[str, Any]) -> list[Proposal]:
    """Current employments can become the current position; past ones go to the portfolio."""
    proposals = []
    for item in _summaries(record, "employments", "employment"):
        employer = _text(item, "organization", "name")
        role = _text(item, "role-title") or _text(item, "department-name")
        if not employer and not role:
            continue
        span = _span(item)
        label = " · ".join(p for p in (role, employer, span) if p)
        proposals.append(
            Proposal(
                kind=POSITION,
                label=label,
                data={
                    "position": role[:200],
                    "employer": employer[:200],
                    "span": span,
                    "is_current": item.get("end-date") is None,
                    "year": _year_of(item.get("start-date")),
                },
            )
        )
    # Current ones first, then the most recent.
    proposals.sort(key=lambda p: (not p.data["is_current"], -(p.data["year"] or 0)))
    return proposals


def education_proposals(record: dict[str, Any]) -> list[Proposal]:
    proposals = []
    for item in _summaries(record, "educations", "education"):
        institution = _text(item, "organization", "name")
        role = _text(item, "role-title")
        department = _text(item, "department-name")
        if not institution:
            continue
        degree = degree_of(role) or Degree.OTHER
        field = role or department
        year = _year_of(item.get("end-date")) or _year_of(item.get("start-date"))
        label = " · ".join(p for p in (role or department, institution, str(year or "")) if p)
        proposals.append(
            Proposal(
                kind=EDUCATION,
                label=label,
                data={
                    "degree": str(degree),
                    "field": field[:200] or institution[:200],
                    "institution": institution[:200],
                    "year": year,
                },
            )
        )
    return proposals


def _work_url(work: dict[str, Any]) -> str:
    for ext in _dig(work, "external-ids", "external-id") or []:
        if (
            _text(ext, "external-id-type") == "doi"
            and _text(ext, "external-id-relationship") != "part-of"
        ):
            url = _text(ext, "external-id-url", "value") or (
                "https://doi.org/" + _text(ext, "external-id-value")
            )
            if len(url) <= 200:
                return url
    url = _text(work, "url", "value")
    return url if url.startswith(("http://", "https://")) and len(url) <= 200 else ""


def work_proposals(record: dict[str, Any], works: dict[int, dict[str, Any]]) -> list[Proposal]:
    """Works become portfolio items: title, the translated title and the abstract (from the
    full work, `short-description`) form the passage matching reads."""
    proposals = []
    for summary in _work_summaries(record):
        title = _text(summary, "title", "title", "value")
        if not title:
            continue
        full = works.get(int(summary.get("put-code") or 0), {})
        translated = _text(summary, "title", "translated-title", "value")
        language = _text(summary, "title", "translated-title", "language-code")
        abstract = _text(full, "short-description")
        summary_text = " ".join(
            p for p in ((f"({language}) {translated}." if translated else ""), abstract) if p
        )
        year = _year_of(summary.get("publication-date"))
        journal = _text(summary, "journal-title", "value")
        proposals.append(
            Proposal(
                kind=WORK,
                label=" · ".join(p for p in (title, journal, str(year or "")) if p),
                detail=summary_text,
                data={
                    "kind": str(WORK_KINDS.get(_text(summary, "type"), PortfolioKind.OTHER)),
                    "title": title[:300],
                    "summary": summary_text[:1500],
                    "year": year,
                    "url": _work_url(summary),
                },
            )
        )
    return proposals


def record_proposals(
    orcid: str, record: dict[str, Any], works: dict[int, dict[str, Any]]
) -> list[Proposal]:
    """Everything the record offers, section by section, plus keeping the iD itself."""
    orcid = normalize_orcid(orcid)
    return [
        Proposal(
            kind=ORCID, label=_("ORCID iD: %(orcid)s") % {"orcid": orcid}, data={"orcid": orcid}
        ),
        *name_proposals(record),
        *employment_proposals(record),
        *education_proposals(record),
        *work_proposals(record, works),
    ]


def orcid_proposals(orcid: str) -> list[Proposal]:
    """Fetch and read a record. A record of a shape ORCID does not send (a put-code that is no
    number, a list where an object belongs) is an ORCID error, not a crash."""
    try:
        record, works = orcid_fetch(orcid)
        return record_proposals(orcid, record, works)
    except (TypeError, ValueError, KeyError, AttributeError, IndexError) as error:
        raise OrcidError(_("ORCID respondió con un error. Inténtalo más tarde.")) from error
