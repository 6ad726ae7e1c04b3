"""Institution pages under /instituciones/ (namespace `profiles`). Fixed segments come before
`<slug>/`; services keep those segments out of slugs (RESERVED_SLUGS)."""

from django.urls import path

from profiles.views import institutions as views

urlpatterns = [
    path("instituciones/", views.institution_mine, name="institution_mine"),
    path("instituciones/registrar/", views.institution_register, name="institution_register"),
    path("instituciones/unirse/<str:token>/", views.membership_accept, name="membership_accept"),
    path("instituciones/<slug:slug>/", views.institution_detail, name="institution_detail"),
    path("instituciones/<slug:slug>/editar/", views.institution_edit, name="institution_edit"),
    path(
        "instituciones/<slug:slug>/miembros/",
        views.institution_members,
        name="institution_members",
    ),
    path(
        "instituciones/<slug:slug>/miembros/<int:membership_id>/quitar/",
        views.membership_remove,
        name="membership_remove",
    ),
    path(
        "instituciones/<slug:slug>/miembros/<int:membership_id>/rol/",
        views.membership_change_role,
        name="membership_change_role",
    ),
    path(
        "instituciones/<slug:slug>/invitaciones/<int:invitation_id>/revocar/",
        views.membership_invitation_revoke,
        name="membership_invitation_revoke",
    ),
]
