"""drf-spectacular's settings for the Puentes API, read by `network/settings_apps.py`.

A plain table (no Django or DRF import), so settings can load it: the schema's title and
version, the enum names clients see, the post-processing hooks, and Swagger UI served from
drf-spectacular-sidecar's static files (the docs load nothing from a CDN).
"""

from typing import Any

SETTINGS: dict[str, Any] = {
    "TITLE": "Puentes API",
    "VERSION": "1.0.0",
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    # Swagger UI from drf-spectacular-sidecar's static files: the docs load nothing from a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SWAGGER_UI_SETTINGS": {"deepLinking": True, "validatorUrl": None, "tryItOutEnabled": False},
    "AUTHENTICATION_WHITELIST": ["api.authentication.ApiKeyAuthentication"],
    "ENUM_NAME_OVERRIDES": {
        "ProjectStatusEnum": "projects.choices.ProjectStatus",
        "RequestStatusEnum": "projects.choices.RequestStatus",
        "EngagementStatusEnum": "projects.choices.EngagementStatus",
        "OutcomeKindEnum": "projects.choices.OutcomeKind",
        "InstitutionKindEnum": "profiles.models.Institution.Kind",
        "CollaborationTypeEnum": "profiles.choices.CollaborationType",
        "MatchStateEnum": "matching.models.MatchState",
        "DeliveryStatusEnum": "partners.models.WebhookDelivery.Status",
        "WebhookEventEnum": "partners.models.WebhookEvent",
        "ApiScopeEnum": "partners.models.ApiScope",
        "CountryEnum": "django_countries.countries",
        "ExpertVisibilityEnum": "profiles.choices.Visibility",
        "ProjectVisibilityEnum": "projects.choices.ProjectVisibility",
        "ChapterVisibilityEnum": "chapters.models.choices.ChapterVisibility",
    },
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "api.schema.describe_api",
    ],
}
