"""The status lifecycle (henvist → aktiv → pause → avsluttet → aktiv) and transfer to another centre."""

from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from deltakere import services
from deltakere.models import Avslutningsarsak, Deltaker, Rolle, Samtykke, Status, Statusendring
from tests.conftest import ALLE_ROLLER
from tests.factories import DeltakerFactory, ansatt, i_senter

FULL_TILGANG = {Rolle.VEILEDER, Rolle.SOSIONOM, Rolle.LEDER}


def _idag():
    return timezone.localdate()


def _meldinger(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def _historikk(deltaker):
    return list(
        Statusendring.objects.with_scopes_disabled()
        .filter(deltaker=deltaker)
        .order_by("pk")
        .values_list("fra_status", "til_status")
    )


def _ny_status(client, deltaker, til_status, **ekstra):
    deltaker.refresh_from_db()
    data = {"versjon": deltaker.versjon, "til_status": til_status, "dato": _idag().isoformat(), **ekstra}
    return client.post(reverse("deltakere:endre_status", args=[deltaker.pk]), data)


def _avslutt(client, deltaker, **ekstra):
    deltaker.refresh_from_db()
    data = {"versjon": deltaker.versjon, "dato": _idag().isoformat(), "arsak": Avslutningsarsak.MAL_NADD, **ekstra}
    return client.post(reverse("deltakere:avslutt_oppfolging", args=[deltaker.pk]), data)


def _overfor(client, deltaker, til_senter, **ekstra):
    deltaker.refresh_from_db()
    data = {
        "versjon": deltaker.versjon,
        "til_senter": til_senter.pk,
        "dato": _idag().isoformat(),
        "samtykke_form": Samtykke.Form.SKRIFTLIG,
        "bekreft_samtykke": "on",
        **ekstra,
    }
    return client.post(reverse("deltakere:overfor_deltaker", args=[deltaker.pk]), data)


def _urls(deltaker):
    return [
        reverse("deltakere:endre_status", args=[deltaker.pk]),
        reverse("deltakere:avslutt_oppfolging", args=[deltaker.pk]),
        reverse("deltakere:overfor_deltaker", args=[deltaker.pk]),
    ]


@pytest.mark.django_db
class TestTilgang:
    @pytest.mark.parametrize("rolle", ALLE_ROLLER)
    def test_full_access_roles_of_the_centre_may_open_the_pages_and_a_koordinator_gets_404(self, client, senter, rolle):
        # The person shares with tidgivere, so the koordinator's 404 comes from the role, not from the consent.
        deltaker = DeltakerFactory(senter=senter, samtykker=[Samtykke.Type.DELE_MED_TIDGIVER])
        client.force_login(ansatt(senter, rolle))
        for url in _urls(deltaker):
            assert client.get(url).status_code == (200 if rolle in FULL_TILGANG else 404), url

    @pytest.mark.parametrize("rolle", ALLE_ROLLER)
    def test_staff_of_another_centre_get_404_and_change_nothing(self, client, senter, annet_senter, rolle):
        deltaker = DeltakerFactory(senter=senter, samtykker=[Samtykke.Type.DELE_MED_TIDGIVER])
        client.force_login(ansatt(annet_senter, rolle))
        for url in _urls(deltaker):
            assert client.get(url).status_code == 404, url
        assert _ny_status(client, deltaker, Status.PAUSE).status_code == 404
        assert _avslutt(client, deltaker).status_code == 404
        assert _overfor(client, deltaker, annet_senter).status_code == 404
        deltaker.refresh_from_db()
        assert deltaker.status == Status.AKTIV and deltaker.versjon == 1
        assert Deltaker.objects.with_scopes_disabled().count() == 1

    def test_a_koordinator_cannot_change_the_status_either(self, client, senter):
        deltaker = DeltakerFactory(senter=senter, samtykker=[Samtykke.Type.DELE_MED_TIDGIVER])
        client.force_login(ansatt(senter, Rolle.TIDGIVERKOORDINATOR))
        assert _ny_status(client, deltaker, Status.PAUSE).status_code == 404
        assert _avslutt(client, deltaker).status_code == 404
        deltaker.refresh_from_db()
        assert deltaker.status == Status.AKTIV

    def test_anonymous_users_are_sent_to_sign_in(self, client, senter):
        deltaker = DeltakerFactory(senter=senter)
        for url in _urls(deltaker):
            response = client.get(url)
            assert response.status_code == 302
            assert response.url.startswith(reverse("deltakere:logg_inn"))


@pytest.mark.django_db
class TestLivslop:
    def test_the_whole_lifecycle_with_reactivation_keeps_every_change_in_order(self, client, senter, veileder):
        deltaker = DeltakerFactory(senter=senter, status=Status.HENVIST)
        client.force_login(veileder)

        assert _ny_status(client, deltaker, Status.AKTIV).status_code == 302
        assert _ny_status(client, deltaker, Status.PAUSE, notat="Innlagt en periode").status_code == 302
        apen_dor = _idag() + timedelta(days=90)
        response = _avslutt(client, deltaker, avslutningssamtale=_idag().isoformat(), apen_dor_til=apen_dor.isoformat())
        assert response.status_code == 302
        assert response.url == reverse("deltakere:sak", args=[deltaker.pk])

        gjenoppta = client.get(reverse("deltakere:endre_status", args=[deltaker.pk]))
        body = gjenoppta.content.decode()
        assert "<title>Gjenoppta oppfølgingen" in body and '<h1 class="mb-3">Gjenoppta oppfølgingen</h1>' in body
        assert [v for v, _ in gjenoppta.context["form"].fields["til_status"].choices] == [Status.AKTIV]
        assert _ny_status(client, deltaker, Status.AKTIV).status_code == 302

        assert _historikk(deltaker) == [
            ("", Status.HENVIST),
            (Status.HENVIST, Status.AKTIV),
            (Status.AKTIV, Status.PAUSE),
            (Status.PAUSE, Status.AVSLUTTET),
            (Status.AVSLUTTET, Status.AKTIV),
        ]
        avslutning = Statusendring.objects.with_scopes_disabled().get(deltaker=deltaker, til_status=Status.AVSLUTTET)
        assert avslutning.arsak == Avslutningsarsak.MAL_NADD
        assert avslutning.apen_dor_til == apen_dor
        assert avslutning.avslutningssamtale == _idag()
        assert avslutning.registrert_av == veileder
        assert (
            Statusendring.objects.with_scopes_disabled().get(deltaker=deltaker, til_status=Status.PAUSE).notat
            == "Innlagt en periode"
        )
        deltaker.refresh_from_db()
        assert deltaker.status == Status.AKTIV and deltaker.status_fra == _idag()
        assert deltaker.versjon == 5

    def test_the_page_offers_only_the_moves_the_lifecycle_allows(self, client, senter, veileder):
        deltaker = DeltakerFactory(senter=senter, status=Status.AKTIV)
        client.force_login(veileder)
        response = client.get(reverse("deltakere:endre_status", args=[deltaker.pk]))
        assert [v for v, _ in response.context["form"].fields["til_status"].choices] == [Status.PAUSE]
        assert "<title>Endre status" in response.content.decode()

    def test_an_illegal_move_is_refused_and_nothing_is_saved(self, client, senter, veileder):
        deltaker = DeltakerFactory(senter=senter, status=Status.HENVIST)
        client.force_login(veileder)
        response = _ny_status(client, deltaker, Status.PAUSE)
        assert response.status_code == 200
        assert "til_status" in response.context["form"].errors
        assert "mv-feiloppsummering" in response.content.decode()
        deltaker.refresh_from_db()
        assert deltaker.status == Status.HENVIST and deltaker.versjon == 1
        assert _historikk(deltaker) == [("", Status.HENVIST)]

    def test_ending_cannot_be_done_from_the_status_page(self, client, senter, veileder):
        deltaker = DeltakerFactory(senter=senter, status=Status.AKTIV)
        client.force_login(veileder)
        response = _ny_status(client, deltaker, Status.AVSLUTTET, arsak=Avslutningsarsak.MAL_NADD)
        assert "til_status" in response.context["form"].errors
        deltaker.refresh_from_db()
        assert deltaker.status == Status.AKTIV

    def test_the_service_refuses_an_illegal_move_with_a_norwegian_reason(self, senter, veileder):
        deltaker = DeltakerFactory(senter=senter, status=Status.HENVIST)
        with pytest.raises(ValidationError) as feil:
            services.endre_status(deltaker, versjon=1, til_status=Status.PAUSE, dato=_idag(), av=veileder)
        assert "Kan ikke gå fra «Henvist» til «Pause»" in str(feil.value)

    def test_a_date_before_the_last_change_is_refused_beside_the_field(self, client, senter, veileder):
        deltaker = DeltakerFactory(senter=senter, status=Status.AKTIV)
        client.force_login(veileder)
        for_tidlig = (deltaker.status_fra - timedelta(days=1)).isoformat()
        response = _ny_status(client, deltaker, Status.PAUSE, dato=for_tidlig)
        assert "dato" in response.context["form"].errors
        deltaker.refresh_from_db()
        assert deltaker.status == Status.AKTIV


@pytest.mark.django_db
class TestAvslutning:
    def test_the_page_explains_that_ending_is_talked_through_and_what_an_open_door_means(
        self, client, senter, veileder
    ):
        deltaker = DeltakerFactory(senter=senter)
        client.force_login(veileder)
        body = client.get(reverse("deltakere:avslutt_oppfolging", args=[deltaker.pk])).content.decode()
        assert "snakket\n    gjennom" in body or "snakket gjennom" in body
        assert "Åpen dør" in body and "fortsatt kan ta kontakt" in body
        assert "Avslutt oppfølgingen</button>" in body

    def test_ending_requires_a_reason(self, client, senter, veileder):
        deltaker = DeltakerFactory(senter=senter)
        client.force_login(veileder)
        response = _avslutt(client, deltaker, arsak="")
        assert response.status_code == 200
        assert "arsak" in response.context["form"].errors
        deltaker.refresh_from_db()
        assert deltaker.status == Status.AKTIV
        assert (
            not Statusendring.objects.with_scopes_disabled()
            .filter(deltaker=deltaker, til_status=Status.AVSLUTTET)
            .exists()
        )

    def test_an_open_door_that_ends_before_the_ending_is_refused(self, client, senter, veileder):
        deltaker = DeltakerFactory(senter=senter)
        client.force_login(veileder)
        response = _avslutt(client, deltaker, apen_dor_til=(_idag() - timedelta(days=1)).isoformat())
        assert response.context["form"].errors["apen_dor_til"] == ["«Åpen dør til» må være etter avslutningsdatoen."]
        assert "etter avslutningsdatoen" in response.content.decode()
        deltaker.refresh_from_db()
        assert deltaker.status == Status.AKTIV

    def test_transfer_is_not_a_reason_one_can_pick(self, client, senter, veileder):
        deltaker = DeltakerFactory(senter=senter)
        client.force_login(veileder)
        response = _avslutt(client, deltaker, arsak=Avslutningsarsak.OVERFORT)
        assert "arsak" in response.context["form"].errors
        deltaker.refresh_from_db()
        assert deltaker.status == Status.AKTIV

    def test_someone_already_ended_is_sent_back_to_the_participant_page(self, client, senter, veileder):
        deltaker = DeltakerFactory(senter=senter, status=Status.AVSLUTTET)
        client.force_login(veileder)
        response = client.get(reverse("deltakere:avslutt_oppfolging", args=[deltaker.pk]))
        assert response.status_code == 302 and response.url == reverse("deltakere:sak", args=[deltaker.pk])
        assert any("allerede avsluttet" in m for m in _meldinger(response))


@pytest.mark.django_db
class TestVersjonskonflikt:
    def test_when_two_change_the_status_at_once_the_second_is_refused_and_nothing_of_it_saved(
        self, client, senter, veileder
    ):
        deltaker = DeltakerFactory(senter=senter, status=Status.AKTIV)
        sosionom = ansatt(senter, Rolle.SOSIONOM)
        url = reverse("deltakere:endre_status", args=[deltaker.pk])

        # Both open the page at version 1.
        client.force_login(veileder)
        assert client.get(url).context["form"]["versjon"].value() == 1
        client.force_login(sosionom)
        assert client.get(url).context["form"]["versjon"].value() == 1

        client.force_login(veileder)
        client.post(url, {"versjon": 1, "til_status": Status.PAUSE, "dato": _idag().isoformat()})

        client.force_login(sosionom)
        response = client.post(
            url, {"versjon": 1, "til_status": Status.PAUSE, "dato": _idag().isoformat(), "notat": "Min kommentar"}
        )
        assert response.status_code == 409
        body = response.content.decode()
        assert "Noen andre har lagret endringer" in body
        assert "Min kommentar" in body  # the user's input is kept
        [(felt, lagret, ditt)] = response.context["konflikt"]
        assert felt == "Status" and lagret.startswith("Pause fra") and ditt == "Pause"
        assert "Forskjeller mellom det som er lagret og det du skrev" in body
        rader = Statusendring.objects.with_scopes_disabled().filter(deltaker=deltaker)
        assert rader.count() == 2
        assert not rader.filter(notat="Min kommentar").exists()
        assert rader.get(til_status=Status.PAUSE).registrert_av == veileder

    def test_a_status_change_from_an_older_version_is_refused_even_when_the_move_is_still_allowed(
        self, client, senter, veileder
    ):
        with i_senter(senter):
            deltaker = DeltakerFactory(senter=senter, status=Status.AKTIV)
            url = reverse("deltakere:endre_status", args=[deltaker.pk])
            # Someone else saves the person's details in between: version 2, status still aktiv.
            services.endre_deltaker(deltaker, versjon=1, data={"telefon": "91234567"})

            client.force_login(veileder)
            response = client.post(url, {"versjon": 1, "til_status": Status.PAUSE, "dato": _idag().isoformat()})
            assert response.status_code == 409
            deltaker.refresh_from_db()
            assert deltaker.status == Status.AKTIV and deltaker.versjon == 2
            # The hidden version moves on, so saving again is a deliberate choice, and then it goes through.
            assert 'name="versjon" value="2"' in response.content.decode()
            response = client.post(url, {"versjon": 2, "til_status": Status.PAUSE, "dato": _idag().isoformat()})
            assert response.status_code == 302
            deltaker.refresh_from_db()
            assert deltaker.status == Status.PAUSE

    def test_an_ending_from_an_older_version_is_refused(self, client, senter, veileder):
        with i_senter(senter):
            deltaker = DeltakerFactory(senter=senter, status=Status.AKTIV)
            services.endre_status(deltaker, versjon=1, til_status=Status.PAUSE, dato=_idag(), av=veileder)
            client.force_login(veileder)
            response = client.post(
                reverse("deltakere:avslutt_oppfolging", args=[deltaker.pk]),
                {"versjon": 1, "dato": _idag().isoformat(), "arsak": Avslutningsarsak.FLYTTET},
            )
            assert response.status_code == 409
            deltaker.refresh_from_db()
            assert deltaker.status == Status.PAUSE
            assert (
                not Statusendring.objects.with_scopes_disabled()
                .filter(deltaker=deltaker, til_status=Status.AVSLUTTET)
                .exists()
            )


@pytest.mark.django_db
class TestOverforing:
    @pytest.fixture
    def overfort(self, client, senter, annet_senter, veileder, leder_annet_senter):
        """A person at `senter` with some history, transferred by the veileder to `annet_senter`."""
        deltaker = DeltakerFactory(senter=senter, status=Status.HENVIST, fornavn="Tiril", etternavn="Testesen")
        services.endre_status(deltaker, versjon=1, til_status=Status.AKTIV, dato=_idag(), av=veileder)
        self.historikk_for = list(
            Statusendring.objects.with_scopes_disabled().filter(deltaker=deltaker).order_by("pk").values()
        )
        client.force_login(veileder)
        self.response = _overfor(client, deltaker, annet_senter)
        deltaker.refresh_from_db()
        return deltaker

    def test_the_user_is_sent_back_to_the_old_record_with_a_message(self, overfort, annet_senter):
        assert self.response.status_code == 302
        assert self.response.url == reverse("deltakere:sak", args=[overfort.pk])
        assert "Tiril Testesen er overført til Elvegården oppfølgingssenter." in _meldinger(self.response)

    def test_the_new_centre_sees_the_new_record_but_not_the_old(self, client, overfort, leder_annet_senter):
        ny = Deltaker.objects.with_scopes_disabled().get(overfort_fra=overfort)
        client.force_login(leder_annet_senter)
        assert client.get(reverse("deltakere:sak", args=[ny.pk])).status_code == 200
        assert client.get(reverse("deltakere:endre_status", args=[ny.pk])).status_code == 200
        assert client.get(reverse("deltakere:sak", args=[overfort.pk])).status_code == 404
        assert client.get(reverse("deltakere:endre_status", args=[overfort.pk])).status_code == 404

    def test_the_old_centre_still_sees_the_old_record_read_only(self, client, overfort, veileder):
        client.force_login(veileder)
        assert client.get(reverse("deltakere:sak", args=[overfort.pk])).status_code == 200
        for url in _urls(overfort) + [reverse("deltakere:ny_samtykke", args=[overfort.pk])]:
            response = client.get(url)
            assert response.status_code == 302 and response.url == reverse("deltakere:sak", args=[overfort.pk]), url
            assert any("kan bare leses" in m for m in _meldinger(response))

    def test_posts_to_the_old_record_save_nothing(self, client, overfort, veileder):
        foer = _historikk(overfort)
        client.force_login(veileder)
        response = client.post(
            reverse("deltakere:endre_status", args=[overfort.pk]),
            {"versjon": overfort.versjon, "til_status": Status.AKTIV, "dato": _idag().isoformat()},
        )
        assert response.status_code == 302
        response = client.post(
            reverse("deltakere:ny_samtykke", args=[overfort.pk]),
            {"type": Samtykke.Type.STATISTIKK, "form": Samtykke.Form.MUNTLIG, "dato": _idag().isoformat()},
        )
        assert response.status_code == 302
        overfort.refresh_from_db()
        assert overfort.status == Status.AVSLUTTET
        assert _historikk(overfort) == foer
        assert (
            not Samtykke.objects.with_scopes_disabled()
            .filter(deltaker=overfort, type=Samtykke.Type.STATISTIKK)
            .exists()
        )

    def test_the_new_record_starts_as_henvist_with_consent_and_the_old_is_ended_as_transferred(
        self, overfort, annet_senter, veileder
    ):
        ny = Deltaker.objects.with_scopes_disabled().get(overfort_fra=overfort)
        assert ny.senter == annet_senter
        assert ny.status == Status.HENVIST
        assert ny.fornavn == "Tiril" and ny.etternavn == "Testesen"
        samtykke = Samtykke.objects.with_scopes_disabled().get(deltaker=ny)
        assert samtykke.type == Samtykke.Type.REGISTRERING and samtykke.gjeldende
        assert samtykke.form == Samtykke.Form.SKRIFTLIG
        assert _historikk(ny) == [("", Status.HENVIST)]

        assert overfort.status == Status.AVSLUTTET
        assert overfort.er_overfort
        avslutning = Statusendring.objects.with_scopes_disabled().filter(deltaker=overfort).order_by("pk").last()
        assert avslutning.til_status == Status.AVSLUTTET and avslutning.arsak == Avslutningsarsak.OVERFORT
        # The old centre's history is untouched: the ending is added after it, nothing moves.
        etter = list(Statusendring.objects.with_scopes_disabled().filter(deltaker=overfort).order_by("pk").values())
        assert etter[: len(self.historikk_for)] == self.historikk_for
        assert len(etter) == len(self.historikk_for) + 1

    def test_a_transfer_without_the_consent_is_refused_beside_the_checkbox(
        self, client, senter, annet_senter, veileder
    ):
        deltaker = DeltakerFactory(senter=senter)
        client.force_login(veileder)
        response = _overfor(client, deltaker, annet_senter, bekreft_samtykke="")
        assert response.status_code == 200
        assert "bekreft_samtykke" in response.context["form"].errors
        deltaker.refresh_from_db()
        assert deltaker.status == Status.AKTIV and not deltaker.er_overfort
        assert Deltaker.objects.with_scopes_disabled().count() == 1

    def test_one_cannot_transfer_to_the_centre_the_person_is_at(self, client, senter, veileder):
        deltaker = DeltakerFactory(senter=senter)
        client.force_login(veileder)
        response = _overfor(client, deltaker, senter)
        assert "til_senter" in response.context["form"].errors
        assert Deltaker.objects.with_scopes_disabled().count() == 1
