"""Reading a CV (PDF or DOCX) in memory and proposing positions, education and skills.

The type is told by the content, not the name; the name must agree. Everything happens on the
bytes in memory: the file is never written anywhere.
"""

import io
import re
import zipfile
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from prefill.proposals import EDUCATION, POSITION, SKILL, Proposal, degree_of, year_or_none
from prefill.skills import skills_in_text
from profiles.choices import Degree
from profiles.models import Skill
from profiles.models.reference import normalize_term

MAX_TEXT_CHARS = 60_000
MAX_ZIP_ENTRIES = 500
# A DOCX's parts compress about 5-10x; a zip bomb compresses thousands of times.
MAX_ZIP_RATIO = 200
PDF, DOCX = "pdf", "docx"


def _refuse(message: str, code: str) -> ValidationError:
    return ValidationError(message, code=code)


def sniff(name: str, content: bytes) -> str:
    """ "pdf" or "docx" from the content's magic bytes, checked against the file's extension."""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in (PDF, DOCX):
        raise _refuse(_("Sube tu CV en PDF o DOCX."), "wrong_extension")
    if not content.strip():
        raise _refuse(_("El archivo está vacío."), "empty")
    kind = PDF if content[:1024].lstrip().startswith(b"%PDF-") else None
    if content.startswith(b"PK\x03\x04"):
        kind = DOCX
    if kind is None:
        raise _refuse(_("El archivo no es un PDF ni un DOCX válido."), "not_a_cv")
    if kind != extension:
        raise _refuse(
            _("El archivo dice ser .%(ext)s pero su contenido es %(kind)s; revisa que sea tu CV.")
            % {"ext": extension, "kind": kind.upper()},
            "mismatch",
        )
    return kind


def _pdf_text(content: bytes) -> str:
    from pypdf import PdfReader  # noqa: PLC0415 - a parser only the CV page needs
    from pypdf.errors import PyPdfError  # noqa: PLC0415

    unreadable = _refuse(_("No pudimos leer este PDF. ¿Está dañado?"), "unreadable")
    try:
        reader = PdfReader(io.BytesIO(content))
        if reader.is_encrypted:
            raise _refuse(
                _("El PDF está protegido con contraseña; sube una versión sin protección."),
                "encrypted",
            )
        if len(reader.pages) > settings.PREFILL_CV_MAX_PAGES:
            raise _refuse(
                _("El PDF tiene más de %(pages)s páginas; sube un CV más breve.")
                % {"pages": settings.PREFILL_CV_MAX_PAGES},
                "too_many_pages",
            )
        parts, length = [], 0
        for page in reader.pages:
            parts.append(page.extract_text() or "")
            length += len(parts[-1])
            if length > MAX_TEXT_CHARS:
                break
        return "\n".join(parts)
    except ValidationError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, OSError) as error:
        # pypdf reports malformed files through several exception types; PyPdfError is the base
        # of its own, LimitReachedError (a stream that unpacks past its limit) included.
        raise unreadable from error


def _check_zip(content: bytes) -> None:
    too_big = _refuse(_("El DOCX se descomprime a un tamaño excesivo; no lo abrimos."), "zip_bomb")
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            infos = archive.infolist()
            names = {info.filename for info in infos}
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise _refuse(_("El DOCX está dañado."), "unreadable") from error
    if "word/document.xml" not in names:
        raise _refuse(_("El archivo no es un documento de Word (DOCX)."), "not_a_cv")
    if len(infos) > MAX_ZIP_ENTRIES:
        raise too_big
    unpacked = sum(info.file_size for info in infos)
    packed = max(1, sum(info.compress_size for info in infos))
    if unpacked > settings.PREFILL_CV_MAX_UNZIPPED_BYTES or unpacked / packed > MAX_ZIP_RATIO:
        raise too_big


def _docx_text(content: bytes) -> str:
    import docx  # noqa: PLC0415 - a parser only the CV page needs

    _check_zip(content)
    try:
        document = docx.Document(io.BytesIO(content))
        lines = [p.text for p in document.paragraphs]
        for table in document.tables:
            for row in table.rows:
                lines.append(" | ".join(cell.text for cell in row.cells))
    except (
        zipfile.BadZipFile,
        KeyError,
        ValueError,
        OSError,
        SyntaxError,
        AttributeError,
    ) as error:
        # python-docx raises KeyError/ValueError on missing parts, lxml a SyntaxError subclass;
        # the body is read lazily, so a malformed one (no body, a bad table) fails while reading.
        raise _refuse(_("El DOCX está dañado."), "unreadable") from error
    return "\n".join(lines)


def cv_text(*, name: str, content: bytes) -> str:
    """The CV's text, or a ValidationError a person can act on."""
    kind = sniff(name, content)
    text = _pdf_text(content) if kind == PDF else _docx_text(content)
    # A PDF's text may hold NUL characters, which PostgreSQL cannot store.
    text = text.replace("\x00", "")[:MAX_TEXT_CHARS]
    if not text.strip():
        raise _refuse(
            _("No encontramos texto en el archivo (¿es un escaneo?). Prueba con otro formato."),
            "no_text",
        )
    return text


# --- Proposals ------------------------------------------------------------------------------

SECTIONS = {
    POSITION: ("experiencia", "experience", "employment", "trayectoria", "empleo", "work history"),
    EDUCATION: ("educacion", "education", "formacion", "estudios", "academic"),
    "other": (
        "habilidades", "skills", "competencias", "publicaciones", "publications", "idiomas",
        "languages", "proyectos", "projects", "premios", "awards", "perfil", "profile", "summary",
        "resumen", "contacto", "contact", "intereses", "interests", "cursos", "courses",
    ),
}  # fmt: skip
YEAR_RANGE = re.compile(
    r"\(?\b((?:19|20)\d{2})\s*(?:[-–—]|a|to|hasta)\s*((?:19|20)\d{2}|presente|present|actual|"
    r"actualidad|hoy|today|now|la fecha)?\)?",
    re.IGNORECASE,
)
SPLIT = re.compile(r"\s+[—–-]\s+|,\s+|\s+\|\s+|\s+(?:at|en)\s+")
# A degree says "en" inside its name ("Maestría en Física"): split on punctuation only.
DEGREE_SPLIT = re.compile(r"\s+[—–-]\s+|,\s+|\s+\|\s+")
CURRENT = ("presente", "present", "actual", "actualidad", "hoy", "today", "now", "la fecha")


def _section_of(line: str) -> str | None:
    key = normalize_term(line).strip(" :")
    if len(key.split()) > 4:
        return None
    for section, words in SECTIONS.items():
        if any(key.startswith(word) for word in words):
            return section
    return None


def _position(line: str) -> Proposal | None:
    found = YEAR_RANGE.search(line)
    if found is None:
        return None
    start, end = found.group(1), (found.group(2) or "")
    rest = (line[: found.start()] + " " + line[found.end() :]).strip(" ,;·|—–-")
    parts = [p.strip(" ,;·|()") for p in SPLIT.split(rest) if p.strip(" ,;·|()")]
    if not parts:
        return None
    is_current = end.lower() in CURRENT
    span = f"{start}–{_('hoy') if is_current else end}" if end else start
    role, employer = parts[0][:200], (parts[1] if len(parts) > 1 else "")[:200]
    label = " · ".join(p for p in (role, employer, span) if p)
    data = {"position": role, "employer": employer, "span": span, "is_current": is_current}
    return Proposal(kind=POSITION, label=label, data={**data, "year": year_or_none(start)})


def _education(line: str) -> Proposal | None:
    degree = degree_of(line)
    years = re.findall(r"\b(?:19|20)\d{2}\b", line)
    text = re.sub(r"\(?\b(?:19|20)\d{2}\b\s*(?:[-–—]\s*(?:19|20)\d{2})?\)?", " ", line)
    parts = [p.strip(" ,;·|()") for p in DEGREE_SPLIT.split(text) if p.strip(" ,;·|()")]
    if degree is None or not parts:
        return None
    field, institution = parts[0][:200], (parts[1] if len(parts) > 1 else "")[:200]
    year = year_or_none(years[-1]) if years else None
    label = " · ".join(p for p in (field, institution, str(year or "")) if p)
    data: dict[str, Any] = {"degree": str(degree or Degree.OTHER), "field": field}
    return Proposal(
        kind=EDUCATION,
        label=label,
        data={**data, "institution": institution or field, "year": year},
    )


def cv_proposals(text: str) -> list[Proposal]:
    """Positions (lines with a span of years under an experience heading), education (lines
    naming a degree under an education heading) and skills found anywhere in the text."""
    positions: list[Proposal] = []
    education: list[Proposal] = []
    body: list[str] = []  # headings ("Employment") would read as skills
    section = None
    for raw in text.splitlines():
        line = " ".join(raw.split())
        if not line:
            continue
        heading = _section_of(line)
        if heading is not None:
            section = heading
            continue
        body.append(line)
        if section == POSITION and (found := _position(line)):
            positions.append(found)
        elif section == EDUCATION and (found := _education(line)):
            education.append(found)
    hits = skills_in_text("\n".join(body))
    by_id = Skill.objects.in_bulk([hit.skill_id for hit in hits])
    skills = [
        Proposal(
            kind=SKILL,
            label=by_id[hit.skill_id].name,
            data={"term": by_id[hit.skill_id].name_es, "skill_id": hit.skill_id},
            detail=hit.evidence,
        )
        for hit in hits
        if hit.skill_id in by_id
    ]
    positions.sort(key=lambda p: (not p.data["is_current"], -(p.data["year"] or 0)))
    return positions + education + skills
