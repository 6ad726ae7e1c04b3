"""Production settings: the deploy checklist is clean and secrets are never defaulted."""

import os
import re
import subprocess
import sys
from pathlib import Path

import yaml
from django.conf import settings

from network.celery import app

BASE_DIR = Path(settings.BASE_DIR)
PRODUCTION_ENV = {
    "DEBUG": "0",
    "SECRET_KEY": "a-production-like-secret-key-that-is-long-enough-0123456789-abcdefghij",
    "ALLOWED_HOSTS": "puentes.example.org",
    "CSRF_TRUSTED_ORIGINS": "https://puentes.example.org",
    "SITE_URL": "https://puentes.example.org",
}


def _manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env={
            **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
            **env,
        },
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_prints_no_warnings_with_production_settings():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION_ENV)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout
    assert "WARNINGS" not in result.stderr


def test_settings_refuse_to_start_without_secret_key_when_debug_is_off():
    result = _manage("check", **{**PRODUCTION_ENV, "SECRET_KEY": ""})

    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr


def test_settings_refuse_a_non_postgresql_database():
    result = _manage("check", **{**PRODUCTION_ENV, "DATABASE_URL": "sqlite:///tmp/x.db"})

    assert result.returncode != 0
    assert "PostgreSQL only" in result.stderr


def test_docker_compose_describes_the_production_services():
    compose = yaml.safe_load((BASE_DIR / "docker-compose.yml").read_text())

    services = compose["services"]
    workers = [f"worker-{kind}" for kind in settings.CELERY_QUEUE_KINDS]
    assert set(services) == {"db", "redis", "web", *workers, "beat"}
    assert services["db"]["image"].startswith("pgvector/pgvector:")
    for name in ("db", "redis", "web", *workers):
        assert "healthcheck" in services[name], name
    for name in ("web", *workers, "beat"):
        assert services[name]["env_file"] == [".env"]
        assert services[name]["depends_on"]["db"]["condition"] == "service_healthy"
    assert "gunicorn" in services["web"]["command"]
    assert "migrate" in services["web"]["command"]
    for kind, name in zip(settings.CELERY_QUEUE_KINDS, workers, strict=True):
        command = services[name]["command"]
        assert "worker" in command
        assert command[command.index("-Q") + 1] == f"puentes.{kind}"
    assert "beat" in services["beat"]["command"]
    db_command = services["db"]["command"]
    assert "shared_preload_libraries=pg_prewarm" in db_command  # warm after a restart
    redis_command = services["redis"]["command"]
    assert redis_command[redis_command.index("--appendonly") + 1] == "yes"
    assert "pgdata" in compose["volumes"]


def test_the_docker_image_leaves_out_the_local_env_database_and_virtualenv():
    # `COPY . .` without a .dockerignore baked the developer's .env (DEBUG=1, their
    # SECRET_KEY: read by settings whenever the environment does not override it), the
    # embedded database under var/ and .venv into the production image.
    ignored = {
        line.strip().strip("/")
        for line in (BASE_DIR / ".dockerignore").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    }

    assert {".env", "var", ".venv", ".git"} <= ignored


def test_the_docker_image_collects_static_files_for_the_storage_production_reads():
    # Collected with DEBUG=1, the image had no staticfiles.json, and production (DEBUG off,
    # the manifest storage) answered every page with "Missing staticfiles manifest entry".
    dockerfile = (BASE_DIR / "Dockerfile").read_text().replace("\\\n", " ")
    build = next(
        line
        for line in dockerfile.splitlines()
        if line.startswith("RUN") and "collectstatic" in line
    )
    build_env = dict(re.findall(r"\b([A-Z_]+)=(\S+)", build.split("sh -c")[0]))
    probe = "from django.conf import settings; print(settings.STORAGES['staticfiles']['BACKEND'])"

    built = _manage("shell", "-c", probe, **build_env)
    served = _manage("shell", "-c", probe, **PRODUCTION_ENV)

    assert built.stdout.split()[-1] == served.stdout.split()[-1]


def test_env_example_lists_every_variable_the_settings_read():
    settings_source = "".join(
        (BASE_DIR / "network" / name).read_text() for name in ("settings.py", "settings_apps.py")
    )
    example = (BASE_DIR / ".env.example").read_text()
    read = set(re.findall(r'env(?:\.\w+)?\(\s*"([A-Z_]+)"', settings_source))
    read |= set(re.findall(r'"([A-Z_]+)" not in env\.ENVIRON', settings_source))
    missing = {name for name in read if name not in example}
    assert read, "the regular expression found no variables"
    assert missing == set()


def test_every_task_goes_to_one_of_three_queues_and_e_mail_never_shares_with_matching():
    app.loader.import_default_modules()
    kinds = {
        name: app.amqp.router.route({}, name)["queue"].name.rsplit(".", 1)[-1]
        for name in app.tasks
        if not name.startswith("celery.")
    }

    assert set(kinds.values()) == set(settings.CELERY_QUEUE_KINDS)
    assert kinds["notifications.tasks.delivery_send"] == "mail"
    assert kinds["partners.tasks.webhook_deliver"] == "mail"
    assert kinds["matching.tasks.project_matches_task"] == "matching"
    assert kinds["matching.tasks.full_pass_task"] == "matching"
    for sweeper in (
        "network.tasks.heartbeat",
        "matching.tasks.match_runs_sweep",
        "notifications.tasks.deliveries_sweep",
        "notifications.tasks.digests_send",
        "partners.tasks.webhook_deliveries_sweep",
    ):
        assert kinds[sweeper] == "housekeeping", sweeper


def test_beat_sends_one_heartbeat_to_each_queue():
    beats = [e for e in settings.CELERY_BEAT_SCHEDULE.values() if e["task"].endswith("heartbeat")]

    assert sorted(e["options"]["queue"] for e in beats) == sorted(
        f"{settings.CELERY_QUEUE}.{kind}" for kind in settings.CELERY_QUEUE_KINDS
    )
    assert sorted(e["args"][0] for e in beats) == sorted(settings.CELERY_QUEUE_KINDS)
