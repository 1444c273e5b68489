"""The seams: slots on the participant pages that the apps above fill with HTML, the timeline they add
to, and the domain events the register's services send after commit."""

from datetime import date, timedelta

import pytest
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from deltakere import selectors, services, signals
from deltakere.models import Rolle, Samtykke, Senter, Status
from tests.factories import DeltakerFactory, ansatt, i_senter


@pytest.fixture
def koble():
    """Connect receivers for one test; `modul` pretends the receiver lives in that app (for the order)."""
    koblet = []

    def koble_til(signal, mottaker, modul=None):
        if modul:
            mottaker.__module__ = modul
        signal.connect(mottaker, weak=False)
        koblet.append((signal, mottaker))
        return mottaker

    yield koble_til
    for signal, mottaker in koblet:
        signal.disconnect(mottaker)


@pytest.fixture
def deltaker(senter):
    return DeltakerFactory(senter=senter, samtykker=[Samtykke.Type.DELE_MED_TIDGIVER])


@pytest.mark.django_db
class TestPlasser:
    def test_apps_fill_the_slots_with_html_that_gets_the_request_and_the_person(
        self, client, deltaker, veileder, koble
    ):
        sett = []

        def avtaler(sender, request, deltaker, **kwargs):
            sett.append((request.user, deltaker.pk))
            return format_html('<section class="test-avtaler"><h2>Neste avtale</h2><p>{}</p></section>', "i morgen")

        koble(signals.sak_avtaler_og_kontakt, avtaler, "oppfolging.signaler")
        koble(signals.sak_overst, lambda sender, **kw: mark_safe("<p>Øverst fra en app</p>"), "oppfolging.x")
        koble(signals.sak_seksjoner, lambda sender, **kw: mark_safe("<section><h2>Tiltaksplan</h2></section>"))
        client.force_login(veileder)
        body = client.get(reverse("deltakere:sak", args=[deltaker.pk])).content.decode()
        assert sett == [(veileder, deltaker.pk)]
        assert '<section class="test-avtaler"><h2>Neste avtale</h2><p>i morgen</p></section>' in body
        assert "<p>Øverst fra en app</p>" in body and "<h2>Tiltaksplan</h2>" in body
        assert (
            body.index("Øverst fra en app")
            < body.index("Samtykker")
            < body.index("Tiltaksplan")
            < body.index("Tidslinje")
        )

    def test_the_register_names_nothing_of_the_apps_above_it(self, client, deltaker, veileder):
        from oppfolging import signaler  # the words come only from the app that fills the slot

        signals.sak_avtaler_og_kontakt.disconnect(signaler.avtaler_og_kontakt)
        try:
            client.force_login(veileder)
            body = client.get(reverse("deltakere:sak", args=[deltaker.pk])).content.decode()
        finally:
            signals.sak_avtaler_og_kontakt.connect(signaler.avtaler_og_kontakt)
        assert "Neste avtale" not in body and "Siste kontakt" not in body

    def test_the_answers_come_in_the_order_of_installed_apps_and_plain_text_is_escaped(self, rf, deltaker, koble):
        koble(signals.sak_seksjoner, lambda sender, **kw: "<b>tidgivere</b>", "tidgivere.signaler")
        koble(signals.sak_seksjoner, lambda sender, **kw: mark_safe("<p>oppfolging</p>"), "oppfolging.signaler")
        koble(signals.sak_seksjoner, lambda sender, **kw: "", "rapporter.signaler")
        html = signals.plass_html("sak_seksjoner", rf.get("/"), deltaker)
        assert html == "<p>oppfolging</p>\n&lt;b&gt;tidgivere&lt;/b&gt;"

    def test_the_koordinators_limited_page_has_its_own_slot(self, client, senter, deltaker, koble):
        koble(signals.sak_overst, lambda sender, **kw: mark_safe("<p>Full side</p>"))
        koble(signals.sak_begrenset, lambda sender, **kw: mark_safe("<p>Tidgiver: Trond</p>"))
        client.force_login(ansatt(senter, Rolle.TIDGIVERKOORDINATOR))
        body = client.get(reverse("deltakere:sak", args=[deltaker.pk])).content.decode()
        assert "<p>Tidgiver: Trond</p>" in body and "Full side" not in body

    def test_apps_add_dated_events_to_the_timeline(self, client, deltaker, veileder, koble):
        i_gaar = date.today() - timedelta(days=1)

        def samtaler(sender, request, deltaker, **kwargs):
            return [
                selectors.Hendelse(i_gaar, "Samtale på telefon", type="samtale", lenke="/samtaler/1/"),
                selectors.Hendelse(
                    date(2020, 1, 1), "Gammel samtale", html=render_to_string("deltakere/_satt_av.html", {})
                ),
            ]

        koble(signals.sak_tidslinje, samtaler, "oppfolging.signaler")
        client.force_login(veileder)
        hendelser = client.get(reverse("deltakere:sak", args=[deltaker.pk])).context["tidslinje"]
        titler = [h.tittel for h in hendelser]
        assert titler[0] == "Samtale på telefon" and titler[-1] == "Gammel samtale"


@pytest.mark.django_db
class TestHendelser:
    @pytest.fixture
    def mottatt(self, koble):
        mottatt = []
        for signal in (
            signals.status_endret,
            signals.oppfolging_avsluttet,
            signals.samtykke_trukket,
            signals.deltaker_overfort,
        ):
            koble(signal, lambda sender, signal=signal, **kwargs: mottatt.append((signal, kwargs)))
        return mottatt

    def test_a_status_change_is_told_after_commit(self, django_capture_on_commit_callbacks, deltaker, mottatt):
        with i_senter(*Senter.objects.all()):
            with django_capture_on_commit_callbacks(execute=True):
                services.endre_status(
                    deltaker, versjon=deltaker.versjon, til_status=Status.PAUSE, dato=date.today(), av=None
                )
                assert mottatt == []  # not before the transaction commits
            assert mottatt[0][0] is signals.status_endret
            assert mottatt[0][1] == {
                "deltaker": deltaker, "fra_status": "aktiv", "til_status": "pause", "dato": date.today()
            }  # fmt: skip

    def test_nothing_is_told_of_a_change_that_was_rolled_back(
        self, django_capture_on_commit_callbacks, deltaker, mottatt
    ):
        with i_senter(*Senter.objects.all()):
            with django_capture_on_commit_callbacks(execute=True):
                try:
                    with transaction.atomic():
                        services.endre_status(
                            deltaker, versjon=deltaker.versjon, til_status=Status.PAUSE, dato=date.today(), av=None
                        )
                        raise RuntimeError("rollback")
                except RuntimeError:
                    pass
            assert mottatt == []

    def test_ending_and_withdrawing_consent_are_told(
        self, django_capture_on_commit_callbacks, client, deltaker, veileder, mottatt
    ):
        client.force_login(veileder)
        deling = Samtykke.objects.with_scopes_disabled().get(deltaker=deltaker, type=Samtykke.Type.DELE_MED_TIDGIVER)
        with django_capture_on_commit_callbacks(execute=True):
            client.post(reverse("deltakere:trekk_samtykke", args=[deltaker.pk, deling.pk]))
        assert [s for s, _ in mottatt] == [signals.samtykke_trukket]
        assert mottatt[0][1]["samtykke"].pk == deling.pk
        with django_capture_on_commit_callbacks(execute=True):
            client.post(
                reverse("deltakere:avslutt_oppfolging", args=[deltaker.pk]),
                {"versjon": deltaker.versjon, "dato": date.today().isoformat(), "arsak": "mal_nadd"},
            )
        assert [s for s, _ in mottatt][1:] == [signals.status_endret, signals.oppfolging_avsluttet]
        assert mottatt[2][1]["arsak"] == "mal_nadd"

    def test_a_transfer_is_told_with_the_new_record(
        self, django_capture_on_commit_callbacks, deltaker, annet_senter, mottatt
    ):
        with i_senter(deltaker.senter, annet_senter):
            with django_capture_on_commit_callbacks(execute=True):
                ny = services.overfor_deltaker(
                    deltaker, versjon=deltaker.versjon, til_senter=annet_senter, dato=date.today(),
                    samtykke_form="skriftlig", av=None,
                )  # fmt: skip
            assert [s for s, _ in mottatt][-1] is signals.deltaker_overfort
            assert mottatt[-1][1] == {"deltaker": deltaker, "ny": ny}
