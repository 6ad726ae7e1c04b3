"""The filter forms' long option lists as cached JSON (see profiles.selectors.options)."""

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotModified, JsonResponse
from django.utils import translation
from django.views.decorators.http import require_GET

from profiles.selectors.options import BUILDERS, option_list, taxonomy_version

# The URL carries no taxonomy version, so the browser must ask again each time (a 304 while
# the ETag holds): a skill added or renamed in the admin shows in the next page's filter.
CACHE_CONTROL = "public, max-age=0, must-revalidate"


@require_GET
def options(request: HttpRequest, kind: str) -> HttpResponse:
    if kind not in BUILDERS:
        raise Http404
    language = request.GET.get("lang", "")
    if language not in dict(settings.LANGUAGES):
        language = translation.get_language() or settings.LANGUAGE_CODE
    version = taxonomy_version()
    etag = f'"{kind}-{language}-{version}"'
    if request.headers.get("If-None-Match") == etag:
        response: HttpResponse = HttpResponseNotModified()
    else:
        with translation.override(language):
            response = JsonResponse(option_list(kind=kind, version=version), safe=False)
    response["ETag"] = etag
    response["Cache-Control"] = CACHE_CONTROL
    return response
