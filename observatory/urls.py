from django.urls import URLPattern, URLResolver, path, re_path

from observatory import staff_views, views

app_name = "observatory"

urlpatterns: list[URLPattern | URLResolver] = [
    path("observatorio/", views.observatory_page, name="page"),
    re_path(
        r"^observatorio/datos/(?P<table>[a-z_]+)\.(?P<fmt>csv|json)$",
        views.table_download,
        name="download",
    ),
    path("observatorio/equipo/salud/", staff_views.health, name="health"),
    path("observatorio/equipo/informes/", staff_views.reports, name="reports"),
    path("observatorio/equipo/informes/<int:pk>/pdf/", staff_views.report_pdf, name="report_pdf"),
]
