"""The report's background task as production runs it: the database backend queues it with the order, and the
worker (`manage.py db_worker`) makes it; a task that fails leaves a clear status, not a half report. And the read
replica: report reads go to the `rapporter` database alias when it is configured, writes never."""

from datetime import date

import pytest
from django.core.management import call_command
from django.db import connections
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_scopes import scopes_disabled

from rapporter import services
from rapporter.models import Rapport
from rapporter.ruter import ALIAS, Rapportruter, rapportdatabase
from rapporter.tabeller import Periode
from tests.factories import DeltakerFactory

pytestmark = pytest.mark.django_db


@pytest.mark.django_db(transaction=True)  # the worker closes its database connection after a task, as it should
def test_the_database_backend_queues_the_order_and_the_worker_makes_it(client, leder, senter, settings):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    DeltakerFactory(senter=senter, status_fra=date(2026, 4, 2), henvisning_dato=date(2026, 3, 1))
    client.force_login(leder)
    svar = client.post(
        reverse("rapporter:rapporter"), {"periode": "kvartal", "aar": "2026", "kvartal": "2", "senter": senter.pk}
    )
    assert svar.status_code == 302
    with scopes_disabled():
        rapport = Rapport.objects.get()
    assert rapport.status == "venter" and DBTaskResult.objects.count() == 1  # queued, not made in the request
    assert "I kø" in client.get(svar["Location"]).content.decode()

    call_command("db_worker", batch=True, startup_delay=False, interval=0, verbosity=0)
    rapport.refresh_from_db()
    assert (rapport.status, rapport.prosent) == ("utkast", 100) and rapport.pdf
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"


def test_a_failing_report_says_so(leder, senter, monkeypatch):
    def feiler(senter_ids, periode):
        raise RuntimeError("simulert feil")

    monkeypatch.setattr("rapporter.rapport.SEKSJONER", [("Aktivitetsrapport", feiler)])
    rapport = services.bestill(leder, [senter], Periode.kvartal(2026, 2))
    with pytest.raises(RuntimeError):
        services.lag(rapport.pk)
    rapport.refresh_from_db()
    assert rapport.status == "feilet" and rapport.feil == services.FEILMELDING and rapport.pdf is None


def test_the_router_sends_report_reads_to_the_replica_alias_and_nothing_else(settings):
    ruter = Rapportruter()
    with rapportdatabase():
        assert ruter.db_for_read(Rapport) is None  # no replica configured: the default database
    settings.RAPPORT_DATABASE = ALIAS
    assert ruter.db_for_read(Rapport) is None
    with rapportdatabase():
        assert ruter.db_for_read(Rapport) == ALIAS
        assert ruter.db_for_write(Rapport) == "default"
    assert ruter.db_for_read(Rapport) is None
    assert not ruter.allow_migrate(ALIAS, "rapporter") and ruter.allow_migrate("default", "rapporter") is True


@pytest.mark.django_db(transaction=True, databases=["default", ALIAS])
def test_a_report_reads_from_the_replica_when_one_is_configured(leder, senter, settings):
    """With a second database alias (a mirror of the default in tests, as a streaming replica is in production),
    every aggregation query of the report goes there; the order and the result are written to the default."""
    settings.RAPPORT_DATABASE = ALIAS
    DeltakerFactory(senter=senter, status_fra=date(2026, 4, 2), henvisning_dato=date(2026, 3, 1))
    with CaptureQueriesContext(connections[ALIAS]) as replika, CaptureQueriesContext(connections["default"]) as hoved:
        # Committed at once here (a transactional test), so the immediate backend makes the report now.
        rapport = services.bestill(leder, [senter], Periode.kvartal(2026, 2))
    rapport.refresh_from_db()
    assert rapport.status == "utkast"
    assert any("oppfolging_samtale" in q["sql"] for q in replika.captured_queries)
    assert not any("oppfolging_samtale" in q["sql"] for q in hoved.captured_queries)
    assert all(not q["sql"].lstrip().upper().startswith(("UPDATE", "INSERT")) for q in replika.captured_queries)
