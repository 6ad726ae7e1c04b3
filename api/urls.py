"""The versioned REST API: one router for every domain package of api/ (mounted at /api/v1/).

Partner systems authenticate with API keys (partners app); the schema is at /api/v1/schema/
and the interactive documentation, served without any CDN, at /api/v1/docs/.
"""

from django.urls import path, re_path
from drf_spectacular.views import SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from api.chapters.views import ChapterViewSet, EventViewSet
from api.enquiries.views import EnquiryViewSet
from api.exceptions import api_not_found
from api.experts.views import ExpertViewSet
from api.keys.views import MeView
from api.matches.views import ProjectMatchListView
from api.projects.views import (
    EngagementViewSet,
    InvitationViewSet,
    OwnProjectViewSet,
    ProjectViewSet,
)
from api.reference.views import (
    CollaborationTypeViewSet,
    FieldViewSet,
    InstitutionViewSet,
    SkillViewSet,
    StateViewSet,
)
from api.schema_view import SchemaView
from api.stats.views import StatsView
from api.webhooks.views import WebhookViewSet


class ApiRouter(DefaultRouter):
    include_root_view = False
    include_format_suffixes = False


router = ApiRouter()
router.register("projects", ProjectViewSet, basename="api-project")
router.register("experts", ExpertViewSet, basename="api-expert")
router.register("institutions", InstitutionViewSet, basename="api-institution")
router.register("skills", SkillViewSet, basename="api-skill")
router.register("fields", FieldViewSet, basename="api-field")
router.register("states", StateViewSet, basename="api-state")
router.register("collaboration-types", CollaborationTypeViewSet, basename="api-collaboration-type")
router.register("institution/projects", OwnProjectViewSet, basename="api-own-project")
router.register("institution/invitations", InvitationViewSet, basename="api-own-invitation")
router.register("institution/engagements", EngagementViewSet, basename="api-own-engagement")
router.register("webhooks", WebhookViewSet, basename="api-webhook")
router.register("chapters", ChapterViewSet, basename="api-chapter")
router.register("events", EventViewSet, basename="api-event")
router.register("enquiries", EnquiryViewSet, basename="api-enquiry")

urlpatterns = [
    path("me/", MeView.as_view(), name="api-me"),
    path("stats/", StatsView.as_view(), name="api-stats"),
    path(
        "institution/projects/<int:project_pk>/matches/",
        ProjectMatchListView.as_view(),
        name="api-own-project-matches",
    ),
    *router.urls,
    path("schema/", SchemaView.as_view(), name="api-schema"),
    # The split view serves Swagger UI's start-up script from ?script, not inline (CSP).
    path(
        "docs/",
        SpectacularSwaggerSplitView.as_view(
            url_name="api-schema", template_name="api/swagger_ui.html"
        ),
        name="api-docs",
    ),
    # Anything else under /api/v1/ is a 404 in the API's error shape, not the site's page.
    re_path(r"^[\s\S]*$", api_not_found),
]
