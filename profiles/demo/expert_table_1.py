"""Demo experts, first half of the seeding order (split only to keep files short).

One expert per block; positional fields in DemoExpert order, options by keyword.
"""

from profiles.demo.base import DemoExpert

E = DemoExpert

# fmt: off
EXPERTS_FIRST: tuple[DemoExpert, ...] = (
    E(
        "experta@diaspora.example", "María Experta", "US", "Houston", "America/Chicago", "16",
        "born", "private", "Directora de asuntos regulatorios", "Meridian Medical Devices",
        "Ingeniera biomédica: dispositivos médicos y regulación FDA/COFEPRIS",
        "Nací en Morelia y llevo 15 años en Houston llevando dispositivos médicos de la idea a "
        "la aprobación de la FDA. Quiero ayudar a que las empresas y universidades de Michoacán "
        "y Jalisco diseñen, certifiquen y exporten tecnología médica.",
        "medical-devices:15 fda-regulation:12 cofepris-regulation:8 iso-13485:10 "
        "design-controls:9 medical-device-risk-management:7",
        "2.6 3.4", "mentoring consulting thesis_cosupervision technology_transfer training", 16,
        languages="es:native en:native fr:basic", modality="either",
        portfolio=(
            ("publication", "Design controls for low-resource medical device startups", 2022),
            ("course", "Curso: Regulación de dispositivos médicos para PyMEs", 2023),
        ),
        education=(
            ("master", "Ingeniería biomédica", "Rice University", 2010),
            ("bachelor", "Ingeniería electrónica", "Instituto Tecnológico de Morelia", 2007),
        ),
        orcid="0000-0002-1825-0097", travel=True, capacity=3,
        motivations=("give_back", "mentor", "business"), interests=("16", "14"),
    ),
    E(
        "jorge.ramirez@diaspora.example", "Jorge Ramírez Villaseñor", "US", "San José",
        "America/Los_Angeles", "14", "born", "private", "Staff engineer",
        "Silicon Valley chipmaker",
        "Semiconductor packaging engineer in Silicon Valley",
        "I design advanced packaging for AI accelerators. Grew up in Guadalajara and want to help "
        "Jalisco's design centres move into packaging and test.",
        "semiconductor-packaging:12 chip-design:8 semiconductors:12 electronics-engineering:14",
        "2.2 2.10", "consulting joint_research lectures business_introductions", 10,
        languages="es:native en:fluent", visibility="public",
        portfolio=(("patent", "Thermal interposer for chiplet packages", 2021),),
        education=(("doctorate", "Electrical engineering", "Stanford University", 2012),),
        motivations=("give_back", "business"), interests=("14",),
    ),
    E(
        "lucia.mendoza@diaspora.example", "Lucía Mendoza Arriaga", "ES", "Madrid", "Europe/Madrid",
        "11", "born", "academia", "Investigadora Ramón y Cajal",
        "Universidad Politécnica de Madrid",
        "Gestión del agua y riego tecnificado en zonas semiáridas",
        "Investigo la eficiencia del riego en cuencas semiáridas. Soy de León, Guanajuato, y "
        "colaboro con distritos de riego del Bajío para reducir la sobreexplotación de acuíferos.",
        "water-management:12 irrigation:10 hydrology:9 gis:6", "2.7 4.1",
        "joint_research thesis_cosupervision lectures", 8,
        portfolio=(("publication", "Eficiencia del riego por goteo en el Bajío", 2020),),
        education=(
            ("doctorate", "Ingeniería hidráulica", "Universidad Politécnica de Madrid", 2013),
        ),
        interests=("11", "01"),
    ),
    E(
        "carlos.navarro@diaspora.example", "Carlos Navarro Ochoa", "DE", "Stuttgart",
        "Europe/Berlin", "22", "born", "private", "Entwicklungsingenieur", "Automotive Tier 1",
        "Ingeniero automotriz: electrónica de potencia para vehículos eléctricos",
        "Desarrollo inversores para vehículos eléctricos en Stuttgart. Me interesa vincular a "
        "proveedores de Querétaro con la cadena de electromovilidad europea.",
        "electric-vehicles:9 automotive-electronics:11 automotive-engineering:12 "
        "embedded-systems:7",
        "2.2 2.3", "consulting mentoring business_introductions technology_transfer", 6,
        languages="es:native en:fluent de:fluent", travel=True,
        education=(("master", "Automotive engineering", "Universität Stuttgart", 2014),),
        interests=("22", "11"),
    ),
    E(
        "ana.gutierrez@diaspora.example", "Ana Gutiérrez Solís", "CA", "Toronto", "America/Toronto",
        "16", "family", "academia", "Assistant professor", "University of Toronto",
        "Machine learning for health, Toronto",
        "I build machine-learning models for early diagnosis in public health systems. My family "
        "is from Uruapan; I co-supervise students from Michoacán every year.",
        "machine-learning:8 health-informatics:6 public-health:5 python:10", "1.2 3.3",
        "thesis_cosupervision joint_research mentoring lectures", 10,
        languages="es:native en:fluent fr:working", visibility="public",
        portfolio=(
            ("publication", "Federated learning for diabetic retinopathy screening", 2023),
            ("course", "Machine learning for public health (summer school)", 2022),
        ),
        education=(("doctorate", "Computer science", "University of Toronto", 2017),),
        orcid="0000-0001-5109-3700", motivations=("mentor", "research"),
    ),
    E(
        "roberto.castillo@diaspora.example", "Roberto Castillo Ibarra", "US", "Chicago",
        "America/Chicago", "32", "born", "private", "Supply chain director", "Midwest Foods Co.",
        "Cadenas de suministro agroalimentarias entre el Medio Oeste y México",
        "Dirijo cadenas de suministro de alimentos frescos. Soy zacatecano y apoyo a productores "
        "de chile y frijol a exportar con trazabilidad e inocuidad.",
        "supply-chain:16 agrifood-exports:10 food-safety:8 logistics:12 nearshoring:5",
        "5.2 4.5", "consulting business_introductions mentoring investment", 8,
        travel=True, interests=("32", "01"), motivations=("give_back", "business"),
    ),
    E(
        "sofia.herrera@diaspora.example", "Sofía Herrera Luna", "GB", "Cambridge", "Europe/London",
        "14", "studied", "academia", "Senior research associate", "University of Cambridge",
        "Genomics and bioinformatics for crop resilience",
        "I study drought tolerance in maize with genomic tools. Studied in Guadalajara and keep "
        "working with CINVESTAV and Jalisco's agricultural research centres.",
        "genomics:9 bioinformatics:9 maize-production:5 plant-breeding:6", "1.6 4.4",
        "joint_research thesis_cosupervision lectures training", 6, visibility="public",
        portfolio=(("publication", "Genomic prediction of drought tolerance in maize", 2021),),
        education=(("doctorate", "Plant sciences", "University of Cambridge", 2016),),
        orcid="0000-0002-9079-593X", motivations=("research", "give_back"),
    ),
    E(
        "miguel.torres@diaspora.example", "Miguel Ángel Torres Pérez", "US", "Houston",
        "America/Chicago", "24", "born", "private", "Principal engineer", "Energy company",
        "Energías renovables e hidrógeno verde",
        "Trabajo en proyectos de hidrógeno verde y almacenamiento de energía en la costa del "
        "Golfo. Quiero ayudar a San Luis Potosí a atraer inversión en energía limpia.",
        "green-hydrogen:6 renewable-energy:12 energy-storage:7 project-finance:5", "2.4 2.7",
        "consulting investment business_introductions lectures", 5,
        interests=("24",), motivations=("give_back", "business"), return_intention="yes_5y",
    ),
    E(
        "fernanda.lopez@diaspora.example", "Fernanda López Cervantes", "FR", "Toulouse",
        "Europe/Paris", "22", "born", "private", "Ingénieure composites", "Aerospace OEM",
        "Materiales compuestos para la industria aeroespacial",
        "Ingeniera de materiales compuestos en Toulouse. Querétaro tiene un clúster aeroespacial "
        "enorme y quiero acercarlo a la manufactura de estructuras de nueva generación.",
        "aerospace-composites:10 aerospace-engineering:10 materials-science:8 "
        "quality-management:6",
        "2.5 2.3", "consulting training technology_transfer mentoring", 8,
        languages="es:native fr:fluent en:fluent", travel=True, interests=("22",),
    ),
    E(
        "diego.morales@diaspora.example", "Diego Morales Zepeda", "NL", "Eindhoven",
        "Europe/Amsterdam", "14", "born", "private", "Photonics engineer", "Photonics start-up",
        "Fotónica integrada y sensores ópticos",
        "Diseño circuitos fotónicos integrados. Me gustaría crear un programa de estancias para "
        "estudiantes de Jalisco en el ecosistema de fotónica de Eindhoven.",
        "photonics:8 semiconductors:6 startup-acceleration:3", "1.3 2.2",
        "lectures mentoring joint_research business_introductions", 6,
        languages="es:native en:fluent nl:basic",
    ),
    E(
        "gabriela.ruiz@diaspora.example", "Gabriela Ruiz Anaya", "US", "Boston", "America/New_York",
        "01", "born", "academia", "Research scientist", "Broad Institute",
        "Biotecnología médica y medicina de precisión",
        "Trabajo en medicina de precisión para cáncer. Soy de Aguascalientes y apoyo a hospitales "
        "de la región a diseñar ensayos clínicos y biobancos.",
        "precision-medicine:7 oncology:6 clinical-trials:5 genomics:8", "3.4 3.2",
        "joint_research thesis_cosupervision mentoring", 6,
        portfolio=(("publication", "Germline variants in Mexican breast cancer patients", 2022),),
        education=(("doctorate", "Biomedical sciences", "UNAM", 2015),),
        orcid="0000-0003-1527-3848",
    ),
    E(
        "javier.soto@diaspora.example", "Javier Soto Barajas", "AU", "Melbourne",
        "Australia/Melbourne", "06", "born", "academia", "Senior lecturer", "Monash University",
        "Coastal engineering and port logistics",
        "I work on coastal protection and port operations. Colima's Manzanillo port is where I "
        "started; I'd love to support its logistics and resilience plans.",
        "civil-engineering:12 logistics:6 climate-change:5 infrastructure-projects:8", "2.1 5.2",
        "consulting joint_research lectures", 4, visibility="public",
        education=(("doctorate", "Civil engineering", "University of Melbourne", 2011),),
    ),
    E(
        "paola.ortega@diaspora.example", "Paola Ortega Valdez", "JP", "Tokyo", "Asia/Tokyo", "11",
        "born", "private", "Manufacturing engineer", "Automotive OEM",
        "Manufactura esbelta y calidad en la industria automotriz",
        "Llevo ocho años en Japón aplicando lean manufacturing y Six Sigma. Quiero transferir "
        "esas prácticas a proveedores automotrices de Guanajuato.",
        "lean-manufacturing:8 six-sigma:6 automotive-core-tools:7 quality-management:8",
        "2.3 2.11", "training consulting mentoring", 6,
        languages="es:native ja:fluent en:fluent", interests=("11", "22", "01"),
    ),
    E(
        "alejandro.vega@diaspora.example", "Alejandro Vega Camarena", "US", "Austin",
        "America/Chicago", "14", "born", "private", "Founder & CEO", "Fintech start-up",
        "Fintech founder, financial inclusion for migrants",
        "I founded a fintech that lowers the cost of remittances. Born in Tepatitlán; I invest in "
        "and mentor start-ups from Jalisco.",
        "fintech:7 financial-inclusion:6 remittances:5 entrepreneurship:9 venture-capital:4",
        "5.2", "investment mentoring business_introductions", 4,
        motivations=("business", "give_back"), interests=("14",),
    ),
    E(
        "valeria.chavez@diaspora.example", "Valeria Chávez Ríos", "CL", "Santiago",
        "America/Santiago", "16", "born", "academia", "Profesora asociada",
        "Pontificia Universidad Católica de Chile",
        "Políticas públicas de migración y vinculación con la diáspora",
        "Estudio cómo las diásporas contribuyen al desarrollo regional. Soy michoacana y asesoro "
        "a gobiernos estatales en programas de vinculación con migrantes.",
        "migration-policy:10 diaspora-engagement:8 public-policy:9 impact-evaluation:6",
        "5.6 5.4", "joint_research consulting lectures thesis_cosupervision", 8,
        portfolio=(("publication", "Redes de la diáspora calificada en América Latina", 2019),),
        education=(("doctorate", "Ciencia política", "El Colegio de México", 2012),),
        return_intention="yes_5y",
    ),
    E(
        "ricardo.flores@diaspora.example", "Ricardo Flores Macías", "US", "San Diego",
        "America/Los_Angeles", "18", "born", "academia", "Research biologist", "Scripps",
        "Marine biology and sustainable fisheries",
        "Marine biologist studying fisheries under climate change. From Nayarit; I'd like to "
        "support Nayarit's coastal communities and its universities.",
        "ecology:10 biodiversity-conservation:8 climate-change:6", "1.6 4.1",
        "joint_research thesis_cosupervision lectures", 6, languages="es:native en:fluent",
    ),
    E(
        "daniela.silva@diaspora.example", "Daniela Silva Madrigal", "DE", "Munich",
        "Europe/Berlin", "16", "family", "private", "Data scientist", "Insurance group",
        "Ciencia de datos y aprendizaje automático en seguros",
        "Construyo modelos predictivos de riesgo. Mis padres son de Zamora y me encantaría dar "
        "talleres de ciencia de datos en universidades de Michoacán.",
        "data-science:7 machine-learning:6 python:8 statistics:7", "1.2 1.1",
        "training mentoring lectures", 6, languages="es:native de:fluent en:fluent",
    ),
    E(
        "eduardo.reyes@diaspora.example", "Eduardo Reyes Almanza", "US", "Los Angeles",
        "America/Los_Angeles", "32", "born", "private", "Senior software engineer",
        "Streaming company", "Backend engineer, cloud and distributed systems",
        "Backend engineer building large-scale video systems. Zacatecas-born; I mentor junior "
        "developers from Zacatecas' tech community.",
        "backend-development:10 cloud-computing:8 software-architecture:7 devops:6", "1.2",
        "mentoring training lectures", 8, visibility="public",
    ),
    E(
        "mariana.aguilar@diaspora.example", "Mariana Aguilar Becerra", "ES", "Barcelona",
        "Europe/Madrid", "14", "born", "academia", "Investigadora",
        "Barcelona Supercomputing Center",
        "Química computacional para materiales sostenibles",
        "Simulo catalizadores para química verde en supercomputadoras. Quiero formar grupos de "
        "química computacional en la Universidad de Guadalajara.",
        "computational-chemistry:9 green-chemistry:6 materials-science:5", "1.4 2.5",
        "joint_research thesis_cosupervision lectures", 6,
        portfolio=(("publication", "DFT screening of earth-abundant catalysts", 2021),),
        orcid="0000-0002-0536-0115",
    ),
    E(
        "hector.dominguez@diaspora.example", "Héctor Domínguez Lara", "US", "Seattle",
        "America/Los_Angeles", "01", "born", "private", "Principal product manager",
        "Cloud provider", "Product management and cloud platforms",
        "Product leader for cloud services. From Aguascalientes; I help local IT clusters "
        "connect with US customers and nearshoring opportunities.",
        "cloud-computing:9 project-management:8 nearshoring:4 business-management:7", "1.2 5.2",
        "business_introductions mentoring consulting", 5, interests=("01",),
    ),
    E(
        "isabel.cardenas@diaspora.example", "Isabel Cárdenas Nava", "CA", "Montreal",
        "America/Toronto", "24", "studied", "academia", "Professeure adjointe", "McGill University",
        "Salud mental comunitaria y migración",
        "Investigo la salud mental de comunidades migrantes. Estudié en San Luis Potosí y "
        "colaboro con su facultad de psicología.",
        "mental-health:9 clinical-psychology:8 migrant-integration:6", "5.1 3.3",
        "joint_research thesis_cosupervision training", 6,
        languages="es:native fr:fluent en:fluent",
    ),
    E(
        "oscar.medina@diaspora.example", "Óscar Medina Arellano", "US", "Chicago",
        "America/Chicago", "11", "born", "public", "Economist", "Federal Reserve Bank",
        "Regional economics and labour markets",
        "I analyse regional labour markets. From Irapuato; I'd like to help Guanajuato's planning "
        "institute measure the effects of nearshoring.",
        "regional-economics:9 labor-economics:8 econometrics:10 nearshoring:3", "5.2",
        "consulting joint_research lectures", 4, visibility="public",
    ),
    E(
        "claudia.pacheco@diaspora.example", "Claudia Pacheco Íñiguez", "GB", "London",
        "Europe/London", "14", "born", "private", "Intellectual property counsel", "Law firm",
        "Propiedad intelectual y denominaciones de origen",
        "Abogada de propiedad intelectual. Asesoro sobre marcas, patentes y denominaciones de "
        "origen como el tequila; quiero apoyar a oficinas de transferencia de Jalisco.",
        "intellectual-property:12 patents:8 appellations-of-origin:6 tequila-mezcal:4",
        "5.5", "consulting training mentoring", 5, interests=("14",),
    ),
    E(
        "raul.guzman@diaspora.example", "Raúl Guzmán Tapia", "US", "Houston", "America/Chicago",
        "16", "born", "private", "Avocado import manager", "Fresh produce importer",
        "Avocado exports from Michoacán to the US",
        "I manage avocado imports into Texas. Born in Uruapan, I help growers meet USDA and "
        "retailer certifications.",
        "avocado-production:14 agrifood-exports:10 agricultural-certifications:8 "
        "phytosanitary-regulation:6",
        "4.1 5.2", "business_introductions consulting mentoring", 6, interests=("16",),
        travel=True,
    ),
    E(
        "patricia.nunez@diaspora.example", "Patricia Núñez Ochoa", "FR", "Grenoble",
        "Europe/Paris", "11", "born", "academia", "Chargée de recherche", "CNRS",
        "Nanotecnología y MEMS",
        "Investigo sensores MEMS en Grenoble. Me interesa acercar la nanotecnología a "
        "universidades de Guanajuato y Querétaro.",
        "mems:8 nanotechnology:9 materials-characterization:7", "2.10 1.3",
        "joint_research thesis_cosupervision lectures",
        6, languages="es:native fr:fluent en:fluent",
        orcid="0000-0003-4530-2582",
    ),
    E(
        "francisco.ibarra@diaspora.example", "Francisco Ibarra Ledesma", "US", "Chicago",
        "America/Chicago", "16", "born", "nonprofit", "Executive director", "Migrant federation",
        "Organizaciones de migrantes y desarrollo comunitario",
        "Dirijo una federación de clubes de migrantes michoacanos en Illinois. Coordinamos "
        "proyectos de infraestructura comunitaria en nuestros municipios.",
        "community-development:12 diaspora-engagement:10 remittances:6", "5.4 5.9",
        "business_introductions mentoring", 10, languages="es:native en:working",
        interests=("16",), motivations=("give_back", "network"),
    ),
)
# fmt: on
