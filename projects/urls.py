from django.urls import path

from projects.views import engagements, requests
from projects.views import projects as views

app_name = "projects"
urlpatterns = [
    path("", views.project_list, name="list"),
    path("nuevo/", views.project_create, name="create"),
    path("panel/", engagements.dashboard, name="dashboard"),
    path("<int:pk>/", views.project_detail, name="detail"),
    path("<int:pk>/editar/", views.project_edit, name="edit"),
    path("<int:pk>/enviar/", views.project_transition, {"action": "submit"}, name="submit"),
    path("<int:pk>/iniciar/", views.project_transition, {"action": "start"}, name="start"),
    path("<int:pk>/concluir/", views.project_transition, {"action": "complete"}, name="complete"),
    path("<int:pk>/cancelar/", views.project_transition, {"action": "cancel"}, name="cancel"),
    path("<int:pk>/pausar/", views.project_pause, {"resume": False}, name="pause"),
    path("<int:pk>/reanudar/", views.project_pause, {"resume": True}, name="resume"),
    path("<int:pk>/interes/", requests.interest_create, name="interest_create"),
    # The matching engine's "Invite" buttons post `expert` (a profile id) and `message` here.
    path("<int:pk>/invitar/", requests.invite, name="invite"),
    path("invitar-a/<int:expert_pk>/", requests.invite_expert, name="invite_expert"),
    path("intereses/<int:pk>/aceptar/", requests.interest_accept, name="interest_accept"),
    path("intereses/<int:pk>/declinar/", requests.interest_decline, name="interest_decline"),
    path("invitaciones/<int:pk>/aceptar/", requests.invitation_accept, name="invitation_accept"),
    path("invitaciones/<int:pk>/declinar/", requests.invitation_decline, name="invitation_decline"),
    path("colaboraciones/<int:pk>/", engagements.engagement_detail, name="engagement_detail"),
    path("colaboraciones/<int:pk>/resultados/", engagements.outcome_create, name="outcome_create"),
    path("colaboraciones/<int:pk>/terminar/", engagements.engagement_end, name="engagement_end"),
]
