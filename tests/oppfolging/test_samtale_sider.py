"""The samtale pages: a new samtale (with drafts kept as it is typed), one samtale with the leder's comments, the
correction, the list, and what the participant page shows of samtaler, appointments and motivation."""

from datetime import date, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from deltakere.models import Rolle, Senter, Tilgangslogg
from oppfolging import services
from oppfolging.models import Avtale, Oppgave, Samtale, Senterinnstillinger, Utkast, Veiledningskommentar
from tests.factories import DeltakerFactory, SenterFactory, ansatt, i_senter

IDAG = date.today()
UTKAST_HODE = {"HTTP_X_MEDVANDRER_UTKAST": "1"}


def _alle(modell):
    return modell.objects.with_scopes_disabled()


@pytest.fixture
def deltaker(senter):
    return DeltakerFactory(
        senter=senter, henvisning_dato=IDAG - timedelta(days=300), status_fra=IDAG - timedelta(days=300)
    )


def _tid(dager_siden, time=12):
    dag = IDAG - timedelta(days=dager_siden)
    return timezone.make_aware(datetime.combine(dag, datetime.min.time()) + timedelta(hours=time))


def _samtale(deltaker, dager_siden=1, av=None, **data):
    data = {"type": "oppfolging", "form": "telefon", "varighet": 30, **data}
    with i_senter(deltaker.senter):
        return services.registrer_samtale(deltaker, av=av, tidspunkt=_tid(dager_siden), **data)


def _skjema(**endringer):
    data = {
        "type": "oppfolging", "kontaktslag": "med_personen", "dato": (IDAG - timedelta(days=1)).isoformat(),
        "klokkeslett": "10:15", "varighet": "45", "form": "samtalerom", "neste_steg": "Ringe NAV sammen",
        "notat": "Snakket om bolig.",
    }  # fmt: skip
    data.update(endringer)
    return {k: v for k, v in data.items() if v is not None}


@pytest.mark.django_db
class TestNySamtale:
    def test_the_form_starts_at_now_with_the_user_taking_part(self, client, deltaker, veileder):
        client.force_login(veileder)
        form = client.get(reverse("oppfolging:ny_samtale", args=[deltaker.pk])).context["form"]
        assert form.initial["dato"] == timezone.localdate()
        assert form.initial["ansatte"] == [veileder.pk]

    def test_a_samtale_is_saved_with_the_next_appointment_and_a_task_for_the_sosionom(self, client, deltaker, veileder):
        client.force_login(veileder)
        imorgen = (IDAG + timedelta(days=7)).isoformat()
        svar = client.post(
            reverse("oppfolging:ny_samtale", args=[deltaker.pk]),
            _skjema(
                type="motivasjon",
                livsomrader=["bolig", "arbeid"],
                endringsfase="overveielse",
                viktighet="8",
                mestringstro="3",
                onske_fremtid="Egen leilighet",
                sosionom_inn="on",
                avtale_dato=imorgen,
                avtale_klokkeslett="09:00",
                avtale_form="senteret",
            ),  # fmt: skip
        )
        samtale = _alle(Samtale).get()
        assert svar.status_code == 302 and svar.url == reverse("oppfolging:samtale", args=[deltaker.pk, samtale.pk])
        assert (samtale.type, samtale.varighet, samtale.registrert_av) == ("motivasjon", 45, veileder)
        assert (samtale.viktighet, samtale.mestringstro, samtale.endringsfase) == (8, 3, "overveielse")
        assert samtale.livsomrader == ["bolig", "arbeid"] and list(samtale.ansatte.all()) == [veileder]
        avtale = _alle(Avtale).get()
        assert avtale.fra_samtale == samtale and timezone.localtime(avtale.tidspunkt).hour == 9
        assert _alle(Oppgave).get().gruppe == "sosionomtjenesten"

    def test_a_failed_attempt_is_logged_and_not_counted_as_contact(self, client, deltaker, veileder):
        client.force_login(veileder)
        client.post(reverse("oppfolging:ny_samtale", args=[deltaker.pk]), _skjema(kontaktslag="forsok_ikke_nadd"))
        samtale = _alle(Samtale).get()
        assert not samtale.er_kontakt
        side = client.get(reverse("oppfolging:samtale", args=[deltaker.pk, samtale.pk])).content.decode()
        assert "Forsøk som ikke nådde personen" in side and "Teller ikke som kontakt" in side

    @pytest.mark.parametrize(
        "endring, felt",
        [
            ({"dato": "2024-13-45"}, "dato"),
            ({"dato": "0001-01-01"}, "dato"),
            ({"dato": "9999-12-31"}, "dato"),
            ({"klokkeslett": "25:99"}, "klokkeslett"),
            ({"varighet": "-5"}, "varighet"),
            ({"varighet": "100000"}, "varighet"),
            ({"varighet": "en time"}, "varighet"),
            ({"type": "forfalsket"}, "type"),
            ({"kontaktslag": "alt_mulig"}, "kontaktslag"),
            ({"form": "<script>"}, "form"),
            ({"viktighet": "11", "type": "motivasjon"}, "viktighet"),
            ({"livsomrader": ["ukjent"]}, "livsomrader"),
            ({"ansatte": ["999999"]}, "ansatte"),
            ({"avtale_dato": "9999-01-01", "avtale_klokkeslett": "10:00", "avtale_form": "telefon"}, "avtale_dato"),
            ({"avtale_dato": (IDAG + timedelta(days=3)).isoformat()}, "avtale_klokkeslett"),
        ],
    )
    def test_hostile_input_gives_a_message_by_the_field_and_keeps_what_was_typed(
        self, client, deltaker, veileder, endring, felt
    ):
        client.force_login(veileder)
        svar = client.post(reverse("oppfolging:ny_samtale", args=[deltaker.pk]), _skjema(**endring))
        assert svar.status_code == 200
        assert felt in svar.context["form"].errors
        assert "Snakket om bolig." in svar.content.decode()
        assert not _alle(Samtale).exists()

    def test_another_centres_staff_get_404_and_a_tidgiverkoordinator_cannot_log(self, client, deltaker):
        client.force_login(ansatt(SenterFactory(), Rolle.LEDER))
        assert client.get(reverse("oppfolging:ny_samtale", args=[deltaker.pk])).status_code == 404
        client.force_login(ansatt(deltaker.senter, Rolle.TIDGIVERKOORDINATOR))
        assert client.post(reverse("oppfolging:ny_samtale", args=[deltaker.pk]), _skjema()).status_code == 404
        assert not _alle(Samtale).exists()


@pytest.mark.django_db
class TestMetadatamodus:
    @pytest.fixture
    def person(self):
        senter = SenterFactory(journalform=Senter.Journalform.METADATA)
        return DeltakerFactory(senter=senter, henvisning_dato=IDAG - timedelta(days=100))

    def test_the_free_text_fields_are_not_offered_and_a_forged_one_is_refused(self, client, person):
        bruker = ansatt(person.senter, Rolle.VEILEDER)
        client.force_login(bruker)
        url = reverse("oppfolging:ny_samtale", args=[person.pk])
        form = client.get(url).context["form"]
        assert "notat" not in form.fields and "neste_steg" not in form.fields and "onske_fremtid" not in form.fields
        svar = client.post(url, _skjema())
        assert svar.status_code == 200 and svar.context["form"].non_field_errors()
        assert not _alle(Samtale).exists()
        assert client.post(url, _skjema(notat=None, neste_steg=None)).status_code == 302
        assert _alle(Samtale).get().notat == ""

    def test_a_draft_keeps_no_free_text(self, client, person):
        client.force_login(ansatt(person.senter, Rolle.VEILEDER))
        client.post(reverse("oppfolging:samtale_utkast", args=[person.pk]), _skjema(), **UTKAST_HODE)
        data = _alle(Utkast).get().data
        assert data["type"] == "oppfolging" and "notat" not in data and "neste_steg" not in data

    def test_a_leder_is_told_comments_cannot_be_written(self, client, person):
        leder = ansatt(person.senter, Rolle.LEDER)
        samtale = _samtale(person)
        client.force_login(leder)
        side = client.get(reverse("oppfolging:samtale", args=[person.pk, samtale.pk])).content.decode()
        assert "kommentarer kan ikke skrives her" in side
        svar = client.post(reverse("oppfolging:kommenter_samtale", args=[person.pk, samtale.pk]), {"tekst": "Bra"})
        assert svar.status_code == 200 and "fritekst" in svar.content.decode().lower()
        assert not _alle(Veiledningskommentar).exists()


@pytest.mark.django_db
class TestUtkast:
    def test_typing_saves_a_draft_offered_back_to_the_same_user_only(self, client, deltaker, veileder):
        client.force_login(veileder)
        url = reverse("oppfolging:ny_samtale", args=[deltaker.pk])
        svar = client.post(
            reverse("oppfolging:samtale_utkast", args=[deltaker.pk]),
            _skjema(notat="Halvferdig notat", livsomrader=["bolig"]),
            **UTKAST_HODE,
        )
        assert svar.status_code == 200 and svar.json()["lagret"] is True
        utkast = _alle(Utkast).get()
        assert (utkast.bruker, utkast.data["notat"], utkast.data["livsomrader"]) == (
            veileder,
            "Halvferdig notat",
            ["bolig"],
        )

        side = client.get(url).content.decode()
        assert "Du har et utkast fra" in side and "Fortsett på utkastet" in side
        form = client.get(url + "?utkast=fortsett").context["form"]
        assert form.initial["notat"] == "Halvferdig notat" and form.initial["livsomrader"] == ["bolig"]

        kollega = ansatt(deltaker.senter, Rolle.VEILEDER)
        client.force_login(kollega)
        side = client.get(url).content.decode()
        assert "Du har et utkast" not in side and "Halvferdig notat" not in side
        assert "Halvferdig notat" not in client.get(url + "?utkast=fortsett").content.decode()
        assert "Halvferdig notat" not in client.get(reverse("oppfolging:min_oversikt")).content.decode()

    def test_reading_the_form_changes_no_row(self, client, deltaker, veileder):
        services_utkast = {"type": "oppfolging"}
        with i_senter(deltaker.senter):
            services.lagre_utkast(deltaker, bruker=veileder, data=services_utkast)
        client.force_login(veileder)
        for url in ("", "?utkast=fortsett"):
            client.get(reverse("oppfolging:ny_samtale", args=[deltaker.pk]) + url)
        assert _alle(Utkast).count() == 1

    def test_without_javascript_the_button_keeps_the_draft_and_returns_to_it(self, client, deltaker, veileder):
        client.force_login(veileder)
        svar = client.post(reverse("oppfolging:samtale_utkast", args=[deltaker.pk]), _skjema(notat="Skrevet"))
        assert svar.status_code == 302 and svar.url.endswith("?utkast=fortsett")
        assert client.get(svar.url).context["form"].initial["notat"] == "Skrevet"

    def test_saving_the_samtale_removes_the_draft_and_forkast_deletes_it(self, client, deltaker, veileder):
        client.force_login(veileder)
        utkast_url = reverse("oppfolging:samtale_utkast", args=[deltaker.pk])
        client.post(utkast_url, _skjema(notat="Først"), **UTKAST_HODE)
        client.post(reverse("oppfolging:ny_samtale", args=[deltaker.pk]), _skjema())
        assert not _alle(Utkast).exists()
        client.post(utkast_url, _skjema(notat="Igjen"), **UTKAST_HODE)
        assert client.get(reverse("oppfolging:forkast_utkast", args=[deltaker.pk])).status_code == 405
        assert client.post(reverse("oppfolging:forkast_utkast", args=[deltaker.pk])).status_code == 302
        assert not _alle(Utkast).exists()

    def test_min_oversikt_links_the_draft_to_the_form(self, client, deltaker, veileder):
        client.force_login(veileder)
        client.post(reverse("oppfolging:samtale_utkast", args=[deltaker.pk]), _skjema(), **UTKAST_HODE)
        side = client.get(reverse("oppfolging:min_oversikt")).content.decode()
        assert reverse("oppfolging:ny_samtale", args=[deltaker.pk]) + "?utkast=fortsett" in side


@pytest.mark.django_db
class TestKommentarer:
    def test_a_leder_comments_the_author_sees_it_and_marks_it_read_by_post(self, client, deltaker, veileder, leder):
        samtale = _samtale(deltaker, av=veileder)
        side_url = reverse("oppfolging:samtale", args=[deltaker.pk, samtale.pk])
        client.force_login(leder)
        svar = client.post(reverse("oppfolging:kommenter_samtale", args=[deltaker.pk, samtale.pk]),
                           {"tekst": "Godt spørsmål om bolig."})  # fmt: skip
        assert svar.status_code == 302
        kommentar = _alle(Veiledningskommentar).get()
        client.force_login(veileder)
        assert "Nye kommentarer" in client.get(reverse("oppfolging:min_oversikt")).content.decode()
        side = client.get(side_url).content.decode()
        assert "Godt spørsmål om bolig." in side and "Marker som lest" in side
        kommentar.refresh_from_db()
        assert kommentar.lest is None  # reading the page changed nothing
        client.post(reverse("oppfolging:samtale_lest", args=[deltaker.pk, samtale.pk]))
        kommentar.refresh_from_db()
        assert kommentar.lest is not None

    def test_only_a_leder_may_comment_and_others_do_not_see_the_comments(self, client, deltaker, veileder, leder):
        samtale = _samtale(deltaker, av=veileder)
        with i_senter(deltaker.senter):
            services.kommenter_samtale(samtale, tekst="Tenk på rusen.", av=leder)
        kollega = ansatt(deltaker.senter, Rolle.VEILEDER)
        client.force_login(kollega)
        url = reverse("oppfolging:kommenter_samtale", args=[deltaker.pk, samtale.pk])
        assert client.post(url, {"tekst": "Jeg også"}).status_code == 403
        assert (
            "Tenk på rusen."
            not in client.get(reverse("oppfolging:samtale", args=[deltaker.pk, samtale.pk])).content.decode()
        )
        client.post(reverse("oppfolging:samtale_lest", args=[deltaker.pk, samtale.pk]))
        assert _alle(Veiledningskommentar).get().lest is None  # not the author
        client.force_login(leder)
        svar = client.post(url, {"tekst": "   "})
        assert svar.status_code == 200 and "tekst" in svar.context["kommentarskjema"].errors


@pytest.mark.django_db
class TestRetting:
    def test_a_correction_is_saved_and_a_second_editor_is_told_with_nothing_lost(self, client, deltaker, veileder):
        samtale = _samtale(deltaker, av=veileder, notat="Første versjon")
        url = reverse("oppfolging:endre_samtale", args=[deltaker.pk, samtale.pk])
        client.force_login(veileder)
        form = client.get(url).context["form"]
        assert form.initial["notat"] == "Første versjon" and form.initial["versjon"] == 1
        assert client.post(url, _skjema(versjon="1", notat="Rettet")).status_code == 302
        svar = client.post(url, _skjema(versjon="1", notat="Min egen tekst"))
        assert svar.status_code == 409
        assert "Min egen tekst" in svar.content.decode() and "Noen andre har lagret" in svar.content.decode()
        samtale.refresh_from_db()
        assert (samtale.notat, samtale.versjon) == ("Rettet", 2)


@pytest.mark.django_db
class TestListeOgDeltakerside:
    def test_the_list_is_newest_first_filtered_by_type_and_paged(self, client, deltaker, veileder):
        for dag in range(30):
            _samtale(deltaker, dager_siden=dag + 1, type="motivasjon" if dag % 3 == 0 else "oppfolging")
        client.force_login(veileder)
        url = reverse("oppfolging:samtaler", args=[deltaker.pk])
        side = client.get(url).context["side"]
        tider = [s.tidspunkt for s in side.object_list]
        assert tider == sorted(tider, reverse=True) and len(tider) == 25 and side.paginator.count == 30
        assert len(client.get(url + "?side=2").context["side"].object_list) == 5
        html = client.get(url).content.decode()
        assert 'href="?side=2">Eldre</a>' in html and "Side 1 av 2" in html  # the shared page links
        filtrert = client.get(url + "?type=motivasjon").context["side"]
        assert filtrert.paginator.count == 10 and {s.type for s in filtrert.object_list} == {"motivasjon"}
        for _ in range(20):
            _samtale(deltaker, dager_siden=40, type="motivasjon")
        html = client.get(url + "?type=motivasjon").content.decode()
        assert 'href="?type=motivasjon&amp;side=2">Eldre</a>' in html  # the filter is kept on the next page
        assert client.get(url + "?type=tull&side=abc").status_code == 200

    def test_each_page_that_shows_the_person_writes_the_access_log_once(self, client, deltaker, veileder):
        samtale = _samtale(deltaker)
        client.force_login(veileder)
        for navn, args in (("samtaler", []), ("ny_samtale", []), ("samtale", [samtale.pk]),
                           ("endre_samtale", [samtale.pk])):  # fmt: skip
            for_ = Tilgangslogg.objects.with_scopes_disabled().count()
            assert client.get(reverse(f"oppfolging:{navn}", args=[deltaker.pk, *args])).status_code == 200
            assert Tilgangslogg.objects.with_scopes_disabled().count() == for_ + 1, navn

    def test_the_participant_page_shows_next_appointment_last_contact_and_the_timeline(
        self, client, deltaker, veileder
    ):
        Senterinnstillinger.objects.create(senter=deltaker.senter, kontakt_terskel_dager=10)
        _samtale(deltaker, dager_siden=12, notat="Hemmelig for andre sentre")
        _samtale(deltaker, dager_siden=2, kontaktslag="forsok_ikke_nadd")
        with i_senter(deltaker.senter):
            services.ny_avtale(deltaker, tidspunkt=_tid(-3, 14), form="kafe", av=veileder)
        client.force_login(veileder)
        side = client.get(reverse("deltakere:sak", args=[deltaker.pk]))
        tekst = side.content.decode()
        assert "Neste avtale" in tekst and "12 dager siden" in tekst and "Over 10 dager" in tekst
        assert reverse("oppfolging:ny_samtale", args=[deltaker.pk]) in tekst
        assert "forsøk som ikke nådde personen" in tekst and "Hemmelig for andre sentre" in tekst
        typer = dict(side.context["tidslinje_typer"])
        assert typer["samtale"] == "Samtaler" and typer["avtale"] == "Avtaler"
        filtrert = client.get(reverse("deltakere:sak", args=[deltaker.pk]) + "?type=avtale").context["tidslinje"]
        assert filtrert and {h.type for h in filtrert} == {"avtale"}

    def test_the_motivation_chart_and_its_table(self, client, deltaker, veileder):
        _samtale(deltaker, dager_siden=20, type="motivasjon", endringsfase="overveielse", viktighet=6, mestringstro=2)
        _samtale(deltaker, dager_siden=5, type="motivasjon", endringsfase="forberedelse", viktighet=8, mestringstro=5)
        client.force_login(veileder)
        tekst = client.get(reverse("deltakere:sak", args=[deltaker.pk])).content.decode()
        assert 'role="img"' in tekst and '<title id="motivasjon-tittel">Motivasjon over tid</title>' in tekst
        assert "Forberedelse" in tekst and "Motivasjonssamtaler" in tekst

    def test_metadata_mode_shows_no_note_in_the_timeline(self, client):
        senter = SenterFactory(journalform=Senter.Journalform.METADATA)
        person = DeltakerFactory(senter=senter, henvisning_dato=IDAG - timedelta(days=50))
        _samtale(person)
        client.force_login(ansatt(senter, Rolle.VEILEDER))
        assert "Oppfølgingssamtale" in client.get(reverse("deltakere:sak", args=[person.pk])).content.decode()


@pytest.mark.django_db
def test_the_list_and_the_participant_page_run_the_same_queries_for_2_and_20_samtaler(client, senter, veileder):
    client.force_login(veileder)
    tall = []
    for antall in (2, 20):
        d = DeltakerFactory(senter=senter, henvisning_dato=IDAG - timedelta(days=100))
        for i in range(antall):
            s = _samtale(d, dager_siden=i + 1, av=veileder, type="motivasjon" if i % 2 else "oppfolging",
                         viktighet=5 if i % 2 else None, ansatte=[veileder])  # fmt: skip
            with i_senter(senter):
                services.kommenter_samtale(s, tekst="Kommentar", av=veileder)
                services.ny_avtale(d, tidspunkt=_tid(i + 1, 9), form="telefon", av=veileder, fra_samtale=s)
        for navn in ("oppfolging:samtaler", "deltakere:sak"):
            with CaptureQueriesContext(connection) as q:
                assert client.get(reverse(navn, args=[d.pk])).status_code == 200
            tall.append(len(q))
    assert tall[0] == tall[2] and tall[1] == tall[3], tall


@pytest.mark.django_db
def test_an_autosave_writes_no_access_log_row_but_the_button_does(client, deltaker, veileder):
    client.force_login(veileder)
    url = reverse("oppfolging:samtale_utkast", args=[deltaker.pk])
    for_ = Tilgangslogg.objects.with_scopes_disabled().count()
    for tekst in ("Et", "Et notat", "Et notat som vokser"):
        assert client.post(url, _skjema(notat=tekst), **UTKAST_HODE).status_code == 200
    assert Tilgangslogg.objects.with_scopes_disabled().count() == for_
    assert _alle(Utkast).get().data["notat"] == "Et notat som vokser"
    client.post(url, _skjema(notat="Lagret med knappen"))
    assert Tilgangslogg.objects.with_scopes_disabled().count() == for_ + 1
