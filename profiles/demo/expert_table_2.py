"""Demo experts, second half of the seeding order (split only to keep files short).

One expert per block; positional fields in DemoExpert order, options by keyword.
"""

from profiles.demo.base import DemoExpert

E = DemoExpert

# fmt: off
EXPERTS_SECOND: tuple[DemoExpert, ...] = (
    E(
        "laura.espinoza@diaspora.example", "Laura Espinoza Durán", "US", "San José",
        "America/Los_Angeles", "14", "born", "private", "UX research lead", "Software company",
        "UX research and product design",
        "I lead UX research for a large software company. I mentor designers from Guadalajara's "
        "tech scene.",
        "ux-design:9 design:7 software-engineering:5", "1.2 6.4",
        "mentoring training lectures", 5,
    ),
    E(
        "antonio.rios@diaspora.example", "Antonio Ríos Valdivia", "ES", "Valencia",
        "Europe/Madrid", "32", "born", "academia", "Catedrático",
        "Universitat Politècnica de València",
        "Minería sostenible y geología",
        "Investigo minería sostenible y remediación de jales. Soy de Fresnillo y colaboro con la "
        "Universidad Autónoma de Zacatecas.",
        "mining:12 geology:14 environmental-impact-assessment:8", "1.5 2.7",
        "joint_research consulting thesis_cosupervision", 6, interests=("32",),
        education=(("doctorate", "Geología", "Universidad de Granada", 2004),),
        return_intention="no",
    ),
    E(
        "monica.salazar@diaspora.example", "Mónica Salazar Olvera", "US", "New York",
        "America/New_York", "22", "born", "nonprofit", "Program officer",
        "Philanthropic foundation",
        "Education philanthropy and STEM programmes",
        "I fund STEM education programmes. From Querétaro; I'd like to connect foundations with "
        "technical schools in the Bajío.",
        "stem-education:8 research-funding:7 educational-assessment:5", "5.3",
        "business_introductions investment mentoring", 4, visibility="public",
    ),
    E(
        "fernando.arias@diaspora.example", "Fernando Arias Gallegos", "CH", "Zurich",
        "Europe/Zurich", "14", "born", "academia", "Postdoctoral researcher", "ETH Zürich",
        "Robótica y automatización industrial",
        "Investigo robótica colaborativa en ETH. Quiero apoyar a la industria electrónica de "
        "Jalisco en automatización.",
        "robotics:7 industrial-automation:6 control-systems:8", "2.2 2.3",
        "joint_research lectures mentoring", 8, languages="es:native en:fluent de:working",
        return_intention="yes_soon",
    ),
    E(
        "norma.villalobos@diaspora.example", "Norma Villalobos Cruz", "US", "Houston",
        "America/Chicago", "06", "born", "academia", "Associate professor",
        "Baylor College of Medicine",
        "Enfermedades infecciosas y salud pública",
        "Epidemióloga de enfermedades infecciosas. Soy colimense y colaboro con la Secretaría "
        "de Salud de Colima en vigilancia epidemiológica.",
        "infectious-diseases:12 epidemiology:12 public-health:10 biostatistics:8", "3.3 3.2",
        "joint_research consulting training", 6, visibility="hidden",
    ),
    E(
        "andres.cordova@diaspora.example", "Andrés Córdova Mejía", "CA", "Vancouver",
        "America/Vancouver", "18", "family", "private", "Forestry consultant", "Forest consultancy",
        "Sustainable forestry and remote sensing",
        "Forestry consultant using remote sensing to monitor forests. Family from Tepic; happy to "
        "help Nayarit's forest communities.",
        "forestry:10 remote-sensing:7 gis:8", "4.1 1.5", "consulting training", 4,
    ),
    E(
        "beatriz.campos@diaspora.example", "Beatriz Campos Ortiz", "DE", "Berlin", "Europe/Berlin",
        "09", "born", "private", "Head of product", "Mobility start-up",
        "Movilidad sostenible y ciudades inteligentes",
        "Diseño servicios de movilidad compartida en Berlín. Me interesa apoyar a las zonas "
        "metropolitanas de Guadalajara y León.",
        "sustainable-mobility:7 smart-cities:6 urban-planning:5", "5.7 2.1",
        "consulting lectures mentoring", 5, languages="es:native de:fluent en:fluent",
        interests=("14", "11"),
    ),
    E(
        "luis.estrada@diaspora.example", "Luis Estrada Bravo", "US", "Chicago", "America/Chicago",
        "11", "born", "private", "Plant manager", "Plastics manufacturer",
        "Inyección de plásticos y herramentales",
        "Gerente de planta de inyección de plásticos. Guanajuatense; ayudo a proveedores locales "
        "a cumplir estándares automotrices.",
        "plastic-injection-molding:15 tooling-and-dies:10 automotive-core-tools:8", "2.3 2.5",
        "consulting training business_introductions", 6, languages="es:native en:fluent",
        paused=True,
    ),
    E(
        "teresa.vargas@diaspora.example", "Teresa Vargas Lozano", "GB", "Edinburgh",
        "Europe/London", "16", "born", "academia", "Lecturer in education",
        "University of Edinburgh",
        "Educación intercultural y lenguas indígenas",
        "Investigo educación intercultural bilingüe y revitalización del purépecha.",
        "intercultural-education:9 indigenous-languages:8 linguistics:7", "5.3 6.2",
        "joint_research thesis_cosupervision lectures", 6, visibility="public",
    ),
    E(
        "guillermo.pineda@diaspora.example", "Guillermo Pineda Serrano", "US", "Houston",
        "America/Chicago", "24", "born", "private", "Process safety lead", "Petrochemical company",
        "Process safety and chemical engineering",
        "Process safety lead in a petrochemical plant. Originally from San Luis Potosí; I'd like "
        "to train engineers in process safety management.",
        "process-safety:14 chemical-engineering:16 petrochemicals:12", "2.4",
        "training consulting", 4,
    ),
    E(
        "veronica.leon@diaspora.example", "Verónica León Contreras", "AU", "Sydney",
        "Australia/Sydney", "14", "studied", "academia", "Senior lecturer", "UNSW Sydney",
        "Energía solar y almacenamiento",
        "Investigo celdas solares de perovskita. Estudié en Guadalajara y quiero impulsar la "
        "energía solar en comunidades rurales de Jalisco.",
        "solar-energy:10 energy-storage:5 materials-science:7", "2.7 1.3",
        "joint_research thesis_cosupervision", 6,
    ),
    E(
        "ernesto.quintero@diaspora.example", "Ernesto Quintero Rubio", "US", "Los Angeles",
        "America/Los_Angeles", "14", "born", "private", "Chief marketing officer", "Food brand",
        "Marketing and agrifood brands in the US",
        "I've built Mexican food brands in the US market. Jalisco-born; I advise tequila and "
        "food producers entering the US.",
        "marketing:15 tequila-mezcal:6 agrifood-exports:8", "5.2",
        "business_introductions consulting", 3, visibility="hidden",
    ),
    E(
        "adriana.fuentes@diaspora.example", "Adriana Fuentes Cisneros", "SE", "Stockholm",
        "Europe/Stockholm", "22", "born", "public", "Policy analyst", "Innovation agency",
        "Política de ciencia e innovación",
        "Analista de políticas de innovación. Queretana; me interesa apoyar al consejo estatal de "
        "ciencia en el diseño de fondos de innovación.",
        "science-policy:8 innovation-management:7 research-funding:6", "5.6 5.2",
        "consulting lectures", 4, languages="es:native en:fluent sv:working",
    ),
    E(
        "samuel.rosales@diaspora.example", "Samuel Rosales Prieto", "US", "Boston",
        "America/New_York", "01", "family", "academia", "PhD candidate", "MIT",
        "Energy systems and electrical grids",
        "PhD candidate in power systems. My family is from Aguascalientes; I'd like to mentor "
        "undergraduates interested in graduate school abroad.",
        "electrical-engineering:5 renewable-energy:4 control-systems:4", "2.2",
        "mentoring lectures", 6, capacity=1, return_intention="yes_soon",
    ),
    E(
        "elena.trevino@diaspora.example", "Elena Treviño Garza", "US", "Houston",
        "America/Chicago", "19", "born", "academia", "Pediatric endocrinologist",
        "Texas Children's",
        "Endocrinología pediátrica y obesidad infantil",
        "Endocrinóloga pediatra. Colaboro con hospitales del occidente de México en programas de "
        "prevención de obesidad infantil.",
        "endocrinology:12 pediatrics:14 nutrition:6", "3.2",
        "joint_research training mentoring", 4, interests=("14", "16"),
    ),
    E(
        "pablo.zamora@diaspora.example", "Pablo Zamora Luna", "NL", "Delft", "Europe/Amsterdam",
        "11", "born", "academia", "Assistant professor", "TU Delft",
        "Hydraulic engineering and water reuse",
        "I research water reuse and hydraulic structures at TU Delft. From Celaya, where water "
        "scarcity is pressing.",
        "hydraulic-engineering:9 water-reuse:7 water-treatment:6", "2.1 2.7",
        "joint_research thesis_cosupervision lectures", 6, visibility="public",
    ),
    E(
        "rocio.delgado@diaspora.example", "Rocío Delgado Méndez", "US", "Chicago",
        "America/Chicago", "32", "born", "private", "Senior accountant", "Audit firm",
        "Contabilidad y finanzas para PyMEs exportadoras",
        "Contadora pública en Chicago. Oriunda de Jerez, Zacatecas; asesoro a PyMEs en "
        "cumplimiento fiscal para exportar a Estados Unidos.",
        "accounting:12 finance:8 international-trade:5", "5.2", "consulting mentoring", 4,
    ),
    E(
        "tomas.galindo@diaspora.example", "Tomás Galindo Huerta", "JP", "Nagoya", "Asia/Tokyo",
        "01", "born", "private", "Production engineer", "Automotive OEM",
        "Producción automotriz y relaciones con proveedores japoneses",
        "Ingeniero de producción en Nagoya; ayudo a proveedores de Aguascalientes a trabajar "
        "con armadoras japonesas.",
        "automotive-supplier-development:8 lean-manufacturing:7 maintenance-engineering:5",
        "2.3", "business_introductions consulting training", 4,
        languages="es:native ja:fluent en:working", interests=("01", "11"),
    ),
    E(
        "irene.bautista@diaspora.example", "Irene Bautista Arroyo", "US", "San Diego",
        "America/Los_Angeles", "18", "born", "academia", "Clinical research coordinator",
        "UC San Diego Health", "Ensayos clínicos y bioética",
        "Coordino ensayos clínicos y comités de ética. Quiero apoyar a hospitales de Nayarit a "
        "participar en ensayos multicéntricos.",
        "clinical-trials:8 bioethics:5 biomedical-research:6", "3.2 6.3",
        "training consulting", 4,
    ),
    E(
        "cesar.olmos@diaspora.example", "César Olmos Carrillo", "ES", "Madrid", "Europe/Madrid",
        "16", "born", "private", "Consultor senior", "Consultora de turismo",
        "Turismo cultural y patrimonio",
        "Consultor de turismo cultural. Michoacano; asesoro a Pueblos Mágicos en gestión del "
        "patrimonio y promoción internacional.",
        "tourism:12 cultural-heritage:8 cultural-management:6", "5.2 6.1",
        "consulting lectures", 4, visibility="hidden",
    ),
    E(
        "karla.mora@diaspora.example", "Karla Mora Sandoval", "CA", "Toronto", "America/Toronto",
        "14", "born", "private", "Cybersecurity architect", "Canadian bank",
        "Cybersecurity architect in banking",
        "I secure banking systems in Toronto. Guadalajara-born; happy to mentor women in "
        "cybersecurity and give lectures.",
        "cybersecurity:10 cloud-computing:6 regulatory-compliance:5", "1.2",
        "mentoring lectures training", 5, motivations=("mentor",),
    ),
    E(
        "arturo.maldonado@diaspora.example", "Arturo Maldonado Reyes", "US", "Chicago",
        "America/Chicago", "11", "studied", "academia", "Professor of food science",
        "University of Illinois", "Ciencia de alimentos y alimentos funcionales",
        "Investigo alimentos funcionales a partir de cultivos mexicanos. Estudié en Irapuato y "
        "colaboro con el CINVESTAV.",
        "food-science:14 functional-foods:9 food-processing:10", "2.9 4.5",
        "joint_research thesis_cosupervision technology_transfer", 6,
        orcid="0000-0001-8502-1262",
    ),
    E(
        "liliana.zuniga@diaspora.example", "Liliana Zúñiga Haro", "DE", "Berlin", "Europe/Berlin",
        "24", "born", "academia", "Research fellow", "Humboldt-Universität",
        "Historia y archivos de la migración",
        "Historiadora de la migración potosina. Trabajo con archivos municipales de San Luis "
        "Potosí en digitalización.",
        "history:9 cultural-heritage:5 migration-studies:6", "6.1 5.4",
        "joint_research lectures", 4, languages="es:native de:fluent en:working",
    ),
    E(
        "manuel.ochoa@diaspora.example", "Manuel Ochoa Esparza", "US", "Houston",
        "America/Chicago", "01", "born", "private", "Venture partner", "Venture capital fund",
        "Capital de riesgo y aceleración de startups",
        "Socio de un fondo de capital de riesgo. Hidrocálido; invierto en startups de salud y "
        "tecnología agrícola del centro-occidente.",
        "venture-capital:8 startup-acceleration:7 entrepreneurship:10", "5.2",
        "investment mentoring business_introductions", 4, interests=("01", "14"),
        motivations=("business",),
    ),
    E(
        "alicia.renteria@diaspora.example", "Alicia Rentería Solano", "FR", "Paris",
        "Europe/Paris", "06", "family", "academia", "Maîtresse de conférences",
        "Sorbonne Université",
        "Sociología de género y mercados laborales",
        "Socióloga: estudio la participación laboral de las mujeres migrantes.",
        "gender-studies:8 sociology:9 social-research-methods:10", "5.4",
        "joint_research thesis_cosupervision lectures", 4,
        languages="es:native fr:fluent en:working", paused=True,
    ),
    E(
        "rodrigo.benitez@diaspora.example", "Rodrigo Benítez Uribe", "US", "Austin",
        "America/Chicago", "22", "born", "private", "Hardware engineering manager",
        "Semiconductor company", "Diseño de chips y verificación",
        "Gerente de ingeniería de hardware. Queretano; quiero apoyar la formación de talento en "
        "diseño de circuitos integrados en el Bajío.",
        "chip-design:12 semiconductors:10 embedded-systems:6", "2.2",
        "training mentoring lectures", 6, interests=("22", "14"),
    ),
    E(
        "susana.iglesias@diaspora.example", "Susana Iglesias Parra", "US", "Boston",
        "America/New_York", "14", "born", "academia", "Research scientist",
        "Harvard Medical School",
        "Neurociencia y envejecimiento",
        "Neurocientífica estudiando el envejecimiento cerebral. Quiero formar investigadores en "
        "neurociencia en Jalisco.",
        "neuroscience:10 biomedical-research:9 cognitive-science:5", "3.1 5.1",
        "thesis_cosupervision joint_research mentoring", 6,
        orcid="0000-0002-5889-1219",
    ),
)
# fmt: on
