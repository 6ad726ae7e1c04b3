"""The site's URLs plus `/__bench__/ok/`, the trivial view every page is compared with."""

from django.http import HttpRequest, HttpResponse
from django.urls import include, path


def ok(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok")


# By name: network.management and network.urls are sibling layers.
urlpatterns = [path("__bench__/ok/", ok), path("", include("network.urls"))]
