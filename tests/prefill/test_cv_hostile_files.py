"""CVs written by hand to hurt: a PDF with a NUL character in its text (PostgreSQL cannot store
it) or a stream that would unpack past pypdf's limit; a DOCX whose body is malformed."""

import io
import zipfile
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from prefill.bench.cv_files import docx_bytes
from profiles.models import ExpertProfile, User

pytestmark = pytest.mark.django_db
WORD = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _pdf(stream: bytes, filters: bytes = b"") -> bytes:
    """A one-page PDF of this content stream (reportlab would not write what these tests need)."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d%s >>\nstream\n%s\nendstream" % (len(stream), filters, stream),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    trailer = b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n"
    return out + trailer % (len(objects) + 1, xref)


def _pdf_with_a_nul() -> bytes:
    text = b"(Experiencia) Tj 0 -14 Td (Ingeniera\\000 de datos, Acme, 2019 - hoy) Tj"
    return _pdf(b"BT /F1 12 Tf 50 700 Td " + text + b" ET")


def test_a_nul_character_in_a_pdf_cv_is_dropped_so_accepting_it_is_not_a_500(
    client: Client, expert_owner: User, expert: ExpertProfile
) -> None:
    client.force_login(expert_owner)
    upload = SimpleUploadedFile("cv.pdf", _pdf_with_a_nul())
    assert client.post(reverse("prefill:cv"), {"cv": upload}).status_code == 302
    page = client.get(reverse("prefill:review", args=["cv"]))
    labels = [choice[1] for choice in page.context["form"].fields["accepted"].choices]
    assert "Ingeniera de datos · Acme · 2019–hoy" in labels
    response = client.post(reverse("prefill:review", args=["cv"]), {"accepted": [0]})
    assert response.status_code == 302
    expert.refresh_from_db()
    assert (expert.current_position, expert.employer) == ("Ingeniera de datos", "Acme")


def test_a_pdf_that_unpacks_past_the_parser_limit_gets_a_clear_error_not_a_500(
    client: Client, expert_owner: User, expert: ExpertProfile
) -> None:
    client.force_login(expert_owner)
    content = b"BT /F1 12 Tf 50 700 Td (Experiencia) Tj ET" + b" " * 80_000_000
    bomb = _pdf(zlib.compress(content, 9), filters=b" /Filter /FlateDecode")
    assert len(bomb) < 200_000
    response = client.post(reverse("prefill:cv"), {"cv": SimpleUploadedFile("cv.pdf", bomb)})
    assert response.status_code == 400
    assert "No pudimos leer este PDF. ¿Está dañado?" in response.content.decode()


def _docx_with_body(document_xml: str) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(docx_bytes("Experiencia")))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in source.namelist():
            data = source.read(name)
            if name == "word/document.xml":
                data = document_xml.encode()
            archive.writestr(name, data)
    return buffer.getvalue()


@pytest.mark.parametrize(
    "document_xml",
    [
        f"<w:document {WORD}></w:document>",
        f"<w:document {WORD}><w:body><w:tbl><w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/>"
        "</w:tc></w:tr></w:tbl></w:body></w:document>",
        f'<w:document {WORD}><w:body><w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val="x"/>'
        "</w:tcPr><w:p/></w:tc></w:tr></w:tbl></w:body></w:document>",
    ],
    ids=["no body", "merged cell without a row above", "span that is not a number"],
)
def test_a_docx_with_a_malformed_body_gets_a_clear_error_not_a_500(
    client: Client, expert_owner: User, expert: ExpertProfile, document_xml: str
) -> None:
    client.force_login(expert_owner)
    upload = SimpleUploadedFile("cv.docx", _docx_with_body(document_xml))
    response = client.post(reverse("prefill:cv"), {"cv": upload})
    assert response.status_code == 400
    assert "El DOCX está dañado." in response.content.decode()
