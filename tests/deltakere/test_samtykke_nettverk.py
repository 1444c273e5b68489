"""Consent (samtykke) with scope and withdrawal, and the network: withdrawal has effect at once."""

from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from deltakere import services
from deltakere.models import Deltaker, Nettverkskontakt, Rolle, Samtykke
from deltakere.scoping import aktive_medlemskap, deltakere_for
from tests.conftest import ALLE_ROLLER
from tests.factories import DeltakerFactory, NettverkskontaktFactory, ansatt, i_senter, lagre

FULL_TILGANG = {Rolle.VEILEDER, Rolle.SOSIONOM, Rolle.LEDER}


def _idag():
    return timezone.localdate()


def _kontakt(deltaker, **kwargs):
    data = {"rolle": Nettverkskontakt.Rolle.NAV, "navn": "Nora Navveileder", "relasjon": "NAV Fjordby", **kwargs}
    return NettverkskontaktFactory(deltaker=deltaker, **data)


def _get_urls(deltaker, kontakt):
    return [
        reverse("deltakere:ny_samtykke", args=[deltaker.pk]),
        reverse("deltakere:ny_nettverkskontakt", args=[deltaker.pk]),
        reverse("deltakere:endre_nettverkskontakt", args=[deltaker.pk, kontakt.pk]),
    ]


def _deling(deltaker):
    return Samtykke.objects.with_scopes_disabled().get(deltaker=deltaker, type=Samtykke.Type.DELE_MED_TIDGIVER)


def _trekk(client, samtykke):
    return client.post(reverse("deltakere:trekk_samtykke", args=[samtykke.deltaker_id, samtykke.pk]))


def _ny_kontakt(client, deltaker, **kwargs):
    data = {
        "rolle": Nettverkskontakt.Rolle.NAV,
        "navn": "Nora Navveileder",
        "relasjon": "NAV Fjordby",
        "telefon": "912 34 567",
        "aktiv": "on",
        **kwargs,
    }
    return client.post(reverse("deltakere:ny_nettverkskontakt", args=[deltaker.pk]), data)


def _synlige_for(bruker):
    request = RequestFactory().get("/")
    request.user = bruker
    request.medlemskap = aktive_medlemskap(bruker)
    return set(deltakere_for(request))


@pytest.mark.django_db
class TestTilgang:
    @pytest.mark.parametrize("rolle", ALLE_ROLLER)
    def test_full_access_roles_of_the_centre_may_open_the_pages_and_a_koordinator_gets_404(self, client, senter, rolle):
        deltaker = DeltakerFactory(senter=senter, samtykker=[Samtykke.Type.DELE_MED_TIDGIVER])
        kontakt = _kontakt(deltaker)
        client.force_login(ansatt(senter, rolle))
        for url in _get_urls(deltaker, kontakt):
            assert client.get(url).status_code == (200 if rolle in FULL_TILGANG else 404), url

    @pytest.mark.parametrize("rolle", ALLE_ROLLER)
    def test_only_full_access_roles_of_the_centre_may_withdraw_a_consent(self, client, senter, rolle):
        deltaker = DeltakerFactory(senter=senter, samtykker=[Samtykke.Type.DELE_MED_TIDGIVER])
        client.force_login(ansatt(senter, rolle))
        response = _trekk(client, _deling(deltaker))
        if rolle in FULL_TILGANG:
            assert response.status_code == 302 and response.url == reverse("deltakere:sak", args=[deltaker.pk])
            assert _deling(deltaker).trukket == _idag()
        else:
            assert response.status_code == 404
            assert _deling(deltaker).gjeldende

    @pytest.mark.parametrize("rolle", ALLE_ROLLER)
    def test_staff_of_another_centre_get_404_and_change_nothing(self, client, senter, annet_senter, rolle):
        deltaker = DeltakerFactory(senter=senter, samtykker=[Samtykke.Type.DELE_MED_TIDGIVER])
        kontakt = _kontakt(deltaker)
        client.force_login(ansatt(annet_senter, rolle))
        for url in _get_urls(deltaker, kontakt):
            assert client.get(url).status_code == 404, url
        assert _trekk(client, _deling(deltaker)).status_code == 404
        assert _ny_kontakt(client, deltaker, navn="Fremmed Forsøk").status_code == 404
        response = client.post(
            reverse("deltakere:endre_nettverkskontakt", args=[deltaker.pk, kontakt.pk]),
            {"rolle": kontakt.rolle, "navn": "Endret Utenfra", "aktiv": "on"},
        )
        assert response.status_code == 404
        assert _deling(deltaker).gjeldende
        assert list(Nettverkskontakt.objects.with_scopes_disabled().values_list("navn", flat=True)) == [
            "Nora Navveileder"
        ]

    def test_anonymous_users_are_sent_to_sign_in(self, client, senter):
        deltaker = DeltakerFactory(senter=senter, samtykker=[Samtykke.Type.DELE_MED_TIDGIVER])
        for url in _get_urls(deltaker, _kontakt(deltaker)):
            response = client.get(url)
            assert response.status_code == 302 and response.url.startswith(reverse("deltakere:logg_inn")), url
        response = _trekk(client, _deling(deltaker))
        assert response.status_code == 302 and response.url.startswith(reverse("deltakere:logg_inn"))
        assert _deling(deltaker).gjeldende

    def test_withdraw_rejects_get(self, client, senter, veileder):
        deltaker = DeltakerFactory(senter=senter, samtykker=[Samtykke.Type.DELE_MED_TIDGIVER])
        client.force_login(veileder)
        url = reverse("deltakere:trekk_samtykke", args=[deltaker.pk, _deling(deltaker).pk])
        assert client.get(url).status_code == 405
        assert _deling(deltaker).gjeldende

    def test_a_consent_of_another_person_cannot_be_withdrawn_through_this_one(self, client, senter, veileder):
        deltaker = DeltakerFactory(senter=senter)
        annen = DeltakerFactory(senter=senter, samtykker=[Samtykke.Type.DELE_MED_TIDGIVER])
        client.force_login(veileder)
        response = client.post(reverse("deltakere:trekk_samtykke", args=[deltaker.pk, _deling(annen).pk]))
        assert response.status_code == 404
        assert _deling(annen).gjeldende

    def test_a_contact_of_another_person_cannot_be_opened_through_this_one(self, client, senter, veileder):
        deltaker = DeltakerFactory(senter=senter)
        kontakt = _kontakt(DeltakerFactory(senter=senter))
        client.force_login(veileder)
        assert (
            client.get(reverse("deltakere:endre_nettverkskontakt", args=[deltaker.pk, kontakt.pk])).status_code == 404
        )


@pytest.mark.django_db
class TestSamtykke:
    def test_it_registers_a_consent_with_its_scope(self, client, senter, veileder):
        deltaker = DeltakerFactory(senter=senter)
        client.force_login(veileder)
        response = client.post(
            reverse("deltakere:ny_samtykke", args=[deltaker.pk]),
            {
                "type": Samtykke.Type.STATISTIKK,
                "form": Samtykke.Form.MUNTLIG,
                "dato": _idag().isoformat(),
                "omfang": "Bare tall, ikke navn",
            },
        )
        assert response.status_code == 302 and response.url == reverse("deltakere:sak", args=[deltaker.pk])
        samtykke = Samtykke.objects.with_scopes_disabled().get(deltaker=deltaker, type=Samtykke.Type.STATISTIKK)
        assert samtykke.form == Samtykke.Form.MUNTLIG and samtykke.omfang == "Bare tall, ikke navn"
        assert samtykke.registrert_av == veileder and samtykke.gjeldende

    def test_a_consent_to_contact_an_instance_needs_to_say_which(self, client, senter, veileder):
        deltaker = DeltakerFactory(senter=senter)
        client.force_login(veileder)
        response = client.post(
            reverse("deltakere:ny_samtykke", args=[deltaker.pk]),
            {"type": Samtykke.Type.KONTAKT_INSTANS, "form": Samtykke.Form.SKRIFTLIG, "dato": _idag().isoformat()},
        )
        assert response.status_code == 200
        assert "gjelder" in response.context["form"].errors
        assert not Samtykke.objects.with_scopes_disabled().filter(type=Samtykke.Type.KONTAKT_INSTANS).exists()

    def test_a_contact_of_another_person_cannot_be_chosen(self, client, senter, veileder):
        deltaker = DeltakerFactory(senter=senter)
        fremmed = _kontakt(DeltakerFactory(senter=senter))
        client.force_login(veileder)
        response = client.post(
            reverse("deltakere:ny_samtykke", args=[deltaker.pk]),
            {
                "type": Samtykke.Type.KONTAKT_INSTANS,
                "gjelder": fremmed.pk,
                "form": Samtykke.Form.SKRIFTLIG,
                "dato": _idag().isoformat(),
            },
        )
        assert "gjelder" in response.context["form"].errors
        assert not Samtykke.objects.with_scopes_disabled().filter(type=Samtykke.Type.KONTAKT_INSTANS).exists()

    def test_a_consent_cannot_be_dated_in_the_future(self, client, senter, veileder):
        deltaker = DeltakerFactory(senter=senter)
        client.force_login(veileder)
        morgen = _idag() + timedelta(days=1)
        response = client.post(
            reverse("deltakere:ny_samtykke", args=[deltaker.pk]),
            {"type": Samtykke.Type.STATISTIKK, "form": Samtykke.Form.MUNTLIG, "dato": morgen.isoformat()},
        )
        assert "dato" in response.context["form"].errors
        assert not Samtykke.objects.with_scopes_disabled().filter(type=Samtykke.Type.STATISTIKK).exists()

    def test_the_page_lists_the_consents_with_a_way_to_withdraw_those_in_force(self, client, senter, veileder):
        deltaker = DeltakerFactory(senter=senter, samtykker=[Samtykke.Type.DELE_MED_TIDGIVER])
        services.trekk_samtykke(_deling(deltaker), dato=_idag())
        client.force_login(veileder)
        body = client.get(reverse("deltakere:ny_samtykke", args=[deltaker.pk])).content.decode()
        registrering = Samtykke.objects.with_scopes_disabled().get(deltaker=deltaker, type=Samtykke.Type.REGISTRERING)
        assert reverse("deltakere:trekk_samtykke", args=[deltaker.pk, registrering.pk]) in body
        assert reverse("deltakere:trekk_samtykke", args=[deltaker.pk, _deling(deltaker).pk]) not in body
        assert "Trukket tilbake" in body

    def test_withdrawing_tells_what_was_withdrawn(self, client, senter, veileder):
        deltaker = DeltakerFactory(senter=senter, samtykker=[Samtykke.Type.DELE_MED_TIDGIVER])
        client.force_login(veileder)
        response = _trekk(client, _deling(deltaker))
        meldinger = [str(m) for m in get_messages(response.wsgi_request)]
        assert any("Dele opplysninger med tidgiver" in m and "trukket tilbake" in m for m in meldinger)

    def test_withdrawing_twice_keeps_the_first_date(self, client, senter, veileder):
        deltaker = DeltakerFactory(senter=senter, samtykker=[Samtykke.Type.DELE_MED_TIDGIVER])
        tidligere = _idag() - timedelta(days=10)
        services.trekk_samtykke(_deling(deltaker), dato=tidligere)
        client.force_login(veileder)
        _trekk(client, _deling(deltaker))
        assert _deling(deltaker).trukket == tidligere


@pytest.mark.django_db
class TestTrekkDelingMedTidgiver:
    """Withdrawing «dele med tidgiver» takes the person out of matching and out of the koordinator's sight."""

    def test_the_person_is_no_longer_a_matching_candidate(self, client, senter, veileder):
        with i_senter(senter):
            deltaker = DeltakerFactory(senter=senter, samtykker=[Samtykke.Type.DELE_MED_TIDGIVER])
            assert deltaker in Deltaker.objects.with_scopes_disabled().kan_matches()
            client.force_login(veileder)
            _trekk(client, _deling(deltaker))
            assert deltaker not in Deltaker.objects.with_scopes_disabled().kan_matches()

    def test_the_koordinator_no_longer_sees_the_person(self, client, senter, veileder):
        with i_senter(senter):
            deltaker = DeltakerFactory(senter=senter, samtykker=[Samtykke.Type.DELE_MED_TIDGIVER])
            koordinator = ansatt(senter, Rolle.TIDGIVERKOORDINATOR)
            assert deltaker in _synlige_for(koordinator)

            client.force_login(veileder)
            _trekk(client, _deling(deltaker))

            assert deltaker not in _synlige_for(koordinator)
            assert deltaker in _synlige_for(veileder)

    def test_the_koordinator_gets_404_on_the_participant_page_after_withdrawal(self, client, senter, veileder):
        deltaker = DeltakerFactory(senter=senter, samtykker=[Samtykke.Type.DELE_MED_TIDGIVER])
        koordinator = ansatt(senter, Rolle.TIDGIVERKOORDINATOR)
        client.force_login(koordinator)
        assert client.get(reverse("deltakere:sak", args=[deltaker.pk])).status_code == 200

        client.force_login(veileder)
        _trekk(client, _deling(deltaker))

        client.force_login(koordinator)
        assert client.get(reverse("deltakere:sak", args=[deltaker.pk])).status_code == 404


def _kontakttillatelse(client, deltaker, kontakt):
    """Whether the contact may be contacted, as the contact's page and the participant page both tell it."""
    svar = set()
    for url in (
        reverse("deltakere:endre_nettverkskontakt", args=[deltaker.pk, kontakt.pk]),
        reverse("deltakere:sak", args=[deltaker.pk]),
    ):
        body = client.get(url).content.decode()
        kan, skal_ikke = "Kan kontaktes" in body, "Skal ikke kontaktes" in body
        assert kan != skal_ikke, url
        svar.add(kan)
    assert len(svar) == 1, "the pages disagree"
    return svar.pop()


@pytest.mark.django_db
class TestNettverk:
    def test_a_contact_added_without_consent_is_not_to_be_contacted(self, client, senter, veileder):
        deltaker = DeltakerFactory(senter=senter)
        client.force_login(veileder)
        response = _ny_kontakt(client, deltaker, samtykke_til_kontakt="")
        assert response.status_code == 302 and response.url == reverse("deltakere:sak", args=[deltaker.pk])
        kontakt = Nettverkskontakt.objects.with_scopes_disabled().get(deltaker=deltaker)
        assert kontakt.navn == "Nora Navveileder" and kontakt.telefon == "91234567"
        assert not Samtykke.objects.with_scopes_disabled().filter(gjelder=kontakt).exists()
        assert _kontakttillatelse(client, deltaker, kontakt) is False

    def test_a_contact_added_with_consent_may_be_contacted(self, client, senter, veileder):
        deltaker = DeltakerFactory(senter=senter)
        client.force_login(veileder)
        _ny_kontakt(client, deltaker, samtykke_til_kontakt=Samtykke.Form.MUNTLIG)
        kontakt = Nettverkskontakt.objects.with_scopes_disabled().get(deltaker=deltaker)
        samtykke = Samtykke.objects.with_scopes_disabled().get(gjelder=kontakt)
        assert samtykke.deltaker == deltaker and samtykke.type == Samtykke.Type.KONTAKT_INSTANS
        assert samtykke.form == Samtykke.Form.MUNTLIG and samtykke.dato == _idag()
        assert samtykke.registrert_av == veileder
        assert _kontakttillatelse(client, deltaker, kontakt) is True

    def test_consent_to_contact_a_parorende_is_consent_to_involve_them(self, client, senter, veileder):
        deltaker = DeltakerFactory(senter=senter)
        client.force_login(veileder)
        _ny_kontakt(
            client,
            deltaker,
            rolle=Nettverkskontakt.Rolle.PARORENDE,
            navn="Mona Mor",
            relasjon="mor",
            samtykke_til_kontakt=Samtykke.Form.SKRIFTLIG,
        )
        kontakt = Nettverkskontakt.objects.with_scopes_disabled().get(deltaker=deltaker)
        assert Samtykke.objects.with_scopes_disabled().get(gjelder=kontakt).type == Samtykke.Type.INVOLVERE_PARORENDE

    def test_withdrawing_the_consent_makes_the_contact_not_to_be_contacted_again(self, client, senter, veileder):
        deltaker = DeltakerFactory(senter=senter)
        client.force_login(veileder)
        _ny_kontakt(client, deltaker, samtykke_til_kontakt=Samtykke.Form.SKRIFTLIG)
        kontakt = Nettverkskontakt.objects.with_scopes_disabled().get(deltaker=deltaker)
        assert _kontakttillatelse(client, deltaker, kontakt) is True

        _trekk(client, Samtykke.objects.with_scopes_disabled().get(gjelder=kontakt))

        assert _kontakttillatelse(client, deltaker, kontakt) is False
        assert Samtykke.objects.with_scopes_disabled().get(gjelder=kontakt).trukket == _idag()

    def test_a_consent_registered_later_allows_contact(self, client, senter, veileder):
        deltaker = DeltakerFactory(senter=senter)
        kontakt = _kontakt(deltaker)
        client.force_login(veileder)
        assert _kontakttillatelse(client, deltaker, kontakt) is False
        # The page links to the consent form with the contact chosen.
        skjema = client.get(
            reverse("deltakere:ny_samtykke", args=[deltaker.pk]), {"type": "kontakt_instans", "gjelder": kontakt.pk}
        )
        assert skjema.context["form"]["gjelder"].value() == str(kontakt.pk)
        client.post(
            reverse("deltakere:ny_samtykke", args=[deltaker.pk]),
            {
                "type": Samtykke.Type.KONTAKT_INSTANS,
                "gjelder": kontakt.pk,
                "form": Samtykke.Form.SKRIFTLIG,
                "dato": _idag().isoformat(),
            },
        )
        assert _kontakttillatelse(client, deltaker, kontakt) is True

    def test_another_kind_of_consent_does_not_allow_contact(self, client, senter, veileder):
        deltaker = DeltakerFactory(senter=senter, samtykker=[Samtykke.Type.DELE_MED_TIDGIVER])
        kontakt = _kontakt(deltaker)
        client.force_login(veileder)
        assert _kontakttillatelse(client, deltaker, kontakt) is False

    def test_a_second_editor_is_told_and_keeps_what_they_typed(self, client, senter, veileder):
        deltaker = DeltakerFactory(senter=senter)
        kontakt = _kontakt(deltaker)
        apnet_ved = kontakt.versjon
        lagre([kontakt], telefon="41234567", versjon=apnet_ved + 1)
        client.force_login(veileder)
        response = client.post(
            reverse("deltakere:endre_nettverkskontakt", args=[deltaker.pk, kontakt.pk]),
            {"rolle": kontakt.rolle, "navn": "Nora Navveileder", "telefon": "92345678", "versjon": apnet_ved},
        )
        assert response.status_code == 409
        body = response.content.decode()
        assert "Noen andre har lagret endringer" in body and 'value="92345678"' in body
        kontakt.refresh_from_db()
        assert kontakt.telefon == "41234567"

    def test_editing_a_contact_saves_the_changes(self, client, senter, veileder):
        deltaker = DeltakerFactory(senter=senter)
        kontakt = _kontakt(deltaker)
        client.force_login(veileder)
        response = client.post(
            reverse("deltakere:endre_nettverkskontakt", args=[deltaker.pk, kontakt.pk]),
            {
                "rolle": Nettverkskontakt.Rolle.NAV,
                "navn": "Nora Navveileder",
                "relasjon": "NAV Fjordby",
                "i_ansvarsgruppe": "on",
                "telefon": "+47 41 23 45 67",
                "versjon": kontakt.versjon,
            },
        )
        assert response.status_code == 302
        kontakt.refresh_from_db()
        assert kontakt.i_ansvarsgruppe and kontakt.telefon == "41234567" and not kontakt.aktiv

    def test_a_wrong_phone_number_is_refused_and_the_input_kept(self, client, senter, veileder):
        deltaker = DeltakerFactory(senter=senter)
        client.force_login(veileder)
        response = _ny_kontakt(client, deltaker, telefon="123", navn="Nils Nabo")
        assert "telefon" in response.context["form"].errors
        assert 'value="Nils Nabo"' in response.content.decode()
        assert not Nettverkskontakt.objects.with_scopes_disabled().exists()

    def test_the_contact_and_its_consent_are_saved_together_or_not_at_all(self, senter, veileder, monkeypatch):
        deltaker = DeltakerFactory(senter=senter)

        def feiler(*args, **kwargs):
            raise RuntimeError("databasen svarte ikke")

        monkeypatch.setattr(services, "registrer_samtykke", feiler)
        with pytest.raises(RuntimeError):
            services.legg_til_nettverkskontakt(
                deltaker,
                data={"rolle": Nettverkskontakt.Rolle.FASTLEGE, "navn": "Frida Fastlege"},
                samtykke_form=Samtykke.Form.SKRIFTLIG,
                av=veileder,
            )
        assert not Nettverkskontakt.objects.with_scopes_disabled().exists()
