"""Example payloads for the OpenAPI documentation of webhooks and their deliveries."""

WEBHOOK_EXAMPLE = {
    "id": 14,
    "url": "https://crm.example.org/puentes/webhooks",
    "description": "CRM de vinculación",
    "events": ["project.published", "invitation.accepted"],
    "is_active": True,
    "consecutive_failures": 0,
    "disabled_at": None,
    "previous_secret_expires_at": None,
    "created_at": "2026-05-01T12:05:00Z",
    "updated_at": "2026-05-01T12:05:00Z",
}
WEBHOOK_WITH_SECRET = {**WEBHOOK_EXAMPLE, "secret": "whsec_Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MGFiY2RlZg"}
WEBHOOK_INPUT = {
    "url": "https://crm.example.org/puentes/webhooks",
    "events": ["project.published", "invitation.accepted"],
    "description": "CRM de vinculación",
}
DELIVERY_EXAMPLE = {
    "id": 5120,
    "event": "project.published",
    "event_id": "1b4e28ba-2fa1-11d2-883f-0016d3cca427",
    "status": "delivered",
    "attempts": 1,
    "response_code": 200,
    "duration_ms": 184,
    "error": "",
    "payload": {
        "id": "1b4e28ba-2fa1-11d2-883f-0016d3cca427",
        "type": "project.published",
        "created_at": "2026-06-01T16:00:00+00:00",
        "api_version": "v1",
        "data": {"project": {"id": 57, "title": "Co-dirección de tesis"}},
    },
    "redelivery_of": None,
    "created_at": "2026-06-01T16:00:01Z",
    "last_attempt_at": "2026-06-01T16:00:01Z",
    "next_attempt_at": None,
    "delivered_at": "2026-06-01T16:00:01Z",
}
