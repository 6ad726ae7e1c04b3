"""Shared fixtures: real PostgreSQL (pytest-django), real Redis, a real Celery worker, Chromium."""

import contextlib
import os
import signal
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.contrib.sites.models import Site
from django.core.cache import cache
from django.db import connection, connections
from django.test import Client
from django.test.utils import override_settings
from django.utils import translation
from pytest_django.plugin import blocking_manager_key

from network.celery import app as celery_app
from profiles.models import ExpertProfile, FieldOfScience, Institution, Skill, State, User
from profiles.reference_data import load_reference_data
from tests.factories.profiles import (
    ExpertProfileFactory,
    InstitutionFactory,
    MembershipFactory,
    UserFactory,
    state,
)

BASE_DIR = Path(settings.BASE_DIR)
CHROMIUM_PATH = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")

# Tests use their own Redis database for the cache, so flushing it between tests never
# touches a developer's data or the broker's queues. Concurrent runs on one machine pick
# different ones (and a different test database suffix, below).
# pytest-xdist's workers (gw0, gw1...) count down from it: each flushes only its own.
_XDIST_WORKER = int(os.environ.get("PYTEST_XDIST_WORKER", "gw0")[2:])
TEST_CACHE_URL = (
    settings.REDIS_URL.rsplit("/", 1)[0]
    + "/"
    + str(int(os.environ.get("PUENTES_TEST_CACHE_DB", "15")) - _XDIST_WORKER)
)


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix: None) -> None:
    suffix = os.environ.get("PUENTES_TEST_DB_SUFFIX")
    if suffix:
        for alias in connections:
            test = connections[alias].settings_dict.setdefault("TEST", {})
            name = test.get("NAME") or "test_" + connections[alias].settings_dict["NAME"]
            test["NAME"] = f"{name}_{suffix}"


@pytest.fixture(scope="session", autouse=True)
def _test_cache() -> Iterator[None]:
    caches = {
        **settings.CACHES,
        "default": {**settings.CACHES["default"], "LOCATION": TEST_CACHE_URL},
    }
    # A fast password hasher: the production one costs ~0.75 s per password on this machine.
    with override_settings(
        CACHES=caches, PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]
    ):
        yield


def _is_transactional(item: pytest.Item) -> bool:
    marker = item.get_closest_marker("django_db")
    fixtures = getattr(item, "fixturenames", ())
    return bool(marker is not None and marker.kwargs.get("transaction")) or any(
        name in fixtures for name in ("transactional_db", "live_server")
    )


def _put_reference_data_back() -> None:
    if not State.objects.exists():
        load_reference_data(State, FieldOfScience, Skill)
    # The flush between transactional tests also empties sites and content types.
    ContentType.objects.clear_cache()
    Site.objects.get_or_create(
        pk=settings.SITE_ID, defaults={"domain": "testserver", "name": "Puentes"}
    )
    Site.objects.clear_cache()


@pytest.fixture(autouse=True)
def _reference_data(request: pytest.FixtureRequest) -> None:
    """Transactional tests (workers, browsers) flush every table, reference data included;
    put the states, fields and skills back for them, as the data migration does."""
    if _is_transactional(request.node):
        request.getfixturevalue("transactional_db")
        _put_reference_data_back()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None) -> Iterator[None]:
    """After a transactional test's flush, put the reference data back at once: with
    pytest-xdist a worker may run ordinary tests (which expect it) after one."""
    yield
    # Not after the last test: the session's teardown has just dropped the test database.
    if _is_transactional(item) and nextitem is not None:
        with item.config.stash[blocking_manager_key].unblock():
            _put_reference_data_back()


@pytest.fixture(autouse=True)
def _clean_cache() -> None:
    # Rate limits (allauth) and cached values must not leak from one test into another.
    cache.clear()


@pytest.fixture(autouse=True)
def _default_language() -> None:
    # A request in English leaves English active in the thread (LocaleMiddleware does not put
    # the default back): each test starts in the site's default language, whatever ran before.
    translation.activate(settings.LANGUAGE_CODE)


# --- Celery: a real worker process ------------------------------------------------------------


def use_task_queues(prefix: str) -> None:
    """Route every task to `<prefix>.<kind>` queues: the settings' routes with another prefix."""
    celery_app.conf.task_default_queue = f"{prefix}.housekeeping"
    celery_app.conf.task_routes = {
        task: {"queue": prefix + route["queue"][len(settings.CELERY_QUEUE) :]}
        for task, route in settings.CELERY_TASK_ROUTES.items()
    }
    celery_app.amqp.flush_routes()
    celery_app.amqp.router = celery_app.amqp.Router()


def task_queues(prefix: str, kinds: tuple[str, ...] = settings.CELERY_QUEUE_KINDS) -> list[str]:
    return [f"{prefix}.{kind}" for kind in kinds]


@contextlib.contextmanager
def private_task_queues(prefix: str) -> Iterator[str]:
    """Send tasks to `<prefix>.<kind>` queues while inside; restore and empty them after."""
    previous_routes = celery_app.conf.task_routes
    previous_queue = celery_app.conf.task_default_queue
    use_task_queues(prefix)
    try:
        yield prefix
    finally:
        celery_app.conf.task_routes = previous_routes
        celery_app.conf.task_default_queue = previous_queue
        celery_app.amqp.flush_routes()
        celery_app.amqp.router = celery_app.amqp.Router()
        redis.Redis.from_url(settings.CELERY_BROKER_URL).delete(*task_queues(prefix))


@pytest.fixture(scope="session", autouse=True)
def _private_task_queue() -> Iterator[None]:
    """Tasks enqueued by tests go to queues of this run, never to a developer's worker."""
    with private_task_queues(f"test-session-{uuid.uuid4().hex[:10]}"):
        yield


class WorkerProcess:
    def __init__(
        self,
        queue: str,
        database_url: str,
        extra_env: dict[str, str] | None = None,
        kinds: tuple[str, ...] = settings.CELERY_QUEUE_KINDS,
        pool: str = "solo",
    ) -> None:
        """A worker with CELERY_QUEUE=queue (the prefix) consuming `<queue>.<kind>` queues.
        It runs in its own process group (`kill_group` kills it whole); time limits need
        pool="prefork" (the solo pool ignores them)."""
        self.queue = queue
        self.pool = pool
        self.kinds = kinds
        self.database_url = database_url
        self.extra_env = extra_env or {}
        self.process: subprocess.Popen | None = None
        self.output: list[str] = []

    def start(self, timeout: float = 60) -> None:
        env = {
            **os.environ,
            "DATABASE_URL": self.database_url,
            "CELERY_QUEUE": self.queue,
            "EMAIL_URL": "consolemail://",
            **self.extra_env,
        }
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "network",
                "worker",
                f"--pool={self.pool}",
                "--concurrency=1",
                "-Q",
                ",".join(task_queues(self.queue, self.kinds)),
                "-l",
                "info",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
                "-n",
                f"test-{self.queue}-{'-'.join(self.kinds)}@%h",
            ],
            cwd=BASE_DIR,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
        )
        ready = threading.Event()

        def pump() -> None:
            assert self.process is not None
            assert self.process.stdout is not None
            for line in self.process.stdout:
                self.output.append(line)
                if " ready." in line:
                    ready.set()

        threading.Thread(target=pump, daemon=True).start()
        deadline = time.monotonic() + timeout
        while not ready.wait(0.1):
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError("Celery worker did not start:\n" + "".join(self.output))

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def kill_group(self) -> None:
        """SIGKILL the whole worker (its process group: the main process and its pool)."""
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()

    def kill(self) -> None:
        """SIGKILL: the worker dies mid-task, as on a crash or an out-of-memory kill."""
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait()


def _database_url() -> str:
    db = connection.settings_dict
    host = db.get("HOST") or db.get("OPTIONS", {}).get("host", "")
    user = db.get("USER") or "postgres"
    password = db.get("PASSWORD") or ""
    port = db.get("PORT") or ""
    if host.startswith("/"):
        return f"postgres://{user}:{password}@/{db['NAME']}?host={host}"
    return f"postgres://{user}:{password}@{host}:{port}/{db['NAME']}"


@pytest.fixture
def celery_worker(transactional_db: None) -> Iterator[WorkerProcess]:
    """A real `celery worker` process on a private queue, reading the test database.

    Tests using it see only committed data, hence `transactional_db`.
    """
    with private_task_queues(f"test-{uuid.uuid4().hex[:10]}") as queue:
        worker = WorkerProcess(queue, _database_url())
        worker.start()
        try:
            yield worker
        finally:
            worker.stop()


def wait_for(predicate, timeout: float = 20, interval: float = 0.1):
    """Poll until predicate() is truthy (for effects of another process); fail on timeout."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"condition not met within {timeout}s")


# --- Browser: Debian's Chromium driven by Playwright -------------------------------------------


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    if not Path(CHROMIUM_PATH).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM_PATH}; run `make test` or set CHROMIUM_PATH")
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM_PATH,
        "args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
        ],
    }


@pytest.fixture(scope="session", autouse=True)
def _allow_async_unsafe() -> None:
    # Playwright's sync API runs an event loop; Django's live_server ORM calls are still sync.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict) -> dict:
    # A Spanish-speaking visitor by default; journeys switch to English explicitly.
    return {**browser_context_args, "locale": "es-MX"}


@pytest.fixture
def page(page):
    # Fail fast: a missing element should not cost 30 seconds.
    page.set_default_timeout(10_000)
    # A journey fails when the Content-Security-Policy blocked anything (Chromium reports each
    # violation on the console): the site must work under its policy.
    violations: list[str] = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    yield page
    assert violations == [], violations


# --- Personas: defined once, with fixed meanings, for every test file ------------------------
# institution        a verified institution of the region (Michoacán)
# liaison            a liaison officer of `institution` (posts and runs its projects)
# teammate           another liaison officer of the same institution (same rights as liaison)
# institution_admin  the administrator of `institution` (members, API keys, webhooks)
# stranger_institution, stranger, stranger_admin
#                    another verified institution, its liaison officer and its administrator:
#                    out of scope for everything of `institution`
# expert             the expert owner's profile (`expert_owner` is its user)
# other_expert       another expert abroad
# staff              a platform moderator (Django admin)
# anonymous          a visitor who is not logged in


@pytest.fixture
def institution(db: None) -> Institution:
    return InstitutionFactory(name="Universidad Michoacana de San Nicolás", state=state("16"))


@pytest.fixture
def liaison(institution: Institution) -> User:
    return MembershipFactory(
        institution=institution,
        role="liaison",
        user__name="Luis Enlace",
        user__email="luis.enlace@umich.example",
        user__language="es",
    ).user


@pytest.fixture
def teammate(institution: Institution) -> User:
    return MembershipFactory(
        institution=institution,
        role="liaison",
        user__name="Tomás Enlace",
        user__email="tomas.enlace@umich.example",
        user__language="en",
    ).user


@pytest.fixture
def institution_admin(institution: Institution) -> User:
    return MembershipFactory(
        institution=institution,
        role="admin",
        user__name="Olga Dueña",
        user__email="olga.duena@umich.example",
        user__language="es",
    ).user


@pytest.fixture
def stranger_institution(db: None) -> Institution:
    return InstitutionFactory(name="Otra institución", state=state("14"))


@pytest.fixture
def stranger(stranger_institution: Institution) -> User:
    return MembershipFactory(
        institution=stranger_institution,
        role="liaison",
        user__name="Sergio Extraño",
        user__email="sergio@otra.example",
    ).user


@pytest.fixture
def stranger_admin(stranger_institution: Institution) -> User:
    return MembershipFactory(
        institution=stranger_institution,
        role="admin",
        user__name="Sara Ajena",
        user__email="sara@otra.example",
    ).user


@pytest.fixture
def expert(db: None) -> ExpertProfile:
    return ExpertProfileFactory(
        user__name="María Experta",
        user__email="maria.experta@example.org",
        user__language="es",
        linkedin_url="https://www.linkedin.com/in/maria-experta",
        website_url="https://maria.example.org",
        timezone="America/Chicago",
        max_concurrent_engagements=2,
    )


@pytest.fixture
def expert_owner(expert: ExpertProfile) -> User:
    return expert.user


@pytest.fixture
def other_expert(db: None) -> ExpertProfile:
    return ExpertProfileFactory(
        user__name="Pedro Otro",
        user__email="pedro.otro@example.org",
        user__language="en",
        country="ES",
        city="Madrid",
        timezone="Europe/Madrid",
    )


@pytest.fixture
def staff(db: None) -> User:
    return UserFactory(is_staff=True, is_superuser=True, name="Ana Moderadora")


@pytest.fixture
def anonymous(db: None) -> Client:
    return Client()


# --- Personas of chapters ---------------------------------------------------------------------
# chapter            the Houston chapter abroad (public, joins with a coordinator's approval)
# coordinator        the coordinator of `chapter` (an expert living in Houston)
# other_coordinator  the coordinator of another chapter (Chicago): out of scope for `chapter`
# chapter_member     an active member of `chapter` (an expert)
# Imported here, beside the personas that use them, so the hunk stays in one place.
from chapters.models import Chapter  # noqa: E402
from tests.factories.chapters import ChapterFactory  # noqa: E402
from tests.factories.chapters import MembershipFactory as ChapterMembershipFactory  # noqa: E402


@pytest.fixture
def chapter(db: None) -> Chapter:
    return ChapterFactory(
        name_es="Capítulo Houston",
        name_en="Houston Chapter",
        slug="houston",
        country="US",
        city="Houston",
    )


@pytest.fixture
def coordinator(chapter: Chapter) -> User:
    profile = ExpertProfileFactory(
        user__name="Carmen Coordinadora", user__email="carmen@example.org", city="Houston"
    )
    ChapterMembershipFactory(chapter=chapter, user=profile.user, role="coordinator")
    return profile.user


@pytest.fixture
def other_coordinator(db: None) -> User:
    other = ChapterFactory(name_es="Capítulo Chicago", slug="chicago", city="Chicago")
    profile = ExpertProfileFactory(
        user__name="Óscar Coordinador", user__email="oscar@example.org", city="Chicago"
    )
    ChapterMembershipFactory(chapter=other, user=profile.user, role="coordinator")
    return profile.user


@pytest.fixture
def chapter_member(chapter: Chapter) -> User:
    profile = ExpertProfileFactory(
        user__name="Mónica Miembro", user__email="monica@example.org", sector="private"
    )
    ChapterMembershipFactory(chapter=chapter, user=profile.user)
    return profile.user


# --- Brokered introductions (enquiries) --------------------------------------------------------


@pytest.fixture
def broker(db: None) -> User:
    """A broker (account manager): staff in the brokers group, not a superuser."""
    user = UserFactory(is_staff=True, name="Beatriz Gestora", email="beatriz@puentes.example")
    user.groups.add(user.groups.model.objects.get_or_create(name="brokers")[0])
    return user


@pytest.fixture
def other_broker(db: None) -> User:
    user = UserFactory(is_staff=True, name="Óscar Gestor", email="oscar@puentes.example")
    user.groups.add(user.groups.model.objects.get_or_create(name="brokers")[0])
    return user
