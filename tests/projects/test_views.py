"""Pages and actions: permission matrix (liaison, team-mate, stranger, admin, anonymous),
validation messages, empty states and database effects."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from profiles.models import FieldOfScience, Skill
from projects import services
from projects.models import Engagement, Interest, Invitation, Outcome, Project
from tests.factories.profiles import (
    ExpertProfileFactory,
    InstitutionFactory,
    UserFactory,
    state,
)
from tests.factories.projects import (
    EngagementFactory,
    InterestFactory,
    InvitationFactory,
    ProjectFactory,
    PublishedProjectFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(institution, liaison):
    return PublishedProjectFactory(
        institution=institution,
        created_by=liaison,
        title="Experto en regulación de dispositivos médicos (COFEPRIS/FDA)",
    )


def _persona(request, name):
    """The user behind a persona fixture (the expert fixture is a profile)."""
    value = request.getfixturevalue(name)
    return getattr(value, "user", value)


def _get(client, user, url):
    if user is not None:
        client.force_login(user)
    return client.get(url)


def _post(client, user, url, data=None):
    if user is not None:
        client.force_login(user)
    return client.post(url, data or {})


# --- Public list ------------------------------------------------------------------------------


def test_the_public_list_shows_published_public_projects_only(client, institution):
    PublishedProjectFactory(institution=institution, title="Publicado visible")
    PublishedProjectFactory(title="Solo miembros", visibility="members")
    ProjectFactory(title="Borrador oculto")
    PublishedProjectFactory(title="Cerrado oculto", status="closed")

    response = client.get(reverse("projects:list"))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Publicado visible" in html
    assert "Solo miembros" not in html
    assert "Borrador oculto" not in html
    assert "Cerrado oculto" not in html
    assert "1 proyecto" in html


def test_network_members_also_see_members_only_projects(client, expert):
    PublishedProjectFactory(title="Solo miembros", visibility="members")

    response = _get(client, expert.user, reverse("projects:list"))

    assert "Solo miembros" in response.content.decode()


def test_search_ignores_accents_and_case(client):
    PublishedProjectFactory(title="Logística del aguacate", summary="Exportación")
    PublishedProjectFactory(title="Dispositivos médicos", summary="Regulación")

    response = client.get(reverse("projects:list"), {"q": "LOGISTICA"})

    assert [p.title for p in response.context["projects"]] == ["Logística del aguacate"]
    assert "Logística del aguacate" in response.content.decode()


def test_filters_narrow_the_list(client):
    wanted = PublishedProjectFactory(
        title="El buscado",
        state=InstitutionFactory().state,
        collaboration_type="thesis_cosupervision",
        modality="hybrid",
        languages=["es", "en"],
        skill_slugs=["avocado-production"],
        field_codes=["4.1"],
    )
    PublishedProjectFactory(title="Otro tipo", collaboration_type="consulting")
    PublishedProjectFactory(title="Otro idioma", languages=["es"])
    PublishedProjectFactory(title="Otra habilidad", skill_slugs=["supply-chain"])

    html = client.get(
        reverse("projects:list"),
        {
            "field": "4",  # a major field includes its subfields
            "skill": "avocado-production",
            "state": wanted.state.code,
            "collaboration_type": "thesis_cosupervision",
            "modality": "hybrid",
            "language": "en",
        },
    ).content.decode()

    assert "El buscado" in html
    for other in ("Otro tipo", "Otro idioma", "Otra habilidad"):
        assert other not in html
    assert "Quitar filtros" in html


def test_an_unknown_filter_value_is_reported_not_a_500(client):
    PublishedProjectFactory(title="Sigue visible")

    response = client.get(reverse("projects:list"), {"skill": "no-existe"})

    html = response.content.decode()
    assert response.status_code == 200
    assert "Sigue visible" in html
    assert "errorlist" in html


def test_the_list_is_paginated_and_keeps_the_filters(client):
    PublishedProjectFactory.create_batch(21, collaboration_type="mentoring")

    first = client.get(reverse("projects:list"), {"collaboration_type": "mentoring"})
    second = client.get(reverse("projects:list"), {"collaboration_type": "mentoring", "page": 2})

    assert len(first.context["projects"]) == 20
    assert "collaboration_type=mentoring&amp;page=2" in first.content.decode()
    assert len(second.context["projects"]) == 1


def test_empty_list_says_what_to_do_next(client):
    html = client.get(reverse("projects:list")).content.decode()

    assert "Todavía no hay proyectos publicados" in html


def test_empty_search_suggests_fewer_filters(client):
    PublishedProjectFactory()

    html = client.get(reverse("projects:list"), {"q": "zzzz"}).content.decode()

    assert "Prueba con menos filtros" in html


# --- Detail permission matrix -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("liaison", 200),
        ("institution_admin", 200),
        ("teammate", 200),
        ("staff", 200),
        ("stranger", 404),
        ("expert", 404),
    ],
)
def test_only_the_institution_and_admins_see_a_draft(request, client, draft, persona, status):
    user = _persona(request, persona)

    response = _get(client, user, reverse("projects:detail", args=[draft.pk]))

    assert response.status_code == status
    if status == 200:
        assert "Cadena del aguacate" in response.content.decode()


def test_anonymous_visitors_get_404_on_a_draft(client, draft):
    assert client.get(reverse("projects:detail", args=[draft.pk])).status_code == 404


def test_anyone_sees_a_published_project(client, published):
    response = client.get(reverse("projects:detail", args=[published.pk]))

    html = response.content.decode()
    assert response.status_code == 200
    assert "COFEPRIS/FDA" in html
    assert "Inicia sesión con tu perfil de experto" in html


def test_the_liaison_sees_the_rejection_reason_on_the_project_page(client, draft, liaison, staff):
    services.project_submit(project=draft, by=liaison)
    services.project_reject(project=draft, by=staff, reason="Describe el perfil buscado.")

    html = _get(client, liaison, reverse("projects:detail", args=[draft.pk])).content.decode()

    assert "Describe el perfil buscado." in html
    assert "Corrígelo y vuelve a enviarlo" in html


# --- Create and edit --------------------------------------------------------------------------


def _form_data(**overrides):
    today = timezone.localdate()
    data = {
        "title": "Mentoría en exportación de berries",
        "summary": "Acompañar a productores de Jalisco en su primera exportación.",
        "description": "Buscamos mentoría sobre certificaciones y logística.",
        "fields_of_science": [FieldOfScience.objects.get(code="4.1").pk],
        "required_skills": [Skill.objects.get(slug="berry-production").pk],
        "nice_to_have_skills": [Skill.objects.get(slug="logistics").pk],
        "collaboration_type": "mentoring",
        "modality": "remote",
        "state": state("14").pk,
        "municipality": "Zapopan",
        "languages": ["es", "en"],
        "hours_per_month": 6,
        "duration_months": 4,
        "start_date": (today + datetime.timedelta(days=40)).isoformat(),
        "deadline": (today + datetime.timedelta(days=20)).isoformat(),
        "compensation": ["pro_bono"],
        "experts_sought": 2,
        "visibility": "public",
    }
    data.update(overrides)
    return data


def test_member_creates_a_draft_through_the_form(client, liaison, institution):
    client.force_login(liaison)

    response = client.post(reverse("projects:create"), _form_data(institution=institution.pk))

    project = Project.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("projects:detail", args=[project.pk])
    assert (project.institution, project.created_by, project.status) == (
        institution,
        liaison,
        "draft",
    )
    assert [s.slug for s in project.required_skills] == ["berry-production"]
    assert [s.slug for s in project.nice_to_have_skills] == ["logistics"]


def test_the_form_shows_clear_translated_errors(client, liaison, institution):
    client.force_login(liaison)

    response = client.post(
        reverse("projects:create"),
        _form_data(
            institution=institution.pk,
            title="",
            compensation=["pro_bono", "honorarium"],
            deadline="2000-01-01",
            nice_to_have_skills=[Skill.objects.get(slug="berry-production").pk],
        ),
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "Este campo es requerido." in html
    assert "Un proyecto pro bono no puede ofrecer honorarios a la vez." in html
    assert "La fecha límite no puede estar en el pasado." in html
    assert "no puede ser indispensable y deseable a la vez" in html
    assert not Project.objects.exists()


def test_a_member_cannot_post_for_an_institution_they_do_not_belong_to(client, liaison):
    other = InstitutionFactory()
    client.force_login(liaison)

    response = client.post(reverse("projects:create"), _form_data(institution=other.pk))

    assert response.status_code == 200
    assert "institution" in response.context["form"].errors
    assert not Project.objects.exists()


def test_people_without_an_institution_are_told_how_to_get_one(client, expert):
    response = _get(client, expert.user, reverse("projects:create"))

    assert response.status_code == 200
    assert "necesitas pertenecer a una institución" in response.content.decode()


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get(reverse("projects:create"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("liaison", 200),
        ("institution_admin", 200),
        ("teammate", 200),
        ("stranger", 404),
        ("staff", 404),
    ],
)
def test_edit_page_permission_matrix(request, client, draft, persona, status):
    user = _persona(request, persona)

    assert _get(client, user, reverse("projects:edit", args=[draft.pk])).status_code == status


@pytest.mark.parametrize("persona", ["teammate", "institution_admin"])
def test_a_colleague_edits_a_draft(request, client, draft, persona):
    client.force_login(request.getfixturevalue(persona))

    response = client.post(
        reverse("projects:edit", args=[draft.pk]), _form_data(title="Título corregido")
    )

    assert response.status_code == 302
    assert Project.objects.get(pk=draft.pk).title == "Título corregido"


def test_a_published_project_is_not_editable(client, published, liaison):
    response = _get(client, liaison, reverse("projects:edit", args=[published.pk]))

    assert response.status_code == 302
    assert response["Location"] == reverse("projects:detail", args=[published.pk])


# --- Workflow actions -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "status", "project_status"),
    [
        ("liaison", 302, "submitted"),
        ("institution_admin", 302, "submitted"),
        ("teammate", 302, "submitted"),
        ("stranger", 404, "draft"),
        ("staff", 404, "draft"),
        ("expert", 404, "draft"),
    ],
)
def test_submit_permission_matrix(request, client, draft, persona, status, project_status):
    user = _persona(request, persona)

    response = _post(client, user, reverse("projects:submit", args=[draft.pk]))

    assert response.status_code == status
    assert Project.objects.get(pk=draft.pk).status == project_status


def test_submitting_for_an_unverified_institution_shows_why(client, liaison, institution):
    institution.verification_status = "pending"
    institution.save()
    project = ProjectFactory(institution=institution)
    client.force_login(liaison)

    response = client.post(reverse("projects:submit", args=[project.pk]), follow=True)

    assert "Tu institución aún no está verificada" in response.content.decode()
    assert Project.objects.get(pk=project.pk).status == "draft"


@pytest.mark.parametrize("action", ["start", "complete", "cancel"])
def test_strangers_get_404_on_workflow_actions(client, published, stranger, action):
    response = _post(client, stranger, reverse(f"projects:{action}", args=[published.pk]))

    assert response.status_code == 404
    assert Project.objects.get(pk=published.pk).status == "published"


def test_liaison_cancels_a_project(client, published, liaison):
    response = _post(client, liaison, reverse("projects:cancel", args=[published.pk]))

    assert response.status_code == 302
    assert Project.objects.get(pk=published.pk).status == "cancelled"


# --- Interests --------------------------------------------------------------------------------


def test_an_expert_expresses_interest_from_the_detail_page(client, published, expert):
    client.force_login(expert.user)
    page = client.get(reverse("projects:detail", args=[published.pk])).content.decode()
    assert "Me interesa" in page

    response = client.post(
        reverse("projects:interest_create", args=[published.pk]),
        {"message": "Trabajé 8 años en la FDA."},
    )

    assert response.status_code == 302
    interest = Interest.objects.get()
    assert (interest.expert, interest.project, interest.status) == (expert, published, "pending")
    again = client.get(reverse("projects:detail", args=[published.pk])).content.decode()
    assert "Ya enviaste tu interés" in again


def test_an_empty_interest_message_is_shown_as_an_error(client, published, expert):
    client.force_login(expert.user)

    response = client.post(
        reverse("projects:interest_create", args=[published.pk]), {"message": ""}
    )

    assert response.status_code == 400
    assert "Este campo es requerido." in response.content.decode()
    assert not Interest.objects.exists()


def test_a_user_without_expert_profile_is_told_to_create_one(client, published):
    user = UserFactory()

    html = _get(client, user, reverse("projects:detail", args=[published.pk])).content.decode()

    assert "Crea tu perfil de experto" in html
    assert "Me interesa" not in html


def test_interest_in_a_draft_is_a_404(client, draft, expert):
    response = _post(
        client, expert.user, reverse("projects:interest_create", args=[draft.pk]), {"message": "x"}
    )

    assert response.status_code == 404


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("liaison", 302),
        ("institution_admin", 302),
        ("teammate", 302),
        ("stranger", 404),
        ("staff", 404),
        ("expert", 404),
    ],
)
def test_accept_interest_permission_matrix(request, client, published, expert, persona, status):
    interest = InterestFactory(project=published, expert=expert)
    user = _persona(request, persona)

    response = _post(client, user, reverse("projects:interest_accept", args=[interest.pk]))

    assert response.status_code == status
    assert Engagement.objects.exists() is (status == 302)


def test_declining_an_interest_asks_for_a_reason(client, published, expert, liaison):
    interest = InterestFactory(project=published, expert=expert)
    client.force_login(liaison)
    url = reverse("projects:interest_decline", args=[interest.pk])

    form = client.get(url)
    invalid = client.post(url, {"reason": "other", "note": ""})
    valid = client.post(url, {"reason": "filled", "note": "Ya cubrimos la plaza"})

    assert form.status_code == 200
    assert "Ya cubrimos esta necesidad" in form.content.decode()
    assert "explícalo en el comentario" in invalid.content.decode()
    assert valid.status_code == 302
    interest.refresh_from_db()
    assert (interest.status, interest.decline_reason) == ("declined", "filled")


def test_strangers_get_404_on_declining_an_interest(client, published, expert, stranger):
    interest = InterestFactory(project=published, expert=expert)
    url = reverse("projects:interest_decline", args=[interest.pk])

    assert _get(client, stranger, url).status_code == 404
    assert client.post(url, {"reason": "filled"}).status_code == 404
    assert Interest.objects.get(pk=interest.pk).status == "pending"


def test_a_refused_accept_explains_why(client, published, liaison):
    busy = ExpertProfileFactory(max_concurrent_engagements=1)
    EngagementFactory(expert=busy)
    interest = InterestFactory(project=published, expert=busy)
    client.force_login(liaison)

    response = client.post(
        reverse("projects:interest_accept", args=[interest.pk]),
        {"next": reverse("projects:dashboard")},
        follow=True,
    )

    assert "ya no tiene capacidad" in response.content.decode()
    assert Interest.objects.get(pk=interest.pk).status == "pending"


# --- Invitations ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("liaison", 200),
        ("institution_admin", 200),
        ("teammate", 200),
        ("stranger", 404),
        ("staff", 404),
        ("expert", 404),
    ],
)
def test_invite_page_permission_matrix(request, client, published, persona, status):
    user = _persona(request, persona)

    assert _get(client, user, reverse("projects:invite", args=[published.pk])).status_code == status


def test_liaison_invites_an_expert_by_profile_id(client, published, liaison, expert):
    client.force_login(liaison)

    response = client.post(
        reverse("projects:invite", args=[published.pk]),
        {"expert": expert.pk, "message": "Nos encantaría contar contigo."},
    )

    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert (invitation.expert, invitation.invited_by, invitation.project) == (
        expert,
        liaison,
        published,
    )


def test_inviting_an_unknown_or_hidden_expert_is_a_form_error(client, published, liaison):
    hidden = ExpertProfileFactory(visibility="hidden")
    client.force_login(liaison)

    for pk in (999999, hidden.pk):
        response = client.post(
            reverse("projects:invite", args=[published.pk]), {"expert": pk, "message": "Hola"}
        )
        assert response.status_code == 400
        assert "No encontramos a una persona experta" in response.content.decode()
    assert not Invitation.objects.exists()


def test_stranger_cannot_post_an_invitation(client, published, stranger, expert):
    response = _post(
        client,
        stranger,
        reverse("projects:invite", args=[published.pk]),
        {"expert": expert.pk, "message": "Hola"},
    )

    assert response.status_code == 404
    assert not Invitation.objects.exists()


@pytest.mark.parametrize(
    ("persona", "status"),
    [("expert", 302), ("liaison", 404), ("stranger", 404), ("staff", 404)],
)
def test_accept_invitation_permission_matrix(request, client, published, expert, persona, status):
    invitation = InvitationFactory(project=published, expert=expert)
    user = _persona(request, persona)

    response = _post(client, user, reverse("projects:invitation_accept", args=[invitation.pk]))

    assert response.status_code == status
    assert Invitation.objects.get(pk=invitation.pk).status == (
        "accepted" if status == 302 else "pending"
    )


def test_expert_declines_an_invitation_with_a_reason(client, published, expert):
    invitation = InvitationFactory(project=published, expert=expert)
    client.force_login(expert.user)

    response = client.post(
        reverse("projects:invitation_decline", args=[invitation.pk]),
        {"reason": "no_capacity", "note": ""},
    )

    assert response.status_code == 302
    invitation.refresh_from_db()
    assert (invitation.status, invitation.decline_reason) == ("declined", "no_capacity")


def test_an_expert_who_declines_is_shown_other_projects_that_fit(client, published, expert):
    from tests.factories.matching import MatchFactory  # noqa: PLC0415 - only this test

    invitation = InvitationFactory(project=published, expert=expert)
    MatchFactory(project=published, expert=expert)
    other = MatchFactory(expert=expert, project__title="Trazabilidad del aguacate")
    client.force_login(expert.user)

    response = client.post(
        reverse("projects:invitation_decline", args=[invitation.pk]),
        {"reason": "not_a_fit", "note": ""},
        follow=True,
    )

    assert response.redirect_chain[-1][0] == reverse("matching:my_suggestions")
    page = response.content.decode()
    assert "Estos otros proyectos encajan con tu perfil." in page
    assert other.project.title in page
    assert published.title not in page.split("<main", 1)[1]  # the declined one is gone


def test_an_expired_invitation_cannot_be_accepted_from_the_page(client, published, expert):
    invitation = InvitationFactory(
        project=published, expert=expert, expires_at=timezone.now() - datetime.timedelta(hours=1)
    )
    client.force_login(expert.user)

    response = client.post(reverse("projects:invitation_accept", args=[invitation.pk]), follow=True)

    assert "venció sin respuesta" in response.content.decode()
    assert not Engagement.objects.exists()


# --- Engagements and outcomes -----------------------------------------------------------------


@pytest.fixture
def engagement(published, expert, liaison):
    return EngagementFactory(project=published, expert=expert, institution_contact=liaison)


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("expert", 200),
        ("liaison", 200),
        ("institution_admin", 200),
        ("teammate", 200),
        ("staff", 200),
        ("stranger", 404),
    ],
)
def test_engagement_page_permission_matrix(request, client, engagement, persona, status):
    user = _persona(request, persona)

    response = _get(client, user, reverse("projects:engagement_detail", args=[engagement.pk]))

    assert response.status_code == status


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("expert", 302),
        ("institution_admin", 302),
        ("teammate", 302),
        ("stranger", 404),
        ("staff", 404),
    ],
)
def test_outcome_permission_matrix(request, client, engagement, persona, status):
    user = _persona(request, persona)

    response = _post(
        client,
        user,
        reverse("projects:outcome_create", args=[engagement.pk]),
        {
            "kind": "publication",
            "description": "Artículo en revista arbitrada",
            "occurred_on": timezone.localdate().isoformat(),
        },
    )

    assert response.status_code == status
    assert Outcome.objects.filter(engagement=engagement).exists() is (status == 302)


def test_an_investment_without_amount_is_a_field_error(client, engagement, expert):
    client.force_login(expert.user)

    response = client.post(
        reverse("projects:outcome_create", args=[engagement.pk]),
        {
            "kind": "investment",
            "description": "Ronda semilla",
            "occurred_on": timezone.localdate().isoformat(),
        },
    )

    assert response.status_code == 400
    assert "Indica el monto y la moneda de la inversión." in response.content.decode()
    assert not Outcome.objects.exists()


def test_either_side_closes_the_engagement(client, engagement, liaison):
    response = _post(
        client,
        liaison,
        reverse("projects:engagement_end", args=[engagement.pk]),
        {"status": "completed"},
    )

    assert response.status_code == 302
    assert Engagement.objects.get(pk=engagement.pk).status == "completed"


def test_strangers_cannot_close_an_engagement(client, engagement, stranger):
    response = _post(
        client,
        stranger,
        reverse("projects:engagement_end", args=[engagement.pk]),
        {"status": "cancelled"},
    )

    assert response.status_code == 404
    assert Engagement.objects.get(pk=engagement.pk).status == "active"


# --- Dashboard --------------------------------------------------------------------------------


def test_the_liaison_dashboard_groups_projects_with_counts_and_what_needs_an_answer(
    client, institution, liaison, draft, staff
):
    published = PublishedProjectFactory(institution=institution, title="Publicado con interés")
    InterestFactory(project=published, expert__user__name="Rosa Interesada")
    InterestFactory(project=published, status="declined", decline_reason="timing")
    InvitationFactory(project=published)
    rejected = ProjectFactory(institution=institution, title="Rechazado")
    services.project_submit(project=rejected, by=liaison)
    services.project_reject(project=rejected, by=staff, reason="Falta presupuesto.")

    response = _get(client, liaison, reverse("projects:dashboard"))

    html = response.content.decode()
    assert response.status_code == 200
    groups = {
        status: [p.title for p in projects]
        for status, _l, projects in (response.context["liaison"].groups)
    }
    assert groups == {
        "rejected": ["Rechazado"],
        "draft": ["Cadena del aguacate"],
        "published": ["Publicado con interés"],
    }
    row = response.context["liaison"].groups[2][2][0]
    assert (row.interests_pending, row.interests_total) == (1, 2)
    assert (row.invitations_pending, row.invitations_total) == (1, 1)
    assert "Rosa Interesada" in html
    assert "Falta presupuesto." in html  # the moderation decision, in-site
    assert response.context["expert"] is None


def test_the_expert_dashboard_lists_invitations_interests_and_engagements(
    client, expert, published
):
    InvitationFactory(expert=expert, project=published, message="Te invitamos con gusto")
    InterestFactory(expert=expert, project__title="Mi interés")
    EngagementFactory(expert=expert, project__title="Mi colaboración")

    response = _get(client, expert.user, reverse("projects:dashboard"))

    html = response.content.decode()
    assert "Te invitamos con gusto" in html
    assert "Mi interés" in html
    assert "Mi colaboración" in html
    assert response.context["liaison"] is None


def test_an_empty_dashboard_says_what_to_do_next(client):
    html = _get(client, UserFactory(), reverse("projects:dashboard")).content.decode()

    assert "crea tu perfil de experto" in html
    assert "regístrala para publicar proyectos" in html


def test_the_dashboard_needs_a_login(client):
    response = client.get(reverse("projects:dashboard"))

    assert response.status_code == 302
