"""Example payload for the OpenAPI documentation of suggested experts."""

MATCH = {
    "id": 7001,
    "expert": {
        "id": 481,
        "name": "Rosa Martínez",
        "headline": "Investigadora en biotecnología agrícola en Davis",
    },
    "score": 82.5,
    "components": {"skills": 0.8, "fields": 1.0, "language": 1.0, "origin": 1.0},
    "reasons": {
        "es": [
            "Tiene 4 de 5 habilidades indispensables: agronomía, …",
            "Es de Michoacán, como el proyecto",
            "Habla español e inglés",
        ],
        "en": [
            "Has 4 of 5 required skills: agronomy, …",
            "From Michoacán, like the project",
            "Speaks Spanish and English",
        ],
    },
    "missing": {"es": ["Logística de exportación"], "en": ["Export logistics"]},
    "algorithm_version": "2026.1",
    "computed_at": "2026-06-02T03:00:00Z",
    "state": "new",
}
