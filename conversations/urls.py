from django.urls import URLPattern, URLResolver, path

from conversations import views

app_name = "conversations"

urlpatterns: list[URLPattern | URLResolver] = [
    path("mensajes/", views.thread_list, name="list"),
    path("mensajes/<int:engagement_pk>/", views.thread_detail, name="thread"),
    path("mensajes/<int:engagement_pk>/reunion/", views.meeting_create, name="meeting_create"),
    path("mensajes/<int:engagement_pk>/denunciar/", views.report_create, name="report"),
    path(
        "mensajes/<int:engagement_pk>/adjuntos/<int:pk>/",
        views.attachment_download,
        name="attachment",
    ),
    path(
        "mensajes/<int:engagement_pk>/reuniones/<int:pk>.ics",
        views.meeting_download,
        name="meeting_ics",
    ),
]
