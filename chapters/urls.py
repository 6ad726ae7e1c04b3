from django.urls import URLPattern, URLResolver, path

from chapters.views import chapters, coordination, events, vetting

app_name = "chapters"

urlpatterns: list[URLPattern | URLResolver] = [
    path("capitulos/", chapters.chapter_directory, name="list"),
    path("capitulos/invitacion/<str:token>/", chapters.invitation, name="invitation"),
    path("capitulos/perfiles-por-aprobar/", vetting.profiles_pending, name="profiles_pending"),
    path(
        "capitulos/perfiles-por-aprobar/<int:pk>/<str:decision>/",
        vetting.profile_decide,
        name="profile_decide",
    ),
    path("capitulos/<slug:slug>/", chapters.chapter_detail, name="detail"),
    path("capitulos/<slug:slug>/unirme/", chapters.chapter_join, name="join"),
    path("capitulos/<slug:slug>/salir/", chapters.chapter_leave, name="leave"),
    path("capitulos/<slug:slug>/eventos.ics", chapters.chapter_feed, name="feed"),
    path("capitulos/<slug:slug>/solicitudes/", coordination.requests, name="requests"),
    path(
        "capitulos/<slug:slug>/solicitudes/<int:pk>/aprobar/",
        coordination.request_approve,
        name="request_approve",
    ),
    path(
        "capitulos/<slug:slug>/solicitudes/<int:pk>/declinar/",
        coordination.request_decline,
        name="request_decline",
    ),
    path("capitulos/<slug:slug>/invitar/", coordination.invite, name="invite"),
    path("capitulos/<slug:slug>/miembros/", coordination.roster, name="roster"),
    path("capitulos/<slug:slug>/miembros.csv", coordination.roster_csv, name="roster_csv"),
    path(
        "capitulos/<slug:slug>/miembros/<int:pk>/retirar/",
        coordination.member_remove,
        name="member_remove",
    ),
    path("capitulos/<slug:slug>/anunciar/", coordination.announce, name="announce"),
    path("capitulos/<slug:slug>/compartir/", coordination.share_project, name="share"),
    path("capitulos/<slug:slug>/eventos/nuevo/", events.event_create, name="event_create"),
    path("eventos/<int:pk>/publicar/", events.event_publish, name="event_publish"),
    path("eventos/", events.event_list_view, name="event_list"),
    path("eventos/calendario/<str:token>.ics", events.my_feed, name="my_feed"),
    path("eventos/<int:pk>/", events.event_detail, name="event_detail"),
    path("eventos/<int:pk>.ics", events.event_ics, name="event_ics"),
    path("eventos/<int:pk>/inscribirme/", events.event_register, name="event_register"),
    path("eventos/<int:pk>/cancelar/", events.event_cancel, name="event_cancel"),
    path("eventos/<int:pk>/asistentes/", events.attendees, name="attendees"),
    path("eventos/<int:pk>/asistentes.csv", events.attendees_csv, name="attendees_csv"),
    path(
        "eventos/<int:pk>/asistentes/<int:registration_pk>/asistencia/",
        events.check_in,
        name="check_in",
    ),
]
