"""Example payloads for the OpenAPI documentation of the expert resources."""

EXPERT = {
    "id": 481,
    "name": "Rosa Martínez",
    "headline": "Investigadora en biotecnología agrícola en Davis",
    "bio": "Trabajo en mejoramiento genético de aguacate y cadenas de frío.",
    "country": "US",
    "city": "Davis",
    "timezone": "America/Los_Angeles",
    "origin_state": {"code": "16", "name": "Michoacán"},
    "origin_municipality": "Uruapan",
    "origin_tie": "born",
    "current_position": "Profesora asociada",
    "employer": "University of California, Davis",
    "sector": "academia",
    "fields_of_science": [
        {
            "code": "4.1",
            "name_es": "Agricultura, silvicultura y pesca",
            "name_en": "Agriculture, forestry, and fisheries",
        }
    ],
    "skills": [{"slug": "agronomy", "name_es": "Agronomía", "name_en": "Agronomy", "years": 12}],
    "languages": [{"code": "es", "level": "native"}, {"code": "en", "level": "fluent"}],
    "education": [
        {
            "degree": "doctorate",
            "field": "Fitomejoramiento",
            "institution": "UC Davis",
            "year": 2012,
        }
    ],
    "portfolio": [
        {
            "kind": "publication",
            "title": "Avocado cold chains",
            "summary": "",
            "year": 2021,
            "url": "https://doi.org/10.1000/182",
        }
    ],
    "collaboration_types": ["mentoring", "joint_research"],
    "availability": {
        "hours_per_month": 10,
        "max_concurrent_engagements": 2,
        "is_paused": False,
        "modality_preference": "remote",
        "willing_to_travel": True,
        "states_of_interest": ["16"],
        "sectors_of_interest": ["academia"],
    },
    "orcid": "0000-0002-1825-0097",
    "updated_at": "2026-05-10T15:04:00Z",
    "web_url": "https://puentes.example.org/expertos/481/",
}
