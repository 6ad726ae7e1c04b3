"""Institution logos are bounded and re-encoded on upload (issue 18): a decompression bomb is
refused with a translated error, a PNG/script polyglot is stored as a clean PNG, metadata is
stripped."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image, PngImagePlugin

from profiles.models import Institution, State
from profiles.services.institutions import institution_register, institution_update
from tests.factories.profiles import UserFactory

pytestmark = pytest.mark.django_db

PAYLOAD = b"<script>alert(document.domain)</script>"
TOO_LARGE = "La imagen del logotipo es demasiado grande: puede tener como máximo 4 megapíxeles"


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _encoded(image: Image.Image, fmt: str, **options) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format=fmt, **options)
    return buffer.getvalue()


def _upload(content: bytes, name: str = "logo.png", content_type: str = "image/png"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def _register_with(client, logo) -> str:
    client.force_login(UserFactory())
    response = client.post(
        reverse("profiles:institution_register"),
        {
            "name": "Centro de Investigación en Matemáticas",
            "kind": "research_centre",
            "state": State.objects.get(code="11").pk,
            "logo": logo,
        },
    )
    return response.content.decode()


def _stored_logo() -> bytes:
    institution = Institution.objects.get()
    with institution.logo.open("rb") as stored:
        return stored.read()


def test_a_100_megapixel_png_is_refused_with_a_translated_form_error(client):
    bomb = _encoded(Image.new("1", (10_000, 10_000)), "PNG")
    assert len(bomb) < 1024 * 1024  # small on disk: only the pixel count gives it away

    html = _register_with(client, _upload(bomb))

    assert TOO_LARGE in html
    assert "4000 píxeles por lado" in html
    assert not Institution.objects.exists()


@pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning")
def test_a_picture_just_over_the_pixel_limit_is_refused(client):
    html = _register_with(client, _upload(_encoded(Image.new("1", (2500, 2000)), "PNG")))

    assert TOO_LARGE in html
    assert not Institution.objects.exists()


def test_a_picture_with_too_long_a_side_is_refused_by_the_service_too():
    banner = _upload(_encoded(Image.new("RGB", (4001, 10)), "PNG"))

    with pytest.raises(ValidationError) as refused:
        institution_register(
            by=UserFactory(),
            name="Instituto de Pruebas",
            kind="university",
            state=State.objects.get(code="11"),
            logo=banner,
        )

    assert TOO_LARGE in refused.value.message_dict["logo"][0]
    assert not Institution.objects.exists()


def test_a_png_script_polyglot_is_stored_as_a_clean_png_without_the_payload(client):
    original = _encoded(Image.new("RGB", (32, 32), (11, 93, 107)), "PNG")

    _register_with(client, _upload(original + PAYLOAD))

    stored = _stored_logo()
    assert PAYLOAD not in stored
    assert b"<script" not in stored
    assert stored.endswith(b"IEND\xaeB`\x82")
    with Image.open(io.BytesIO(stored)) as image:
        assert (image.format, image.size) == ("PNG", (32, 32))
        assert image.convert("RGB").getpixel((5, 5)) == (11, 93, 107)


def test_exif_and_text_metadata_are_stripped(client, institution, institution_admin):
    exif = Image.Exif()
    exif[0x010E] = "Oficina secreta, Calle 5"  # ImageDescription
    exif[0x013B] = "Fotógrafa Interna"  # Artist
    jpeg = _encoded(Image.new("RGB", (40, 20), (200, 10, 10)), "JPEG", exif=exif.tobytes())
    assert b"Oficina secreta" in jpeg

    institution_update(
        institution=institution,
        by=institution_admin,
        logo=_upload(jpeg, "logo.jpg", "image/jpeg"),
    )

    with institution.logo.open("rb") as stored_file:
        stored = stored_file.read()
    assert b"Oficina secreta" not in stored
    assert b"Exif" not in stored
    with Image.open(io.BytesIO(stored)) as image:
        assert image.format == "JPEG"
        assert dict(image.getexif()) == {}
        assert image.size == (40, 20)
    assert institution.logo.name.endswith(".jpg")

    text = PngImagePlugin.PngInfo()
    text.add_text("Comment", "dato interno")
    png = _encoded(Image.new("RGBA", (8, 8), (0, 0, 0, 0)), "PNG", pnginfo=text)
    institution_update(institution=institution, by=institution_admin, logo=_upload(png))

    with institution.logo.open("rb") as stored_file:
        stored = stored_file.read()
    assert b"dato interno" not in stored
    with Image.open(io.BytesIO(stored)) as image:
        assert image.mode == "RGBA"  # transparency kept
        assert image.text == {}


def test_an_exif_rotated_photo_is_stored_upright(institution, institution_admin):
    exif = Image.Exif()
    exif[0x0112] = 6  # Orientation: rotate 90° clockwise to display
    jpeg = _encoded(Image.new("RGB", (40, 20)), "JPEG", exif=exif.tobytes())

    institution_update(
        institution=institution, by=institution_admin, logo=_upload(jpeg, "x.jpg", "image/jpeg")
    )

    with institution.logo.open("rb") as stored, Image.open(stored) as image:
        assert image.size == (20, 40)


def test_a_logo_uploaded_by_staff_in_the_admin_is_re_encoded_too(client, staff, institution):
    client.force_login(staff)
    original = _encoded(Image.new("RGB", (16, 16), (1, 2, 3)), "PNG")
    form = {
        "name": institution.name,
        "slug": institution.slug,
        "kind": institution.kind,
        "state": institution.state_id,
        "municipality": institution.municipality,
        "website": institution.website,
        "description": "",
        "logo": _upload(original + PAYLOAD, "Escudo.png"),
        "memberships-TOTAL_FORMS": "0",
        "memberships-INITIAL_FORMS": "0",
        "invitations-TOTAL_FORMS": "0",
        "invitations-INITIAL_FORMS": "0",
    }

    response = client.post(
        reverse("admin:profiles_institution_change", args=[institution.pk]), form
    )

    assert response.status_code == 302
    institution.refresh_from_db()
    assert institution.logo.name.startswith("logos/escudo")
    with institution.logo.open("rb") as stored:
        assert PAYLOAD not in stored.read()
