"""The embedded PostgreSQL is configured for matching at scale (issue 20, cold cache)."""

import pytest
from django.db import connection

from network import localservices


def _ours() -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SHOW data_directory")
        return localservices.is_embedded(cursor.fetchone()[0])


@pytest.mark.django_db
def test_the_embedded_server_loads_autoprewarm_so_a_restart_reads_its_cache_back():
    if not _ours():
        pytest.skip("DATABASE_URL names a server the project does not configure")
    with connection.cursor() as cursor:
        cursor.execute("SHOW shared_preload_libraries")
        loaded = [name.strip() for name in cursor.fetchone()[0].split(",")]
        cursor.execute("SHOW pg_prewarm.autoprewarm")
        autoprewarm = cursor.fetchone()[0]

    assert localservices.PRELOAD in loaded
    assert autoprewarm == "on"
