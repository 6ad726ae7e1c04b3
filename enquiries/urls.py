from django.urls import URLPattern, URLResolver, path

from enquiries.views import brokers, experts, public, shortlist

app_name = "enquiries"

urlpatterns: list[URLPattern | URLResolver] = [
    path("consultas/nueva/", public.enquiry_create, name="create"),
    path("consultas/enviada/", public.enquiry_sent, name="sent"),
    path("consultas/confirmar/<str:token>/", public.enquiry_confirm, name="confirm"),
    path("consultas/seguimiento/<str:token>/", public.enquiry_requester, name="requester"),
    path(
        "consultas/seguimiento/<str:token>/borrar/",
        public.enquiry_requester_delete,
        name="requester_delete",
    ),
    path("consultas/resultado/<str:token>/", public.outcome, name="outcome"),
    path("gestion/consultas/", brokers.queue, name="queue"),
    path("gestion/consultas/carga/", brokers.workload, name="workload"),
    path("gestion/consultas/<int:pk>/", brokers.detail, name="detail"),
    path("gestion/consultas/<int:pk>/tomar/", brokers.take, name="take"),
    path("gestion/consultas/<int:pk>/asignar/", brokers.assign, name="assign"),
    path("gestion/consultas/<int:pk>/buscar/", brokers.start_search, name="start_search"),
    path("gestion/consultas/<int:pk>/declinar/", brokers.decline, name="decline"),
    path("gestion/consultas/<int:pk>/cerrar/", brokers.close, name="close"),
    path("gestion/consultas/<int:pk>/nota/", brokers.note, name="note"),
    path("gestion/consultas/<int:pk>/lista-corta/", shortlist.shortlist_page, name="shortlist"),
    path("gestion/consultas/<int:pk>/etiquetas/", shortlist.tag, name="tag"),
    path("gestion/consultas/<int:pk>/candidatas/", shortlist.candidate_add, name="candidate_add"),
    path(
        "gestion/consultas/<int:pk>/candidatas/<int:candidate_pk>/preguntar/",
        shortlist.candidate_ask,
        name="candidate_ask",
    ),
    path("presentaciones/", experts.my_asks, name="my_asks"),
    path("presentaciones/responder/<str:token>/", experts.answer, name="answer"),
]
