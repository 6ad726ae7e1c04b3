"""CV prefill: read PDF and DOCX in memory, propose, refuse bad files clearly, keep nothing."""

import io
import zipfile
from pathlib import Path

import pytest
from django.core.files import uploadedfile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader, PdfWriter

from prefill.bench.cv_files import docx_bytes, labelled_cvs, pdf_bytes
from prefill.bench.evaluation import evaluate_cvs
from prefill.cv import cv_proposals
from prefill.skills import skills_in_text
from profiles.models import ExpertProfile, Skill, User

CV = """Carla Méndez Ruiz
Experiencia
Ingeniera de software sénior, Cabify, 2019 – presente
Desarrolladora — Softtek, 2014 – 2019
Formación
Maestría en Ciencias de la Computación, Universidad de Guadalajara, 2013
Habilidades
APIs REST con Node.js; bases de datos PostgreSQL; Scrum.
"""


@pytest.fixture
def owner_client(client: Client, expert_owner: User) -> Client:
    client.force_login(expert_owner)
    return client


@pytest.fixture
def disk_writes(monkeypatch: pytest.MonkeyPatch) -> list:
    """Records every temporary file Django's upload handling opens (none should be)."""
    opened: list = []
    original = uploadedfile.tempfile.NamedTemporaryFile

    def recording(*args: object, **kwargs: object) -> object:
        opened.append(kwargs)
        return original(*args, **kwargs)

    monkeypatch.setattr(uploadedfile.tempfile, "NamedTemporaryFile", recording)
    return opened


def _upload(client: Client, name: str, content: bytes) -> object:
    return client.post(reverse("prefill:cv"), {"cv": SimpleUploadedFile(name, content)})


def _slugs(text: str) -> set[str]:
    ids = [hit.skill_id for hit in skills_in_text(text, by_meaning=False)]
    return set(Skill.objects.filter(pk__in=ids).values_list("slug", flat=True))


# --- Proposals from the text -----------------------------------------------------------------


def test_positions_and_education_are_read_under_their_headings(db: None) -> None:
    proposals = cv_proposals(CV)
    positions = [p.data for p in proposals if p.kind == "position"]
    education = [p.data for p in proposals if p.kind == "education"]
    assert [(p["position"], p["employer"], p["is_current"]) for p in positions] == [
        ("Ingeniera de software sénior", "Cabify", True),
        ("Desarrolladora", "Softtek", False),
    ]
    assert education == [
        {
            "degree": "master",
            "field": "Maestría en Ciencias de la Computación",
            "institution": "Universidad de Guadalajara",
            "year": 2013,
        }
    ]


def test_skills_match_names_and_synonyms_in_both_languages_without_accents(db: None) -> None:
    assert _slugs(
        "Experta en aprendizaje automatico y en hidrogeologia; GIS; wastewater treatment"
    ) == {
        "machine-learning",
        "hydrology",
        "gis",
        "water-treatment",
    }


def test_skills_match_whole_words_only_and_acronyms_as_written(db: None) -> None:
    # "pythonic" is not Python; "iot" in lower case is not the Internet of Things.
    assert _slugs("a pythonic idiot wrote sqlite notes") == set()
    assert _slugs("Python and IoT") == {"python", "iot"}


def test_common_words_of_the_vocabulary_do_not_propose_a_skill(db: None) -> None:
    assert _slugs("Design of bridges under public contracts; estado del arte") == set()


def test_a_phrase_close_in_meaning_proposes_the_skill(db: None, settings) -> None:
    settings.PREFILL_SKILL_EMBEDDING_THRESHOLD = 0.5  # the hashing embedder's scale
    hits = skills_in_text("Sé de ingenierías de softwares")
    skills = Skill.objects.in_bulk([h.skill_id for h in hits])
    assert "software-engineering" in {s.slug for s in skills.values()}


def test_skill_proposals_keep_a_floor_of_precision_and_recall_on_the_labelled_set(
    db: None, settings
) -> None:
    # The vocabulary pass alone (the embedder of the tests has no meaning); the command
    # `evaluate_cv` measures both passes with the production embedder.
    settings.PREFILL_SKILL_EMBEDDING_THRESHOLD = 0
    result = evaluate_cvs()
    assert len(result.cvs) >= 8
    assert {cv["language"] for cv in labelled_cvs()} == {"es", "en"}
    assert {cv["format"] for cv in labelled_cvs()} == {"pdf", "docx"}
    assert result.precision >= 0.8
    assert result.recall >= 0.6


# --- The upload ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content"), [("cv.pdf", pdf_bytes(CV)), ("cv.docx", docx_bytes(CV))]
)
def test_uploaded_cv_is_proposed_for_review_and_never_stored(
    owner_client: Client,
    expert: ExpertProfile,
    settings,
    tmp_path: Path,
    name: str,
    content: bytes,
    disk_writes: list,
) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.FILE_UPLOAD_TEMP_DIR = tmp_path / "tmp"
    (tmp_path / "tmp").mkdir()
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 10  # the default handlers would spill to disk
    response = _upload(owner_client, name, content)
    assert response.status_code == 302
    page = owner_client.get(response["Location"]).content.decode()
    assert "Ingeniera de software sénior" in page
    assert "Programación en JavaScript" in page
    assert not any((tmp_path / "media").rglob("*")) if (tmp_path / "media").exists() else True
    assert list((tmp_path / "tmp").iterdir()) == []
    assert disk_writes == []
    expert.refresh_from_db()
    assert not expert.skill_links.exists()


def test_accepted_cv_proposals_are_written_and_rejected_ones_are_not(
    owner_client: Client, expert: ExpertProfile
) -> None:
    _upload(owner_client, "cv.docx", docx_bytes(CV))
    page = owner_client.get(reverse("prefill:review", args=["cv"]))
    labels = [choice[1] for choice in page.context["form"].fields["accepted"].choices]
    wanted = [labels.index("Ingeniera de software sénior · Cabify · 2019–hoy")]
    wanted.append(labels.index("Bases de datos"))
    owner_client.post(reverse("prefill:review", args=["cv"]), {"accepted": wanted})
    expert.refresh_from_db()
    assert (expert.current_position, expert.employer) == ("Ingeniera de software sénior", "Cabify")
    assert list(expert.skill_links.values_list("skill__slug", flat=True)) == ["databases"]
    assert not expert.education.exists()


def _zip_bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w") as member:
            chunk = b"\0" * (1024 * 1024)
            for _mb in range(64):
                member.write(chunk)
    return buffer.getvalue()


def _encrypted_pdf() -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_bytes(CV))))
    writer.encrypt(user_password="secreto", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("cv.pdf", b"", "El archivo está vacío"),
        ("cv.pdf", bytes(range(256)) * 40, "no es un PDF ni un DOCX"),
        ("cv.txt", CV.encode(), "Sube tu CV en PDF o DOCX"),
        ("cv.docx", pdf_bytes(CV), "su contenido es PDF"),
        ("cv.pdf", b"%PDF-1.7\n" + bytes(range(256)) * 10, "No pudimos leer este PDF"),
        ("cv.docx", b"PK\x03\x04" + b"\0" * 200, "El DOCX está dañado"),
        ("cv.docx", "ZIP_BOMB", "tamaño excesivo"),
        ("cv.pdf", "ENCRYPTED", "protegido con contraseña"),
        ("cv.pdf", pdf_bytes("\n\n"), "No encontramos texto"),
    ],
)
def test_bad_files_get_clear_errors(
    owner_client: Client, expert: ExpertProfile, name: str, content: object, message: str
) -> None:
    if content == "ZIP_BOMB":
        content = _zip_bomb()
    elif content == "ENCRYPTED":
        content = _encrypted_pdf()
    assert isinstance(content, bytes)
    response = _upload(owner_client, name, content)
    assert response.status_code == 400
    assert message in response.content.decode()


def test_a_50_mb_upload_is_refused_without_keeping_it(
    owner_client: Client, expert: ExpertProfile, settings, tmp_path: Path, disk_writes: list
) -> None:
    settings.FILE_UPLOAD_TEMP_DIR = tmp_path
    response = _upload(owner_client, "cv.pdf", b"%PDF-1.7\n" + b"0" * (50 * 1024 * 1024))
    assert response.status_code == 400
    assert "pesa más de 5 MB" in response.content.decode()
    assert list(tmp_path.iterdir()) == []
    assert disk_writes == []


def test_stranger_without_a_session_cannot_upload(anonymous: Client) -> None:
    response = anonymous.post(reverse("prefill:cv"), {"cv": SimpleUploadedFile("cv.pdf", b"x")})
    assert response.status_code == 302


def test_cv_page_keeps_csrf_protection(expert_owner: User, expert: ExpertProfile) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(expert_owner)
    response = _upload(client, "cv.docx", docx_bytes(CV))
    assert response.status_code == 403
