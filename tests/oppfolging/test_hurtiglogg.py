"""The quick log: find a person by typing (POSTed, never in a URL), log the contact, the confirmation with Angre,
the plain search step without JavaScript, a double submit, the access log, the journal mode, hostile input."""

import uuid
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from deltakere.engangs import FELT
from deltakere.models import Rolle, Senter, Tilgangslogg
from oppfolging.models import Samtale
from tests.factories import DeltakerFactory, SenterFactory, ansatt

IDAG = date.today()
URL = "/hurtiglogg/"


@pytest.fixture
def kari(senter):
    return DeltakerFactory(senter=senter, fornavn="Kari", etternavn="Fjellstad", kallenavn="Kira",
                           fodselsaar=1984, henvisning_dato=IDAG - timedelta(days=100))  # fmt: skip


@pytest.fixture
def karsten(senter):
    return DeltakerFactory(senter=senter, fornavn="Karsten", etternavn="Bølgen", fodselsaar=1979,
                           henvisning_dato=IDAG - timedelta(days=100))  # fmt: skip


def _samtaler():
    return list(Samtale.objects.with_scopes_disabled().all())


def _logg(client, deltaker, **data):
    return client.post(URL, {"deltaker": deltaker.pk, "type": "uformell", "varighet": 10, "form": "senteret", **data})


@pytest.mark.django_db
class TestLogg:
    def test_the_url_is_the_one_the_brief_names(self):
        assert reverse("oppfolging:hurtiglogg") == URL

    def test_the_form_starts_with_the_defaults_a_drop_in_contact_has(self, client, veileder):
        client.force_login(veileder)
        form = client.get(URL).context["form"]
        assert (form["type"].value(), form["varighet"].value(), form["form"].value()) == ("uformell", 10, "senteret")

    def test_a_contact_is_logged_and_confirmed_once_with_angre_until_ten_minutes(self, client, veileder, kari):
        client.force_login(veileder)
        response = _logg(client, kari, notat="Kom innom for kaffe")
        assert response.status_code == 302 and response.url == URL  # ready for the next person
        (samtale,) = _samtaler()
        assert (samtale.deltaker, samtale.type, samtale.varighet, samtale.form, samtale.notat) == (
            kari, "uformell", 10, "senteret", "Kom innom for kaffe",
        )  # fmt: skip
        assert samtale.registrert_av == veileder and list(samtale.ansatte.all()) == [veileder]
        assert samtale.kontaktslag == "med_personen"
        side = client.get(URL).content.decode()
        kl = timezone.localtime(samtale.registrert)
        assert f"Kontakt med Kari «Kira» Fjellstad logget kl. {kl:%H:%M}" in side
        assert f"angre til kl. {kl + timedelta(minutes=10):%H:%M}" in side
        assert 'role="status"' in side
        assert reverse("oppfolging:hurtiglogg_angre", args=[samtale.pk]) in side
        assert "Kontakt med" not in client.get(URL).content.decode()  # shown once

    def test_angre_removes_it_only_for_its_author(self, client, veileder, leder, kari):
        client.force_login(veileder)
        _logg(client, kari)
        (samtale,) = _samtaler()
        url = reverse("oppfolging:hurtiglogg_angre", args=[samtale.pk])
        client.force_login(leder)
        client.post(url)
        assert _samtaler() == [samtale]
        client.force_login(veileder)
        response = client.post(url, follow=True)
        assert _samtaler() == []
        assert "Kontakten med Kari «Kira» Fjellstad er angret." in response.content.decode()
        assert Samtale.history.filter(id=samtale.pk, history_type="-").exists()
        again = client.post(url, follow=True)  # a second click: said plainly, no error page
        assert again.status_code == 200 and "finnes ikke lenger" in again.content.decode()

    def test_angre_after_ten_minutes_is_refused(self, client, veileder, kari):
        client.force_login(veileder)
        _logg(client, kari)
        (samtale,) = _samtaler()
        with scopes_disabled():  # eleven minutes ago
            samtale.registrert = timezone.now() - timedelta(minutes=11)
            samtale.save()
        response = client.post(reverse("oppfolging:hurtiglogg_angre", args=[samtale.pk]), follow=True)
        assert "for sent å angre" in response.content.decode() and len(_samtaler()) == 1

    def test_a_double_submit_logs_one_contact(self, client, veileder, kari):
        client.force_login(veileder)
        token = str(uuid.uuid4())
        forste = _logg(client, kari, **{FELT: token})
        andre = _logg(client, kari, **{FELT: token})
        assert forste.status_code == andre.status_code == 302
        assert len(_samtaler()) == 1

    def test_saving_writes_the_access_log_once_and_the_search_list_none(self, client, veileder, kari, karsten):
        client.force_login(veileder)
        client.post(URL, {"sok": "kar", "handling": "sok"})
        client.post(reverse("oppfolging:hurtiglogg_sok"), {"q": "kar"})
        assert not Tilgangslogg.objects.with_scopes_disabled().exists()  # as the register's list
        _logg(client, kari)
        assert list(Tilgangslogg.objects.with_scopes_disabled().values_list("objekt_id", "handling")) == [
            (kari.pk, "endre")
        ]


@pytest.mark.django_db
class TestSok:
    def test_the_search_answers_options_for_the_typed_text_at_the_centre_only(
        self, client, veileder, kari, karsten, annet_senter
    ):
        DeltakerFactory(senter=annet_senter, fornavn="Karianne", etternavn="Utenfor")
        client.force_login(veileder)
        side = client.post(reverse("oppfolging:hurtiglogg_sok"), {"q": "kar"}).content.decode()
        assert side.count('role="option"') == 2
        assert "Kari «Kira» Fjellstad, født 1984" in side and "Karsten Bølgen" in side and "Utenfor" not in side
        assert "Kira" in client.post(reverse("oppfolging:hurtiglogg_sok"), {"q": "kira"}).content.decode()
        assert client.get(reverse("oppfolging:hurtiglogg_sok"), {"q": "kar"}).status_code == 405  # never in a URL

    def test_without_javascript_the_search_is_a_step_that_keeps_what_was_typed(self, client, veileder, kari, karsten):
        client.force_login(veileder)
        response = client.post(URL, {"sok": "Kar", "handling": "sok", "varighet": "25", "form": "telefon"})
        side = response.content.decode()
        assert response.status_code == 200 and not _samtaler()
        assert f'name="deltaker" value="{kari.pk}"' in side and f'name="deltaker" value="{karsten.pk}"' in side
        form = response.context["form"]
        assert (form["varighet"].value(), form["form"].value(), form["sokt"].value()) == ("25", "telefon", "Kar")
        assert not form.errors
        # Enter in a field presses the first button (Søk): with a person chosen from that list, it saves.
        svar = client.post(URL, {"sok": "Kar", "sokt": "Kar", "handling": "sok", "deltaker": karsten.pk,
                                 "type": "uformell", "varighet": "25", "form": "telefon"})  # fmt: skip
        assert svar.status_code == 302
        assert [(s.deltaker, s.varighet, s.form) for s in _samtaler()] == [(karsten, 25, "telefon")]

    def test_saving_before_choosing_searches_and_a_new_text_searches_again(self, client, veileder, kari, karsten):
        client.force_login(veileder)
        response = client.post(URL, {"sok": "Fjellstad", "handling": "lagre", "type": "uformell", "varighet": "10",
                                     "form": "senteret"})  # fmt: skip
        assert response.status_code == 200 and response.context["treff"] == [kari] and not _samtaler()
        assert "checked" in response.content.decode()  # the one found is chosen already
        response = client.post(URL, {"sok": "Bølgen", "sokt": "Fjellstad", "handling": "sok", "deltaker": kari.pk})
        assert response.context["treff"] == [karsten] and not _samtaler()

    def test_the_search_runs_the_same_queries_for_2_and_20_people(self, client, veileder, senter):
        client.force_login(veileder)

        def sporringer():
            with CaptureQueriesContext(connection) as q:
                assert client.post(reverse("oppfolging:hurtiglogg_sok"), {"q": "mar"}).status_code == 200
            return len(q)

        DeltakerFactory.create_batch(2, senter=senter, fornavn="Marius")
        to = sporringer()
        DeltakerFactory.create_batch(18, senter=senter, fornavn="Marius")
        assert sporringer() == to


@pytest.mark.django_db
class TestGrenser:
    @pytest.mark.parametrize(
        "varighet, feil",
        [("-5", "minst 1"), ("0", "minst 1"), ("99999999999", "høyst 24 timer"), ("ti", "helt antall"), ("", "Skriv")],
    )
    def test_hostile_minutes_are_a_field_error_and_nothing_is_lost(self, client, veileder, kari, varighet, feil):
        client.force_login(veileder)
        response = _logg(client, kari, varighet=varighet, notat="Ble med på middag")
        assert response.status_code == 200 and not _samtaler()
        form = response.context["form"]
        assert feil in " ".join(form.errors["varighet"])
        assert form["notat"].value() == "Ble med på middag"
        assert response.context["valgt"] == kari  # the person chosen stays chosen

    def test_hostile_choices_and_ids_are_refused_without_a_500(self, client, veileder, kari, annet_senter):
        client.force_login(veileder)
        assert _logg(client, kari, type="ukjent").status_code == 200
        assert _logg(client, kari, form="<script>").status_code == 200
        assert client.post(URL, {"deltaker": "abc", "type": "uformell", "varighet": 10, "form": "senteret"}
                           ).status_code == 200  # fmt: skip
        annen = DeltakerFactory(senter=annet_senter)
        assert _logg(client, annen).status_code == 404
        assert client.post(URL, {"deltaker": "99999999999999999999", "type": "uformell", "varighet": 10,
                                 "form": "senteret"}).status_code == 404  # fmt: skip
        assert not _samtaler()

    def test_a_note_too_long_is_a_field_error(self, client, veileder, kari):
        client.force_login(veileder)
        response = _logg(client, kari, notat="x" * 501)
        assert "høyst 500 tegn" in " ".join(response.context["form"].errors["notat"]) and not _samtaler()

    def test_in_metadata_mode_there_is_no_note_and_none_is_stored(self, client):
        senter = SenterFactory(journalform=Senter.Journalform.METADATA)
        veileder = ansatt(senter, Rolle.VEILEDER)
        deltaker = DeltakerFactory(senter=senter)
        client.force_login(veileder)
        assert "notat" not in client.get(URL).context["form"].fields
        assert _logg(client, deltaker, notat="Sniker seg inn").status_code == 302
        assert [s.notat for s in _samtaler()] == [""]

    def test_the_tidgiverkoordinator_may_not_log_and_does_not_see_the_link(self, client, senter, kari):
        koordinator = ansatt(senter, Rolle.TIDGIVERKOORDINATOR)
        client.force_login(koordinator)
        assert client.get(URL).status_code == 403
        assert _logg(client, kari).status_code == 403
        assert client.post(reverse("oppfolging:hurtiglogg_sok"), {"q": "kar"}).status_code == 403
        assert "Logg kontakt" not in client.get(reverse("oppfolging:min_oversikt")).content.decode()

    def test_every_page_of_a_follow_up_role_has_the_logg_kontakt_link(self, client, veileder, kari):
        client.force_login(veileder)
        for url in (reverse("oppfolging:min_oversikt"), reverse("deltakere:register"),
                    reverse("deltakere:sak", args=[kari.pk]), reverse("oppfolging:telling")):  # fmt: skip
            assert f'href="{URL}"' in client.get(url).content.decode(), url

    def test_get_changes_nothing(self, client, veileder, kari):
        client.force_login(veileder)
        _logg(client, kari)
        (samtale,) = _samtaler()
        assert client.get(reverse("oppfolging:hurtiglogg_angre", args=[samtale.pk])).status_code == 405
        assert len(_samtaler()) == 1
