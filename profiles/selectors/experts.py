"""Reads for the expert screens: my profile, completeness, a profile page, the directory.

Selectors fetch everything a template shows in a fixed number of queries.
"""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.postgres.search import SearchQuery, SearchRank, TrigramWordSimilarity
from django.db.models import F, Prefetch, Q, QuerySet
from django.db.models.functions import Coalesce
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from network.db_router import replica_alias
from profiles.choices import Visibility
from profiles.models import (
    ExpertLanguage,
    ExpertProfile,
    ExpertSkill,
    FieldOfScience,
    Institution,
    Membership,
    Skill,
    State,
    User,
)
from profiles.models.reference import search_terms
from profiles.permissions import is_network_member, signed_in
from profiles.services.experts import SEARCH_CONFIG

DIRECTORY_PAGE_SIZE = 20
# Past this many matches the directory says "more than" and asks to narrow the search.
DIRECTORY_COUNT_CAP = 1000
SEARCH_CANDIDATES = DIRECTORY_COUNT_CAP + 1


def _profile_relations(queryset: QuerySet[ExpertProfile]) -> QuerySet[ExpertProfile]:
    return queryset.select_related("user", "origin_state").prefetch_related(
        Prefetch("fields", queryset=FieldOfScience.objects.select_related("parent")),
        Prefetch(
            "skill_links",
            queryset=ExpertSkill.objects.select_related("skill").order_by("-years", "skill__pk"),
        ),
        "languages",
        "education",
        "portfolio",
        "states_of_interest",
    )


def profile_get_for_owner(*, user: User) -> ExpertProfile | None:
    """The user's own profile with everything its pages show, or None before onboarding."""
    return _profile_relations(ExpertProfile.objects.filter(user=user)).first()


def profile_get_for_editing(*, user: User) -> ExpertProfile:
    """The user's own profile with everything its forms show (the caller created it)."""
    return _profile_relations(ExpertProfile.objects.filter(user=user)).get()


def profile_started(*, user: User) -> bool:
    """Has the user begun onboarding (a profile row exists)?"""
    return ExpertProfile.objects.filter(user=user).exists()


def profile_list_visible(*, user: User | AnonymousUser) -> QuerySet[ExpertProfile]:
    """Profile pages `user` may open, ready for the detail template."""
    return _profile_relations(ExpertProfile.objects.visible_to(user))


def profile_get_visible(*, user: User | AnonymousUser, pk: int) -> ExpertProfile:
    """One profile page `user` may open; any other raises ExpertProfile.DoesNotExist."""
    return profile_list_visible(user=user).get(pk=pk)


# --- Audiences ---------------------------------------------------------------------------------

AUDIENCE_PUBLIC = "public"
AUDIENCE_MEMBER = "member"
AUDIENCE_INSTITUTION = "institution"


def audience_of(*, user: User | AnonymousUser) -> str:
    """How much of a profile a viewer sees: the public sees less than members of the network."""
    if not signed_in(user) or not is_network_member(user):
        return AUDIENCE_PUBLIC
    verified = Membership.objects.filter(
        user=user, institution__verification_status=Institution.Verification.VERIFIED
    ).exists()
    return AUDIENCE_INSTITUTION if verified else AUDIENCE_MEMBER


def audience_can_see(*, profile: ExpertProfile, audience: str) -> bool:
    if profile.onboarded_at is None or profile.visibility == "hidden":
        return False
    return audience != AUDIENCE_PUBLIC or profile.visibility == "public"


# --- Completeness ------------------------------------------------------------------------------


@dataclass(frozen=True)
class MissingItem:
    label: Promise
    section: str  # one of profiles.services.experts.SECTIONS


@dataclass(frozen=True)
class Completeness:
    percent: int
    missing: list[MissingItem]

    @property
    def is_complete(self) -> bool:
        return not self.missing


def profile_completeness(*, profile: ExpertProfile) -> Completeness:
    """What a useful profile has, and what this one lacks (uses prefetched relations)."""
    checks = [
        (bool(profile.user.name), _("Tu nombre"), "who"),
        (bool(profile.headline), _("Un titular de una línea"), "who"),
        (bool(profile.bio), _("Una semblanza"), "who"),
        (bool(profile.current_position), _("Tu puesto actual"), "who"),
        (bool(profile.sector), _("El sector en que trabajas"), "who"),
        (profile.privacy_consent_at is not None, _("Aceptar el aviso de privacidad"), "who"),
        (bool(profile.country), _("Tu país de residencia"), "where"),
        (bool(profile.city), _("Tu ciudad"), "where"),
        (bool(profile.timezone), _("Tu zona horaria"), "where"),
        (profile.origin_state_id is not None, _("Tu estado de origen"), "where"),
        (len(profile.fields.all()) > 0, _("Al menos un campo de conocimiento"), "knowledge"),
        (len(profile.skill_links.all()) >= 3, _("Al menos tres habilidades"), "knowledge"),
        (len(profile.languages.all()) > 0, _("Los idiomas que hablas"), "knowledge"),
        (len(profile.education.all()) > 0, _("Tu formación académica"), "knowledge"),
        (len(profile.portfolio.all()) > 0, _("Una evidencia en tu portafolio"), "knowledge"),
        (bool(profile.collaboration_types), _("Los tipos de colaboración que ofreces"), "offer"),
        (profile.hours_per_month > 0, _("Las horas al mes que puedes dedicar"), "offer"),
    ]
    missing = [MissingItem(label=label, section=section) for ok, label, section in checks if not ok]
    percent = round(100 * (len(checks) - len(missing)) / len(checks))
    return Completeness(percent=percent, missing=missing)


# --- Directory ---------------------------------------------------------------------------------


# Long on purpose: one filter per form field, read top-down, then the single prefetch the
# cards need; splitting it would scatter the query the planner has to see whole.
def profile_list_directory(
    *,
    user: User,
    text: str = "",
    field: FieldOfScience | None = None,
    skill: Skill | None = None,
    country: str = "",
    origin_state: State | None = None,
    language: str = "",
    collaboration_type: str = "",
    sector: str = "",
) -> QuerySet[ExpertProfile]:
    """Listed profiles `user` may see, filtered and ranked; never hidden, paused ones included.

    Full text (accent-insensitive, every word as a prefix, both languages, skill synonyms)
    or a trigram match on the name (typos); ranked by relevance, then by name.
    """
    # A second of replica lag is fine for browsing (network/db_router.py). The same rows as
    # visible_to(user).listed(), written as flat predicates so that the planner can walk the
    # partial index expert_directory_order and stop after a page (no IN over every profile);
    # the account's is_active (a join) is checked last, outside the search's candidates.
    audiences = (
        [Visibility.PUBLIC, Visibility.MEMBERS] if is_network_member(user) else [Visibility.PUBLIC]
    )
    profiles: QuerySet[ExpertProfile] = (
        ExpertProfile.objects.using(replica_alias())
        .exclude(visibility=Visibility.HIDDEN)
        .filter(onboarded_at__isnull=False, visibility__in=audiences)
    )
    if settings.NETWORK_MEMBERSHIP != "open":  # vetted: listed once approved, as listed() says
        profiles = profiles.filter(approved_at__isnull=False)
    if field is not None:
        through = ExpertProfile.fields.through.objects.filter(
            Q(fieldofscience=field) | Q(fieldofscience__parent=field)
        )
        profiles = profiles.filter(pk__in=through.values("expertprofile_id"))
    if skill is not None:
        links = ExpertSkill.objects.filter(Q(skill=skill) | Q(skill__parent=skill))
        profiles = profiles.filter(pk__in=links.values("profile_id"))
    if country:
        profiles = profiles.filter(country=country)
    if origin_state is not None:
        profiles = profiles.filter(origin_state=origin_state)
    if language:
        profiles = profiles.filter(
            pk__in=ExpertLanguage.objects.filter(code=language).values("profile_id")
        )
    if collaboration_type:
        profiles = profiles.filter(collaboration_types__contains=[collaboration_type])
    if sector:
        profiles = profiles.filter(sector=sector)

    return (
        _ranked(profiles, text)
        .filter(user__is_active=True)
        .select_related("user", "origin_state")
        .prefetch_related(
            Prefetch("fields", queryset=FieldOfScience.objects.select_related("parent")),
            Prefetch(
                "skill_links",
                queryset=ExpertSkill.objects.select_related("skill").order_by(
                    "-years", "skill__pk"
                ),
            ),
            "languages",
        )
    )


def _ranked(profiles: QuerySet[ExpertProfile], text: str) -> QuerySet[ExpertProfile]:
    """The profiles matching the words of `text`, most relevant first (all, by name, when
    there are no words)."""
    terms = search_terms(text)
    if not terms and text.strip():
        return profiles.none()  # only symbols or stop words: nothing to look for
    if not terms:
        # search_text is the name without accents or capitals: "Álvaro" sorts with the As.
        return profiles.order_by("search_text", "pk")
    query = SearchQuery(
        " & ".join(f"{term}:*" for term in terms), config=SEARCH_CONFIG, search_type="raw"
    )
    name_text = " ".join(terms)
    matches = profiles.filter(
        Q(search_vector=query) | Q(search_text__trigram_word_similar=name_text)
    )
    # Ranking reads every row it ranks: rank the first SEARCH_CANDIDATES matches the indexes
    # find, so a word half the profiles hold costs what a rare one does. Past that many the
    # page says "more than" (DIRECTORY_COUNT_CAP) and asks for another word.
    candidates = matches.order_by().values("pk")[:SEARCH_CANDIDATES]
    return (
        profiles.filter(pk__in=candidates)
        .annotate(
            rank=Coalesce(SearchRank(F("search_vector"), query), 0.0)
            + TrigramWordSimilarity(name_text, "search_text")
        )
        .order_by("-rank", "search_text", "pk")
    )
