"""The site's URLs plus `/__bench__/ok/`, the trivial view every page is compared with."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from network.urls import urlpatterns as site_urlpatterns


def ok(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok")


urlpatterns = [path("__bench__/ok/", ok), *site_urlpatterns]
