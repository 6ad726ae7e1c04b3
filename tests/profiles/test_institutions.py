"""Institutions: registration, the public page, editing, verification by platform staff.

Personas from tests/conftest.py: institution_admin, teammate, stranger (a liaison of another
institution), staff; plus a newcomer (logged in, member of no institution yet)."""

import io
import os

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from profiles import events
from profiles.models import AuditEntry, Institution, Membership, State
from profiles.services.institutions import (
    institution_register,
    institution_reject,
    institution_update,
    institution_verify,
)
from tests.factories.profiles import InstitutionFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


# --- Personas and helpers ---------------------------------------------------------------------


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def newcomer():
    return UserFactory()


def image_file(name="logo.png", size=(64, 64), fmt="PNG", noise=False):
    if noise:
        image = Image.frombytes("RGB", size, os.urandom(size[0] * size[1] * 3))
    else:
        image = Image.new("RGB", size, (11, 93, 107))
    buffer = io.BytesIO()
    image.save(buffer, format=fmt)
    content_type = {"PNG": "image/png", "JPEG": "image/jpeg", "GIF": "image/gif"}[fmt]
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=content_type)


def register_data(**overrides):
    data = {
        "name": "Centro de Investigación en Matemáticas",
        "kind": "research_centre",
        "state": State.objects.get(code="11").pk,
        "municipality": "Guanajuato",
        "website": "cimat.mx",
        "description": "Matemáticas, estadística y computación.",
    }
    data.update(overrides)
    return data


def edit_data(institution, **overrides):
    data = {
        "name": institution.name,
        "kind": institution.kind,
        "state": institution.state_id,
        "municipality": institution.municipality,
        "website": institution.website,
        "description": institution.description,
    }
    data.update(overrides)
    return data


# --- My institutions --------------------------------------------------------------------------


def test_my_institutions_shows_each_institution_with_role_and_verification(
    client, institution, institution_admin
):
    pending = InstitutionFactory(
        name="Clúster Automotriz", verification_status="pending", verified_at=None
    )
    MembershipFactory(institution=pending, user=institution_admin, role="liaison")
    client.force_login(institution_admin)

    response = client.get(reverse("profiles:institution_mine"))

    html = response.content.decode()
    assert response.status_code == 200
    assert institution.name in html
    assert "Clúster Automotriz" in html
    assert "Administrador de la institución" in html
    assert "Enlace" in html
    assert "Verificada" in html
    assert "Pendiente de verificación" in html


def test_my_institutions_empty_state_invites_to_register(client, newcomer):
    client.force_login(newcomer)

    response = client.get(reverse("profiles:institution_mine"))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Todavía no perteneces a ninguna institución" in html
    assert reverse("profiles:institution_register") in html
    assert "Registra tu institución" in html


def test_my_institutions_requires_login(client):
    response = client.get(reverse("profiles:institution_mine"))

    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_my_institutions_query_count_does_not_grow_with_institutions(
    client, django_assert_max_num_queries
):
    user = UserFactory()
    for _ in range(3):
        MembershipFactory(user=user)
    client.force_login(user)
    with django_assert_max_num_queries(8) as few:
        client.get(reverse("profiles:institution_mine"))
    for _ in range(15):
        MembershipFactory(user=user)

    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("profiles:institution_mine"))

    assert response.content.decode().count('data-testid="institution-card"') == 18


# --- Register ---------------------------------------------------------------------------------


def test_register_form_lists_all_states_with_the_region_first(client, newcomer):
    client.force_login(newcomer)

    response = client.get(reverse("profiles:institution_register"))

    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<option value=") >= 32 + len(Institution.Kind.choices)
    assert '<optgroup label="Centro Occidente">' in html
    assert '<optgroup label="Otros estados">' in html
    assert html.index("Michoacán") < html.index("Otros estados") < html.index("Yucatán")


def test_register_creates_a_pending_institution_administered_by_the_registrant(client, newcomer):
    client.force_login(newcomer)

    response = client.post(
        reverse("profiles:institution_register"),
        {**register_data(), "logo": image_file("Logo CIMAT.PNG")},
        follow=True,
    )

    institution = Institution.objects.get(name="Centro de Investigación en Matemáticas")
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == reverse(
        "profiles:institution_detail", args=[institution.slug]
    )
    assert "pendiente hasta que el equipo de la plataforma la verifique" in (
        response.content.decode()
    )
    assert institution.slug == "centro-de-investigacion-en-matematicas"
    assert institution.verification_status == "pending"
    assert institution.website == "https://cimat.mx"
    assert institution.created_by == newcomer
    assert institution.logo.name.startswith("logos/logo-cimat")
    assert institution.logo.name.endswith(".png")
    membership = Membership.objects.get(institution=institution)
    assert (membership.user, membership.role) == (newcomer, "admin")
    assert AuditEntry.objects.filter(action="institution.register", actor=newcomer).exists()


def test_register_gives_a_unique_slug_and_never_a_reserved_one(newcomer):
    state = State.objects.get(code="14")
    InstitutionFactory(name="Otra", slug="universidad-jalisco")

    first = institution_register(
        by=newcomer, name="Universidad  Jalisco", kind="university", state=state
    )
    reserved = institution_register(by=newcomer, name="Registrar", kind="company", state=state)

    assert first.name == "Universidad Jalisco"
    assert first.slug == "universidad-jalisco-2"
    assert reserved.slug == "registrar-2"


def test_register_refuses_the_name_of_an_existing_institution(client, newcomer, institution):
    client.force_login(newcomer)

    response = client.post(
        reverse("profiles:institution_register"),
        register_data(name=institution.name.lower()),
    )

    assert response.status_code == 200
    assert "Ya hay una institución registrada con ese nombre" in response.content.decode()
    assert Institution.objects.count() == 1


def test_register_with_missing_fields_shows_translated_errors(client, newcomer):
    client.force_login(newcomer)

    response = client.post(reverse("profiles:institution_register"), {"name": ""})

    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("Este campo es requerido.") == 3
    assert not Institution.objects.exists()


def test_oversize_logo_is_refused_with_a_translated_error_keeping_the_other_fields(
    client, newcomer
):
    client.force_login(newcomer)
    big = image_file(size=(800, 800), noise=True)
    assert big.size > 1024 * 1024

    response = client.post(
        reverse("profiles:institution_register"), {**register_data(), "logo": big}
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "El logotipo pesa más de 1 MB" in html
    assert 'value="Centro de Investigación en Matemáticas"' in html
    assert "Matemáticas, estadística y computación." in html
    assert not Institution.objects.exists()


def test_non_image_logo_is_refused_with_a_translated_error(client, newcomer):
    client.force_login(newcomer)
    fake = SimpleUploadedFile("logo.png", b"%PDF-1.4 not an image", content_type="image/png")

    response = client.post(
        reverse("profiles:institution_register"), {**register_data(), "logo": fake}
    )

    assert response.status_code == 200
    assert "Sube una imagen válida" in response.content.decode()  # tú, not usted (issue 12)
    assert not Institution.objects.exists()


def test_logo_in_an_unsupported_image_format_is_refused(client, newcomer):
    client.force_login(newcomer)

    response = client.post(
        reverse("profiles:institution_register"),
        {**register_data(), "logo": image_file("logo.gif", fmt="GIF")},
    )

    assert response.status_code == 200
    assert "El logotipo debe ser una imagen PNG, JPG o WebP." in response.content.decode()
    assert not Institution.objects.exists()


# --- Public page ------------------------------------------------------------------------------


def test_verified_institution_page_is_public_without_contact_data(
    client, institution_admin, institution
):
    response = client.get(reverse("profiles:institution_detail", args=[institution.slug]))

    html = response.content.decode()
    assert response.status_code == 200
    assert institution.name in html
    assert "Verificada" in html
    assert institution_admin.email not in html


def test_pending_institution_is_visible_to_its_members_only(
    client, anonymous, institution, teammate, stranger, staff
):
    Institution.objects.filter(pk=institution.pk).update(
        verification_status="pending", verified_at=None
    )
    url = reverse("profiles:institution_detail", args=[institution.slug])

    as_anonymous = anonymous.get(url)
    client.force_login(stranger)
    as_stranger = client.get(url)
    client.force_login(teammate)
    as_teammate = client.get(url)
    client.force_login(staff)
    as_staff = client.get(url)

    assert as_anonymous.status_code == 404
    assert as_stranger.status_code == 404
    assert as_teammate.status_code == 200
    assert "Pendiente de verificación." in as_teammate.content.decode()
    assert as_staff.status_code == 200


def test_rejected_institution_shows_the_reason_to_its_admin(
    client, institution, institution_admin, staff
):
    institution_reject(institution=institution, by=staff, reason="El sitio web no corresponde.")
    client.force_login(institution_admin)

    response = client.get(reverse("profiles:institution_detail", args=[institution.slug]))

    assert response.status_code == 200
    assert "El sitio web no corresponde." in response.content.decode()


def test_unknown_institution_is_404(client):
    response = client.get(reverse("profiles:institution_detail", args=["no-existe"]))

    assert response.status_code == 404


# --- Edit -------------------------------------------------------------------------------------


def test_institution_admin_edits_the_institution(client, institution_admin, institution):
    client.force_login(institution_admin)

    response = client.post(
        reverse("profiles:institution_edit", args=[institution.slug]),
        edit_data(institution, description="Nueva descripción", municipality="Villa de Álvarez"),
    )

    institution.refresh_from_db()
    assert response.status_code == 302
    assert institution.description == "Nueva descripción"
    assert institution.municipality == "Villa de Álvarez"
    entry = AuditEntry.objects.get(action="institution.update")
    assert entry.actor == institution_admin
    assert entry.note == "description, municipality"


def test_verified_institution_name_cannot_be_changed_by_its_admins(
    client, institution_admin, institution
):
    client.force_login(institution_admin)
    name = institution.name

    page = client.get(reverse("profiles:institution_edit", args=[institution.slug]))
    client.post(
        reverse("profiles:institution_edit", args=[institution.slug]),
        edit_data(institution, name="Universidad Falsa"),
    )

    institution.refresh_from_db()
    assert "ya está verificada" in page.content.decode()
    assert institution.name == name
    with pytest.raises(ValidationError):
        institution_update(institution=institution, by=institution_admin, name="Universidad Falsa")


def test_editing_a_rejected_institution_sends_it_back_to_the_queue(
    institution_admin, institution, staff
):
    institution_reject(institution=institution, by=staff, reason="Falta el sitio web.")

    institution_update(institution=institution, by=institution_admin, website="https://www.ucol.mx")

    institution.refresh_from_db()
    assert institution.verification_status == "pending"
    assert institution.rejection_reason == ""
    assert AuditEntry.objects.filter(action="institution.resubmit").exists()


def test_oversize_logo_on_edit_keeps_the_saved_data_and_logo(
    client, institution_admin, institution
):
    institution_update(institution=institution, by=institution_admin, logo=image_file("first.png"))
    institution.refresh_from_db()
    saved_logo = institution.logo.name
    client.force_login(institution_admin)

    response = client.post(
        reverse("profiles:institution_edit", args=[institution.slug]),
        {
            **edit_data(institution, description="Texto que no debe perderse"),
            "logo": image_file(size=(800, 800), noise=True),
        },
    )

    html = response.content.decode()
    institution.refresh_from_db()
    assert response.status_code == 200
    assert "El logotipo pesa más de 1 MB" in html
    assert "Texto que no debe perderse" in html
    assert institution.logo.name == saved_logo
    assert institution.description == ""


def test_institution_admin_replaces_and_clears_the_logo(client, institution_admin, institution):
    client.force_login(institution_admin)
    url = reverse("profiles:institution_edit", args=[institution.slug])

    client.post(url, {**edit_data(institution), "logo": image_file("a.jpg", fmt="JPEG")})
    institution.refresh_from_db()
    first = institution.logo.name
    client.post(url, {**edit_data(institution), "logo-clear": "on"})
    institution.refresh_from_db()

    assert first.endswith(".jpg")
    assert not institution.logo


@pytest.mark.parametrize("persona", ["teammate", "stranger"])
def test_only_institution_admins_can_open_the_edit_page(client, request, institution, persona):
    user = request.getfixturevalue(persona)
    client.force_login(user)
    url = reverse("profiles:institution_edit", args=[institution.slug])

    get = client.get(url)
    post = client.post(url, edit_data(institution, description="Hackeado"))

    institution.refresh_from_db()
    assert get.status_code == 404
    assert post.status_code == 404
    assert institution.description == ""


def test_update_service_refuses_non_admins(teammate, institution):
    with pytest.raises(PermissionDenied):
        institution_update(institution=institution, by=teammate, description="x")


# --- Verification by platform staff -----------------------------------------------------------


def test_staff_verifies_an_institution_with_an_audit_entry_and_an_event(staff):
    institution = InstitutionFactory(verification_status="pending", verified_at=None)
    received = []

    def receiver(sender, **kwargs):
        received.append(kwargs)

    events.institution_verified.connect(receiver)
    try:
        institution_verify(institution=institution, by=staff)
        institution_verify(institution=institution, by=staff)
    finally:
        events.institution_verified.disconnect(receiver)

    institution.refresh_from_db()
    assert institution.verification_status == "verified"
    assert institution.verified_at is not None
    entry = AuditEntry.objects.get(action="institution.verify")
    assert entry.actor == staff
    assert entry.created_at is not None
    assert entry.content_type == ContentType.objects.get_for_model(Institution)
    assert entry.object_id == str(institution.pk)
    assert received == [
        {
            "signal": events.institution_verified,
            "institution_id": institution.pk,
            "by_id": staff.pk,
            "reason": "",
        }
    ]


def test_staff_rejects_with_a_reason_recorded_in_the_audit_log(staff):
    institution = InstitutionFactory(verification_status="pending", verified_at=None)
    received = []

    def receiver(sender, **kwargs):
        received.append(kwargs["reason"])

    events.institution_rejected.connect(receiver)
    try:
        institution_reject(institution=institution, by=staff, reason="  No es una institución.  ")
    finally:
        events.institution_rejected.disconnect(receiver)

    institution.refresh_from_db()
    assert institution.verification_status == "rejected"
    assert institution.rejection_reason == "No es una institución."
    entry = AuditEntry.objects.get(action="institution.reject")
    assert (entry.actor, entry.note) == (staff, "No es una institución.")
    assert received == ["No es una institución."]


def test_reject_requires_a_reason(staff):
    institution = InstitutionFactory(verification_status="pending", verified_at=None)

    with pytest.raises(ValidationError) as error:
        institution_reject(institution=institution, by=staff, reason="   ")

    institution.refresh_from_db()
    assert "Escribe el motivo del rechazo" in str(error.value)
    assert institution.verification_status == "pending"
    assert not AuditEntry.objects.exists()


@pytest.mark.parametrize("persona", ["institution_admin", "teammate", "stranger"])
def test_only_platform_staff_can_verify_or_reject(request, institution, persona):
    user = request.getfixturevalue(persona)
    Institution.objects.filter(pk=institution.pk).update(verification_status="pending")

    with pytest.raises(PermissionDenied):
        institution_verify(institution=institution, by=user)
    with pytest.raises(PermissionDenied):
        institution_reject(institution=institution, by=user, reason="porque sí")

    institution.refresh_from_db()
    assert institution.verification_status == "pending"
