"""The demo data (`manage.py seed_demo`), loaded once for this module: what it holds, that loading it again changes
nothing, and that no GET reachable from the demo logins changes a row (the access log, sessions and the lockout
records excepted, which exist to record a visit)."""

import io

import pytest
from django.core.management import call_command
from django.test import Client, override_settings
from django_scopes import scopes_disabled

from deltakere.demo import DEMO_PASSORD, demo_innlogginger
from deltakere.models import Bruker, Deltaker, Medlemskap, Rolle, Samtykke, Senter, Status, Statusendring
from oppfolging.models import Kartlegging, Screening, Tiltaksplan
from tests.gjennomgang import gjennomga, hent_med_client, radtall


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo loaded once (fast password hashing, as every test here has); returns what the command printed."""
    ut = io.StringIO()
    with (
        django_db_blocker.unblock(),
        override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]),
    ):
        call_command("seed_demo", stdout=ut)
    yield ut.getvalue()
    with django_db_blocker.unblock(), scopes_disabled():
        call_command("flush", interactive=False, verbosity=0)


def _snapshot():
    return {
        "sentre": sorted(Senter.objects.values_list("navn", "kommune", "type", "journalform")),
        "brukere": sorted(Bruker.objects.values_list("email", "navn", "password", "is_superuser")),
        "medlemskap": sorted(
            Medlemskap.objects.with_scopes_disabled().values_list("bruker__email", "senter__navn", "rolle", "sluttet")
        ),
        "deltakere": sorted(
            Deltaker.objects.with_scopes_disabled().values_list(
                "senter__navn", "fornavn", "etternavn", "status", "versjon"
            )
        ),
        "statusendringer": Statusendring.objects.with_scopes_disabled().count(),
        "samtykker": Samtykke.objects.with_scopes_disabled().count(),
    }


@pytest.mark.django_db
def test_seed_demo_is_idempotent(demo):
    first = _snapshot()
    call_command("seed_demo", stdout=open("/dev/null", "w"))
    assert _snapshot() == first
    assert len(first["sentre"]) == 10


@pytest.mark.django_db
def test_there_is_a_demo_login_for_every_role_and_one_at_two_centres(demo):
    out = demo
    assert DEMO_PASSORD in out
    for rolle in Rolle:
        brukernavn = "koordinator" if rolle == Rolle.TIDGIVERKOORDINATOR else rolle.value
        email = f"{brukernavn}@medvandrer.test"
        bruker = Bruker.objects.get(email=email)
        assert bruker.check_password(DEMO_PASSORD)
        assert Medlemskap.objects.with_scopes_disabled().filter(bruker=bruker, rolle=rolle).exists()
        assert email in out
    assert Medlemskap.objects.with_scopes_disabled().filter(bruker__email="veileder@medvandrer.test").count() == 2
    assert Bruker.objects.get(email="admin@medvandrer.test").is_superuser


@pytest.mark.django_db
def test_every_centre_gets_about_forty_people_across_all_statuses(demo):
    with scopes_disabled():  # the demo as a whole, across its centres
        for senter in Senter.objects.all():
            personer = Deltaker.objects.with_scopes_disabled().filter(senter=senter)
            assert 35 <= personer.count() <= 45
            assert set(personer.values_list("status", flat=True)) == {s.value for s in Status}
            for d in personer.filter(status=Status.AVSLUTTET):
                slutt = d.statusendringer.first()
                assert slutt.til_status == Status.AVSLUTTET and slutt.arsak
        # Reactivation keeps the history: some active people have been ended before.
        assert (
            Deltaker.objects.with_scopes_disabled()
            .filter(status=Status.AKTIV, statusendringer__til_status=Status.AVSLUTTET)
            .exists()
        )


@pytest.mark.django_db
@pytest.mark.parametrize("email", [email for email, _ in demo_innlogginger()])
def test_no_get_changes_a_row(demo, email):
    with scopes_disabled():
        bruker = Bruker.objects.get(email=email)
    client = Client()
    client.force_login(bruker)
    for_ = radtall()
    apnet = gjennomga(hent_med_client(client), "/")
    etter = radtall()
    endret = {tabell: (for_[tabell], etter.get(tabell)) for tabell in for_ if for_[tabell] != etter.get(tabell)}
    assert not endret, f"GET changed rows (table: before, after): {endret}"
    assert len(apnet) >= 5, apnet
    assert not [url for url, status in apnet if status >= 500], apnet


@pytest.mark.django_db
def test_most_people_have_kartlegginger_and_plans_some_overdue(demo):
    from datetime import date

    with scopes_disabled():
        assert Kartlegging.objects.count() > 400
        assert (
            Screening.objects.filter(fullstendig=True).exists() and Screening.objects.filter(fullstendig=False).exists()
        )
        aktive = Tiltaksplan.objects.filter(status=Tiltaksplan.Status.AKTIV)
        assert aktive.count() > 100
        assert aktive.filter(evalueringsdato__lt=date.today()).exists()
        personer = Deltaker.objects.exclude(status=Status.HENVIST).count()
        assert Kartlegging.objects.values("deltaker").distinct().count() > personer / 2
