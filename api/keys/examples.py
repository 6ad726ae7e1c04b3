"""Example payload for the OpenAPI documentation of the key itself."""

KEY = {
    "prefix": "pnt_3f9a1c2b",
    "name": "CRM de vinculación",
    "institution": {"id": 12, "slug": "universidad-michoacana", "name": "Universidad Michoacana"},
    "partner_name": "",
    "scopes": ["projects:read", "projects:write", "experts:read", "matches:read"],
    "sees_members_content": True,
    "expires_at": None,
    "last_used_at": "2026-06-01T16:02:00Z",
    "created_at": "2026-05-01T12:00:00Z",
}
