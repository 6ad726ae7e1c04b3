from django.urls import path

from notifications import views

app_name = "notifications"
urlpatterns = [
    path("", views.notification_list, name="list"),
    path("<int:pk>/", views.notification_open, name="open"),
    path("<int:pk>/leido/", views.notification_mark_read, name="mark_read"),
    path("leidos/", views.notifications_mark_all_read, name="mark_all_read"),
    path("campana/", views.bell_menu, name="bell_menu"),
    path("campana/contador/", views.bell_count, name="bell_count"),
    path("preferencias/", views.preferences, name="preferences"),
    path("baja/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
