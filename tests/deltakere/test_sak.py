"""The participant page: the whole record for full access, a narrow page for a tidgiverkoordinator."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from deltakere import selectors, services
from deltakere.models import (
    Avslutningsarsak,
    Bosituasjon,
    Inntekt,
    Nettverkskontakt,
    Rolle,
    Samtykke,
    Status,
    Tilgangslogg,
)
from deltakere.services import overfor_deltaker
from tests.conftest import ALLE_ROLLER
from tests.factories import (
    DeltakerFactory,
    NettverkskontaktFactory,
    SamtykkeFactory,
    ansatt,
    i_senter,
    lagre,
)

FULL = {Rolle.VEILEDER, Rolle.SOSIONOM, Rolle.LEDER}
FNR = "17058544321"  # not a valid number: the page only masks and shows what is stored


def _sak(deltaker):
    return reverse("deltakere:sak", args=[deltaker.pk])


def _logg(deltaker, handling=Tilgangslogg.Handling.VIS):
    return Tilgangslogg.objects.with_scopes_disabled().for_objekt(deltaker).filter(handling=handling)


@pytest.fixture
def deltaker(senter):
    return DeltakerFactory(
        senter=senter,
        fornavn="Tiril",
        etternavn="Fjellstad",
        kallenavn="Tita",
        fodselsaar=1985,
        fodselsnummer=FNR,
        telefon="91234567",
        interesser="Fotball og kaffe",
        henvisende_instans="NAV Fjordby",
    )


@pytest.mark.django_db
class TestTilgang:
    @pytest.mark.parametrize("rolle", ALLE_ROLLER)
    def test_each_role_at_the_centre_gets_the_page_its_role_allows(self, client, senter, deltaker, rolle):
        client.force_login(ansatt(senter, rolle))
        response = client.get(_sak(deltaker))
        if rolle in FULL:
            assert response.status_code == 200
            assert "deltakere/sak.html" in [t.name for t in response.templates]
        else:
            assert response.status_code == 404  # no consent to share with a tidgiver

    def test_a_tidgiverkoordinator_sees_the_limited_page_when_the_person_consented(self, client, senter):
        deltaker = DeltakerFactory(senter=senter, samtykker=[Samtykke.Type.DELE_MED_TIDGIVER])
        client.force_login(ansatt(senter, Rolle.TIDGIVERKOORDINATOR))
        response = client.get(_sak(deltaker))
        assert response.status_code == 200
        assert "deltakere/sak_begrenset.html" in [t.name for t in response.templates]

    def test_a_withdrawn_consent_closes_the_limited_page_again(self, client, senter):
        deltaker = DeltakerFactory(senter=senter, samtykker=[Samtykke.Type.DELE_MED_TIDGIVER])
        lagre(
            Samtykke.objects.with_scopes_disabled().filter(deltaker=deltaker, type=Samtykke.Type.DELE_MED_TIDGIVER),
            trukket=date.today(),
        )
        client.force_login(ansatt(senter, Rolle.TIDGIVERKOORDINATOR))
        assert client.get(_sak(deltaker)).status_code == 404

    @pytest.mark.parametrize("rolle", ALLE_ROLLER)
    def test_staff_of_another_centre_get_404(self, client, senter, annet_senter, rolle):
        deltaker = DeltakerFactory(senter=senter, fodselsnummer=FNR, samtykker=[Samtykke.Type.DELE_MED_TIDGIVER])
        client.force_login(ansatt(annet_senter, rolle))
        assert client.get(_sak(deltaker)).status_code == 404
        assert client.post(reverse("deltakere:vis_fodselsnummer", args=[deltaker.pk])).status_code == 404
        assert not Tilgangslogg.objects.with_scopes_disabled().for_objekt(deltaker).exists()

    def test_anonymous_users_are_sent_to_sign_in(self, client, deltaker):
        for response in (
            client.get(_sak(deltaker)),
            client.post(reverse("deltakere:vis_fodselsnummer", args=[deltaker.pk])),
        ):
            assert response.status_code == 302
            assert response.url.startswith(reverse("deltakere:logg_inn"))

    @pytest.mark.parametrize("rolle", ALLE_ROLLER)
    def test_only_full_access_may_see_the_fodselsnummer(self, client, senter, rolle):
        deltaker = DeltakerFactory(senter=senter, fodselsnummer=FNR, samtykker=[Samtykke.Type.DELE_MED_TIDGIVER])
        client.force_login(ansatt(senter, rolle))
        response = client.post(reverse("deltakere:vis_fodselsnummer", args=[deltaker.pk]))
        assert response.status_code == (200 if rolle in FULL else 404)


@pytest.mark.django_db
class TestTilgangslogg:
    def test_every_view_of_the_page_writes_one_row(self, client, deltaker, veileder):
        client.force_login(veileder)
        client.get(_sak(deltaker))
        client.get(_sak(deltaker))
        rader = list(_logg(deltaker))
        assert len(rader) == 2
        assert {(r.bruker, r.senter_id) for r in rader} == {(veileder, deltaker.senter_id)}

    def test_every_view_of_the_limited_page_writes_one_row(self, client, senter):
        deltaker = DeltakerFactory(senter=senter, samtykker=[Samtykke.Type.DELE_MED_TIDGIVER])
        koordinator = ansatt(senter, Rolle.TIDGIVERKOORDINATOR)
        client.force_login(koordinator)
        client.get(_sak(deltaker))
        assert [r.bruker for r in _logg(deltaker)] == [koordinator]

    def test_a_refused_view_writes_nothing(self, client, senter, deltaker):
        client.force_login(ansatt(senter, Rolle.TIDGIVERKOORDINATOR))
        client.get(_sak(deltaker))
        assert not Tilgangslogg.objects.with_scopes_disabled().for_objekt(deltaker).exists()


@pytest.mark.django_db
class TestFodselsnummer:
    def test_the_page_shows_it_masked_and_never_in_full(self, client, deltaker, veileder):
        client.force_login(veileder)
        body = client.get(_sak(deltaker)).content.decode()
        assert deltaker.fodselsnummer_maskert in body
        assert FNR not in body and "44321" not in body and "170585" not in body
        assert "Vis fødselsnummer" in body

    def test_showing_it_takes_a_post_and_is_logged(self, client, deltaker, veileder):
        client.force_login(veileder)
        response = client.post(reverse("deltakere:vis_fodselsnummer", args=[deltaker.pk]))
        assert response.status_code == 200
        assert "170585 44321" in response.content.decode()
        rader = list(_logg(deltaker, Tilgangslogg.Handling.VIS_FODSELSNUMMER))
        assert [r.bruker for r in rader] == [veileder]
        assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]

    def test_a_get_is_refused_and_logs_nothing(self, client, deltaker, veileder):
        client.force_login(veileder)
        assert client.get(reverse("deltakere:vis_fodselsnummer", args=[deltaker.pk])).status_code == 405
        assert not _logg(deltaker, Tilgangslogg.Handling.VIS_FODSELSNUMMER).exists()

    def test_without_a_number_there_is_nothing_to_show_or_log(self, client, senter, veileder):
        deltaker = DeltakerFactory(senter=senter)
        client.force_login(veileder)
        response = client.post(reverse("deltakere:vis_fodselsnummer", args=[deltaker.pk]))
        assert response.status_code == 302
        assert not _logg(deltaker, Tilgangslogg.Handling.VIS_FODSELSNUMMER).exists()
        assert "Vis fødselsnummer" not in client.get(_sak(deltaker)).content.decode()


@pytest.mark.django_db
class TestSakside:
    def test_the_header_tells_who_where_and_status(self, client, senter, deltaker, veileder):
        deltaker.primaerkontakt = veileder
        deltaker.save()
        client.force_login(veileder)
        body = client.get(_sak(deltaker)).content.decode()
        assert "<h1" in body and "Tiril «Tita» Fjellstad" in body
        assert "1985" in body and "1 985" not in body
        assert senter.navn in body
        assert "Aktiv</strong> siden" in body
        assert "Vegard Veileder" in body
        assert "91234567" in body and "Telefon" in body

    def test_the_consent_box_says_yes_no_or_withdrawn_in_words(self, client, senter, veileder):
        deltaker = DeltakerFactory(senter=senter, henvisning_dato=date(2026, 3, 3))
        SamtykkeFactory(
            deltaker=deltaker,
            type=Samtykke.Type.STATISTIKK,
            form=Samtykke.Form.MUNTLIG,
            dato=date(2026, 2, 1),
            trukket=date(2026, 5, 4),
        )
        client.force_login(veileder)
        response = client.get(_sak(deltaker))
        rader = {r.type: r.tekst for r in response.context["samtykkeoversikt"]}
        assert rader[Samtykke.Type.REGISTRERING] == "Ja, skriftlig 3. mars 2026"
        assert rader[Samtykke.Type.STATISTIKK] == "Trukket 4. mai 2026"
        assert rader[Samtykke.Type.DELE_MED_TIDGIVER] == "Nei"
        body = response.content.decode()
        assert (
            "Ja, skriftlig 3. mars 2026" in body
            and "Trukket 4. mai 2026" in body
            and ">Nei<" in body.replace("\n", "").replace(" ", "")
        )

    def test_each_active_consent_has_a_withdraw_button(self, client, senter, veileder):
        deltaker = DeltakerFactory(senter=senter, samtykker=[Samtykke.Type.STATISTIKK])
        client.force_login(veileder)
        body = client.get(_sak(deltaker)).content.decode()
        for s in Samtykke.objects.with_scopes_disabled().filter(deltaker=deltaker):
            assert f'action="{reverse("deltakere:trekk_samtykke", args=[deltaker.pk, s.pk])}"' in body

    def test_a_network_contact_may_be_contacted_only_with_an_active_consent(self, client, senter, deltaker, veileder):
        mor = NettverkskontaktFactory(
            deltaker=deltaker, rolle=Nettverkskontakt.Rolle.PARORENDE, navn="Randi Fjellstad", relasjon="mor"
        )
        nav = NettverkskontaktFactory(
            deltaker=deltaker, rolle=Nettverkskontakt.Rolle.NAV, navn="Per Saksbehandler", i_ansvarsgruppe=True
        )
        SamtykkeFactory(deltaker=deltaker, type=Samtykke.Type.KONTAKT_INSTANS, gjelder=nav, dato=date(2026, 1, 2))
        SamtykkeFactory(
            deltaker=deltaker,
            type=Samtykke.Type.INVOLVERE_PARORENDE,
            gjelder=mor,
            form=Samtykke.Form.MUNTLIG,
            dato=date(2026, 1, 2),
            trukket=date(2026, 2, 2),
        )
        client.force_login(veileder)
        response = client.get(_sak(deltaker))
        kan = {k.navn: k.kan_kontaktes for k in response.context["nettverk"]}
        assert kan == {"Randi Fjellstad": False, "Per Saksbehandler": True}
        body = response.content.decode()
        assert "Per Saksbehandler (nav-veileder): <strong>Kan kontaktes</strong>" in body
        assert "Randi Fjellstad (pårørende): <strong>Skal ikke kontaktes</strong>" in body
        assert reverse("deltakere:endre_nettverkskontakt", args=[deltaker.pk, mor.pk]) in body

    def test_another_persons_consent_that_names_the_contact_does_not_count(self, senter, deltaker):
        annen = DeltakerFactory(senter=senter)
        kontakt = NettverkskontaktFactory(deltaker=deltaker, navn="Nora Navveileder")
        # The service refuses such a row (registrer_samtykke checks that `gjelder` is the person's own
        # contact); made by hand here, so the selector is tested on its own.
        Samtykke.objects.with_scopes_disabled().create(
            deltaker=annen, type=Samtykke.Type.KONTAKT_INSTANS, gjelder=kontakt, form="skriftlig", dato=date(2026, 1, 2)
        )
        with i_senter(senter):
            assert [(k.navn, k.kan_kontaktes) for k in selectors.nettverk(deltaker)] == [("Nora Navveileder", False)]
            SamtykkeFactory(deltaker=deltaker, type=Samtykke.Type.KONTAKT_INSTANS, gjelder=kontakt)
            assert [(k.navn, k.kan_kontaktes) for k in selectors.nettverk(deltaker)] == [("Nora Navveileder", True)]

    def test_it_shows_the_situation_now_against_the_start(self, client, deltaker, veileder):
        deltaker.bosituasjon = Bosituasjon.EGEN_BOLIG
        deltaker.inntekt = Inntekt.ARBEID
        deltaker.lar = True
        deltaker.save()
        client.force_login(veileder)
        body = client.get(_sak(deltaker)).content.decode()
        assert "<td>Midlertidig botilbud</td><td>Egen bolig</td>" in body
        assert "<td>Sosialhjelp</td><td>Arbeid</td>" in body
        assert "I LAR</dt>" in body

    def test_it_links_to_every_change_while_the_person_is_here(self, client, deltaker, veileder):
        client.force_login(veileder)
        body = client.get(_sak(deltaker)).content.decode()
        for navn in (
            "deltakere:endre_deltaker",
            "deltakere:endre_situasjon",
            "deltakere:endre_kontaktpersoner",
            "deltakere:endre_samarbeidsavtale",
            "deltakere:endre_status",
            "deltakere:avslutt_oppfolging",
            "deltakere:overfor_deltaker",
            "deltakere:ny_samtykke",
            "deltakere:ny_nettverkskontakt",
        ):
            assert f'href="{reverse(navn, args=[deltaker.pk])}"' in body, navn
        assert "Gjenoppta" not in body

    def test_an_ended_follow_up_shows_the_ending_and_offers_to_resume(self, client, senter, veileder):
        idag = date.today()
        deltaker = DeltakerFactory(senter=senter, status_fra=idag - timedelta(days=30))
        with i_senter(senter):
            services.endre_status(
                deltaker,
                versjon=deltaker.versjon,
                til_status=Status.AVSLUTTET,
                dato=idag - timedelta(days=10),
                av=None,
                arsak=Avslutningsarsak.MAL_NADD,
                avslutningssamtale=idag - timedelta(days=12),
                apen_dor_til=idag + timedelta(days=80),
            )
        client.force_login(veileder)
        response = client.get(_sak(deltaker))
        body = response.content.decode()
        assert "Avslutning</h2>" in body
        assert "Mål nådd" in body
        assert "døren er fortsatt åpen" in body
        assert reverse("deltakere:avslutt_oppfolging", args=[deltaker.pk]) not in body
        assert f'href="{reverse("deltakere:endre_status", args=[deltaker.pk])}">Gjenoppta oppfølgingen' in body

    def test_an_open_door_that_has_closed_is_told_as_such(self, client, senter, veileder):
        idag = date.today()
        deltaker = DeltakerFactory(
            senter=senter, henvisning_dato=idag - timedelta(days=200), status_fra=idag - timedelta(days=150)
        )
        with i_senter(senter):
            services.endre_status(
                deltaker,
                versjon=deltaker.versjon,
                til_status=Status.AVSLUTTET,
                dato=idag - timedelta(days=100),
                av=None,
                arsak=Avslutningsarsak.FLYTTET,
                apen_dor_til=idag - timedelta(days=1),
            )
        client.force_login(veileder)
        body = client.get(_sak(deltaker)).content.decode()
        assert "perioden med åpen dør er over" in body

    def test_a_transferred_person_is_read_only_here(self, client, senter, annet_senter, deltaker, veileder):
        with i_senter(senter, annet_senter):
            overfor_deltaker(
                deltaker,
                versjon=deltaker.versjon,
                til_senter=annet_senter,
                dato=date.today(),
                samtykke_form=Samtykke.Form.SKRIFTLIG,
                av=veileder,
            )
            client.force_login(veileder)
            body = client.get(_sak(deltaker)).content.decode()
            assert f"Overført til {annet_senter.navn}" in body
            assert "Opplysningene her kan bare leses." in body
            for navn in (
                "deltakere:endre_deltaker",
                "deltakere:endre_situasjon",
                "deltakere:avslutt_oppfolging",
                "deltakere:ny_samtykke",
                "deltakere:overfor_deltaker",
            ):
                assert reverse(navn, args=[deltaker.pk]) not in body, navn
            assert "Trekk samtykke" not in body

    def test_the_new_centre_sees_where_the_person_came_from_without_a_link(
        self, client, senter, annet_senter, deltaker, veileder
    ):
        with i_senter(senter, annet_senter):
            ny = overfor_deltaker(
                deltaker,
                versjon=deltaker.versjon,
                til_senter=annet_senter,
                dato=date.today(),
                samtykke_form=Samtykke.Form.SKRIFTLIG,
                av=veileder,
            )
            client.force_login(ansatt(annet_senter, Rolle.VEILEDER))
            body = client.get(_sak(ny)).content.decode()
            assert f"Overført fra {senter.navn}" in body
            assert _sak(deltaker) not in body
            assert client.get(_sak(deltaker)).status_code == 404


@pytest.mark.django_db
class TestTidslinje:
    def test_it_merges_everything_dated_newest_first(self, senter, veileder):
        deltaker = DeltakerFactory(senter=senter, status_fra=date(2026, 1, 10), henvisning_dato=date(2026, 1, 1))
        SamtykkeFactory(
            deltaker=deltaker,
            type=Samtykke.Type.STATISTIKK,
            form="muntlig",
            dato=date(2026, 1, 15),
            trukket=date(2026, 4, 1),
        )
        with i_senter(senter):
            services.endre_kontaktpersoner(
                deltaker,
                versjon=deltaker.versjon,
                dato=date(2026, 2, 1),
                primaerkontakt=veileder,
                andrekontakt=None,
                av=veileder,
            )
            services.endre_situasjon(
                deltaker,
                versjon=deltaker.versjon,
                dato=date(2026, 3, 1),
                av=veileder,
                bosituasjon=Bosituasjon.EGEN_BOLIG,
                inntekt=Inntekt.SOSIALHJELP,
            )
            services.endre_status(
                deltaker,
                versjon=deltaker.versjon,
                til_status=Status.AVSLUTTET,
                dato=date(2026, 5, 1),
                av=veileder,
                arsak=Avslutningsarsak.ONSKET_SELV,
                apen_dor_til=date(2026, 8, 1),
            )
            hendelser = selectors.tidslinje(None, deltaker)
        assert [(h.dato, h.tittel) for h in hendelser] == [
            (date(2026, 5, 1), "Oppfølgingen avsluttet"),
            (date(2026, 4, 1), "Samtykke trukket: Bruk i anonymisert statistikk"),
            (date(2026, 3, 1), "Situasjonen endret"),
            (date(2026, 2, 1), "Kontaktpersoner byttet"),
            (date(2026, 1, 15), "Samtykke gitt: Bruk i anonymisert statistikk"),
            (date(2026, 1, 10), "Kontaktpersoner satt"),
            (date(2026, 1, 10), "Situasjon registrert"),
            (date(2026, 1, 10), "Registrert med status aktiv"),
            (date(2026, 1, 1), "Samtykke gitt: Registrering og oppbevaring hos senteret"),
        ]
        assert "Bosituasjon: Midlertidig botilbud → Egen bolig" in hendelser[2].detaljer
        assert "Årsak: Ønsket selv" in hendelser[0].detaljer
        assert "Åpen dør til: 1. august 2026" in hendelser[0].detaljer
        assert hendelser[0].av == veileder.navn

    def test_the_page_shows_the_timeline(self, client, deltaker, veileder):
        client.force_login(veileder)
        body = client.get(_sak(deltaker)).content.decode()
        assert "Tidslinje</h2>" in body
        assert "Registrert med status aktiv" in body


@pytest.mark.django_db
class TestAntallSporringer:
    def _fyll(self, deltaker, antall, ansatte):
        """`antall` of every dated row, consent and network contact, made through the services."""
        start = deltaker.status_fra
        with i_senter(deltaker.senter):
            for i in range(antall):
                dag = start + timedelta(days=i)
                services.endre_situasjon(
                    deltaker,
                    versjon=deltaker.versjon,
                    dato=dag,
                    av=ansatte[0],
                    bosituasjon=Bosituasjon.MIDLERTIDIG,
                    inntekt=Inntekt.AAP,
                )
                services.endre_kontaktpersoner(
                    deltaker,
                    versjon=deltaker.versjon,
                    dato=dag,
                    primaerkontakt=ansatte[i % 2],
                    andrekontakt=ansatte[(i + 1) % 2],
                    av=ansatte[1],
                )
                til = Status.PAUSE if deltaker.status == Status.AKTIV else Status.AKTIV
                services.endre_status(deltaker, versjon=deltaker.versjon, til_status=til, dato=dag, av=ansatte[0])
                kontakt = NettverkskontaktFactory(
                    deltaker=deltaker,
                    rolle=Nettverkskontakt.Rolle.PARORENDE if i % 2 else "nav",
                    navn=f"Kontakt {i}",
                    samtykke_form="skriftlig",
                )
                if i % 3 == 0:
                    services.trekk_samtykke(Samtykke.objects.get(gjelder=kontakt), dato=dag)

    def test_the_page_costs_the_same_queries_for_2_and_for_30_rows(self, client, senter, veileder, leder):
        liten, stor = DeltakerFactory(senter=senter), DeltakerFactory(senter=senter)
        self._fyll(liten, 2, [veileder, leder])
        self._fyll(stor, 30, [veileder, leder])
        client.force_login(veileder)
        client.get(_sak(liten))  # warm the per-process caches (content types)
        with CaptureQueriesContext(connection) as sma:
            assert client.get(_sak(liten)).status_code == 200
        with CaptureQueriesContext(connection) as store:
            response = client.get(_sak(stor))
        assert response.status_code == 200
        assert response.context["tidslinje_antall"] > 120
        assert len(store) == len(sma), [q["sql"] for q in store]

    def test_a_long_timeline_shows_the_newest_events_and_a_link_to_all(self, client, senter, veileder, leder):
        deltaker = DeltakerFactory(senter=senter)
        self._fyll(deltaker, 30, [veileder, leder])
        client.force_login(veileder)
        response = client.get(_sak(deltaker))
        alle = client.get(_sak(deltaker), {"tidslinje": "alle"})
        assert len(response.context["tidslinje"]) == 50 and len(alle.context["tidslinje"]) > 120
        assert response.context["tidslinje"] == alle.context["tidslinje"][:50]  # the newest
        antall = len(alle.context["tidslinje"])
        lenke = f'<a href="?tidslinje=alle#tidslinje-tittel">Vis hele tidslinjen ({antall} hendelser)</a>'
        assert lenke in response.content.decode() and "Vis hele tidslinjen" not in alle.content.decode()


@pytest.mark.django_db
class TestBegrensetSide:
    def test_it_shows_only_what_may_be_shared_with_a_tidgiver(self, client, senter, veileder):
        deltaker = DeltakerFactory(
            senter=senter,
            fornavn="Maja",
            etternavn="Bakkevik",
            kallenavn="Mams",
            fodselsaar=1990,
            fodselsnummer=FNR,
            telefon="98765432",
            epost="maja@example.invalid",
            interesser="Turer i skogen",
            henvisende_instans="Fengselet i Fjordby",
            samarbeidsavtale_notat="Hemmelig avtale",
            primaerkontakt=veileder,
            samtykker=[Samtykke.Type.DELE_MED_TIDGIVER],
        )
        lagre(
            Samtykke.objects.with_scopes_disabled().filter(type=Samtykke.Type.DELE_MED_TIDGIVER),
            form=Samtykke.Form.MUNTLIG,
            dato=date(2026, 3, 3),
        )
        NettverkskontaktFactory(deltaker=deltaker, rolle="parorende", navn="Hemmelig Mor")
        client.force_login(ansatt(senter, Rolle.TIDGIVERKOORDINATOR))
        body = client.get(_sak(deltaker)).content.decode()
        for synlig in ("Maja", "Bakkevik", "Mams", "1990", "Turer i skogen", "Gitt muntlig 3. mars 2026"):
            assert synlig in body, synlig
        for skjult in (
            "98765432",
            "maja@example.invalid",
            "Fengselet i Fjordby",
            "Hemmelig avtale",
            "Hemmelig Mor",
            "Vegard Veileder",
            "Status",
            "Aktiv",
            "Tidslinje",
            "Midlertidig",
            FNR[:2] + "••••",
            "Vis fødselsnummer",
        ):
            assert skjult not in body, skjult
        for navn in (
            "deltakere:endre_deltaker",
            "deltakere:endre_status",
            "deltakere:ny_samtykke",
            "deltakere:vis_fodselsnummer",
        ):
            assert reverse(navn, args=[deltaker.pk]) not in body, navn
