import pytest
from django.core.management import call_command

from deltakere.demo import DEMO_PASSORD
from deltakere.models import Bruker, Deltaker, Medlemskap, Rolle, Samtykke, Senter, Status, StatusEndring


def _snapshot():
    return {
        "sentre": sorted(Senter.objects.values_list("navn", "kommune", "type", "journalform")),
        "brukere": sorted(Bruker.objects.values_list("email", "navn", "password", "is_superuser")),
        "medlemskap": sorted(Medlemskap.objects.values_list("bruker__email", "senter__navn", "rolle", "sluttet")),
        "deltakere": sorted(Deltaker.objects.values_list("senter__navn", "fornavn", "etternavn", "status", "versjon")),
        "statusendringer": StatusEndring.objects.count(),
        "samtykker": Samtykke.objects.count(),
    }


@pytest.mark.django_db
def test_seed_demo_is_idempotent():
    call_command("seed_demo", stdout=open("/dev/null", "w"))
    first = _snapshot()
    call_command("seed_demo", stdout=open("/dev/null", "w"))
    assert _snapshot() == first
    assert len(first["sentre"]) == 10


@pytest.mark.django_db
def test_there_is_a_demo_login_for_every_role_and_one_at_two_centres(capsys):
    call_command("seed_demo")
    out = capsys.readouterr().out
    assert DEMO_PASSORD in out
    for rolle in Rolle:
        brukernavn = "koordinator" if rolle == Rolle.TIDGIVERKOORDINATOR else rolle.value
        email = f"{brukernavn}@medvandrer.test"
        bruker = Bruker.objects.get(email=email)
        assert bruker.check_password(DEMO_PASSORD)
        assert Medlemskap.objects.filter(bruker=bruker, rolle=rolle).exists()
        assert email in out
    assert Medlemskap.objects.filter(bruker__email="veileder@medvandrer.test").count() == 2
    assert Bruker.objects.get(email="admin@medvandrer.test").is_superuser


@pytest.mark.django_db
def test_every_centre_gets_about_forty_people_across_all_statuses():
    call_command("seed_demo", stdout=open("/dev/null", "w"))
    for senter in Senter.objects.all():
        personer = Deltaker.objects.filter(senter=senter)
        assert 35 <= personer.count() <= 45
        assert set(personer.values_list("status", flat=True)) == {s.value for s in Status}
        for d in personer.filter(status=Status.AVSLUTTET):
            slutt = d.statusendringer.first()
            assert slutt.til_status == Status.AVSLUTTET and slutt.arsak
    # Reactivation keeps the history: some active people have been ended before.
    assert Deltaker.objects.filter(status=Status.AKTIV, statusendringer__til_status=Status.AVSLUTTET).exists()
