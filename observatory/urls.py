from django.urls import URLPattern, URLResolver, path, re_path

from observatory import views

app_name = "observatory"

urlpatterns: list[URLPattern | URLResolver] = [
    path("observatorio/", views.observatory_page, name="page"),
    re_path(
        r"^observatorio/datos/(?P<table>[a-z_]+)\.(?P<fmt>csv|json)$",
        views.table_download,
        name="download",
    ),
]
