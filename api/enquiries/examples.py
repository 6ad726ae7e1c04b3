"""Examples of the enquiries endpoints for the schema (and the API fuzz's starting point)."""

ENQUIRY_INPUT = {
    "organisation": "Muebles Finos de Guadalajara",
    "person_name": "Jorge Villaseñor",
    "email": "jorge@muebles-gdl.example",
    "text": "Queremos vender nuestros muebles en Texas y buscamos quien conozca la distribución.",
    "type": "market_entry",
    "sector": "private",
    "countries": ["US"],
    "urgency": "normal",
    "language": "es",
}

ENQUIRY = {
    "id": "6f1c2b9e-3d4a-4e8b-9b7a-2f0d5c8e1a34",
    **ENQUIRY_INPUT,
    "status": "searching",
    "decline_reason": "",
    "outcome": "",
    "created_at": "2026-11-30T09:15:00-06:00",
    "confirmed_at": "2026-11-30T09:15:00-06:00",
    "first_response_at": "2026-12-01T11:02:00-06:00",
    "introduced_at": None,
    "closed_at": None,
}
