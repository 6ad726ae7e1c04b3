"""Response headers Django has no setting for, and the health check answered before Django
checks the Host header."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from network.views import healthz

# Browser features no page of the site uses: switched off for the page and anything it embeds.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in ("accelerometer", "camera", "display-capture", "geolocation", "gyroscope")
    + ("magnetometer", "microphone", "midi", "payment", "usb")
)


class PermissionsPolicyMiddleware:
    """Sends PERMISSIONS_POLICY on every response that does not set its own."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response


class HealthCheckMiddleware:
    """Answers /healthz whatever the Host header says: probes (docker-compose's, a load
    balancer's) address the container, e.g. 127.0.0.1:8000, which ALLOWED_HOSTS does not list,
    and CommonMiddleware would refuse them with a 400. The answer depends on no host."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path_info == "/healthz":
            return healthz(request)
        return self.get_response(request)
