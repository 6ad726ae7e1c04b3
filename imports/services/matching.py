"""Who a row is: a new person, an imported account not yet claimed (updated from the file),
or someone who already runs their own profile (never overwritten). Keyed on the e-mail
address, then the ORCID iD; close names are only a warning."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import connection
from django.db.models.functions import Lower
from django.utils.translation import gettext as _

from imports.models import ImportRow
from profiles.models import ExpertProfile, User

Verdict = ImportRow.Verdict
NAME_SIMILARITY = 0.6


@dataclass(frozen=True)
class Known:
    """An account already in the network that a row names."""

    user_id: int
    is_imported: bool
    is_claimed: bool
    data_hash: str

    @property
    def is_managed_by_owner(self) -> bool:
        return not self.is_imported or self.is_claimed


def _known(rows: Iterable[dict]) -> dict[tuple[str, str], Known]:
    known: dict[tuple[str, str], Known] = {}
    for row in rows:
        account = Known(
            user_id=row["user_id"],
            is_imported=row["account"] is not None,
            is_claimed=row["claimed_at"] is not None,
            data_hash=row["data_hash"] or "",
        )
        known[row["key"]] = account
    return known


def known_accounts(*, emails: set[str], orcids: set[str]) -> dict[tuple[str, str], Known]:
    """("email", address) and ("orcid", iD) -> the account: two queries per batch of rows."""
    by_email = (
        User.objects.annotate(address=Lower("email"))
        .filter(address__in=emails)
        .values(
            "address",
            "pk",
            "imported_account",
            "imported_account__claimed_at",
            "imported_account__data_hash",
        )
    )
    by_orcid = ExpertProfile.objects.filter(orcid__in=orcids).values(
        "orcid",
        "user_id",
        "user__imported_account",
        "user__imported_account__claimed_at",
        "user__imported_account__data_hash",
    )
    rows = [
        {
            "key": ("email", r["address"]),
            "user_id": r["pk"],
            "account": r["imported_account"],
            "claimed_at": r["imported_account__claimed_at"],
            "data_hash": r["imported_account__data_hash"],
        }
        for r in by_email
    ] + [
        {
            "key": ("orcid", r["orcid"]),
            "user_id": r["user_id"],
            "account": r["user__imported_account"],
            "claimed_at": r["user__imported_account__claimed_at"],
            "data_hash": r["user__imported_account__data_hash"],
        }
        for r in by_orcid
    ]
    return _known(rows)


def classify(
    data: dict, digest: str, known: dict[tuple[str, str], Known]
) -> tuple[str, Known | None, list[str], list[str]]:
    """(verdict, account, errors, warnings) of a row whose cells are valid."""
    by_email = known.get(("email", data["email"]))
    by_orcid = known.get(("orcid", data.get("orcid", ""))) if data.get("orcid") else None
    if by_email and by_orcid and by_email.user_id != by_orcid.user_id:
        return Verdict.REJECTED, None, [_("El ORCID iD ya pertenece a otra persona.")], []
    account = by_email or by_orcid
    if account is None:
        return Verdict.NEW, None, [], []
    if account.is_managed_by_owner:
        note = _("Esta persona ya gestiona su perfil: no lo modificamos.")
        return Verdict.UNCHANGED, account, [], [note]
    if account.data_hash == digest:
        return Verdict.UNCHANGED, account, [], []
    return Verdict.UPDATED, account, [], []


def similar_names(*, job_id: int, name_column: int) -> dict[int, str]:
    """Row id -> the closest existing name, for rows about to create someone new whose name
    resembles a profile's (trigram similarity over accent-free names, pg_trgm's index)."""
    sql = """
        SELECT DISTINCT ON (r.id) r.id, u.name
        FROM imports_importrow r
        JOIN profiles_expertprofile p
          ON p.search_text %% lower(unaccent(r."values"->>%s))
        JOIN profiles_user u ON u.id = p.user_id
        WHERE r.job_id = %s AND r.verdict = %s
          AND similarity(p.search_text, lower(unaccent(r."values"->>%s))) >= %s
        ORDER BY r.id, similarity(p.search_text, lower(unaccent(r."values"->>%s))) DESC
    """
    with connection.cursor() as cursor:
        cursor.execute("SELECT set_limit(%s)", [NAME_SIMILARITY])
        cursor.execute(
            sql, [name_column, job_id, Verdict.NEW, name_column, NAME_SIMILARITY, name_column]
        )
        return dict(cursor.fetchall())
