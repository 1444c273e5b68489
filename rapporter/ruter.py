"""Report queries on a read replica: when `REPORTS_DATABASE_URL` is set, the settings add the database alias
`rapporter` (and `RAPPORT_DATABASE` names it), and every read made inside `rapportdatabase()` (the report task's
aggregations) goes there. Writes, and every read outside it, go to the default database. Without the setting,
nothing changes."""

from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings

ALIAS = "rapporter"
_aktiv = ContextVar("rapportdatabase", default=False)


@contextmanager
def rapportdatabase():
    token = _aktiv.set(True)
    try:
        yield
    finally:
        _aktiv.reset(token)


class Rapportruter:
    def db_for_read(self, model, **hints):
        if _aktiv.get() and settings.RAPPORT_DATABASE:
            return settings.RAPPORT_DATABASE
        return None

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the replica holds the same rows as the default database

    def allow_migrate(self, db, app_label, **hints):
        return db != ALIAS  # a replica is migrated by replication, never directly
