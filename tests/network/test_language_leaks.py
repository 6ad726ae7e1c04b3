"""One language per page (issue 12): the main pages render in Spanish (tú) and in English with
none of the known leaks: allauth's usted, untranslated English, Spanish left in the English UI,
"hace 0 minutos" and English labels in the Spanish admin (the API's errors: tests/api)."""

import pytest
from django.contrib import admin
from django.core.exceptions import FieldDoesNotExist
from django.urls import reverse
from django.utils import translation
from django.utils.text import camel_case_to_spaces

from tests.factories.matching import MatchFactory
from tests.factories.notifications import NotificationFactory
from tests.factories.projects import PublishedProjectFactory

pytestmark = pytest.mark.django_db

# Known leaks in the Spanish UI: English left over and allauth's or Django's usted.
SPANISH_LEAKS = [
    "Sign Up",
    "Sign In",
    "Password Reset",
    "Email Addresses",
    "Forgot your password",
    "Remember Me",
    "Make Primary",
    "<dt>Home</dt>",
    "Verifique",
    "¿Ya tiene una cuenta",
    "inicie sesión",
    "Introduzca",
    "Escoja",
    "¿Ha olvidado",
    "Ha iniciado sesión",
    "Le hemos enviado",
    "vete a",
    "hace 0 minutos",
    "usted",
    "Match runs",
    "Owner name",
]
# Labels spelt the same in Spanish and English.
SAME_IN_BOTH = {"sector", "total"}
# Known leaks in the English UI: Spanish left over.
ENGLISH_LEAKS = [
    ">Inicio<",
    ">Proyectos<",
    "Mi panel",
    "Mi cuenta",
    "Cerrar sesión",
    "Fecha de inicio",
    "Crear cuenta",
    "¿Qué vienes a hacer?",
    "Primer paso",
    "Invitar a un proyecto",
    "Cómo se calcula",
    "Menú",
    "hace ",
]


@pytest.fixture
def scene(institution, liaison, expert):
    project = PublishedProjectFactory(
        institution=institution, created_by=liaison, title="Inocuidad del aguacate"
    )
    MatchFactory(project=project, expert=expert)
    return project


def _pages(project, expert) -> dict[str, list[str]]:
    return {
        "anonymous": [
            reverse("home"),
            reverse("account_signup"),
            reverse("account_login"),
            reverse("account_reset_password"),
            reverse("projects:list"),
            reverse("projects:detail", args=[project.pk]),
        ],
        "liaison": [
            reverse("projects:dashboard"),
            reverse("projects:detail", args=[project.pk]),
            reverse("matching:project_suggestions", args=[project.pk]),
            reverse("projects:invite_expert", args=[expert.pk]),
            reverse("profiles:expert_detail", args=[expert.pk]),
            reverse("profiles:account"),
            reverse("account_email"),
            reverse("account_change_password"),
        ],
        "expert_owner": [
            reverse("projects:dashboard"),
            reverse("matching:my_suggestions"),
            reverse("profiles:me"),
        ],
    }


def _leaks(html: str, known: list[str]) -> list[str]:
    return [leak for leak in known if leak in html]


@pytest.mark.parametrize(("language", "known"), [("es", SPANISH_LEAKS), ("en", ENGLISH_LEAKS)])
def test_the_main_pages_speak_one_language(request, client, scene, expert, language, known):
    found: dict[str, list[str]] = {}
    # The middleware activates the page's language in this thread: restore it afterwards.
    with translation.override(translation.get_language()):
        for persona, urls in _pages(scene, expert).items():
            client.logout()
            if persona != "anonymous":
                client.force_login(request.getfixturevalue(persona))
            client.cookies["django_language"] = language
            for url in urls:
                response = client.get(url, follow=True)
                assert response.status_code == 200, url
                leaks = _leaks(response.content.decode(), known)
                if leaks:
                    found[f"{persona} {url}"] = leaks
    assert found == {}


def test_the_verification_email_says_tu_and_never_vete_a(client, mailoutbox):
    client.post(
        reverse("account_signup"),
        {
            "role": "expert",
            "name": "Nueva Persona",
            "email": "nueva@example.org",
            "password1": "una-clave-larga-2026",
            "password2": "una-clave-larga-2026",
        },
    )

    body = mailoutbox[0].body
    assert "vete a" not in body
    assert "abre este enlace" in body
    assert mailoutbox[0].subject.endswith("Confirma tu dirección de correo electrónico")


def test_a_recent_notice_says_hace_un_momento(client, expert_owner):
    NotificationFactory(recipient=expert_owner)
    client.force_login(expert_owner)

    html = client.get(reverse("notifications:bell_menu")).content.decode()

    assert "hace un momento" in html
    assert "hace 0 minutos" not in html


def _label_is_automatic(model: type, name: str) -> bool:
    """Django made the label from the code name (English): nobody wrote a Spanish one."""
    opts = model._meta  # noqa: SLF001 - Django's documented model options
    base = name.split("__")[0]
    try:
        field = opts.get_field(base)
    except FieldDoesNotExist:
        return False  # admin methods are checked for a description separately
    return str(field.verbose_name) == base.replace("_", " ") and base not in SAME_IN_BOTH


def _method_without_label(model: type, model_admin: object, name: str) -> bool:
    opts = model._meta  # noqa: SLF001 - Django's documented model options
    try:
        opts.get_field(name.split("__")[0])
    except FieldDoesNotExist:
        attribute = getattr(model_admin, name, None) or getattr(model, name, None)
        return isinstance(attribute, property) or not hasattr(attribute, "short_description")
    return False


def test_every_column_and_filter_of_the_admin_has_a_spanish_label():
    untranslated = []
    with translation.override("es"):
        for model, model_admin in admin.site._registry.items():  # noqa: SLF001 - the admin's
            opts = model._meta  # noqa: SLF001 - Django's documented model options
            if opts.app_label in ("auth", "sites", "account"):
                continue
            if str(opts.verbose_name) == camel_case_to_spaces(opts.object_name):
                untranslated.append(opts.label)
            for name in [*model_admin.list_display, *model_admin.list_filter]:
                if not isinstance(name, str) or name == "__str__":
                    continue
                if _label_is_automatic(model, name) or _method_without_label(
                    model, model_admin, name
                ):
                    untranslated.append(f"{opts.label}.{name}")
    assert untranslated == []
