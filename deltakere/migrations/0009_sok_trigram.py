"""Trigram indexes for the register's search, on PostgreSQL only.

The search (`DeltakerQuerySet.sok`) is `icontains` on first name, last name and nickname, which
Django writes as `UPPER("fornavn"::text) LIKE UPPER('%...%')` on PostgreSQL: a scan of every row
unless a pg_trgm GIN index holds exactly that expression. SQLite has no pg_trgm, so the indexes are
made here by SQL that runs on PostgreSQL only, and are not in the model state (`makemigrations`
does not know them; the Deltaker model says so in a comment).
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

SOKEFELTER = ["fornavn", "etternavn", "kallenavn"]


class RunSQLBarePostgres(migrations.RunSQL):
    """RunSQL that does nothing on a database other than PostgreSQL."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


class Migration(migrations.Migration):
    dependencies = [
        ("deltakere", "0008_registerets_sorteringer"),
    ]

    operations = [
        # A no-op on other databases (Django's CreateExtension checks the vendor itself).
        TrigramExtension(),
        *(
            RunSQLBarePostgres(
                sql=f"CREATE INDEX deltaker_{felt}_trgm_idx ON deltakere_deltaker "
                f"USING gin ((UPPER({felt}::text)) gin_trgm_ops)",
                reverse_sql=f"DROP INDEX deltaker_{felt}_trgm_idx",
            )
            for felt in SOKEFELTER
        ),
    ]
