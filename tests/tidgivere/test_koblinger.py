"""Matches: proposing from the suggestions page and the board, the lifecycle, check-ins due, hours, and what
happens when the consent to share is withdrawn."""

import uuid
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_scopes import scopes_disabled

from deltakere import services as deltakertjenester
from deltakere.engangs import FELT
from deltakere.models import Rolle, Samtykke, Tilgangslogg
from tests.factories import DeltakerFactory, SenterFactory, ansatt, i_senter
from tidgivere import selectors, services
from tidgivere.models import Kobling, Koblingsstatus, Status, Tidgiver, Tidgiveronske

IDAG = date.today()


def lag_tidgiver(senter, navn="Tora Tidgiver", **kw):
    felter = {
        "fodselsaar": 1980,
        "status": Status.AKTIV,
        "politiattest_sett": IDAG - timedelta(days=30),
        "politiattest_gyldig_til": IDAG + timedelta(days=700),
        "taushetserklaering_signert": IDAG - timedelta(days=30),
        "introduksjonskurs_fullfort": IDAG - timedelta(days=20),
        "interesser": ["tur_friluft"],
        "aktiviteter": ["jobb_cv"],
        "kapasitet": 1,
        **kw,
    }
    with scopes_disabled():
        return Tidgiver.objects.create(senter=senter, navn=navn, **felter)


def lag_deltaker(senter, **kw):
    return DeltakerFactory(senter=senter, samtykker=[Samtykke.Type.DELE_MED_TIDGIVER], **kw)


@pytest.fixture
def koordinator(senter):
    return ansatt(senter, Rolle.TIDGIVERKOORDINATOR, bruker__navn="Kine Koordinator")


@pytest.fixture
def deltaker(senter):
    d = lag_deltaker(senter)
    with scopes_disabled():
        Tidgiveronske.objects.create(deltaker=d, interesser=["tur_friluft"], kommune="Bergen")
    return d


def _aktiv_kobling(deltaker, tidgiver, start=None):
    start = start or IDAG - timedelta(days=40)
    with i_senter(deltaker.senter):
        k = services.foreslaa(deltaker, tidgiver, dato=start)
        for til in ("tilbudt", "akseptert"):
            services.neste_steg(k, versjon=k.versjon, til=til, dato=start)
        services.neste_steg(k, versjon=k.versjon, til="forste_mote", dato=start, forste_mote=start)
        services.neste_steg(k, versjon=k.versjon, til="aktiv", dato=start)
    return k


@pytest.mark.django_db
class TestForslag:
    def test_ranked_with_explanation_and_access_logged_once(self, client, koordinator, deltaker, senter):
        lag_tidgiver(senter, "Tora Tidgiver", interesser=["tur_friluft"], kommune="Bergen")
        lag_tidgiver(senter, "Per Passer", interesser=["matlaging"])
        lag_tidgiver(senter, "Ulla Uten", taushetserklaering_signert=None)
        client.force_login(koordinator)
        r = client.get(reverse("tidgivere:forslag", args=[deltaker.pk]))
        assert r.status_code == 200
        navn = [t.navn for _, t, _ in r.context["mulige"]]
        assert navn == ["Tora Tidgiver", "Per Passer"]
        v = r.context["mulige"][0][0]
        assert v.poeng == sum(k.poeng for k in v.kriterier)
        assert "Felles interesser: tur og friluft" in r.content.decode()
        assert [t.navn for _, t in r.context["utelukket"]] == ["Ulla Uten"]
        assert "Taushetserklæringen er ikke signert." in r.content.decode()
        with scopes_disabled():
            assert Tilgangslogg.objects.for_objekt(deltaker).count() == 1
            assert not Kobling.objects.exists()  # GET changes nothing

    def test_query_count_same_for_2_and_20_tidgivere(self, client, koordinator, deltaker, senter):
        client.force_login(koordinator)
        url = reverse("tidgivere:forslag", args=[deltaker.pk])
        for i in range(2):
            lag_tidgiver(senter, f"Liten {i}")
        client.get(url)
        with CaptureQueriesContext(connection) as sma:
            client.get(url)
        for i in range(18):
            lag_tidgiver(senter, f"Stor {i}")
        _aktiv_kobling(lag_deltaker(senter), lag_tidgiver(senter, "Opptatt"))
        with CaptureQueriesContext(connection) as store:
            client.get(url)
        assert len(store) == len(sma)

    def test_foreslaa_double_submit_makes_one(self, client, koordinator, deltaker, senter):
        t = lag_tidgiver(senter)
        client.force_login(koordinator)
        url = reverse("tidgivere:forslag", args=[deltaker.pk])
        data = {"tidgiver": t.pk, FELT: str(uuid.uuid4())}
        r1 = client.post(url, data)
        r2 = client.post(url, data)
        assert r1.status_code == r2.status_code == 302
        with scopes_disabled():
            k = Kobling.objects.get()
            assert (k.status, k.deltaker_id, k.tidgiver_id) == ("foreslatt", deltaker.pk, t.pk)
            assert list(k.steg.values_list("til", flat=True)) == ["foreslatt"]

    def test_forged_post_for_a_tidgiver_past_the_gate_is_refused(self, client, koordinator, deltaker, senter):
        t = lag_tidgiver(senter, politiattest_gyldig_til=IDAG - timedelta(days=1))
        client.force_login(koordinator)
        r = client.post(reverse("tidgivere:forslag", args=[deltaker.pk]), {"tidgiver": t.pk})
        assert r.status_code == 200
        assert "Politiattesten er ikke gyldig lenger" in r.content.decode()
        with scopes_disabled():
            assert not Kobling.objects.exists()

    def test_another_centres_tidgiver_is_refused(self, client, koordinator, deltaker):
        t = lag_tidgiver(SenterFactory())
        client.force_login(koordinator)
        r = client.post(reverse("tidgivere:forslag", args=[deltaker.pk]), {"tidgiver": t.pk})
        assert r.status_code == 200
        with scopes_disabled():
            assert not Kobling.objects.exists()

    def test_veileder_may_not(self, client, veileder, deltaker):
        client.force_login(veileder)
        assert client.get(reverse("tidgivere:forslag", args=[deltaker.pk])).status_code == 404


@pytest.mark.django_db
class TestTavle:
    def test_accept_and_reject_pair_by_pair(self, client, koordinator, senter):
        d1, d2 = lag_deltaker(senter), lag_deltaker(senter)
        t1 = lag_tidgiver(senter, "Anne", kapasitet=2)
        client.force_login(koordinator)
        r = client.get(reverse("tidgivere:tavle"))
        assert r.status_code == 200
        par = [(d.pk, t.pk) for d, t, _, _ in r.context["rader"]]
        assert sorted(par) == sorted([(d1.pk, t1.pk), (d2.pk, t1.pk)])
        r = client.post(reverse("tidgivere:tavle"), {"deltaker": d1.pk, "tidgiver": t1.pk, "handling": "avvis"})
        assert r.status_code == 302
        r = client.get(reverse("tidgivere:tavle"))
        assert [(d.pk, t.pk) for d, t, _, _ in r.context["rader"]] == [(d2.pk, t1.pk)]
        r = client.post(reverse("tidgivere:tavle"), {"deltaker": d2.pk, "tidgiver": t1.pk, "handling": "godta"})
        assert r.status_code == 302
        with scopes_disabled():
            assert list(Kobling.objects.values_list("deltaker_id", "tidgiver_id")) == [(d2.pk, t1.pk)]
        r = client.get(reverse("tidgivere:tavle"))
        assert r.context["rader"] == []  # d2 is no longer waiting; d1's pair stays rejected

    def test_accepting_twice_makes_one_match(self, client, koordinator, senter):
        d, t = lag_deltaker(senter), lag_tidgiver(senter)
        client.force_login(koordinator)
        data = {"deltaker": d.pk, "tidgiver": t.pk, "handling": "godta", FELT: str(uuid.uuid4())}
        assert client.post(reverse("tidgivere:tavle"), data).status_code == 302
        assert client.post(reverse("tidgivere:tavle"), data).status_code == 302
        with scopes_disabled():
            assert Kobling.objects.count() == 1

    def test_query_count_same_at_two_sizes(self, client, koordinator, senter):
        client.force_login(koordinator)
        url = reverse("tidgivere:tavle")
        for i in range(2):
            lag_deltaker(senter)
            lag_tidgiver(senter, f"Liten {i}")
        client.get(url)
        with CaptureQueriesContext(connection) as sma:
            client.get(url)
        for i in range(18):
            lag_deltaker(senter)
            lag_tidgiver(senter, f"Stor {i}")
        with CaptureQueriesContext(connection) as store:
            client.get(url)
        assert len(store) == len(sma)

    def test_only_coordinator_and_leder(self, client, veileder, leder):
        client.force_login(veileder)
        assert client.get(reverse("tidgivere:tavle")).status_code == 403
        client.force_login(leder)
        assert client.get(reverse("tidgivere:tavle")).status_code == 200


@pytest.mark.django_db
class TestLivslop:
    def test_steps_are_dated_and_ending_needs_a_reason(self, deltaker, senter):
        t = lag_tidgiver(senter)
        k = _aktiv_kobling(deltaker, t)
        with i_senter(senter):
            with pytest.raises(Exception, match="hvorfor"):
                services.neste_steg(k, versjon=k.versjon, til="avsluttet", dato=IDAG)
            with pytest.raises(Exception, match="Velg et av stegene"):
                services.neste_steg(k, versjon=k.versjon, til="tilbudt", dato=IDAG)
            services.neste_steg(k, versjon=k.versjon, til="avsluttet", dato=IDAG, arsak="darlig_match")
            assert [s.til for s in k.steg.all()] == [
                "foreslatt", "tilbudt", "akseptert", "forste_mote", "aktiv", "avsluttet",
            ]  # fmt: skip
            assert k.forste_mote == IDAG - timedelta(days=40)
            # An earlier match ended as "dårlig match": the two are not matched again.
            with pytest.raises(Exception, match="dårlig match"):
                services.foreslaa(deltaker, t)

    def test_first_meeting_needs_its_date(self, deltaker, senter):
        with i_senter(senter):
            k = services.foreslaa(deltaker, lag_tidgiver(senter))
            services.neste_steg(k, versjon=k.versjon, til="tilbudt", dato=IDAG)
            services.neste_steg(k, versjon=k.versjon, til="akseptert", dato=IDAG)
            with pytest.raises(Exception, match="første møtet"):
                services.neste_steg(k, versjon=k.versjon, til="forste_mote", dato=IDAG)

    def test_the_step_page(self, client, koordinator, deltaker, senter):
        with i_senter(senter):
            k = services.foreslaa(deltaker, lag_tidgiver(senter))
        client.force_login(koordinator)
        side = client.get(reverse("tidgivere:kobling", args=[deltaker.pk, k.pk]))
        assert side.status_code == 200 and "Tilbudt" in side.content.decode()
        url = reverse("tidgivere:kobling_steg", args=[deltaker.pk, k.pk])
        r = client.post(url, {"versjon": k.versjon, "til": "tilbudt", "dato": IDAG.isoformat()})
        assert r.status_code == 302
        r = client.post(url, {"versjon": k.versjon, "til": "akseptert", "dato": IDAG.isoformat()})
        assert r.status_code == 409  # an old version: the second editor is told
        with scopes_disabled():
            k.refresh_from_db()
            assert k.status == "tilbudt"


@pytest.mark.django_db
class TestSamtykkeTrukket:
    def test_active_match_paused_with_reason_and_person_leaves_every_list(
        self, client, koordinator, deltaker, senter, django_capture_on_commit_callbacks
    ):
        t = lag_tidgiver(senter, kapasitet=2)
        k = _aktiv_kobling(deltaker, t)
        client.force_login(koordinator)
        samtykke = Samtykke.objects.with_scopes_disabled().get(deltaker=deltaker, type="dele_med_tidgiver")
        with i_senter(senter), django_capture_on_commit_callbacks(execute=True):
            deltakertjenester.trekk_samtykke(samtykke, dato=IDAG)
        with scopes_disabled():
            k.refresh_from_db()
            assert k.status == Koblingsstatus.PAUSE
            assert "Samtykket til å dele med tidgiver ble trukket" in k.merknad
        with i_senter(senter):
            assert selectors.deltakerprofil(deltaker).kan_matches is False
            deltakere, _ = selectors.ventende_profiler(senter)
            assert deltaker not in deltakere
            with pytest.raises(Exception, match="samtykke"):
                services.foreslaa(deltaker, lag_tidgiver(senter, "Ny"))
        # The coordinator no longer sees the person at all; the leder sees the pause and its reason.
        assert client.get(reverse("tidgivere:forslag", args=[deltaker.pk])).status_code == 404
        assert deltaker.pk not in [d.pk for d, _, _, _ in client.get(reverse("tidgivere:tavle")).context["rader"]]

    def test_not_started_match_is_declined(self, deltaker, senter):
        with i_senter(senter):
            k = services.foreslaa(deltaker, lag_tidgiver(senter))
            services.pause_for_deltaker(deltaker, grunn="Oppfølgingen ble avsluttet")
            k.refresh_from_db()
        assert k.status == Koblingsstatus.AVSLATT and k.merknad.startswith("Oppfølgingen ble avsluttet")


@pytest.mark.django_db
class TestSlot:
    def test_veileder_sees_who_the_tidgiver_is(self, client, veileder, deltaker, senter):
        _aktiv_kobling(deltaker, lag_tidgiver(senter, "Tora Tidgiver"))
        client.force_login(veileder)
        html = client.get(reverse("deltakere:sak", args=[deltaker.pk])).content.decode()
        assert "Tora Tidgiver" in html and "aktiv siden" in html
        assert reverse("tidgivere:forslag", args=[deltaker.pk]) not in html

    def test_coordinator_gets_the_link(self, client, koordinator, deltaker):
        client.force_login(koordinator)
        html = client.get(reverse("deltakere:sak", args=[deltaker.pk])).content.decode()
        assert reverse("tidgivere:forslag", args=[deltaker.pk]) in html


class TestInnsjekkFrister:
    START = date(2025, 1, 1)

    def test_monthly_in_the_first_year(self):
        assert selectors.neste_innsjekk(self.START, None) == date(2025, 1, 31)
        assert selectors.neste_innsjekk(self.START, date(2025, 3, 1)) == date(2025, 3, 31)

    def test_every_n_weeks_after(self, settings):
        settings.TIDGIVER_OPPFOLGING_UKER = 8
        assert selectors.neste_innsjekk(self.START, date(2025, 12, 31)) == date(2026, 1, 30)
        assert selectors.neste_innsjekk(self.START, date(2026, 1, 1)) == date(2026, 2, 26)

    @pytest.mark.django_db
    def test_due_at_the_boundary(self, deltaker, senter):
        k = _aktiv_kobling(deltaker, lag_tidgiver(senter), start=IDAG - timedelta(days=30))
        with i_senter(senter):
            assert {f.med for f in selectors.forfalte_innsjekker(senter, IDAG - timedelta(days=1))} == set()
            assert {f.med for f in selectors.forfalte_innsjekker(senter, IDAG)} == {"deltaker", "tidgiver"}
            services.ny_innsjekk(k, med="deltaker", dato=IDAG)
            assert [f.med for f in selectors.forfalte_innsjekker(senter, IDAG)] == ["tidgiver"]


@pytest.mark.django_db
class TestTimer:
    def test_hours_add_up_to_the_totals(self, senter, settings):
        settings.TIMER_PER_ARSVERK = 1695
        t1, t2 = lag_tidgiver(senter, "Anne"), lag_tidgiver(senter, "Bjørn")
        k1 = _aktiv_kobling(lag_deltaker(senter), t1)
        k2 = _aktiv_kobling(lag_deltaker(senter), t2, start=IDAG - timedelta(days=200))
        with i_senter(senter):
            services.ny_aktivitet(k1, dato=IDAG, timer=Decimal("2.5"), type="tur_friluft", utlegg=Decimal(150))
            services.ny_aktivitet(k1, dato=IDAG, timer=Decimal("1"), type="kafe_prat")
            services.ny_aktivitet(k2, dato=IDAG, timer=Decimal("3"), type="trening")
            services.ny_aktivitet(k2, dato=IDAG - timedelta(days=100), timer=Decimal("4"), type="trening")
            rader, total, utlegg = selectors.timer_per_tidgiver(senter, IDAG - timedelta(days=7), IDAG)
        assert [(r.tidgiver.navn, r.timer) for r in rader] == [("Anne", Decimal("3.5")), ("Bjørn", Decimal("3"))]
        assert total == sum(r.timer for r in rader) == Decimal("6.5")
        assert utlegg == Decimal(150)
        assert selectors.arsverk(Decimal(1695)) == Decimal("1.00")

    def test_free_text_refused_in_metadata_mode(self, senter):
        senter.journalform = "metadata"
        senter.save()
        k = _aktiv_kobling(lag_deltaker(senter), lag_tidgiver(senter))
        with i_senter(senter), pytest.raises(Exception, match="fritekst"):
            services.ny_innsjekk(k, med="deltaker", dato=IDAG, notat="Går fint")


@pytest.mark.django_db
class TestMinOversikt:
    def test_check_ins_due_and_matches_waiting(self, client, koordinator, deltaker, senter):
        _aktiv_kobling(deltaker, lag_tidgiver(senter, "Tora Tidgiver"), start=IDAG - timedelta(days=31))
        with i_senter(senter):
            services.foreslaa(lag_deltaker(senter, fornavn="Vera"), lag_tidgiver(senter, "Vidar Venter"))
        client.force_login(koordinator)
        html = client.get(reverse("oppfolging:min_oversikt")).content.decode()
        assert "Innsjekker som skal gjøres (2)" in html
        assert "Koblinger som venter på neste steg (1)" in html and "Vidar Venter" in html

    def test_not_for_veileder(self, client, veileder, deltaker, senter):
        _aktiv_kobling(deltaker, lag_tidgiver(senter), start=IDAG - timedelta(days=31))
        client.force_login(veileder)
        assert "Innsjekker som skal gjøres" not in client.get(reverse("oppfolging:min_oversikt")).content.decode()
