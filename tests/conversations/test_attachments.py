"""Attachments: the type is read from the bytes (not the name), the size is limited, empty or
unknown files are refused with a clear error, and files are downloaded only through a view
that checks who asks (never from a public MEDIA url)."""

import io
import zipfile

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from conversations.models import Message

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 40
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 40
PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n"


def _office(member: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(member, "<x/>")
    return buffer.getvalue()


def _post(client: Client, thread, name: str, data: bytes, content_type: str = "x/y"):
    url = reverse("conversations:thread", args=[thread.engagement_id])
    upload = SimpleUploadedFile(name, data, content_type=content_type)
    return client.post(url, {"body": "Te adjunto el archivo", "attachment": upload})


@pytest.fixture
def client_of(liaison) -> Client:
    client = Client()
    client.force_login(liaison)
    return client


@pytest.mark.parametrize(
    ("name", "data", "mime", "stored"),
    [
        ("informe.pdf", PDF, "application/pdf", "informe.pdf"),
        ("foto.png", PNG, "image/png", "foto.png"),
        ("foto.jpeg", JPEG, "image/jpeg", "foto.jpg"),
        (
            "plan.docx",
            _office("word/document.xml"),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "plan.docx",
        ),
        (
            "cifras.xlsx",
            _office("xl/workbook.xml"),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "cifras.xlsx",
        ),
        ("notas.txt", "Acta de la reunión: ñandú\n".encode(), "text/plain", "notas.txt"),
        # The name lies: the bytes say PNG, and the stored name says so too.
        ("informe.pdf", PNG, "image/png", "informe.png"),
    ],
)
def test_accepted_files_are_typed_by_their_bytes(client_of, thread, name, data, mime, stored):
    response = _post(client_of, thread, name, data)

    assert response.status_code == 302
    message = Message.objects.get()
    assert (message.attachment_type, message.attachment_name, message.attachment_size) == (
        mime,
        stored,
        len(data),
    )
    assert not str(message.attachment.path).startswith(str(settings.MEDIA_ROOT))


@pytest.mark.parametrize(
    ("name", "data", "error"),
    [
        ("vacio.pdf", b"", "El archivo está vacío."),
        ("programa.pdf", b"MZ\x90\x00\x03\x00\x00\x00binary", "No aceptamos este tipo de archivo"),
        ("pagina.pdf", b"<html>\x00</html>", "No aceptamos este tipo de archivo"),
        ("archivo.zip", _office("otra/cosa.xml"), "No aceptamos este tipo de archivo"),
        ("grande.pdf", PDF + b"0" * (1024 * 1024), "El archivo pesa más de 1 MB."),
    ],
)
def test_empty_unknown_or_too_big_files_are_refused_with_a_clear_error(
    client_of, thread, settings, name, data, error
):
    settings.CONVERSATIONS_ATTACHMENT_MAX_MB = 1

    response = _post(client_of, thread, name, data, content_type="application/pdf")

    assert response.status_code == 400
    assert error in response.content.decode()
    assert not Message.objects.exists()


def test_participants_download_an_attachment_others_get_a_404(
    client_of, thread, expert, stranger, teammate
):
    _post(client_of, thread, "informe.pdf", PDF)
    message = Message.objects.get()
    url = reverse("conversations:attachment", args=[thread.engagement_id, message.pk])

    def get(user):
        client = Client()
        client.force_login(user)
        return client.get(url)

    downloaded = get(expert.user)
    assert downloaded.status_code == 200
    assert b"".join(downloaded.streaming_content) == PDF
    assert downloaded["Content-Type"] == "application/pdf"
    assert downloaded["Content-Disposition"] == 'attachment; filename="informe.pdf"'
    assert downloaded["Cache-Control"] == "private, no-store"
    assert get(teammate).status_code == 200
    assert get(stranger).status_code == 404
    other = reverse("conversations:attachment", args=[thread.engagement_id + 1000, message.pk])
    assert Client().get(other).status_code == 302  # anonymous: sign in first
    assert (
        settings.MEDIA_URL
        not in client_of.get(
            reverse("conversations:thread", args=[thread.engagement_id])
        ).content.decode()
    )
