"""PostgreSQL only (nothing on SQLite): the unaccent and pg_trgm extensions (both "trusted", so
the database owner may create them), one text search configuration per language (the Snowball
stemmer after unaccent), the search_vector column and its GIN index, and trigram indexes for
Chinese substrings and spelling suggestions."""

from django.db import migrations

CONFIGS = {
    "icrtop_english": "english",
    "icrtop_french": "french",
    "icrtop_spanish": "spanish",
    "icrtop_russian": "russian",
    "icrtop_arabic": "arabic",
    "icrtop_simple": "simple",
}

FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    *(
        sql
        for name, base in CONFIGS.items()
        for sql in (
            f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {name}",
            f"CREATE TEXT SEARCH CONFIGURATION {name} (COPY = pg_catalog.{base})",
            f"ALTER TEXT SEARCH CONFIGURATION {name} ALTER MAPPING FOR hword, hword_part, word "
            f"WITH unaccent, {'simple' if base == 'simple' else base + '_stem'}",
        )
    ),
    "ALTER TABLE sitesearch_searchdocument ADD COLUMN search_vector tsvector",
    "CREATE INDEX sitesearch_vector_gin ON sitesearch_searchdocument USING gin (search_vector)",
    "CREATE INDEX sitesearch_folded_trgm ON sitesearch_searchdocument USING gin (folded gin_trgm_ops)",
    "CREATE INDEX sitesearch_word_trgm ON sitesearch_searchword USING gist (folded gist_trgm_ops)",
]

BACKWARD = [
    "DROP INDEX IF EXISTS sitesearch_word_trgm",
    "DROP INDEX IF EXISTS sitesearch_folded_trgm",
    "DROP INDEX IF EXISTS sitesearch_vector_gin",
    "ALTER TABLE sitesearch_searchdocument DROP COLUMN IF EXISTS search_vector",
    *(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {name}" for name in CONFIGS),
]


def run(statements):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return apply


class Migration(migrations.Migration):
    dependencies = [("sitesearch", "0001_initial")]

    operations = [migrations.RunPython(run(FORWARD), run(BACKWARD))]
