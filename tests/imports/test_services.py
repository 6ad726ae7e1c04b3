"""Validation, duplicates, the import itself (idempotent, resumable) and the dry run's counts."""

import pytest
from django.test import override_settings

from imports import services
from imports.models import ImportedAccount, ImportJob, ImportMapping, ImportRow
from profiles.models import ExpertProfile, User
from profiles.services.search import profile_reindex
from tests.factories.imports import imported_job, people, person, validated_job
from tests.factories.profiles import ExpertProfileFactory

pytestmark = pytest.mark.django_db


def _verdicts(job: ImportJob) -> dict[int, tuple[str, list[str], list[str]]]:
    return {row.number: (row.verdict, row.errors, row.warnings) for row in job.rows.all()}


def test_validation_rejects_bad_rows_and_counts_the_dry_run(staff: User) -> None:
    job = validated_job([person(1), person(2, email="x"), person(3)], staff)
    assert job.status == ImportJob.Status.VALIDATED
    assert job.dry_run == {"new": 2, "updated": 0, "unchanged": 0, "rejected": 1}
    assert _verdicts(job)[3] == ("rejected", ["Correo electrónico inválido: «x»."], [])
    assert User.objects.filter(email__startswith="importada").count() == 0


def test_a_person_repeated_in_the_file_by_email_or_orcid_is_rejected(staff: User) -> None:
    orcid = "0000-0002-1825-0097"
    rows = [
        person(1, orcid=orcid),
        person(2),
        person(3, email="IMPORTADA2@example.org"),
        person(4, orcid=orcid),
    ]
    verdicts = _verdicts(validated_job(rows, staff))
    assert verdicts[4] == ("rejected", ["Repite la persona de la fila 3."], [])
    assert verdicts[5] == ("rejected", ["Repite la persona de la fila 2."], [])


def test_someone_already_in_the_network_by_email_or_orcid_is_never_overwritten(
    staff: User, expert: ExpertProfile, other_expert: ExpertProfile
) -> None:
    ExpertProfile.objects.filter(pk=other_expert.pk).update(orcid="0000-0002-1825-0097")
    rows = [
        person(1, email=expert.user.email.upper(), name="Otro Nombre"),
        person(2, orcid="0000-0002-1825-0097"),
    ]
    job = imported_job(rows, staff)
    note = ["Esta persona ya gestiona su perfil: no lo modificamos."]
    assert _verdicts(job) == {2: ("unchanged", [], note), 3: ("unchanged", [], note)}
    assert job.result == {"new": 0, "updated": 0, "unchanged": 2, "rejected": 0}
    expert.user.refresh_from_db()
    assert expert.user.name != "Otro Nombre"


def test_an_orcid_of_someone_else_than_the_email_is_rejected(
    staff: User, expert: ExpertProfile, other_expert: ExpertProfile
) -> None:
    ExpertProfile.objects.filter(pk=other_expert.pk).update(orcid="0000-0002-1825-0097")
    rows = [person(1, email=expert.user.email, orcid="0000-0002-1825-0097")]
    assert _verdicts(validated_job(rows, staff))[2][:2] == (
        "rejected",
        ["El ORCID iD ya pertenece a otra persona."],
    )


def test_a_close_name_is_a_warning_not_a_rejection(staff: User) -> None:
    # Profiles are indexed on every write (profile_reindex): their name key is what we compare.
    profile_reindex(profile=ExpertProfileFactory(user__name="María Fernanda Gutiérrez López"))
    job = validated_job([person(1, name="Maria Fernanda Gutierrez Lopes")], staff)
    verdict, errors, warnings = _verdicts(job)[2]
    assert (verdict, errors) == ("new", [])
    assert warnings == [
        "Nombre parecido a «María Fernanda Gutiérrez López», que ya está en la red: revisa que "
        "no sea la misma persona."
    ]


def test_import_creates_unlisted_profiles_with_their_data(staff: User) -> None:
    job = imported_job(people(3), staff)
    assert job.status == ImportJob.Status.DONE
    assert job.result == {"new": 3, "updated": 0, "unchanged": 0, "rejected": 0}
    profile = ExpertProfile.objects.select_related("user").get(user__email="importada1@example.org")
    assert (profile.user.name, profile.country, profile.city) == (
        "Persona Importada 00001",
        "US",
        "Houston",
    )
    assert profile.origin_state.name == "Michoacán"
    assert profile.employer == "Universidad de Houston"
    assert sorted(profile.languages.values_list("code", "level")) == [
        ("en", "fluent"),
        ("es", "native"),
    ]
    assert profile.skill_links.count() == 2
    assert profile.fields.count() == 2
    assert not profile.user.has_usable_password()
    assert ExpertProfile.objects.filter(user__email__startswith="importada").listed().count() == 0


def test_importing_the_same_file_twice_creates_nobody_new(staff: User) -> None:
    rows = [*people(4), person(5, email="malo")]
    imported_job(rows, staff)
    ids = set(User.objects.values_list("pk", flat=True))
    second = imported_job(rows, staff)
    assert second.dry_run == {"new": 0, "updated": 0, "unchanged": 4, "rejected": 1}
    assert second.result == {"new": 0, "updated": 0, "unchanged": 4, "rejected": 1}
    assert set(User.objects.values_list("pk", flat=True)) == ids
    assert ImportedAccount.objects.count() == 4


def test_a_changed_row_updates_the_imported_profile_not_yet_claimed(staff: User) -> None:
    imported_job(people(2), staff)
    second = imported_job([person(1, city="Austin", skills="Rust"), person(2)], staff)
    assert second.result == {"new": 0, "updated": 1, "unchanged": 1, "rejected": 0}
    profile = ExpertProfile.objects.get(user__email="importada1@example.org")
    assert profile.city == "Austin"
    assert [link.skill.name_es for link in profile.skill_links.all()] == ["Rust"]


@override_settings(IMPORTS_ROWS_PER_CHUNK=2)
def test_an_interrupted_import_resumes_from_its_cursor_without_duplicates(staff: User) -> None:
    job = services.job_start(job=validated_job(people(5), staff), by=staff)
    # The worker stops after the first chunk (as when it is killed between two chunks).
    assert list(services.job_import_chunks(job_id=job.pk, limit=1)) == [3]
    job.refresh_from_db()
    assert (job.status, job.cursor, job.result["new"]) == (ImportJob.Status.IMPORTING, 3, 2)
    assert User.objects.filter(email__startswith="importada").count() == 2
    # The task is delivered again (acks_late) and goes on from the cursor.
    assert list(services.job_import_chunks(job_id=job.pk)) == [5, 6]
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE
    assert job.result == {"new": 5, "updated": 0, "unchanged": 0, "rejected": 0}
    assert User.objects.filter(email__startswith="importada").count() == 5
    assert ImportRow.objects.filter(job=job, outcome="new").count() == 5
    # A duplicate delivery after the end writes nothing.
    assert list(services.job_import_chunks(job_id=job.pk)) == []


def test_saved_mappings_are_applied_to_a_new_file_by_header(staff: User) -> None:
    job = validated_job(people(1), staff)
    job.status = ImportJob.Status.VALIDATED
    services.job_map(job=job, mapping=job.mapping, save_as="Padrón R@ICES", by=staff)
    saved = job.chapter_id, job.mapping
    mapping = ImportMapping.objects.get(name="Padrón R@ICES")
    headers = ["Organización", "CORREO ELECTRÓNICO", "Nombre completo"]
    assert services.mapping_apply(mapping=mapping, headers=headers) == {
        "0": "employer",
        "1": "email",
        "2": "name",
    }
    assert saved[0] is None
