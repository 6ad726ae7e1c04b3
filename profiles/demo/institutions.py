"""Demo institutions across the Centro Occidente region, with liaison users who can log in.

Called by `manage.py seed_demo`. Idempotent: institutions are keyed by slug and users by
e-mail; running it again updates descriptions but never duplicates rows, resets passwords of
existing users, or undoes a moderator's verification decision.
"""

from io import TextIOBase
from typing import Any

from django.db import transaction
from django.utils import timezone

from profiles.demo.base import DEMO_PASSWORD, demo_user
from profiles.models import Institution, Membership, State

ADMIN = Membership.Role.ADMIN
LIAISON = Membership.Role.LIAISON

# One dict per institution; "state" is the INEGI code, "status" defaults to verified, and
# "members" lists (e-mail, name, role), the first being the one who registered it.
INSTITUTIONS: list[dict[str, Any]] = [
    {
        "slug": "universidad-de-guadalajara",
        "name": "Universidad de Guadalajara",
        "kind": Institution.Kind.UNIVERSITY,
        "state": "14",
        "municipality": "Guadalajara",
        "website": "https://www.udg.mx",
        "description": (
            "Red universitaria pública de Jalisco con centros temáticos y regionales. Busca "
            "colaboración en ciencia de datos, salud pública, agua y tecnologías de la "
            "información."
        ),
        "members": [
            ("enlace@udg.example", "Luis Enlace", ADMIN),
            ("vinculacion@udg.example", "Carmen Ruiz Vinculación", LIAISON),
        ],
    },
    {
        "slug": "cinvestav-irapuato",
        "name": "Cinvestav Unidad Irapuato",
        "kind": Institution.Kind.RESEARCH_CENTRE,
        "state": "11",
        "municipality": "Irapuato",
        "website": "https://www.ira.cinvestav.mx",
        "description": (
            "Centro de investigación en biotecnología de plantas, genómica y bioquímica. "
            "Interesado en co-dirección de tesis y estancias de investigadores en el extranjero."
        ),
        "members": [("enlace@ira-cinvestav.example", "Rocío Herrera Campos", ADMIN)],
    },
    {
        "slug": "universidad-de-guanajuato",
        "name": "Universidad de Guanajuato",
        "kind": Institution.Kind.UNIVERSITY,
        "state": "11",
        "municipality": "Guanajuato",
        "website": "https://www.ugto.mx",
        "description": (
            "Universidad pública con campus en todo el estado. Colabora en ingeniería, "
            "ciencias de la salud, astronomía y estudios de migración."
        ),
        "members": [("enlace@ugto.example", "Jorge Alberto Muñoz", ADMIN)],
    },
    {
        "slug": "universidad-michoacana",
        "name": "Universidad Michoacana de San Nicolás de Hidalgo",
        "kind": Institution.Kind.UNIVERSITY,
        "state": "16",
        "municipality": "Morelia",
        "website": "https://www.umich.mx",
        "description": (
            "Universidad pública de Michoacán. Busca expertos en agronegocios del aguacate, "
            "manejo forestal, química de productos naturales y migración internacional."
        ),
        "members": [("enlace@umich.example", "Guadalupe Torres Zamora", ADMIN)],
    },
    {
        "slug": "ciateq",
        "name": "CIATEQ, Centro de Tecnología Avanzada",
        "kind": Institution.Kind.RESEARCH_CENTRE,
        "state": "22",
        "municipality": "Querétaro",
        "website": "https://www.ciateq.mx",
        "description": (
            "Centro público de investigación en manufactura avanzada, plásticos, sistemas "
            "embebidos y energía. Ofrece proyectos de transferencia de tecnología con la "
            "industria."
        ),
        "members": [("enlace@ciateq.example", "Alejandro Vega Ríos", ADMIN)],
    },
    {
        "slug": "uaslp",
        "name": "Universidad Autónoma de San Luis Potosí",
        "kind": Institution.Kind.UNIVERSITY,
        "state": "24",
        "municipality": "San Luis Potosí",
        "website": "https://www.uaslp.mx",
        "description": (
            "Universidad pública con fortalezas en ingeniería, ciencias ambientales, "
            "metalurgia y medicina."
        ),
        "members": [("enlace@uaslp.example", "Patricia Salazar Loredo", ADMIN)],
    },
    {
        "slug": "universidad-autonoma-de-zacatecas",
        "name": "Universidad Autónoma de Zacatecas",
        "kind": Institution.Kind.UNIVERSITY,
        "state": "32",
        "municipality": "Zacatecas",
        "website": "https://www.uaz.edu.mx",
        "description": (
            "Universidad pública con un doctorado en estudios del desarrollo reconocido por su "
            "trabajo sobre migración y remesas; también minería y ciencias nucleares."
        ),
        "members": [("enlace@uaz.example", "Raúl Delgado Ibarra", ADMIN)],
    },
    {
        "slug": "universidad-de-colima",
        "name": "Universidad de Colima",
        "kind": Institution.Kind.UNIVERSITY,
        "state": "06",
        "municipality": "Colima",
        "website": "https://www.ucol.mx",
        "description": (
            "Universidad pública. Colabora en oceanografía, vulcanología, logística portuaria "
            "y estudios sobre la cuenca del Pacífico."
        ),
        "members": [("enlace@ucol.example", "Mónica Preciado Cárdenas", ADMIN)],
    },
    {
        "slug": "universidad-autonoma-de-nayarit",
        "name": "Universidad Autónoma de Nayarit",
        "kind": Institution.Kind.UNIVERSITY,
        "state": "18",
        "municipality": "Tepic",
        "website": "https://www.uan.edu.mx",
        "description": (
            "Universidad pública con programas en ciencias agropecuarias, pesca, turismo y salud."
        ),
        "members": [("enlace@uan.example", "Ernesto Ulloa Parra", ADMIN)],
    },
    {
        "slug": "universidad-autonoma-de-aguascalientes",
        "name": "Universidad Autónoma de Aguascalientes",
        "kind": Institution.Kind.UNIVERSITY,
        "state": "01",
        "municipality": "Aguascalientes",
        "website": "https://www.uaa.mx",
        "description": (
            "Universidad pública vinculada con la industria automotriz y electrónica del "
            "estado; busca mentores en ingeniería de software y calidad."
        ),
        "members": [("enlace@uaa.example", "Sofía Macías Esparza", ADMIN)],
    },
    {
        "slug": "sicyt-jalisco",
        "name": "Secretaría de Innovación, Ciencia y Tecnología de Jalisco",
        "kind": Institution.Kind.GOVERNMENT,
        "state": "14",
        "municipality": "Guadalajara",
        "website": "https://sicyt.jalisco.gob.mx",
        "description": (
            "Dependencia del gobierno de Jalisco que impulsa la innovación, la ciencia y el "
            "emprendimiento de base tecnológica en el estado."
        ),
        "members": [("enlace@sicyt-jalisco.example", "Daniela Orozco Lara", ADMIN)],
    },
    {
        "slug": "cluster-autopartes-bajio",
        "name": "Clúster de Autopartes del Bajío",
        "kind": Institution.Kind.CLUSTER,
        "state": "11",
        "municipality": "León",
        "website": "https://autopartes-bajio.example",
        "description": (
            "Asociación de proveedores automotrices de Guanajuato, Querétaro y Aguascalientes. "
            "Busca contactos de negocio y expertos en electromovilidad."
        ),
        "status": Institution.Verification.PENDING,
        "members": [("enlace@autopartes-bajio.example", "Hugo Martínez Aranda", ADMIN)],
    },
]


@transaction.atomic
def seed_institutions(*, stdout: TextIOBase | None = None) -> list[Institution]:
    """Create or refresh the demo institutions and their liaison users; return them."""
    states = {s.code: s for s in State.objects.filter(code__in={i["state"] for i in INSTITUTIONS})}
    institutions = []
    for spec in INSTITUTIONS:
        status = spec.get("status", Institution.Verification.VERIFIED)
        members = [(demo_user(email, name), role) for email, name, role in spec["members"]]
        institution, _created = Institution.objects.update_or_create(
            slug=spec["slug"],
            defaults={
                "name": spec["name"],
                "kind": spec["kind"],
                "state": states[spec["state"]],
                "municipality": spec["municipality"],
                "website": spec["website"],
                "description": spec["description"],
            },
            create_defaults={
                "name": spec["name"],
                "kind": spec["kind"],
                "state": states[spec["state"]],
                "municipality": spec["municipality"],
                "website": spec["website"],
                "description": spec["description"],
                "verification_status": status,
                "verified_at": timezone.now() if status == "verified" else None,
                "created_by": members[0][0],
            },
        )
        for user, role in members:
            Membership.objects.update_or_create(
                user=user, institution=institution, defaults={"role": role}
            )
        institutions.append(institution)
    if stdout is not None:
        verified = sum(1 for i in institutions if i.is_verified)
        stdout.write(
            f"Demo institutions: {len(institutions)} ({verified} verified). "
            f"Liaison logins (password: {DEMO_PASSWORD}):\n"
        )
        for spec in INSTITUTIONS:
            for email, _name, role in spec["members"]:
                stdout.write(f"  {role:<8} {email:<34} {spec['name']}\n")
    return institutions
