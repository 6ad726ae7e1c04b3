"""Every HTML form of the site receives the hostile corpus, posted as the persona who owns what
the form changes (so the view really processes it); no value may end in a server error.

Forms are not listed by hand: each visit below opens a page as its persona, reads the forms a
browser would see, and fuzzes every field of the ones the visit owns. The URLconf is the
checklist: every URL of the site must be visited, owned by a visit, or listed in NOT_FUZZED
with the reason, so a new page or form cannot be left out of the fuzz."""

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import quote_from_bytes

import pytest
from django.conf import settings
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse
from django.urls.exceptions import Resolver404

from tests.factories.profiles import PASSWORD
from tests.hardening.conftest import ORCID_ID, World, orcid_record
from tests.hardening.corpus import HOSTILE_VALUES, Hostile, encode_text
from tests.hardening.fuzzing import Case, Fuzzer, form_cases
from tests.hardening.htmlforms import HtmlForm, forms_of

Kwargs = Callable[[dict[str, Any]], dict[str, Any]]


@dataclass(frozen=True)
class Visit:
    """`persona` opens `url_name` and fuzzes the forms on it that post to `owns`."""

    persona: str
    url_name: str
    kwargs: Kwargs = lambda ids: {}
    owns: frozenset[str] = frozenset()
    baseline: dict[str, dict[str, str | list[str]]] = field(default_factory=dict)
    # Only the whole-form cases: for pages whose forms another visit fuzzes field by field.
    light: bool = False
    # A query string, for pages that name what they act on there (?expert=).
    query: Callable[[dict[str, Any]], str] = lambda ids: ""
    # What an earlier page left in the session (proposals waiting for review).
    session: Callable[[dict[str, Any]], dict[str, Any]] = lambda ids: {}

    @property
    def id(self) -> str:
        return f"{self.persona}:{self.url_name}:{','.join(map(str, self.kwargs(_IDS).values()))}"


class _AnyId(dict):
    def __missing__(self, key: str) -> str:
        return key


_IDS = _AnyId()
NEW_PASSWORD = "otra-clave-muy-larga-2026"
PROJECT = {
    "title": "Trazabilidad del aguacate",
    "summary": "Buscamos acompañamiento en trazabilidad.",
    "description": "Contexto del proyecto y lo que ofrecemos.",
    "collaboration_type": "consulting",
    "modality": "remote",
    "state": "16",
    "municipality": "Morelia",
    "languages": ["es"],
    "hours_per_month": "10",
    "duration_months": "3",
    "compensation": ["pro_bono"],
    "experts_sought": "2",
    "required_skills": "{skill}",
    "fields_of_science": "{field}",
}

OUTCOME = {
    "kind": "publication",
    "description": "Artículo conjunto.",
    "occurred_on": "2026-11-01",
    "url": "",
    "amount": "",
}


def own(*names: str) -> frozenset[str]:
    return frozenset(names)


VISITS: tuple[Visit, ...] = (
    # Visitors: authentication, the language switch, links from e-mails.
    Visit("anonymous", "home", owns=own("set_language")),
    Visit("anonymous", "privacy"),
    Visit("anonymous", "healthz"),
    Visit(
        "anonymous",
        "account_login",
        owns=own("account_login"),
        baseline={"account_login": {"login": "maria.experta@example.org", "password": PASSWORD}},
    ),
    Visit(
        "anonymous",
        "account_signup",
        owns=own("account_signup"),
        baseline={
            "account_signup": {
                "email": "nueva.persona@example.org",
                "name": "Nueva Persona",
                "role": "expert",
                "password1": NEW_PASSWORD,
                "password2": NEW_PASSWORD,
            }
        },
    ),
    Visit(
        "anonymous",
        "account_reset_password",
        owns=own("account_reset_password"),
        baseline={"account_reset_password": {"email": "maria.experta@example.org"}},
    ),
    Visit(
        "anonymous",
        "account_reset_password_from_key",
        lambda ids: {"uidb36": ids["reset_uidb36"], "key": ids["reset_key"]},
        owns=own("account_reset_password_from_key"),
        baseline={
            "account_reset_password_from_key": {
                "password1": NEW_PASSWORD,
                "password2": NEW_PASSWORD,
            }
        },
    ),
    Visit("anonymous", "account_reset_password_done"),
    Visit("anonymous", "account_reset_password_from_key_done"),
    Visit("anonymous", "account_email_verification_sent"),
    Visit("anonymous", "account_inactive"),
    Visit(
        "anonymous",
        "account_confirm_email",
        lambda ids: {"key": ids["confirm_key"]},
        owns=own("account_confirm_email"),
    ),
    Visit(
        "anonymous",
        "notifications:unsubscribe",
        lambda ids: {"token": ids["unsubscribe_token"]},
        owns=own("notifications:unsubscribe"),
    ),
    # The expert: onboarding, profile sections, account, requests addressed to them.
    *(
        Visit(
            "expert_owner",
            "profiles:onboarding",
            lambda ids, s=s: {"step": s},
            own("profiles:onboarding"),
        )
        for s in (1, 2, 3, 4)
    ),
    *(
        Visit(
            "expert_owner", "profiles:edit", lambda ids, s=s: {"section": s}, own("profiles:edit")
        )
        for s in ("quien-eres", "donde-estas", "que-sabes", "que-ofreces")
    ),
    Visit("expert_owner", "profiles:me"),
    Visit("expert_owner", "profiles:skill_propose", owns=own("profiles:skill_propose")),
    Visit("expert_owner", "profiles:preview"),
    Visit("expert_owner", "profiles:expert_detail", lambda ids: {"pk": ids["expert"]}),
    Visit("expert_owner", "profiles:directory", owns=own("profiles:directory")),
    Visit(
        "expert_owner",
        "profiles:conflicts",
        owns=own("profiles:conflicts", "profiles:conflict_delete"),
    ),
    Visit("expert_owner", "profiles:my_data"),
    Visit("expert_owner", "profiles:my_data_export"),
    Visit(
        "expert_owner",
        "profiles:account_delete",
        owns=own("profiles:account_delete"),
        baseline={
            "profiles:account_delete": {"email": "maria.experta@example.org", "password": PASSWORD}
        },
    ),
    Visit("expert_owner", "projects:list", owns=own("projects:list")),
    Visit(
        "expert_owner",
        "projects:detail",
        lambda ids: {"pk": ids["published"]},
        owns=own("projects:interest_create"),
        baseline={"projects:interest_create": {"message": "Me interesa colaborar."}},
    ),
    Visit("expert_owner", "projects:dashboard", owns=own("projects:invitation_accept")),
    Visit(
        "expert_owner",
        "projects:invitation_decline",
        lambda ids: {"pk": ids["invitation"]},
        owns=own("projects:invitation_decline"),
    ),
    Visit(
        "expert_owner",
        "projects:engagement_detail",
        lambda ids: {"pk": ids["engagement"]},
        owns=own("projects:outcome_create", "projects:engagement_end"),
        baseline={"projects:outcome_create": OUTCOME},
    ),
    Visit("expert_owner", "matching:my_suggestions", owns=own("matching:dismiss")),
    Visit(
        "expert_owner",
        "notifications:list",
        owns=own("notifications:mark_read", "notifications:mark_all_read"),
    ),
    Visit("expert_owner", "notifications:bell_menu"),
    Visit("expert_owner", "notifications:bell_count"),
    Visit("expert_owner", "notifications:preferences", owns=own("notifications:preferences")),
    Visit(
        "expert_owner",
        "account_email",
        owns=own("account_email"),
        baseline={"account_email": {"email": "maria.nueva@example.org"}},
    ),
    Visit(
        "expert_owner",
        "account_change_password",
        owns=own("account_change_password"),
        baseline={
            "account_change_password": {
                "oldpassword": PASSWORD,
                "password1": NEW_PASSWORD,
                "password2": NEW_PASSWORD,
            }
        },
    ),
    Visit("expert_owner", "account_set_password"),
    Visit("expert_owner", "socialaccount_connections"),
    Visit("anonymous", "socialaccount_signup"),  # no sign-in under way: back to the login
    Visit("anonymous", "socialaccount_login_cancelled"),
    Visit(
        "expert_owner",
        "account_reauthenticate",
        owns=own("account_reauthenticate"),
        baseline={"account_reauthenticate": {"password": PASSWORD}},
    ),
    Visit("expert_owner", "account_logout", owns=own("account_logout")),
    # The liaison officer: projects, their workflow, requests, suggestions, engagements.
    Visit(
        "liaison",
        "projects:create",
        owns=own("projects:create"),
        baseline={"projects:create": PROJECT},
    ),
    Visit("liaison", "projects:edit", lambda ids: {"pk": ids["draft"]}, owns=own("projects:edit")),
    Visit(
        "liaison",
        "projects:detail",
        lambda ids: {"pk": ids["draft"]},
        owns=own("projects:submit", "projects:cancel"),
    ),
    Visit(
        "liaison",
        "projects:detail",
        lambda ids: {"pk": ids["published"]},
        owns=own("projects:start", "projects:pause"),
    ),
    Visit(
        "liaison",
        "projects:detail",
        lambda ids: {"pk": ids["running"]},
        owns=own("projects:complete"),
    ),
    Visit("liaison", "projects:dashboard", owns=own("projects:interest_accept")),
    Visit(
        "liaison",
        "projects:interest_decline",
        lambda ids: {"pk": ids["interest"]},
        owns=own("projects:interest_decline"),
    ),
    Visit(
        "liaison",
        "matching:project_suggestions",
        lambda ids: {"pk": ids["published"]},
        owns=own("matching:project_recompute"),
    ),
    Visit(
        "liaison",
        "projects:invite",
        lambda ids: {"pk": ids["published"]},
        owns=own("projects:invite"),
        baseline={"projects:invite": {"expert": "{expert}", "message": "¿Colaboramos?"}},
        query=lambda ids: f"?expert={ids['expert']}",
    ),
    Visit(
        "liaison",
        "projects:invite_expert",
        lambda ids: {"expert_pk": ids["expert"]},
        owns=own("projects:invite_expert"),
        baseline={"projects:invite_expert": {"project": "{published}", "message": "¿Colaboramos?"}},
    ),
    Visit(
        "liaison",
        "profiles:account",
        owns=own("profiles:account"),
        baseline={"profiles:account": {"role": "both"}},
    ),
    Visit("liaison", "matching:run_status", lambda ids: {"pk": ids["run"]}),
    Visit("liaison", "matching:rounds:project_next", lambda ids: {"pk": ids["published"]}),
    Visit(
        "liaison",
        "projects:engagement_detail",
        lambda ids: {"pk": ids["engagement"]},
        owns=own("projects:outcome_create", "projects:engagement_end"),
        baseline={"projects:outcome_create": OUTCOME},
    ),
    # The institution's administrator: the institution, its members, keys and webhooks.
    Visit("institution_admin", "profiles:institution_mine"),
    Visit("institution_admin", "profiles:institution_detail", lambda ids: {"slug": ids["slug"]}),
    Visit(
        "institution_admin",
        "profiles:institution_edit",
        lambda ids: {"slug": ids["slug"]},
        owns=own("profiles:institution_edit"),
    ),
    Visit(
        "institution_admin",
        "profiles:institution_members",
        lambda ids: {"slug": ids["slug"]},
        baseline={
            "profiles:institution_members": {"email": "colega@umich.example", "role": "liaison"}
        },
        owns=own(
            "profiles:institution_members",
            "profiles:membership_change_role",
            "profiles:membership_remove",
            "profiles:membership_invitation_revoke",
        ),
    ),
    Visit(
        "institution_admin",
        "matching:rounds:list",
        owns=own("matching:rounds:list"),
        baseline={"matching:rounds:list": {"name": "Ronda", "wanted": "1", "max_load": "1"}},
    ),
    Visit(
        "institution_admin",
        "matching:rounds:detail",
        lambda ids: {"pk": ids["round"]},
        owns=own(
            "matching:rounds:pin",
            "matching:rounds:wanted",
            "matching:rounds:solve",
            "matching:rounds:publish",
        ),
    ),
    Visit("institution_admin", "matching:rounds:status", lambda ids: {"pk": ids["round"]}),
    Visit("institution_admin", "matching:rounds:csv", lambda ids: {"pk": ids["round"]}),
    Visit("institution_admin", "partners:index"),
    Visit(
        "institution_admin",
        "partners:institution",
        lambda ids: {"slug": ids["slug"]},
        owns=own("partners:key_revoke"),
    ),
    Visit(
        "institution_admin",
        "partners:key_create",
        lambda ids: {"slug": ids["slug"]},
        owns=own("partners:key_create"),
        baseline={"partners:key_create": {"name": "ERP", "scopes": ["projects:read"]}},
    ),
    Visit(
        "institution_admin",
        "partners:webhook_create",
        lambda ids: {"slug": ids["slug"]},
        owns=own("partners:webhook_create"),
        baseline={
            "partners:webhook_create": {
                "url": "https://erp.example.org/hooks",
                "events": ["project.published"],
            }
        },
    ),
    Visit(
        "institution_admin",
        "partners:webhook_detail",
        lambda ids: {"slug": ids["slug"], "pk": ids["subscription"]},
        owns=own(
            "partners:webhook_detail",
            "partners:webhook_rotate",
            "partners:webhook_delete",
            "partners:delivery_redeliver",
        ),
    ),
    # The observatory: public page and downloads; staff health and funder reports.
    Visit("anonymous", "observatory:page"),
    Visit("anonymous", "observatory:download", lambda ids: {"table": "funnel", "fmt": "csv"}),
    Visit("staff", "observatory:health", owns=own("observatory:health")),
    Visit(
        "staff",
        "observatory:reports",
        owns=own("observatory:reports"),
        baseline={
            "observatory:reports": {"period_start": "2026-01-01", "period_end": "2026-12-31"}
        },
    ),
    # Brokered introductions: the public form and the links e-mails carry, then the brokers.
    Visit(
        "anonymous",
        "enquiries:create",
        owns=own("enquiries:create"),
        baseline={
            "enquiries:create": {
                "organisation": "Muebles de Guadalajara",
                "person_name": "Jorge",
                "email": "jorge@muebles.example",
                "text": "Buscamos distribuidores de muebles en Texas y en Canadá.",
                "type": "market_entry",
                "urgency": "normal",
                "language": "es",
            }
        },
    ),
    Visit("anonymous", "enquiries:sent"),
    Visit(
        "anonymous",
        "enquiries:confirm",
        lambda ids: {"token": ids["confirm_token"]},
        owns=own("enquiries:confirm"),
    ),
    Visit(
        "anonymous",
        "enquiries:requester",
        lambda ids: {"token": ids["requester_token"]},
        owns=own("enquiries:requester_delete"),
    ),
    Visit(
        "anonymous",
        "enquiries:answer",
        lambda ids: {"token": ids["answer_token"]},
        owns=own("enquiries:answer"),
    ),
    Visit(
        "anonymous",
        "enquiries:outcome",
        lambda ids: {"token": ids["outcome_token"]},
        owns=own("enquiries:outcome"),
    ),
    Visit("expert_owner", "enquiries:my_asks"),
    Visit("broker", "enquiries:queue"),
    Visit("broker", "enquiries:workload"),
    Visit(
        "broker",
        "enquiries:detail",
        lambda ids: {"pk": ids["enquiry_new"]},
        owns=own("enquiries:take", "enquiries:assign", "enquiries:decline", "enquiries:note"),
    ),
    Visit(
        "broker",
        "enquiries:detail",
        lambda ids: {"pk": ids["enquiry_assigned"]},
        owns=own("enquiries:start_search"),
        light=True,
    ),
    Visit(
        "broker",
        "enquiries:detail",
        lambda ids: {"pk": ids["enquiry_introduced"]},
        owns=own("enquiries:close"),
        light=True,
    ),
    Visit(
        "broker",
        "enquiries:shortlist",
        lambda ids: {"pk": ids["enquiry_searching"]},
        owns=own("enquiries:shortlist", "enquiries:candidate_ask", "enquiries:tag"),
    ),
    # A newcomer: registers an institution, joins one by invitation.
    Visit(
        "newcomer",
        "profiles:institution_register",
        owns=own("profiles:institution_register"),
        baseline={
            "profiles:institution_register": {
                "name": "Instituto Tecnológico de Prueba",
                "kind": "university",
                "state": "16",
                "website": "https://itp.example.edu.mx",
            }
        },
    ),
    Visit(
        "newcomer",
        "profiles:membership_accept",
        lambda ids: {"token": ids["membership_token"]},
        owns=own("profiles:membership_accept"),
    ),
    # Chapters and events: the directory, joining, a coordinator's tools, registering.
    Visit("anonymous", "chapters:list", owns=own("chapters:list")),
    Visit("anonymous", "chapters:feed", lambda ids: {"slug": ids["chapter"]}),
    Visit("anonymous", "chapters:event_list"),
    Visit("anonymous", "chapters:event_ics", lambda ids: {"pk": ids["event"]}),
    Visit("anonymous", "chapters:my_feed", lambda ids: {"token": ids["feed_token"]}),
    Visit(
        "expert_owner",
        "chapters:detail",
        lambda ids: {"slug": ids["chapter"]},
        owns=own("chapters:join"),
    ),
    Visit(
        "expert_owner",
        "chapters:event_detail",
        lambda ids: {"pk": ids["event"]},
        owns=own("chapters:event_register"),
    ),
    Visit(
        "newcomer",
        "chapters:invitation",
        lambda ids: {"token": ids["chapter_invitation"]},
        owns=own("chapters:invitation"),
    ),
    Visit(
        "coordinator",
        "chapters:detail",
        lambda ids: {"slug": ids["chapter"]},
        owns=own("chapters:leave"),
    ),
    Visit(
        "coordinator",
        "chapters:requests",
        lambda ids: {"slug": ids["chapter"]},
        owns=own("chapters:request_approve"),
    ),
    Visit(
        "coordinator",
        "chapters:request_decline",
        lambda ids: {"slug": ids["chapter"], "pk": ids["chapter_request"]},
        owns=own("chapters:request_decline"),
        baseline={"chapters:request_decline": {"reason": "Solo residentes"}},
    ),
    Visit(
        "coordinator",
        "chapters:invite",
        lambda ids: {"slug": ids["chapter"]},
        owns=own("chapters:invite"),
        baseline={"chapters:invite": {"email": "colega@example.org"}},
    ),
    Visit(
        "coordinator",
        "chapters:roster",
        lambda ids: {"slug": ids["chapter"]},
        owns=own("chapters:roster", "chapters:member_remove"),
        baseline={"chapters:member_remove": {"reason": "Duplicado"}},
    ),
    Visit("coordinator", "chapters:roster_csv", lambda ids: {"slug": ids["chapter"]}),
    Visit(
        "coordinator",
        "chapters:announce",
        lambda ids: {"slug": ids["chapter"]},
        owns=own("chapters:announce"),
        baseline={"chapters:announce": {"subject": "Cena", "body": "El viernes."}},
    ),
    Visit(
        "coordinator",
        "chapters:share",
        lambda ids: {"slug": ids["chapter"]},
        owns=own("chapters:share"),
        baseline={"chapters:share": {"project": "{published}"}},
    ),
    Visit(
        "coordinator",
        "chapters:event_detail",
        lambda ids: {"pk": ids["event"]},
        owns=own("chapters:event_cancel"),
    ),
    Visit(
        "coordinator",
        "chapters:attendees",
        lambda ids: {"pk": ids["event"]},
        owns=own("chapters:check_in"),
    ),
    Visit("coordinator", "chapters:attendees_csv", lambda ids: {"pk": ids["event"]}),
    Visit(
        "coordinator",
        "chapters:event_create",
        lambda ids: {"slug": ids["chapter"]},
        owns=own("chapters:event_create"),
        baseline={
            "chapters:event_create": {
                "kind": "meetup",
                "title_es": "Encuentro",
                "starts_at": "2030-05-01T18:00",
                "ends_at": "2030-05-01T20:00",
                "timezone": "America/Chicago",
                "visibility": "public",
            }
        },
    ),
    Visit(
        "coordinator",
        "chapters:event_detail",
        lambda ids: {"pk": ids["draft_event"]},
        owns=own("chapters:event_publish"),
    ),
    # Conversations: an engagement's thread (post, propose a meeting, report) and the list.
    Visit("expert_owner", "conversations:list"),
    Visit(
        "expert_owner",
        "conversations:thread",
        lambda ids: {"engagement_pk": ids["engagement"]},
        owns=own("conversations:thread", "conversations:meeting_create", "conversations:report"),
        baseline={
            "conversations:thread": {"body": "¿Nos vemos el martes?"},
            "conversations:meeting_create": {
                "date": "2030-05-07",
                "time": "10:00",
                "place": "https://meet.example.org/puentes",
            },
            "conversations:report": {"reason": "Mensajes ofensivos"},
        },
    ),
    # Imports: a coordinator uploads a sheet, maps its columns, starts it; a person claims.
    Visit("coordinator", "imports:list", owns=own("imports:list")),
    Visit(
        "coordinator",
        "imports:mapping",
        lambda ids: {"pk": ids["import_job"]},
        owns=own("imports:mapping"),
        baseline={"imports:mapping": {"save_as": "Plantilla nueva"}},
    ),
    Visit(
        "coordinator",
        "imports:detail",
        lambda ids: {"pk": ids["import_job"]},
        owns=own("imports:start"),
    ),
    Visit(
        "anonymous",
        "imports:claim",
        lambda ids: {"token": ids["claim_token"]},
        owns=own("imports:claim"),
        baseline={
            "imports:claim": {
                "new_password1": NEW_PASSWORD,
                "new_password2": NEW_PASSWORD,
                "consents": "on",
            }
        },
    ),
    # Prefill: an iD for ORCID (answered from a recording), a CV, then the review of each.
    Visit(
        "expert_owner",
        "prefill:orcid",
        owns=own("prefill:orcid"),
        baseline={"prefill:orcid": {"orcid": ORCID_ID}},
    ),
    Visit("expert_owner", "prefill:cv", owns=own("prefill:cv")),
    *(
        Visit(
            "expert_owner",
            "prefill:review",
            lambda ids, s=s: {"source": s},
            owns=own("prefill:review"),
            session=lambda ids, s=s: {f"prefill:{s}": ids[f"{s}_proposals"]},
        )
        for s in ("orcid", "cv")
    ),
)

# The page's own query string: every parameter the site reads, in one request per value.
QUERY_PARAMETERS = ("page", "next", "como", "expert")
QUERY_VALUES = [
    h
    for h in HOSTILE_VALUES
    if h.name
    in (
        "nul",
        "lone-surrogate",  # on the wire, the same invalid UTF-8 bytes as "invalid-utf8"
        "huge-int",
        "superscript-digit",
        "tsquery",
    )
]

# Values that pass the digits-only converters (<int:pk>) and reach a query.
PATH_ONLY_VALUES = (Hostile("zero", "0", 0), Hostile("huge-pk", str(10**20), 10**20))
WHOLE_FORM_CASES = ("baseline", "*=", "every-field", "oversized", "invalid-utf8-body")

# URLs that take no part in this fuzz, and why.
NOT_FUZZED = {
    "favicon": "a redirect to the static icon, read by browsers: no input at all",
    "notifications:open": "marks the notice read and redirects to it: no input but its id",
    "account_confirm_login_code": "login by code is off (ACCOUNT_LOGIN_BY_CODE_ENABLED)",
    "account_request_reauthentication_code": "reauthentication by code is off",
    "account_confirm_reauthentication_code": "reauthentication by code is off",
    "observatory:report_pdf": "a PDF download: no input but its id (the path fuzz covers it)",
    "profiles:options": "a cached JSON list of options: no input but its kind in the path "
    "(tests/profiles/test_filter_options.py)",
    "chapters:profiles_pending": "exists only in a vetted network (tests/chapters/test_vetting)",
    "chapters:profile_decide": "exists only in a vetted network (tests/chapters/test_vetting)",
    "enquiries:candidate_add": "posts one expert id from the engine's or the directory's list "
    "(shown only with results); bad ids are tested in tests/enquiries",
    "projects:resume": "shown only on a paused project; the view and its empty form are pause's",
    "partners:key_created": "shows a new key once (read from a cookie): no input but its ids",
    "conversations:attachment": "a file download: no input but its ids (the path fuzz covers it)",
    "conversations:meeting_ics": "a calendar download: no input but its ids (the path fuzz too)",
    "imports:rejected_csv": "a CSV download: no input but its id (the path fuzz covers it)",
    "imports:progress": "the progress bar's polling partial: no input but its id",
    "imports:retry": "a button with no field but the job's id, shown on a failed or stalled job "
    "only (tests/imports/test_recovery.py posts it)",
    "imports:accounts": "lists a job's imported people; its only forms are resend buttons",
    "imports:resend": "a button with no field but ids, rate-limited "
    "(tests/imports/test_recovery.py)",
    "prefill:need_skills": "a JSON endpoint for the project form's script, no HTML form; bad "
    "input is tested in tests/prefill/test_need_skills.py",
}
# Sign-in with other accounts: no provider is on here, so these answer 404
# (tests/profiles/test_signin.py); one that is on only redirects to its provider and back
# (tests/e2e/test_signin_journey.py, against a real provider).
NOT_FUZZED |= dict.fromkeys(
    [
        f"{p}_{v}"
        for p in ("google", "microsoft", "orcid", "openid_connect")
        for v in ("login", "callback")
    ]
    + ["google_login_by_token"],
    "a sign-in provider's URL: 404 while the provider is off",
) | {"socialaccount_login_error": "a page saying a sign-in failed (status 401): no input"}
# Namespaces and views fuzzed elsewhere or not part of the public site.
NOT_FUZZED_PREFIXES = {
    "admin:": "the Django admin is for staff only",
    "api-": "the API has its own fuzz (test_fuzz_api.py) and Schemathesis run",
}


def _url_names(patterns: list, namespace: str = "") -> list[str]:
    names: list[str] = []
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names += _url_names(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.append(namespace + pattern.name)
    return names


def _url_name(path: str) -> str | None:
    try:
        return resolve(path).view_name
    except Resolver404:
        return None


def _open(client: Client, visit: Visit, ids: dict[str, Any]) -> tuple[str, list[HtmlForm]]:
    url = reverse(visit.url_name, kwargs=visit.kwargs(ids)) + visit.query(ids)
    response = client.get(url, follow=True)
    assert response.status_code == 200, f"{visit.id}: {response.status_code}"
    final = response.request["PATH_INFO"]
    return final, forms_of(response.content.decode(), "http://testserver" + final)


def _client(world: World, persona: str, session: dict[str, Any] | None = None) -> Client:
    client = Client(raise_request_exception=False)
    user = world.users[persona]
    if user is not None:
        # Signed in through the login form, as a person is: deleting the account asks for a
        # recent sign-in (re-authentication), which a bare force_login does not record.
        response = client.post(
            reverse("account_login"), {"login": user.email, "password": PASSWORD}
        )
        assert response.status_code == 302, f"{persona} could not sign in"
    if session:
        # Saved outside the fuzz's savepoints: every case finds it again.
        stored = client.session
        stored.update(session)
        stored.save()
    return client


@pytest.fixture(autouse=True)
def _no_rate_limits(settings: Any, tmp_path: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    # Hundreds of failed logins in a row are the point here, not a lock-out.
    settings.ACCOUNT_RATE_LIMITS = False
    # Attachments the fuzz posts land in a temporary directory; ORCID answers from a recording.
    settings.CONVERSATIONS_ATTACHMENT_ROOT = str(tmp_path / "attachments")
    monkeypatch.setattr("prefill.orcid.orcid_fetch", lambda orcid_id: orcid_record())


def test_every_url_of_the_site_is_fuzzed_or_listed_as_taking_no_input(world: World):
    names = set(_url_names(get_resolver().url_patterns))
    covered = {v.url_name for v in VISITS} | {name for v in VISITS for name in v.owns}
    skipped = set(NOT_FUZZED) | {n for n in names if n.startswith(tuple(NOT_FUZZED_PREFIXES))}
    assert names - covered - skipped == set()
    # And every form each visit shows posts to a URL some visit owns.
    owned = {name for v in VISITS for name in v.owns}
    strays = {}
    for visit in VISITS:
        client = _client(world, visit.persona, visit.session(world.ids))
        _path, forms = _open(client, visit, world.ids)
        for form in forms:
            target = _url_name(form.path)
            if target not in owned:
                strays[visit.id] = target
    assert strays == {}


@pytest.mark.parametrize("visit", VISITS, ids=lambda v: v.id)
def test_no_hostile_form_value_ends_in_a_server_error(visit: Visit, world: World):
    client = _client(world, visit.persona, visit.session(world.ids))
    path, forms = _open(client, visit, world.ids)
    fuzzer = Fuzzer(client)
    fuzzed = set()
    for form in forms:
        target = _url_name(form.path)
        if target in visit.owns:
            fuzzed.add(target)
            baseline = {
                name: value.format(**world.ids) if isinstance(value, str) else value
                for name, value in visit.baseline.get(target, {}).items()
            }
            for case in form_cases(form, baseline):
                if not visit.light or case.label.startswith(WHOLE_FORM_CASES):
                    fuzzer.send(case)
    for hostile in QUERY_VALUES:  # the page's own query string (pagination, next=, filters)
        pairs = tuple((name, hostile.text) for name in QUERY_PARAMETERS)
        fuzzer.send(Case("GET", path, f"query={hostile.name}", pairs))

    assert fuzzed == set(visit.owns), "the page no longer shows a form this visit owns"
    assert fuzzer.failures == []


def _routes(patterns: list, prefix: str = "") -> list[str]:
    routes: list[str] = []
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            if not route.startswith(("admin/", "api/")):
                routes += _routes(pattern.url_patterns, route)
        elif "(?P<" in route or "<" in route:
            routes.append(route)
    return routes


def _fill(route: str, value: str) -> str:
    """The route with every parameter (path converter or regex group) set to `value`."""
    path = re.sub(r"<(?:\w+:)?\w+>", value, route)
    path = re.sub(r"\(\?P<\w+>[^)]*\)", value, path)
    return "/" + path.replace("^", "").replace("$", "")


def test_no_hostile_path_segment_ends_in_a_server_error(world: World):
    """Every URL with a parameter (ids, slugs, e-mailed tokens) gets each hostile value in its
    parameters, as a member who may open such pages; digits-only parameters get 10**20."""
    client = _client(world, "institution_admin")
    fuzzer = Fuzzer(client)
    for route in _routes(get_resolver().url_patterns):
        for hostile in (*HOSTILE_VALUES, *PATH_ONLY_VALUES):
            value = quote_from_bytes(encode_text(hostile.text), safe="")
            for method in ("GET", "POST"):
                fuzzer.send(Case(method, _fill(route, value), f"path={hostile.name}"))

    assert fuzzer.count > 100
    assert fuzzer.failures == []


@pytest.mark.parametrize("persona", ["anonymous", "expert_owner"])
def test_no_hostile_cookie_or_header_ends_in_a_server_error(persona: str, world: World):
    """What the browser sends besides the form: the session, CSRF and language cookies, the
    Accept-Language, Referer and Host headers, each with every hostile value."""
    client = _client(world, persona)
    fuzzer = Fuzzer(client)
    cookies = (
        settings.SESSION_COOKIE_NAME,
        settings.CSRF_COOKIE_NAME,
        settings.LANGUAGE_COOKIE_NAME,
    )
    for hostile in HOSTILE_VALUES:
        # Cookies and headers travel as latin-1 text in the WSGI environ.
        text = encode_text(hostile.text).decode("latin-1")
        for cookie in cookies:
            # After 8 characters: shorter session keys are not even looked up.
            client.cookies = SimpleCookie({**fuzzer.cookies, cookie: "abcdefgh" + text})
            fuzzer.send(Case("GET", "/perfil/", f"cookie {cookie}={hostile.name}"))
        for header in ("HTTP_ACCEPT_LANGUAGE", "HTTP_REFERER", "HTTP_X_FORWARDED_FOR"):
            response = client.post("/i18n/setlang/", {"language": "en"}, **{header: text})
            if response.status_code >= 500:
                fuzzer.failures.append(f"{header}={hostile.name} -> {response.status_code}")

    assert fuzzer.failures == []
