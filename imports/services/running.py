"""The import itself, in committed chunks behind a cursor, and the claim invitations.

Resumable: each chunk commits its people together with the job's cursor, so a worker that
dies loses at most the chunk in flight, which the next run redoes. Idempotent: every row is
matched again against the database when written (e-mail, then ORCID iD), so the same file
imported twice creates nobody new and changes nothing the second time."""

from collections.abc import Iterator
from typing import Any

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from imports.fields import References, data_hash, row_clean
from imports.models import ImportedAccount, ImportJob, ImportRow
from imports.services.matching import Known, Verdict, classify, known_accounts
from imports.services.rows import rows_save
from profiles.models import ExpertLanguage, ExpertProfile, ExpertSkill, User
from profiles.models.reference import normalize_term
from profiles.services.taxonomy import skill_resolve

PROFILE_ATTRIBUTES = (
    "country",
    "city",
    "origin_state",
    "origin_municipality",
    "employer",
    "current_position",
    "headline",
    "orcid",
    "linkedin_url",
    "website_url",
)
Fields = ExpertProfile.fields.through


class SkillCache(dict[str, int]):
    def resolve(self, term: str) -> int:
        if term not in self:
            self[term] = skill_resolve(term=term).pk
        return self[term]


def _profile_values(data: dict) -> dict[str, Any]:
    values = {name: data[name] for name in PROFILE_ATTRIBUTES if name in data}
    if "origin_state" in values:
        values["origin_state_id"] = values.pop("origin_state")
    return values


def _create_people(people: list[tuple[ImportRow, dict, str]], job: ImportJob) -> dict[int, int]:
    """Users, unlisted profiles and imported accounts for new rows; row id -> profile id."""
    if not people:
        return {}
    users = User.objects.bulk_create(
        User(email=data["email"], name=data["name"], password=make_password(None))
        for _row, data, _digest in people
    )
    profiles = ExpertProfile.objects.bulk_create(
        ExpertProfile(user=user, search_text=normalize_term(data["name"]), **_profile_values(data))
        for user, (_row, data, _digest) in zip(users, people, strict=True)
    )
    ImportedAccount.objects.bulk_create(
        ImportedAccount(user=user, job=job, data_hash=digest)
        for user, (_row, _data, digest) in zip(users, people, strict=True)
    )
    for user, (row, _data, _digest) in zip(users, people, strict=True):
        row.user = user
    return {row.pk: p.pk for p, (row, _d, _h) in zip(profiles, people, strict=True)}


def _update_people(people: list[tuple[ImportRow, dict, str, Known]]) -> dict[int, int]:
    """Write the file's data over imported accounts nobody has claimed yet."""
    profiles = {
        p.user_id: p
        for p in ExpertProfile.objects.filter(user_id__in=[k.user_id for *_x, k in people])
    }
    users = []
    for row, data, digest, known in people:
        profile = profiles[known.user_id]
        for name, value in _profile_values(data).items():
            setattr(profile, name, value)
        profile.search_text = normalize_term(data["name"])
        users.append(User(pk=known.user_id, name=data["name"]))
        ImportedAccount.objects.filter(user_id=known.user_id).update(data_hash=digest)
        row.user_id = known.user_id
    if profiles:
        names = ["search_text", *_profile_values(people[0][1])]
        ExpertProfile.objects.bulk_update(profiles.values(), names)
        User.objects.bulk_update(users, ["name"])
    return {row.pk: profiles[known.user_id].pk for row, _d, _h, known in people}


def _set_relations(
    job: ImportJob, written: dict[int, dict], ids: list[int], skills: SkillCache
) -> None:
    """Set the skills, languages and fields of written profiles (profile id -> data),
    replacing those of the updated ones (`ids`)."""
    mapped = set(job.mapping.values())
    if "skills" in mapped:
        ExpertSkill.objects.filter(profile_id__in=ids).delete()
        pairs = {(p, skills.resolve(t)) for p, d in written.items() for t in d["skills"]}
        ExpertSkill.objects.bulk_create(ExpertSkill(profile_id=p, skill_id=s) for p, s in pairs)
    if "languages" in mapped:
        ExpertLanguage.objects.filter(profile_id__in=ids).delete()
        ExpertLanguage.objects.bulk_create(
            ExpertLanguage(profile_id=p, code=code, level=level)
            for p, d in written.items()
            for code, level in d["languages"]
        )
    if "fields" in mapped:
        Fields.objects.filter(expertprofile_id__in=ids).delete()
        Fields.objects.bulk_create(
            Fields(expertprofile_id=p, fieldofscience_id=f)
            for p, d in written.items()
            for f in d["fields"]
        )


# A chunk is one transaction: match, create, update, relations, rows and cursor together.
def _import_chunk(
    job: ImportJob, rows: list[ImportRow], refs: References, skills: SkillCache
) -> None:
    new: list[tuple[ImportRow, dict, str]] = []
    updated: list[tuple[ImportRow, dict, str, Known]] = []
    cleaned = {row.pk: row_clean(row.values, job.mapping, refs)[0] for row in rows}
    valid = [row for row in rows if row.verdict != Verdict.REJECTED]
    known = known_accounts(
        emails={cleaned[row.pk]["email"] for row in valid},
        orcids={cleaned[row.pk]["orcid"] for row in valid if cleaned[row.pk].get("orcid")},
    )
    for row in rows:
        if row.verdict == Verdict.REJECTED:
            row.outcome = Verdict.REJECTED
            continue
        data = cleaned[row.pk]
        digest = data_hash(data)
        row.outcome, account, errors, _warnings = classify(data, digest, known)
        if row.outcome == Verdict.REJECTED:
            row.errors = errors
        elif row.outcome == Verdict.NEW:
            new.append((row, data, digest))
            # Two rows of one chunk naming the same new person were rejected by validation.
        elif row.outcome == Verdict.UPDATED and account is not None:
            updated.append((row, data, digest, account))
        elif account is not None:
            row.user_id = account.user_id
    updated_profiles = _update_people(updated)
    profile_of_row = {**_create_people(new, job), **updated_profiles}
    written = {p: cleaned[r] for r, p in profile_of_row.items()}
    _set_relations(job, written, list(updated_profiles.values()), skills)
    rows_save(rows)
    counts = {key: sum(1 for r in rows if r.outcome == key) for key in job.result}
    job.result = {key: job.result.get(key, 0) + counts[key] for key in job.result}
    job.cursor = rows[-1].number
    job.save(update_fields=["result", "cursor", "updated_at"])


def job_import_chunks(*, job_id: int, limit: int | None = None) -> Iterator[int]:
    """Import the rows after the cursor, one committed chunk at a time, yielding the cursor
    after each (the caller enqueues the invitations then). `limit` stops after that many
    chunks (the benchmark and the tests of resuming use it)."""
    refs, skills, done = References.load(), SkillCache(), 0
    while limit is None or done < limit:
        with transaction.atomic():
            job = ImportJob.objects.select_for_update().get(pk=job_id)
            if job.status != ImportJob.Status.IMPORTING:
                return
            rows = list(
                job.rows.filter(number__gt=job.cursor).order_by("number")[
                    : settings.IMPORTS_ROWS_PER_CHUNK
                ]
            )
            if not rows:
                job.status, job.finished_at = ImportJob.Status.DONE, timezone.now()
                job.save(update_fields=["status", "finished_at", "updated_at"])
                return
            _import_chunk(job, rows, refs, skills)
        done += 1
        yield job.cursor
