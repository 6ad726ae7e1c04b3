"""profiles: URL names live in the `profiles` namespace; each feature keeps its own list."""

from profiles.urls.conflicts import urlpatterns as conflict_urlpatterns
from profiles.urls.experts import urlpatterns as expert_urlpatterns
from profiles.urls.institutions import urlpatterns as institution_urlpatterns
from profiles.urls.options import urlpatterns as option_urlpatterns
from profiles.urls.skills import urlpatterns as skill_urlpatterns

app_name = "profiles"
urlpatterns = [
    *expert_urlpatterns,
    *institution_urlpatterns,
    *conflict_urlpatterns,
    *option_urlpatterns,
    *skill_urlpatterns,
]
