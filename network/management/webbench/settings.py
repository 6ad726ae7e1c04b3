"""Settings of the benchmark's gunicorn: the project's, plus a URLconf with a trivial view."""

from network.settings import *  # noqa: F403 - the bench serves the real site, plus one view

ROOT_URLCONF = "network.management.webbench.urls"
