"""Example payloads for the OpenAPI documentation of reference data and institutions."""

STATE = {
    "code": "16",
    "name": "Michoacán",
    "abbreviation": "MICH",
    "timezone": "America/Mexico_City",
    "in_region": True,
}
FIELD = {
    "code": "4.1",
    "name_es": "Agricultura, silvicultura y pesca",
    "name_en": "Agriculture, forestry, and fisheries",
    "parent": "4",
}
SKILL = {
    "slug": "agronomy",
    "name_es": "Agronomía",
    "name_en": "Agronomy",
    "synonyms": ["ingeniería agronómica"],
    "parent": None,
    "field": "4.1",
}
COLLABORATION_TYPE = {"code": "mentoring", "label_es": "Mentoría", "label_en": "Mentoring"}
INSTITUTION = {
    "id": 12,
    "slug": "universidad-michoacana",
    "name": "Universidad Michoacana de San Nicolás de Hidalgo",
    "kind": "university",
    "state": {"code": "16", "name": "Michoacán"},
    "municipality": "Morelia",
    "website": "https://www.umich.mx",
    "description": "Universidad pública del estado de Michoacán.",
    "logo_url": None,
    "verified_at": "2026-03-02T17:20:00Z",
    "web_url": "https://puentes.example.org/instituciones/universidad-michoacana/",
}
