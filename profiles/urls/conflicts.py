from django.urls import path

from profiles.views import conflicts as views

urlpatterns = [
    path("conflictos/", views.conflict_list, name="conflicts"),
    path("conflictos/<int:pk>/retirar/", views.conflict_delete, name="conflict_delete"),
]
