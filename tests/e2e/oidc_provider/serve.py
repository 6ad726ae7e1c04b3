"""Run the test identity provider: `python -m tests.e2e.oidc_provider.serve` with its
configuration (JSON) in OIDC_TEST_PROVIDER_CONFIG; prints `READY <url>` once it listens.

The configuration: database (a SQLite file), private_key (PEM, signs the ID tokens), client_id,
client_secret, redirect_uri (Puentes' callback), people {username: {password, name, email,
email_verified}}. Stops when its standard input closes (the test ended or died)."""

import os
import sys
import threading
from socketserver import ThreadingMixIn
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

import django

os.environ["DJANGO_SETTINGS_MODULE"] = "tests.e2e.oidc_provider.settings"
django.setup()

# Django is set up (with the provider's settings) before its models are imported.
from django.conf import settings  # noqa: E402
from django.contrib.auth.models import User  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.core.wsgi import get_wsgi_application  # noqa: E402
from oauth2_provider.models import Application  # noqa: E402


class _Server(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def _populate(config: dict) -> None:
    call_command("migrate", run_syncdb=True, verbosity=0)
    Application.objects.create(
        name="Puentes",
        client_id=config["client_id"],
        client_secret=config["client_secret"],
        client_type=Application.CLIENT_CONFIDENTIAL,
        authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
        redirect_uris=config["redirect_uri"],
        algorithm=Application.RS256_ALGORITHM,
        skip_authorization=True,
    )
    for username, person in config["people"].items():
        User.objects.create_user(username=username, password=person["password"])


def main() -> None:
    _populate(settings.CONFIG)
    server = make_server(
        "127.0.0.1", 0, get_wsgi_application(), server_class=_Server, handler_class=_QuietHandler
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    sys.stdout.write(f"READY http://127.0.0.1:{server.server_port}\n")
    sys.stdout.flush()
    sys.stdin.read()  # until the test closes the pipe
    server.shutdown()


if __name__ == "__main__":
    main()
