"""Trigram indexes for the recommendation list's search (`?q=`), on PostgreSQL only.

The search asks `UPPER(column) LIKE UPPER('%word%')` of the reference, the titles and the texts
(django's icontains): without an index that is a scan of every recommendation. pg_trgm's GIN
indexes on the same expressions answer it from the index. SQLite (development) has no such
index and needs none at its sizes."""

from django.db import migrations

COLUMNS = ["reference", "title_fr", "title_en", "text_fr", "text_en"]


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for column in COLUMNS:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS recommendation_{column}_trgm "
            f'ON recommendations_recommendation USING gin (UPPER("{column}"::text) gin_trgm_ops)'
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for column in COLUMNS:
        schema_editor.execute(f"DROP INDEX IF EXISTS recommendation_{column}_trgm")


class Migration(migrations.Migration):
    dependencies = [("recommendations", "0010_recommendation_list_order")]

    operations = [migrations.RunPython(create, drop)]
