"""An accent-insensitive text search configuration for the expert directory.

`puentes_unaccent` is `simple` (no stemming, no stop words: profiles mix Spanish and English)
with every word passed through `unaccent` first, so "ingenieria" matches "ingeniería".
The `unaccent` and `pg_trgm` extensions come from network/migrations/0001.
"""

from django.db import migrations

CREATE = """
CREATE TEXT SEARCH CONFIGURATION puentes_unaccent ( COPY = simple );
ALTER TEXT SEARCH CONFIGURATION puentes_unaccent
    ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple;
"""

DROP = "DROP TEXT SEARCH CONFIGURATION IF EXISTS puentes_unaccent;"


class Migration(migrations.Migration):
    dependencies = [
        ("network", "0001_initial"),
        ("profiles", "0003_reference_data"),
    ]

    operations = [migrations.RunSQL(CREATE, DROP)]
