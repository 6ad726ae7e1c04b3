"""The API explains bad ids in the reader's language, never with DRF's raw wording (issue 12)."""

import pytest

from tests.api.conftest import client_with

pytestmark = pytest.mark.django_db


def test_an_invalid_id_in_the_api_is_explained_in_spanish(institution, liaison, expert, make_key):
    _key, plaintext = make_key()
    api = client_with(plaintext)

    response = api.post(
        "/api/v1/institution/invitations/",
        {"project": 999999, "expert": expert.pk, "message": "Hola"},
        format="json",
        HTTP_ACCEPT_LANGUAGE="es",
    )

    assert response.status_code == 400
    text = str(response.json())
    assert "No existe ningún registro con el identificador «999999»." in text
    assert "Clave primaria" not in text
    assert "Invalid pk" not in text
