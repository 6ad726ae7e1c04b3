"""The demo projects: what each is, where, and what happens to it (its fate and activity)."""

from dataclasses import dataclass, field
from decimal import Decimal


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
