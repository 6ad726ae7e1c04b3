"""Demo collaboration needs for local runs: ~20 projects across the region's states and
collaboration types, with interests, invitations, engagements and outcomes.

`seed_projects()` uses whatever institutions (with members) and onboarded experts exist —
run `profiles.demo_institutions.seed_institutions` and `profiles.demo.seed_experts` first —
and skips gracefully when there are too few. Everything goes through projects.services, so
the workflow log, events and capacity rules apply as in real use. Idempotent: a project is
keyed by (institution, title); one that exists is left as it is, with its activity.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TextIO

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from profiles.models import (
    ExpertProfile,
    ExpertSkill,
    FieldOfScience,
    Institution,
    Membership,
    Skill,
    State,
    User,
)
from projects import services
from projects.models import Engagement, Project


@dataclass(frozen=True)
class DemoProject:
    title: str
    institutions: tuple[str, ...]  # preferred institution slugs, first existing wins
    state: str  # INEGI code; also the fallback for picking an institution
    municipality: str
    collaboration_type: str
    modality: str
    summary: str
    description: str
    required: str  # skill slugs
    nice: str = ""
    fields: str = ""  # Frascati codes
    languages: str = "es"
    hours: int = 8
    months: int = 6
    compensation: str = "pro_bono"
    experts_sought: int = 1
    visibility: str = "public"
    deadline_days: int = 45
    # What happens to it: draft, submitted, rejected, published, closed, in_progress,
    # completed. Published ones get activity according to `activity`.
    fate: str = "published"
    activity: str = "interest invitation"
    rejection: str = ""
    outcomes: tuple[tuple[str, str], ...] = field(default_factory=tuple)


P = DemoProject

# fmt: off
PROJECTS: tuple[DemoProject, ...] = (
    P("Co-director de tesis sobre cadenas de suministro de aguacate",
      ("universidad-michoacana",), "16", "Morelia", "thesis_cosupervision", "hybrid",
      "Buscamos co-director externo para una tesis de maestría sobre la logística de "
      "exportación del aguacate michoacano.",
      "La Facultad de Economía tiene una estudiante de maestría que analiza los cuellos de "
      "botella entre huerta, empacadora y frontera. Buscamos a alguien con experiencia en "
      "cadenas de suministro agroalimentarias que co-dirija la tesis: una reunión virtual "
      "al mes, revisión de capítulos y, si es posible, una visita a Uruapan.",
      "supply-chain avocado-production", "logistics agrifood-exports", "4.1 5.2",
      "es en", 6, 12, "pro_bono travel_covered", activity="engaged_interest invitation",
      outcomes=(("thesis", "Protocolo de tesis aprobado por el comité académico"),)),
    P("Experto en regulación de dispositivos médicos (COFEPRIS/FDA)",
      ("sicyt-jalisco", "universidad-de-guadalajara"), "14", "Guadalajara", "consulting",
      "remote",
      "Consultoría de dos meses para que empresas del clúster médico de Jalisco preparen "
      "expedientes ante COFEPRIS y la FDA.",
      "Diez empresas jaliscienses de dispositivos médicos clase II quieren exportar. "
      "Necesitamos a una persona con experiencia en registros sanitarios, ISO 13485 y "
      "controles de diseño que revise sus expedientes y dé dos talleres.",
      "medical-device-regulation fda-regulation cofepris-regulation",
      "iso-13485 design-controls", "2.6 3.4", "es en", 20, 2, "honorarium",
      activity="engaged_invitation interest",
      outcomes=(("course", "Taller de expedientes regulatorios para 10 empresas"),)),
    P("Mentoría para productores de berries que exportan por primera vez",
      ("universidad-de-guadalajara",), "14", "Zapotlán el Grande", "mentoring", "remote",
      "Acompañamiento a cooperativas del sur de Jalisco en certificaciones y primeros "
      "embarques de berries a Canadá.",
      "Tres cooperativas de frambuesa y zarzamora quieren vender directo a Canadá. Buscamos "
      "mentoría sobre certificaciones, inocuidad y negociación con distribuidores.",
      "berry-production agricultural-certifications", "food-safety agrifood-exports",
      "4.1 5.2", "es en", 4, 6, "pro_bono", experts_sought=2,
      activity="interest declined_interest"),
    P("Genómica de agave para mejorar variedades tequileras",
      ("cinvestav-irapuato",), "11", "Irapuato", "joint_research", "hybrid",
      "Proyecto de investigación conjunta sobre marcadores genómicos de resistencia en "
      "agave azul.",
      "El laboratorio de genómica vegetal secuenció 40 accesiones de agave. Buscamos "
      "colaboración en bioinformática y mejoramiento para identificar marcadores de "
      "resistencia a la marchitez; posible estancia de un mes.",
      "genomics bioinformatics", "plant-breeding agave-cultivation", "1.6 4.4", "es en",
      10, 18, "funded travel_covered", experts_sought=2, activity="engaged_invitation interest",
      outcomes=(("grant", "Propuesta conjunta aprobada en convocatoria binacional"),)),
    P("Ciencia de datos para la vigilancia epidemiológica estatal",
      ("universidad-de-guanajuato",), "11", "Guanajuato", "joint_research", "remote",
      "Modelos de predicción de brotes de dengue con datos abiertos de salud del estado.",
      "Junto con la Secretaría de Salud tenemos diez años de datos de casos y clima. Buscamos "
      "experiencia en epidemiología computacional y aprendizaje automático para un modelo de "
      "alerta temprana.",
      "epidemiology data-science", "machine-learning public-health", "3.3 1.2", "es en", 8,
      12, "pro_bono", activity="interest invitation"),
    P("Curso de manufactura aditiva para la industria aeroespacial",
      ("ciateq",), "22", "El Marqués", "training", "on_site",
      "Curso intensivo de una semana para ingenieros de proveedores aeroespaciales de "
      "Querétaro.",
      "Proveedores Tier 2 de Querétaro quieren certificar piezas impresas en metal. Buscamos "
      "a alguien que imparta un curso práctico sobre diseño para manufactura aditiva y "
      "calificación de piezas.",
      "additive-manufacturing aerospace-engineering", "metallurgy quality-management",
      "2.3 2.5", "es en", 40, 1, "honorarium travel_covered", activity="engaged_interest",
      fate="completed",
      outcomes=(("course", "Curso impartido a 24 ingenieros de 9 empresas"),
                ("hire", "Un proveedor contrató a un egresado del curso como líder de AM"))),
    P("Gestión del agua subterránea en el altiplano potosino",
      ("uaslp",), "24", "San Luis Potosí", "joint_research", "hybrid",
      "Investigación conjunta sobre recarga de acuíferos y reúso de agua en la zona "
      "metropolitana.",
      "El Centro del Agua modela el acuífero de San Luis Potosí. Buscamos colaboración en "
      "hidrología y reúso para proponer un plan de gestión a las autoridades.",
      "hydrology water-management", "water-reuse water-governance", "1.5 2.7", "es en", 8,
      12, "funded", activity="invitation declined_invitation"),
    P("Transferencia de tecnología para una spin-off de biofertilizantes",
      ("universidad-autonoma-de-zacatecas",), "32", "Zacatecas", "technology_transfer",
      "remote",
      "Acompañar el licenciamiento de una patente universitaria de biofertilizantes.",
      "Tenemos una patente concedida y un prototipo probado en frijol. Buscamos experiencia "
      "en licenciamiento, valuación de tecnología y creación de empresas de base "
      "tecnológica.",
      "tech-transfer technology-licensing", "academic-spin-offs intellectual-property",
      "4.4 5.2", "es en", 6, 9, "pro_bono", activity="engaged_interest",
      fate="in_progress",
      outcomes=(("patent", "Contrato de licencia firmado con una empresa de Fresnillo"),)),
    P("Inversionistas ángeles para startups agrotecnológicas de Colima",
      ("universidad-de-colima",), "06", "Colima", "investment", "remote",
      "Conectar a cinco startups incubadas con inversionistas de la diáspora.",
      "La incubadora universitaria tiene cinco startups listas para una ronda presemilla. "
      "Buscamos personas que inviertan o abran puertas con fondos en EE. UU.",
      "venture-capital startup-acceleration", "entrepreneurship", "5.2", "es en", 4, 6,
      "pro_bono", experts_sought=3, activity="engaged_invitation interest",
      outcomes=(("investment", "Inversión presemilla en una startup de riego inteligente"),)),
    P("Conferencias sobre turismo sostenible en la Riviera Nayarit",
      ("universidad-autonoma-de-nayarit",), "18", "Tepic", "lectures", "on_site",
      "Ciclo de tres conferencias y una estancia corta sobre turismo sostenible.",
      "El programa de turismo organiza un ciclo de conferencias para estudiantes y "
      "prestadores de servicios. Cubrimos viáticos y hospedaje.",
      "tourism", "corporate-sustainability", "5.2 5.7", "es", 10, 1,
      "travel_covered", activity="interest"),
    P("Electromovilidad para proveedores automotrices de Aguascalientes",
      ("universidad-autonoma-de-aguascalientes",), "01", "Aguascalientes", "consulting",
      "hybrid",
      "Diagnóstico de capacidades para que proveedores locales entren a la cadena del "
      "vehículo eléctrico.",
      "Con la cámara de la industria queremos un diagnóstico de 15 proveedores y una hoja "
      "de ruta para la electromovilidad: baterías, electrónica de potencia y calidad.",
      "electric-vehicles automotive-supplier-development", "automotive-electronics",
      "2.2 2.3", "es en", 12, 4, "honorarium", activity="invitation interest"),
    P("Contactos de negocio para proveedores de electromovilidad del Bajío",
      ("cluster-autopartes-bajio",), "11", "León", "business_introductions", "remote",
      "Introducciones con compradores de OEM de vehículos eléctricos en EE. UU.",
      "El clúster busca contactos con áreas de compras de armadoras eléctricas para "
      "proveedores de arneses y plásticos técnicos.",
      "automotive-supplier-development nearshoring", "international-trade", "5.2",
      "es en", 4, 6, "pro_bono", fate="draft"),
    P("Mentoría STEM para estudiantes de bachillerato en comunidades indígenas",
      ("universidad-michoacana",), "16", "Pátzcuaro", "mentoring", "remote",
      "Mentorías mensuales para estudiantes purépechas interesadas en ciencia e ingeniería.",
      "Un programa de la universidad acompaña a 30 estudiantes de bachillerato. Buscamos "
      "mentoras y mentores que cuenten su trayectoria y orienten su elección de carrera.",
      "stem-education mentoring", "intercultural-education", "5.3", "es", 2, 10,
      "pro_bono", experts_sought=5, visibility="members", activity="interest invitation"),
    P("Evaluación de impacto del programa estatal de remesas productivas",
      ("sicyt-jalisco",), "14", "Guadalajara", "consulting", "remote",
      "Diseño de la evaluación de impacto de un programa que invierte remesas en "
      "proyectos productivos.",
      "El programa apoya a 400 familias con capital semilla. Buscamos experiencia en "
      "evaluación de impacto y economía de la migración.",
      "impact-evaluation remittances", "econometrics", "5.2 5.4", "es en", 10, 5,
      "honorarium", fate="submitted"),
    P("Sistema de riego de precisión para productores de maíz",
      ("universidad-de-guanajuato", "cinvestav-irapuato"), "11", "Celaya",
      "technology_transfer", "hybrid",
      "Adaptar sensores de humedad de bajo costo para pequeños productores.",
      "Probaremos 50 sensores en parcelas del Bajío. Buscamos experiencia en agricultura de "
      "precisión y sistemas embebidos para el diseño del piloto.",
      "precision-agriculture irrigation", "embedded-systems iot", "4.1 2.2", "es en", 8, 8,
      "funded", fate="rejected",
      rejection="Describe con más detalle qué se espera de la persona experta y el "
                "calendario del piloto."),
    P("Diseño de chips para sensores agrícolas",
      ("universidad-de-guadalajara",), "14", "Zapopan", "joint_research", "remote",
      "Investigación conjunta en diseño de circuitos integrados de bajo consumo.",
      "El centro de diseño de semiconductores quiere un sensor de bajo consumo para "
      "agricultura. Buscamos colaboración en diseño analógico y verificación.",
      "chip-design semiconductors", "embedded-systems", "2.2", "es en", 10, 12, "funded",
      experts_sought=2, activity="engaged_interest interest",
      outcomes=(("publication", "Artículo conjunto aceptado en un congreso IEEE"),)),
    P("Inocuidad alimentaria en queserías artesanales de Los Altos",
      ("universidad-de-guadalajara", "sicyt-jalisco"), "14", "Tepatitlán de Morelos",
      "training", "on_site",
      "Talleres de buenas prácticas e inocuidad para queserías familiares.",
      "Buscamos a alguien que diseñe e imparta talleres prácticos de inocuidad y "
      "acompañe a diez queserías en su primera certificación.",
      "food-safety dairy-science", "quality-management", "4.2", "es", 12, 3,
      "travel_covered honorarium", fate="closed", activity="interest"),
    P("Salud mental comunitaria en municipios de alta migración",
      ("universidad-autonoma-de-zacatecas",), "32", "Jerez", "joint_research", "remote",
      "Investigación sobre salud mental de familias con integrantes migrantes.",
      "Queremos estudiar el bienestar de madres y jóvenes en municipios con alta migración "
      "a EE. UU. y diseñar una intervención comunitaria.",
      "mental-health migration-studies", "community-development", "3.3 5.1", "es en", 6, 12,
      "pro_bono", activity="invitation interest"),
    P("Energía geotérmica de baja entalpía para invernaderos",
      ("universidad-michoacana",), "16", "Los Azufres", "consulting", "hybrid",
      "Evaluar el uso directo de calor geotérmico en invernaderos de jitomate.",
      "Cerca del campo geotérmico de Los Azufres hay productores interesados en calefacción "
      "de invernaderos. Buscamos experiencia en geotermia de uso directo.",
      "geothermal-energy", "protected-agriculture energy-efficiency", "2.7 4.1", "es en", 8, 3,
      "honorarium travel_covered", activity="engaged_invitation"),
    P("Plataforma educativa para formación técnica dual",
      ("uaslp", "ciateq"), "24", "San Luis Potosí", "training", "remote",
      "Diseñar cursos en línea para la formación dual de técnicos automotrices.",
      "Con empresas del parque industrial queremos cursos en línea que complementen la "
      "formación en planta. Buscamos experiencia en tecnología educativa y educación técnica.",
      "educational-technology technical-education", "automotive-engineering", "5.3", "es",
      6, 6, "pro_bono", fate="draft"),
)
# fmt: on

OUTCOME_AMOUNTS = {
    "investment": (Decimal("150000.00"), "USD"),
    "grant": (Decimal("2500000"), "MXN"),
}


class _Seeder:
    def __init__(self, stdout: TextIO | None) -> None:
        self.stdout = stdout
        self.today = timezone.localdate()
        self.staff = User.objects.filter(is_staff=True, is_active=True).order_by("pk").first()
        self.institutions = {
            i.slug: i
            for i in Institution.objects.filter(memberships__isnull=False)
            .select_related("state")
            .distinct()
        }
        self.members: dict[int, User] = {}
        for membership in Membership.objects.select_related("user").order_by("pk"):
            self.members.setdefault(membership.institution_id, membership.user)
        self.experts = list(ExpertProfile.objects.available().select_related("user").order_by("pk"))
        self.expert_skills: dict[int, set[int]] = {}
        for profile_id, skill_id in ExpertSkill.objects.values_list("profile_id", "skill_id"):
            self.expert_skills.setdefault(profile_id, set()).add(skill_id)
        self.used: dict[int, int] = {}  # expert id → times picked, to spread the activity
        self.skills = {s.slug: s for s in Skill.objects.approved()}
        self.fields = {f.code: f for f in FieldOfScience.objects.all()}
        self.states = {s.code: s for s in State.objects.all()}
        self.counts = {
            "created": 0,
            "skipped": 0,
            "interests": 0,
            "invitations": 0,
            "engagements": 0,
            "outcomes": 0,
        }

    def institution_for(self, spec: DemoProject) -> Institution | None:
        for slug in spec.institutions:
            if slug in self.institutions:
                return self.institutions[slug]
        in_state = [i for i in self.institutions.values() if i.state.code == spec.state]
        candidates = in_state or list(self.institutions.values())
        # Prefer verified ones so the project can be published.
        candidates.sort(key=lambda i: (not i.is_verified, i.pk))
        return candidates[0] if candidates else None

    def candidates(self, project: Project, member: User, count: int) -> list[ExpertProfile]:
        """Experts sharing most skills with the project, least used first; never members."""
        wanted = {link.skill_id for link in project.skill_links.all()}
        pool = [e for e in self.experts if e.user_id != member.pk]
        pool.sort(
            key=lambda e: (
                -len(wanted & self.expert_skills.get(e.pk, set())),
                self.used.get(e.pk, 0),
                e.pk,
            )
        )
        picked = pool[:count]
        for expert in picked:
            self.used[expert.pk] = self.used.get(expert.pk, 0) + 1
        return picked

    def seed(self) -> list[Project]:
        projects = []
        for spec in PROJECTS:
            institution = self.institution_for(spec)
            if institution is None:
                self.write("No institutions with members: skipping demo projects.\n")
                return projects
            if Project.objects.filter(institution=institution, title=spec.title).exists():
                self.counts["skipped"] += 1
                continue
            project = self.create(spec, institution)
            if project is not None:
                projects.append(project)
        return projects

    def create(self, spec: DemoProject, institution: Institution) -> Project | None:
        member = self.members[institution.pk]
        state = self.states.get(spec.state) or institution.state
        deadline = self.today + datetime.timedelta(days=spec.deadline_days)
        project = services.project_create(
            institution=institution,
            by=member,
            title=spec.title,
            summary=spec.summary,
            description=spec.description,
            collaboration_type=spec.collaboration_type,
            modality=spec.modality,
            state=state,
            municipality=spec.municipality,
            languages=spec.languages.split(),
            hours_per_month=spec.hours,
            duration_months=spec.months,
            compensation=spec.compensation.split(),
            deadline=deadline,
            start_date=deadline + datetime.timedelta(days=15),
            experts_sought=spec.experts_sought,
            visibility=spec.visibility,
            fields=[self.fields[c] for c in spec.fields.split() if c in self.fields],
            required_skills=[self.skills[s] for s in spec.required.split() if s in self.skills],
            nice_to_have_skills=[self.skills[s] for s in spec.nice.split() if s in self.skills],
        )
        self.counts["created"] += 1
        if spec.fate == "draft" or not institution.is_verified:
            return project
        services.project_submit(project=project, by=member)
        if spec.fate == "submitted" or self.staff is None:
            return project
        if spec.fate == "rejected":
            services.project_reject(project=project, by=self.staff, reason=spec.rejection)
            return project
        services.project_publish(project=project, by=self.staff)
        self.activity(spec, project, member)
        if spec.fate == "closed":
            # The deadline passes: what the periodic task does on the day after.
            Project.objects.filter(pk=project.pk).update(
                deadline=self.today - datetime.timedelta(days=1)
            )
            services.project_close(project=project)
        elif spec.fate in ("in_progress", "completed"):
            try:
                services.project_start(project=project, by=member)
                if spec.fate == "completed":
                    services.project_complete(project=project, by=member)
            except ValidationError:
                pass  # no engagement could start (too few experts): stays published
        return project

    def activity(self, spec: DemoProject, project: Project, member: User) -> None:
        steps = spec.activity.split()
        experts = self.candidates(project, member, len(steps))
        for step, expert in zip(steps, experts, strict=False):
            try:
                self.step(step, project, expert, member)
            except (ValidationError, PermissionDenied):
                continue  # capacity, pause, membership…: the demo goes on without this one
        engagement = Engagement.objects.filter(project=project).first()
        if engagement is None:
            return
        for kind, description in spec.outcomes:
            amount, currency = OUTCOME_AMOUNTS.get(kind, (None, ""))
            services.outcome_record(
                engagement=engagement,
                by=engagement.expert.user,
                kind=kind,
                description=description,
                occurred_on=self.today,
                amount=amount,
                currency=currency,
            )
            self.counts["outcomes"] += 1

    def step(self, step: str, project: Project, expert: ExpertProfile, member: User) -> None:
        greeting = (
            f"Hola, soy {expert.display_name}. "
            "Me interesa el proyecto y puedo aportar mi experiencia."
        )
        invitation_text = (
            f"Hola {expert.display_name}: por tu experiencia pensamos en ti para este proyecto. "
            "¿Te gustaría colaborar?"
        )
        if step in ("interest", "engaged_interest", "declined_interest"):
            interest = services.interest_create(
                project=project, expert=expert, message=greeting, by=expert.user
            )
            self.counts["interests"] += 1
            if step == "engaged_interest":
                services.interest_accept(interest=interest, by=member)
                self.counts["engagements"] += 1
            elif step == "declined_interest":
                services.interest_decline(
                    interest=interest, by=member, reason="filled", note="Ya cubrimos el lugar."
                )
        else:
            invitation = services.invitation_create(
                project=project, expert=expert, message=invitation_text, by=member
            )
            self.counts["invitations"] += 1
            if step == "engaged_invitation":
                services.invitation_accept(invitation=invitation, by=expert.user)
                self.counts["engagements"] += 1
            elif step == "declined_invitation":
                services.invitation_decline(
                    invitation=invitation,
                    by=expert.user,
                    reason="timing",
                    note="Este semestre no puedo; escríbanme en el próximo.",
                )

    def write(self, text: str) -> None:
        if self.stdout is not None:
            self.stdout.write(text)


@transaction.atomic
def seed_projects(*, stdout: TextIO | None = None) -> list[Project]:
    """Create the demo projects that do not exist yet (with their activity); return them."""
    seeder = _Seeder(stdout)
    if not seeder.institutions:
        seeder.write("Demo projects skipped: no institution has members yet.\n")
        return []
    if len(seeder.experts) < 2:
        seeder.write("Demo projects: fewer than 2 available experts, so little activity.\n")
    projects = seeder.seed()
    c = seeder.counts
    seeder.write(
        f"Demo projects: {c['created']} new ({c['skipped']} already there), "
        f"{c['interests']} interests, {c['invitations']} invitations, "
        f"{c['engagements']} engagements, {c['outcomes']} outcomes.\n"
    )
    return projects


__all__ = ["PROJECTS", "seed_projects"]
