"""Example payloads for the OpenAPI documentation of the projects resources."""

PROJECT = {
    "id": 57,
    "title": "Co-dirección de tesis sobre cadenas de frío del aguacate",
    "summary": "Buscamos quien co-dirija una tesis de maestría sobre logística de exportación.",
    "description": "El posgrado en agronegocios busca una persona experta en cadenas de frío…",
    "institution": {
        "id": 12,
        "slug": "universidad-michoacana",
        "name": "Universidad Michoacana de San Nicolás de Hidalgo",
    },
    "fields_of_science": [
        {
            "code": "4.1",
            "name_es": "Agricultura, silvicultura y pesca",
            "name_en": "Agriculture, forestry, and fisheries",
        }
    ],
    "required_skills": [{"slug": "agronomy", "name_es": "Agronomía", "name_en": "Agronomy"}],
    "nice_to_have_skills": [],
    "collaboration_type": "thesis_cosupervision",
    "modality": "remote",
    "state": {"code": "16", "name": "Michoacán"},
    "municipality": "Uruapan",
    "languages": ["es", "en"],
    "hours_per_month": 8,
    "duration_months": 12,
    "start_date": "2026-09-01",
    "deadline": "2026-08-15",
    "compensation": ["pro_bono", "travel_covered"],
    "experts_sought": 1,
    "visibility": "public",
    "status": "published",
    "published_at": "2026-06-01T16:00:00Z",
    "updated_at": "2026-06-01T16:00:00Z",
    "web_url": "https://puentes.example.org/proyectos/57/",
}
OWN_PROJECT = {
    **PROJECT,
    "status": "draft",
    "published_at": None,
    "rejection_reason": "",
    "submitted_at": None,
    "created_at": "2026-05-28T10:00:00Z",
}
PROJECT_INPUT = {
    "title": "Co-dirección de tesis sobre cadenas de frío del aguacate",
    "summary": "Buscamos quien co-dirija una tesis de maestría sobre logística de exportación.",
    "description": "El posgrado en agronegocios busca una persona experta en cadenas de frío.",
    "fields_of_science": ["4.1"],
    "required_skills": ["agronomy"],
    "nice_to_have_skills": [],
    "collaboration_type": "thesis_cosupervision",
    "modality": "remote",
    "state": "16",
    "municipality": "Uruapan",
    "languages": ["es", "en"],
    "hours_per_month": 8,
    "duration_months": 12,
    "compensation": ["pro_bono"],
    "experts_sought": 1,
    "visibility": "public",
}
INVITATION = {
    "id": 301,
    "project": {"id": 57, "title": PROJECT["title"], "status": "published"},
    "expert": {
        "id": 481,
        "name": "Rosa Martínez",
        "headline": "Investigadora en biotecnología agrícola en Davis",
    },
    "message": "Su experiencia en cadenas de frío es justo lo que buscamos.",
    "status": "pending",
    "decline_reason": "",
    "decline_note": "",
    "created_at": "2026-06-03T18:00:00Z",
    "expires_at": "2026-06-17T18:00:00Z",
    "responded_at": None,
}
INVITATION_INPUT = {
    "project": 57,
    "expert": 481,
    "message": "Su experiencia en cadenas de frío es justo lo que buscamos.",
}
ENGAGEMENT = {
    "id": 88,
    "project": {"id": 57, "title": PROJECT["title"], "status": "in_progress"},
    "expert": INVITATION["expert"],
    "status": "active",
    "started_at": "2026-06-05T12:00:00Z",
    "ended_at": None,
    "outcomes_count": 1,
}
OUTCOME = {
    "id": 9,
    "kind": "grant",
    "description": "Financiamiento estatal para el laboratorio de poscosecha.",
    "occurred_on": "2026-11-20",
    "url": "https://example.org/convocatoria/resultados",
    "amount": "250000.00",
    "currency": "MXN",
    "created_at": "2026-11-21T09:30:00Z",
}
OUTCOME_INPUT = {
    "kind": "grant",
    "description": "Financiamiento estatal para el laboratorio de poscosecha.",
    "occurred_on": "2026-11-20",
    "url": "https://example.org/convocatoria/resultados",
    "amount": "250000.00",
    "currency": "MXN",
}
