"""The appointment, morgenmøte and handover pages: what they save, what they refuse, who may, the access log,
one record per double click, and a bounded number of queries whatever the size."""

import uuid
from datetime import date, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from deltakere.engangs import FELT as ENGANGSKODE
from deltakere.models import Kontaktpersonendring, Rolle, Senter, Tilgangslogg
from oppfolging import services
from oppfolging.models import Avtale, Oppgave
from tests.factories import DeltakerFactory, SenterFactory, ansatt, i_senter

IDAG = date.today()


def _tid(dag, time=12, minutt=0):
    return timezone.make_aware(datetime(dag.year, dag.month, dag.day, time, minutt))


@pytest.fixture
def deltaker(senter, veileder):
    return DeltakerFactory(
        senter=senter, henvisning_dato=IDAG - timedelta(days=400), status_fra=IDAG - timedelta(days=400),
        primaerkontakt=veileder, fornavn="Siri", etternavn="Solberg",
    )  # fmt: skip


def _logg():
    return Tilgangslogg.objects.with_scopes_disabled().count()


def _avtale(deltaker, tidspunkt, med=None):
    with i_senter(deltaker.senter):
        return services.ny_avtale(deltaker, tidspunkt=tidspunkt, form="kafe", av=med, med=med)


@pytest.mark.django_db
class TestNyAvtale:
    def test_it_saves_once_for_a_double_click_and_lists_it_on_the_persons_page(self, client, deltaker, veileder):
        client.force_login(veileder)
        url = reverse("oppfolging:ny_avtale", args=[deltaker.pk])
        kode = str(uuid.uuid4())
        data = {"dato": (IDAG + timedelta(days=2)).isoformat(), "klokkeslett": "10:30", "form": "samtalerom",
                "notat": "Gå gjennom søknaden", ENGANGSKODE: kode}  # fmt: skip
        forste, andre = client.post(url, data), client.post(url, data)
        assert forste.status_code == andre.status_code == 302
        avtale = Avtale.objects.with_scopes_disabled().get()
        assert (avtale.med, avtale.registrert_av, avtale.notat) == (veileder, veileder, "Gå gjennom søknaden")
        assert timezone.localtime(avtale.tidspunkt).strftime("%H:%M") == "10:30"
        side = client.get(reverse("oppfolging:deltaker_avtaler", args=[deltaker.pk])).content.decode()
        assert "Gå gjennom søknaden" in side and "Kommende (1)" in side

    def test_a_day_out_of_bounds_and_hostile_input_are_field_errors(self, client, deltaker, veileder):
        client.force_login(veileder)
        url = reverse("oppfolging:ny_avtale", args=[deltaker.pk])
        svar = client.post(url, {"dato": (IDAG + timedelta(days=3 * 365)).isoformat(), "klokkeslett": "10:00",
                                 "form": "kafe", "notat": "Ha med ID"})  # fmt: skip
        assert svar.status_code == 200 and "to år fram i tid" in svar.context["form"].errors["dato"][0]
        assert 'value="Ha med ID"' in svar.content.decode()  # nothing typed is lost
        svar = client.post(url, {"dato": "31.02.2026", "klokkeslett": "25:99", "form": "<script>", "med": "x"})
        assert svar.status_code == 200
        assert set(svar.context["form"].errors) >= {"dato", "klokkeslett", "form", "med"}
        assert not Avtale.objects.with_scopes_disabled().exists()

    def test_another_centres_staff_cannot_be_named(self, client, deltaker, veileder, leder_annet_senter):
        client.force_login(veileder)
        data = {"dato": IDAG.isoformat(), "klokkeslett": "15:00", "form": "kafe", "med": leder_annet_senter.pk}
        svar = client.post(reverse("oppfolging:ny_avtale", args=[deltaker.pk]), data)
        assert "med" in svar.context["form"].errors and not Avtale.objects.with_scopes_disabled().exists()

    def test_a_metadata_centre_has_no_note_field_and_a_forged_note_is_refused(self, client, deltaker, veileder):
        Senter.objects.filter(pk=deltaker.senter_id).update(journalform=Senter.Journalform.METADATA)
        client.force_login(veileder)
        url = reverse("oppfolging:ny_avtale", args=[deltaker.pk])
        assert "notat" not in client.get(url).context["form"].fields
        client.post(url, {"dato": IDAG.isoformat(), "klokkeslett": "15:00", "form": "kafe", "notat": "Hemmelig"})
        assert Avtale.objects.with_scopes_disabled().get().notat == ""


@pytest.mark.django_db
class TestAvtalestatus:
    def test_kept_or_missed_only_once_the_time_has_come_cancelled_any_time(self, client, deltaker, veileder):
        forbi = _avtale(deltaker, timezone.now() - timedelta(hours=1), veileder)
        fram = _avtale(deltaker, timezone.now() + timedelta(days=1), veileder)
        client.force_login(veileder)
        dag = reverse("oppfolging:avtaler") + f"?dag={IDAG.isoformat()}"
        for avtale, status in ((forbi, "uteble"), (fram, "gjennomfort")):
            svar = client.post(reverse("oppfolging:avtalestatus", args=[deltaker.pk, avtale.pk]),
                               {"status": status, "neste": dag})  # fmt: skip
            assert svar.status_code == 302 and svar.url == dag
        forbi.refresh_from_db(), fram.refresh_from_db()
        assert (forbi.status, fram.status) == ("uteble", "planlagt")
        client.post(reverse("oppfolging:avtalestatus", args=[deltaker.pk, fram.pk]), {"status": "avlyst"})
        fram.refresh_from_db()
        assert fram.status == "avlyst"

    def test_it_never_sends_the_user_to_another_site(self, client, deltaker, veileder):
        avtale = _avtale(deltaker, timezone.now() - timedelta(hours=1), veileder)
        client.force_login(veileder)
        svar = client.post(reverse("oppfolging:avtalestatus", args=[deltaker.pk, avtale.pk]),
                           {"status": "gjennomfort", "neste": "https://evil.example/"})  # fmt: skip
        assert svar.url == reverse("oppfolging:deltaker_avtaler", args=[deltaker.pk])

    def test_another_centres_appointment_is_404(self, client, deltaker, leder_annet_senter):
        avtale = _avtale(deltaker, timezone.now() - timedelta(hours=1))
        client.force_login(leder_annet_senter)
        svar = client.post(reverse("oppfolging:avtalestatus", args=[deltaker.pk, avtale.pk]), {"status": "uteble"})
        assert svar.status_code == 404
        avtale.refresh_from_db()
        assert avtale.status == "planlagt"


@pytest.mark.django_db
class TestDagensAvtaler:
    def test_grouped_by_staff_with_links_to_the_next_and_previous_day(self, client, senter, deltaker, veileder, leder):
        _avtale(deltaker, _tid(IDAG, 9), veileder)
        _avtale(deltaker, _tid(IDAG, 11), leder)
        _avtale(deltaker, _tid(IDAG + timedelta(days=1), 9), leder)
        client.force_login(leder)
        svar = client.get(reverse("oppfolging:avtaler"))
        assert [navn for navn, _ in svar.context["grupper"]] == ["Lise Leder", "Vegard Veileder"]
        side = svar.content.decode()
        assert f"?dag={(IDAG + timedelta(days=1)).isoformat()}" in side and "Siri Solberg" not in side.split("<h1")[0]
        svar = client.get(reverse("oppfolging:avtaler") + f"?dag={(IDAG + timedelta(days=1)).isoformat()}")
        assert svar.context["antall"] == 1
        assert client.get(reverse("oppfolging:avtaler") + "?dag=tull").context["dag"] == IDAG

    def test_get_changes_nothing_and_logs_no_person(self, client, deltaker, veileder):
        _avtale(deltaker, _tid(IDAG, 9), veileder)
        client.force_login(veileder)
        for_ = _logg()
        assert client.get(reverse("oppfolging:avtaler")).status_code == 200
        assert _logg() == for_

    def test_the_same_number_of_queries_for_2_and_20_appointments(self, client, senter, veileder):
        tall = []
        for antall in (2, 20):
            for i in range(antall // 2):
                d = DeltakerFactory(senter=senter, henvisning_dato=IDAG - timedelta(days=30))
                _avtale(d, _tid(IDAG, 8 + i % 10), veileder)
                _avtale(d, _tid(IDAG, 9 + i % 10), ansatt(senter, Rolle.SOSIONOM))
            client.force_login(veileder)
            with CaptureQueriesContext(connection) as q:
                assert client.get(reverse("oppfolging:avtaler")).status_code == 200
            tall.append(len(q))
        assert tall[0] == tall[1], tall


@pytest.mark.django_db
class TestMorgenmote:
    def test_a_task_about_a_person_from_the_person_is_on_the_page_overdue_first(
        self, client, senter, deltaker, veileder
    ):
        client.force_login(veileder)
        url = reverse("oppfolging:ny_oppgave_for_deltaker", args=[deltaker.pk])
        for_ = _logg()
        assert client.get(url).status_code == 200 and _logg() == for_ + 1
        kode = str(uuid.uuid4())
        data = {"hva": "Ringe NAV om bostøtte", "hvem": "gsosionomtjenesten",
                "frist": (IDAG + timedelta(days=3)).isoformat(), ENGANGSKODE: kode}  # fmt: skip
        assert client.post(url, data).status_code == client.post(url, data).status_code == 302
        oppgave = Oppgave.objects.with_scopes_disabled().get()
        assert (oppgave.deltaker, oppgave.gruppe, oppgave.tildelt) == (deltaker, "sosionomtjenesten", None)
        with i_senter(senter):
            services.ny_oppgave(senter, hva="Forfalt", av=veileder, gjest="Per", gruppe="sosionomtjenesten",
                                frist=IDAG - timedelta(days=1))  # fmt: skip
        svar = client.get(reverse("oppfolging:morgenmote"))
        ((holder, oppgaver),) = svar.context["grupper"]
        assert holder == "Sosionomtjenesten" and [o.hva for o in oppgaver] == ["Forfalt", "Ringe NAV om bostøtte"]

    def test_a_guest_is_a_first_name_never_a_fodselsnummer_or_a_full_name(self, client, veileder):
        client.force_login(veileder)
        url = reverse("oppfolging:ny_oppgave")
        for gjest in ("010190 12345", "01019012345", "Per Olsen"):
            svar = client.post(url, {"hva": "Trenger klær", "gjest": gjest, "handling": "lagre"})
            assert svar.status_code == 200 and "gjest" in svar.context["form"].errors, gjest
            assert f'value="{gjest}"' in svar.content.decode()
        svar = client.post(url, {"hva": "Trenger klær", "gjest": "Per, grønn jakke", "hvem": f"b{veileder.pk}",
                                 "handling": "lagre"})  # fmt: skip
        assert svar.status_code == 302
        assert Oppgave.objects.with_scopes_disabled().get().gjest == "Per, grønn jakke"

    def test_the_search_step_is_a_post_and_finds_only_this_centres_people(self, client, senter, deltaker, veileder):
        borte = DeltakerFactory(senter=SenterFactory(), fornavn="Siri", etternavn="Sandvik")
        client.force_login(veileder)
        url = reverse("oppfolging:ny_oppgave")
        svar = client.post(url, {"hva": "Følge til lege", "sok": "siri", "handling": "sok"})
        assert svar.status_code == 200 and not svar.context["form"].errors
        assert [d.pk for d in svar.context["form"].treff] == [deltaker.pk]
        assert not Oppgave.objects.with_scopes_disabled().exists()
        svar = client.post(url, {"hva": "Følge til lege", "sok": "siri", "deltaker": borte.pk, "handling": "lagre"})
        assert svar.status_code == 200 and "deltaker" in svar.context["form"].errors
        svar = client.post(url, {"hva": "Følge til lege", "sok": "siri", "deltaker": deltaker.pk, "handling": "lagre"})
        assert svar.status_code == 302 and "siri" not in svar.url.lower()
        assert Oppgave.objects.with_scopes_disabled().get().deltaker == deltaker

    def test_reassign_close_and_reopen(self, client, senter, deltaker, veileder, leder):
        with i_senter(senter):
            oppgave = services.ny_oppgave(senter, hva="Ringe", av=leder, deltaker=deltaker, tildelt=veileder)
        client.force_login(leder)
        for_ = _logg()
        svar = client.post(reverse("oppfolging:tildel_oppgave", args=[oppgave.pk]), {"hvem": f"b{leder.pk}"})
        assert svar.status_code == 302 and _logg() == for_ + 1
        oppgave.refresh_from_db()
        assert oppgave.tildelt == leder
        client.post(reverse("oppfolging:tildel_oppgave", args=[oppgave.pk]), {"hvem": "b999999"})
        oppgave.refresh_from_db()
        assert oppgave.tildelt == leder
        # Sent with nothing chosen it changes nothing; taking the task from everyone is the explicit "Ingen".
        svar = client.post(reverse("oppfolging:tildel_oppgave", args=[oppgave.pk]), {}, follow=True)
        oppgave.refresh_from_db()
        assert oppgave.tildelt == leder and "Velg hvem som skal ha oppgaven" in svar.content.decode()
        client.post(reverse("oppfolging:tildel_oppgave", args=[oppgave.pk]), {"hvem": "ingen"})
        oppgave.refresh_from_db()
        assert oppgave.tildelt is None and oppgave.gruppe == ""
        client.post(reverse("oppfolging:tildel_oppgave", args=[oppgave.pk]), {"hvem": f"b{leder.pk}"})
        client.post(reverse("oppfolging:fullfor_oppgave", args=[oppgave.pk]))
        oppgave.refresh_from_db()
        assert oppgave.ferdig is not None
        svar = client.get(reverse("oppfolging:morgenmote"))
        assert svar.context["grupper"] == [] and [o.pk for o in svar.context["lukket"]] == [oppgave.pk]
        client.post(reverse("oppfolging:gjenapne_oppgave", args=[oppgave.pk]))
        oppgave.refresh_from_db()
        assert oppgave.ferdig is None

    def test_another_centres_task_is_404(self, client, senter, deltaker, leder, leder_annet_senter):
        with i_senter(senter):
            oppgave = services.ny_oppgave(senter, hva="Ringe", av=leder, deltaker=deltaker)
        client.force_login(leder_annet_senter)
        assert client.post(reverse("oppfolging:fullfor_oppgave", args=[oppgave.pk])).status_code == 404

    def test_the_same_number_of_queries_for_2_and_20_tasks(self, client, senter, veileder, leder):
        tall = []
        for antall in (2, 20):
            with i_senter(senter):
                for i in range(antall // 2):
                    d = DeltakerFactory(senter=senter, henvisning_dato=IDAG - timedelta(days=30))
                    services.ny_oppgave(senter, hva=f"Oppgave {i}", av=leder, deltaker=d,
                                        tildelt=ansatt(senter, Rolle.VEILEDER))  # fmt: skip
                    lukket = services.ny_oppgave(senter, hva=f"Gjest {i}", av=leder, gjest="Ola", tildelt=veileder)
                    services.fullfor_oppgave(lukket)
            client.force_login(leder)
            with CaptureQueriesContext(connection) as q:
                assert client.get(reverse("oppfolging:morgenmote")).status_code == 200
            tall.append(len(q))
        assert tall[0] == tall[1], tall


@pytest.mark.django_db
class TestOverlevering:
    def _oppsett(self, senter, veileder, leder):
        kollega = ansatt(senter, Rolle.SOSIONOM, bruker__navn="Sara Sosionom")
        ny = ansatt(senter, Rolle.VEILEDER, bruker__navn="Nils Ny")
        henvist = IDAG - timedelta(days=200)
        flyttes = DeltakerFactory(senter=senter, primaerkontakt=veileder, andrekontakt=kollega, henvisning_dato=henvist)
        andre = DeltakerFactory(senter=senter, primaerkontakt=kollega, andrekontakt=veileder, henvisning_dato=henvist)
        blir = DeltakerFactory(senter=senter, primaerkontakt=veileder, henvisning_dato=henvist)
        with i_senter(senter):
            oppgave = services.ny_oppgave(senter, hva="Ringe", av=leder, deltaker=flyttes, tildelt=veileder)
            avtale = services.ny_avtale(flyttes, tidspunkt=timezone.now() + timedelta(days=3), form="kafe", av=veileder)
            annen_avtale = services.ny_avtale(
                andre, tidspunkt=timezone.now() + timedelta(days=3), form="kafe", av=veileder
            )
        return kollega, ny, flyttes, andre, blir, oppgave, avtale, annen_avtale

    def test_it_moves_what_was_chosen_and_nothing_else_and_says_so(self, client, senter, veileder, leder):
        kollega, ny, flyttes, andre, blir, oppgave, avtale, annen_avtale = self._oppsett(senter, veileder, leder)
        client.force_login(leder)
        url = reverse("oppfolging:overlevering")
        svar = client.get(url, {"fra": veileder.pk, "til": ny.pk})
        assert {d.pk for d in svar.context["personer"]} == {flyttes.pk, andre.pk, blir.pk}
        data = {"fra": veileder.pk, "til": ny.pk, "deltakere": [flyttes.pk, andre.pk], "oppgaver": "on",
                "roller": ["primaerkontakt", "andrekontakt"], "dato": IDAG.isoformat()}  # fmt: skip
        for_ = _logg()
        svar = client.post(url, data)
        assert svar.status_code == 302 and svar.url == reverse("oppfolging:overlevering_kvittering")
        assert _logg() == for_ + 2
        for rad in (flyttes, andre, blir, oppgave, avtale, annen_avtale):
            rad.refresh_from_db()
        assert (flyttes.primaerkontakt, flyttes.andrekontakt) == (ny, kollega)
        assert (andre.primaerkontakt, andre.andrekontakt) == (kollega, ny)
        assert blir.primaerkontakt == veileder
        assert (
            oppgave.tildelt == ny and avtale.med == veileder and annen_avtale.med == veileder
        )  # appointments not chosen
        rad = Kontaktpersonendring.objects.with_scopes_disabled().filter(deltaker=flyttes).latest("registrert")
        assert (rad.dato, rad.registrert_av) == (IDAG, leder)
        kvittering = client.get(svar.url)
        assert {d.pk for d in kvittering.context["personer"]} == {flyttes.pk, andre.pk}
        assert [o.pk for o in kvittering.context["oppgaver"]] == [oppgave.pk] and kvittering.context["avtaler"] == []

    def test_only_the_primary_role_and_everyone_at_once(self, client, senter, veileder, leder):
        kollega, ny, flyttes, andre, blir, *_ = self._oppsett(senter, veileder, leder)
        client.force_login(leder)
        client.post(reverse("oppfolging:overlevering"), {"fra": veileder.pk, "til": ny.pk, "alle": "on",
                    "roller": ["primaerkontakt"], "avtaler": "on", "dato": IDAG.isoformat()})  # fmt: skip
        for rad in (flyttes, andre, blir):
            rad.refresh_from_db()
        assert flyttes.primaerkontakt == ny and blir.primaerkontakt == ny
        assert andre.andrekontakt == veileder  # andre kontakt was not chosen

    def test_another_centres_staff_or_people_cannot_be_named(self, client, senter, annet_senter, veileder, leder,
                                                             leder_annet_senter):  # fmt: skip
        kollega, ny, flyttes, *_ = self._oppsett(senter, veileder, leder)
        fremmed = DeltakerFactory(senter=annet_senter, primaerkontakt=leder_annet_senter)
        client.force_login(leder)
        url = reverse("oppfolging:overlevering")
        svar = client.post(url, {"fra": veileder.pk, "til": leder_annet_senter.pk, "alle": "on",
                                 "roller": ["primaerkontakt"], "dato": IDAG.isoformat()})  # fmt: skip
        assert svar.status_code == 200 and "til" in svar.context["valg"].errors
        svar = client.post(url, {"fra": veileder.pk, "til": ny.pk, "deltakere": [fremmed.pk],
                                 "roller": ["primaerkontakt"], "dato": IDAG.isoformat()})  # fmt: skip
        assert svar.status_code == 200 and "deltakere" in svar.context["form"].errors
        flyttes.refresh_from_db()
        assert flyttes.primaerkontakt == veileder

    def test_a_date_out_of_bounds_is_a_field_error_and_nothing_moves(self, client, senter, veileder, leder):
        kollega, ny, flyttes, *_ = self._oppsett(senter, veileder, leder)
        client.force_login(leder)
        svar = client.post(reverse("oppfolging:overlevering"), {"fra": veileder.pk, "til": ny.pk, "alle": "on",
                           "roller": ["primaerkontakt"], "dato": (IDAG + timedelta(days=5)).isoformat()})  # fmt: skip
        assert svar.status_code == 200 and "dato" in svar.context["form"].errors
        flyttes.refresh_from_db()
        assert flyttes.primaerkontakt == veileder

    def test_a_veileder_may_not(self, client, veileder):
        client.force_login(veileder)
        assert client.get(reverse("oppfolging:overlevering")).status_code == 403

    def test_a_date_before_a_later_contact_change_is_refused(self, client, senter, veileder, leder):
        kollega, ny, flyttes, *_ = self._oppsett(senter, veileder, leder)
        client.force_login(leder)
        url = reverse("oppfolging:overlevering")
        for_tidlig = (IDAG - timedelta(days=150)).isoformat()
        svar = client.post(url, {"fra": veileder.pk, "til": ny.pk, "deltakere": [flyttes.pk],
                                 "roller": ["primaerkontakt"], "dato": for_tidlig})  # fmt: skip
        assert svar.status_code == 200 and "senere endring" in svar.context["form"].errors["dato"][0]
        flyttes.refresh_from_db()
        assert flyttes.primaerkontakt == veileder
        assert not Kontaktpersonendring.objects.with_scopes_disabled().filter(deltaker=flyttes, registrert_av=leder)


@pytest.mark.django_db
class TestMerOmSidene:
    def test_the_morgenmote_form_saves_once_for_a_double_click_and_refuses_a_forged_holder(
        self, client, veileder, leder_annet_senter
    ):
        client.force_login(veileder)
        url = reverse("oppfolging:ny_oppgave")
        svar = client.post(
            url, {"hva": "Klær", "gjest": "Ola", "hvem": f"b{leder_annet_senter.pk}", "handling": "lagre"}
        )
        assert svar.status_code == 200 and "hvem" in svar.context["form"].errors
        data = {
            "hva": "Klær",
            "gjest": "Ola",
            "hvem": "gmotivasjonsteam",
            "handling": "lagre",
            ENGANGSKODE: str(uuid.uuid4()),
        }
        assert client.post(url, data).status_code == client.post(url, data).status_code == 302
        assert Oppgave.objects.with_scopes_disabled().count() == 1
        for_ = _logg()
        assert client.get(url).status_code == 200 and client.get(reverse("oppfolging:morgenmote")).status_code == 200
        assert Oppgave.objects.with_scopes_disabled().count() == 1 and _logg() == for_

    def test_the_persons_appointments_and_the_handover_page_in_a_bounded_number_of_queries(
        self, client, senter, deltaker, veileder, leder
    ):
        tall = []
        for antall in (2, 20):
            for i in range(antall // 2):
                _avtale(deltaker, timezone.now() + timedelta(days=i + 1), veileder)
                _avtale(deltaker, timezone.now() - timedelta(days=i + 1), ansatt(senter, Rolle.SOSIONOM))
                DeltakerFactory(senter=senter, primaerkontakt=veileder, henvisning_dato=IDAG - timedelta(days=30))
            client.force_login(leder)
            with CaptureQueriesContext(connection) as q1:
                assert client.get(reverse("oppfolging:deltaker_avtaler", args=[deltaker.pk])).status_code == 200
            with CaptureQueriesContext(connection) as q2:
                svar = client.get(reverse("oppfolging:overlevering"), {"fra": veileder.pk, "til": leder.pk})
                assert svar.status_code == 200
            tall.append((len(q1), len(q2)))
        assert tall[0] == tall[1], tall
