"""Django admin for moderators: institution verification, the audit log, profiles, skills."""

import pytest
from django.contrib.admin import helpers
from django.urls import reverse

from profiles.models import AuditEntry, ExpertSkill, Institution, Skill
from profiles.services.taxonomy import skill_resolve
from tests.factories.profiles import (
    ExpertProfileFactory,
    InstitutionFactory,
    MembershipFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client, staff):
    """The admin site as the `staff` persona (a platform moderator) sees it."""
    client.force_login(staff)
    return client


def pending_institutions(n):
    return [InstitutionFactory(verification_status="pending", verified_at=None) for _ in range(n)]


def changelist(model):
    return reverse(f"admin:profiles_{model}_changelist")


def action_post(action, objects, **extra):
    return {
        "action": action,
        helpers.ACTION_CHECKBOX_NAME: [str(o.pk) for o in objects],
        "index": "0",
        **extra,
    }


# --- Institutions -----------------------------------------------------------------------------


def test_pending_queue_filter_lists_only_pending_institutions(staff_client):
    pending = pending_institutions(2)
    verified = InstitutionFactory(name="Universidad Ya Verificada")

    response = staff_client.get(changelist("institution"), {"queue": "pending"})

    html = response.content.decode()
    assert response.status_code == 200
    assert "Pendientes (2)" in html
    assert all(i.name in html for i in pending)
    assert verified.name not in html


def test_verify_action_verifies_through_the_service_with_audit(staff_client, staff):
    institutions = pending_institutions(2)

    response = staff_client.post(
        changelist("institution"), action_post("verify_institutions", institutions), follow=True
    )

    assert response.status_code == 200
    assert "Se verificaron 2 instituciones." in response.content.decode()
    assert set(
        Institution.objects.filter(pk__in=[i.pk for i in institutions]).values_list(
            "verification_status", flat=True
        )
    ) == {"verified"}
    assert AuditEntry.objects.filter(action="institution.verify", actor=staff).count() == 2


def test_reject_action_asks_for_a_reason_then_rejects_in_bulk(staff_client, staff):
    institutions = pending_institutions(3)
    data = action_post("reject_institutions", institutions)
    del data["index"]  # the intermediate page posts back without the changelist's index

    ask = staff_client.post(
        changelist("institution"), action_post("reject_institutions", institutions)
    )
    empty = staff_client.post(changelist("institution"), {**data, "apply": "1", "reason": "  "})
    done = staff_client.post(
        changelist("institution"),
        {**data, "apply": "1", "reason": "No encontramos la institución."},
        follow=True,
    )

    assert ask.status_code == 200
    assert "Motivo del rechazo" in ask.content.decode()
    assert empty.status_code == 200
    assert "Este campo es requerido." in empty.content.decode()
    assert "Se rechazaron 3 instituciones." in done.content.decode()
    rejected = Institution.objects.filter(pk__in=[i.pk for i in institutions])
    assert set(rejected.values_list("verification_status", "rejection_reason")) == {
        ("rejected", "No encontramos la institución.")
    }
    entries = AuditEntry.objects.filter(action="institution.reject")
    assert [(e.actor, e.note) for e in entries] == [(staff, "No encontramos la institución.")] * 3


def test_verification_status_cannot_be_edited_directly_in_the_change_form(staff_client):
    institution = pending_institutions(1)[0]

    response = staff_client.get(reverse("admin:profiles_institution_change", args=[institution.pk]))

    html = response.content.decode()
    assert response.status_code == 200
    assert 'name="verification_status"' not in html
    assert 'name="memberships-TOTAL_FORMS"' in html


def test_institution_changelist_query_count_is_constant_from_5_to_50_rows(
    staff_client, django_assert_max_num_queries
):
    for institution in pending_institutions(5):
        MembershipFactory(institution=institution, role="admin")
    with django_assert_max_num_queries(20) as five:
        staff_client.get(changelist("institution"))
    for institution in pending_institutions(45):
        MembershipFactory(institution=institution, role="admin")

    with django_assert_max_num_queries(len(five.captured_queries)):
        response = staff_client.get(changelist("institution"))

    assert "50 instituciones" in response.content.decode()


def test_non_staff_cannot_reach_the_admin(client, liaison):
    client.force_login(liaison)

    response = client.get(changelist("institution"))

    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]


# --- Audit log --------------------------------------------------------------------------------


def test_audit_log_is_read_only_and_filterable(staff_client, staff):
    institution = pending_institutions(1)[0]
    staff_client.post(changelist("institution"), action_post("verify_institutions", [institution]))
    entry = AuditEntry.objects.get()

    listing = staff_client.get(changelist("auditentry"), {"action": "institution.verify"})
    change = staff_client.post(
        reverse("admin:profiles_auditentry_change", args=[entry.pk]), {"note": "editado"}
    )
    add = staff_client.get(reverse("admin:profiles_auditentry_add"))

    assert listing.status_code == 200
    assert institution.name in listing.content.decode()
    assert change.status_code == 403
    assert add.status_code == 403
    entry.refresh_from_db()
    assert entry.note == ""


# --- Expert profiles --------------------------------------------------------------------------


def test_expert_profiles_can_be_searched_by_name_email_and_headline(staff_client):
    match = ExpertProfileFactory(headline="Experta en hidrología de acuíferos")
    other = ExpertProfileFactory(headline="Ingeniero de materiales")

    by_headline = staff_client.get(changelist("expertprofile"), {"q": "hidrología"})
    by_email = staff_client.get(changelist("expertprofile"), {"q": match.user.email})

    assert match.user.email in by_headline.content.decode()
    assert other.user.email not in by_headline.content.decode()
    assert match.user.email in by_email.content.decode()


def test_expert_profile_changelist_query_count_is_constant(
    staff_client, django_assert_max_num_queries
):
    for _ in range(5):
        ExpertProfileFactory()
    with django_assert_max_num_queries(25) as five:
        staff_client.get(changelist("expertprofile"), {"visibility": "members"})
    for _ in range(45):
        ExpertProfileFactory()

    with django_assert_max_num_queries(len(five.captured_queries)):
        response = staff_client.get(changelist("expertprofile"), {"visibility": "members"})

    assert response.status_code == 200


# --- Skills -----------------------------------------------------------------------------------


def test_skill_search_finds_synonyms_ignoring_accents(staff_client):
    response = staff_client.get(changelist("skill"), {"q": "programacion"})

    assert "Ingeniería de software" in response.content.decode()


def test_approve_action_approves_pending_skills(staff_client, staff):
    pending = skill_resolve(term="Destilación de sotol")

    response = staff_client.post(
        changelist("skill"), action_post("approve_skills", [pending]), follow=True
    )

    pending.refresh_from_db()
    assert "Se aprobó 1 habilidad." in response.content.decode()
    assert pending.status == "approved"
    assert AuditEntry.objects.filter(action="skill.approve", actor=staff).exists()


def test_merge_action_chooses_a_target_and_moves_every_reference(staff_client, staff):
    target = Skill.objects.get(slug="software-engineering")
    sources = [skill_resolve(term="Apps a la medida"), skill_resolve(term="Hacer software")]
    source_pks = [s.pk for s in sources]
    profile = ExpertProfileFactory()
    ExpertSkill.objects.create(profile=profile, skill=sources[0], years=12)
    ExpertSkill.objects.create(profile=profile, skill=target, years=3)
    data = action_post("merge_skills", sources)

    ask = staff_client.post(changelist("skill"), data)
    del data["index"]
    done = staff_client.post(
        changelist("skill"), {**data, "apply": "1", "target": str(target.pk)}, follow=True
    )

    assert ask.status_code == 200
    assert "Fusionar en" in ask.content.decode()
    assert "Se fusionaron 2 habilidades en «Ingeniería de software»." in done.content.decode()
    assert not Skill.objects.filter(pk__in=source_pks).exists()
    assert list(profile.skill_links.values_list("skill__slug", "years")) == [
        ("software-engineering", 12)
    ]
    target.refresh_from_db()
    assert {"Apps a la medida", "Hacer software"} <= set(target.synonyms)
    assert AuditEntry.objects.filter(action="skill.merge", actor=staff).count() == 2


def test_saving_a_skill_in_the_admin_recomputes_search_keys_and_refuses_clashes(staff_client):
    skill = skill_resolve(term="Destilación de sotol")
    url = reverse("admin:profiles_skill_change", args=[skill.pk])
    form = {
        "name_es": "Destilación de sotol",
        "name_en": "Sotol distilling",
        "slug": skill.slug,
        "synonyms": "sotoleria",
        "status": "approved",
    }

    saved = staff_client.post(url, form)
    clash = staff_client.post(url, {**form, "synonyms": "sotoleria,Programación"})

    skill.refresh_from_db()
    assert saved.status_code == 302
    assert skill.search_keys == ["destilacion de sotol", "sotol distilling", "sotoleria"]
    assert clash.status_code == 200
    assert "ya corresponde a la habilidad" in clash.content.decode()
    assert skill.synonyms == ["sotoleria"]


def test_skill_changelist_query_count_is_constant(staff_client, django_assert_max_num_queries):
    for n in range(5):
        skill_resolve(term=f"Habilidad nueva {n}")
    with django_assert_max_num_queries(20) as five:
        staff_client.get(changelist("skill"), {"status": "pending"})

    # The curated vocabulary holds hundreds of skills: a full page of 100 rows costs the same.
    with django_assert_max_num_queries(len(five.captured_queries)):
        response = staff_client.get(changelist("skill"))

    assert response.content.decode().count('name="_selected_action"') == 100


@pytest.mark.parametrize("model", ["state", "fieldofscience", "membership", "membershipinvitation"])
def test_reference_and_membership_lists_open_with_search(staff_client, model):
    response = staff_client.get(changelist(model), {"q": "a"})

    assert response.status_code == 200
    assert 'id="searchbar"' in response.content.decode()


def test_user_change_page_lists_the_users_memberships(staff_client, institution_admin):
    membership = institution_admin.memberships.get()

    response = staff_client.get(reverse("admin:profiles_user_change", args=[institution_admin.pk]))

    assert response.status_code == 200
    assert membership.institution.name in response.content.decode()


def test_membership_changes_made_in_the_admin_are_audited(staff_client, staff, liaison):
    membership = liaison.memberships.get()
    institution = membership.institution
    url = reverse("admin:profiles_institution_change", args=[institution.pk])
    form = {
        "name": institution.name,
        "slug": institution.slug,
        "kind": institution.kind,
        "state": institution.state_id,
        "municipality": institution.municipality,
        "website": institution.website,
        "description": "",
        "memberships-TOTAL_FORMS": "1",
        "memberships-INITIAL_FORMS": "1",
        "memberships-0-id": str(membership.pk),
        "memberships-0-institution": str(institution.pk),
        "memberships-0-user": str(membership.user_id),
        "memberships-0-role": "admin",
        "invitations-TOTAL_FORMS": "0",
        "invitations-INITIAL_FORMS": "0",
    }

    response = staff_client.post(url, form)

    membership.refresh_from_db()
    assert response.status_code == 302
    assert membership.role == "admin"
    entry = AuditEntry.objects.get(action="membership.change_role")
    assert (entry.actor, entry.note) == (staff, f"user #{membership.user_id} → admin")
