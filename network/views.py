from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET

from network.outage import RETRY_AFTER_SECONDS
from network.selectors import health_status
from network.web import anonymous_page_cache


@require_GET
@anonymous_page_cache()  # shows no data: only the code and the language change it
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "home.html")


@require_GET
def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "privacy.html")


@require_GET
@cache_control(public=True, max_age=86400)
def favicon(request: HttpRequest) -> HttpResponseRedirect:
    """Browsers ask for /favicon.ico on a first visit: send them to the static icon, with no
    query. Not permanent: the icon's hashed static name changes when the icon does."""
    return HttpResponseRedirect(static("img/favicon.svg"))


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    healthy, report = health_status()
    report["status"] = "ok" if healthy else "error"
    response = JsonResponse(report, status=200 if healthy else 503)
    if not healthy:
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response
