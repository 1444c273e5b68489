"""A leder manages the staff of their own centre; nobody else can, and other centres see 404."""

import pytest
from django.core import mail
from django.urls import reverse

from deltakere.models import Bruker, Invitasjon, Medlemskap, Rolle
from tests.conftest import ALLE_ROLLER
from tests.factories import ansatt


def _urls(senter, medlemskap):
    return [
        reverse("deltakere:ansatte", args=[senter.pk]),
        reverse("deltakere:ny_ansatt", args=[senter.pk]),
        reverse("deltakere:endre_ansatt", args=[senter.pk, medlemskap.pk]),
    ]


@pytest.mark.django_db
class TestTilgang:
    @pytest.mark.parametrize("rolle", ALLE_ROLLER)
    def test_only_a_leder_of_the_centre_may_use_the_pages(self, client, senter, veileder, rolle):
        medlemskap = Medlemskap.objects.with_scopes_disabled().get(bruker=veileder)
        client.force_login(ansatt(senter, rolle))
        for url in _urls(senter, medlemskap):
            assert client.get(url).status_code == (200 if rolle == Rolle.LEDER else 403), url

    @pytest.mark.parametrize("rolle", ALLE_ROLLER)
    def test_staff_of_another_centre_get_404(self, client, senter, annet_senter, veileder, rolle):
        medlemskap = Medlemskap.objects.with_scopes_disabled().get(bruker=veileder)
        client.force_login(ansatt(annet_senter, rolle))
        for url in _urls(senter, medlemskap):
            assert client.get(url).status_code == 404, url
        fjern = reverse("deltakere:fjern_ansatt", args=[senter.pk, medlemskap.pk])
        assert client.post(fjern).status_code == 404
        assert Medlemskap.objects.with_scopes_disabled().get(pk=medlemskap.pk).sluttet is None

    def test_a_membership_of_another_centre_cannot_be_reached_through_ones_own(
        self, client, senter, leder, annet_senter, leder_annet_senter
    ):
        fremmed = Medlemskap.objects.with_scopes_disabled().get(bruker=leder_annet_senter)
        client.force_login(leder)
        assert client.get(reverse("deltakere:endre_ansatt", args=[senter.pk, fremmed.pk])).status_code == 404
        assert client.post(reverse("deltakere:fjern_ansatt", args=[senter.pk, fremmed.pk])).status_code == 404

    def test_anonymous_users_are_sent_to_sign_in(self, client, senter):
        response = client.get(reverse("deltakere:ansatte", args=[senter.pk]))
        assert response.status_code == 302
        assert response.url.startswith(reverse("deltakere:logg_inn"))


@pytest.mark.django_db
class TestAnsatte:
    def test_it_lists_the_staff_of_the_centre_only(self, client, senter, leder, veileder, leder_annet_senter):
        client.force_login(leder)
        body = client.get(reverse("deltakere:ansatte", args=[senter.pk])).content.decode()
        assert "Vegard Veileder" in body and "Lise Leder" in body
        assert "Ukjent Utenfra" not in body
        assert "<h1" in body

    def _inviter(self, client, senter, email, rolle="sosionom"):
        return client.post(reverse("deltakere:ny_ansatt", args=[senter.pk]), {"email": email, "rolle": rolle})

    def _lenke(self, epost):
        linje = next(line for line in epost.body.splitlines() if "/invitasjon/" in line)
        return linje.split("testserver", 1)[1]

    def test_an_invitation_gives_no_access_until_a_new_person_accepts_it(self, client, senter, leder):
        client.force_login(leder)
        response = self._inviter(client, senter, "Sara.Sosionom@medvandrer.test")
        assert response.status_code == 302
        assert not Bruker.objects.filter(email="sara.sosionom@medvandrer.test").exists()
        assert len(mail.outbox) == 1 and mail.outbox[0].to == ["sara.sosionom@medvandrer.test"]
        body = client.get(reverse("deltakere:ansatte", args=[senter.pk])).content.decode()
        assert "sara.sosionom@medvandrer.test" in body and "Venter, sendt" in body

        client.logout()
        lenke = self._lenke(mail.outbox[0])
        nytt = "Fjellturer-om-sommeren-42"
        response = client.post(lenke, {"navn": "Sara Sosionom", "passord1": nytt, "passord2": nytt})
        assert response.status_code == 302
        sara = Bruker.objects.get(email="sara.sosionom@medvandrer.test")
        assert sara.check_password(nytt) and sara.navn == "Sara Sosionom"
        assert Medlemskap.objects.with_scopes_disabled().get(bruker=sara, senter=senter).rolle == "sosionom"
        assert client.get(lenke).status_code == 404  # used once

        client.force_login(leder)
        assert "Godtatt" in client.get(reverse("deltakere:ansatte", args=[senter.pk])).content.decode()

    def test_an_existing_account_is_told_nothing_of_and_must_accept(
        self, client, senter, leder, annet_senter, leder_annet_senter
    ):
        client.force_login(leder)
        response = self._inviter(client, senter, leder_annet_senter.email, "veileder")
        assert response.status_code == 302
        body = client.get(response.url).content.decode()
        assert leder_annet_senter.navn not in body and annet_senter.navn not in body
        assert leder_annet_senter.email in body
        assert Medlemskap.objects.with_scopes_disabled().filter(bruker=leder_annet_senter).count() == 1  # no access yet

        lenke = self._lenke(mail.outbox[0])
        client.force_login(leder)  # someone else following the link cannot accept it
        assert "Du er logget inn som en annen bruker" in client.get(lenke).content.decode()
        client.post(lenke)
        assert Medlemskap.objects.with_scopes_disabled().filter(bruker=leder_annet_senter).count() == 1

        client.logout()
        assert "Logg inn med" in client.get(lenke).content.decode()
        client.force_login(leder_annet_senter)
        assert client.post(lenke).status_code == 302
        assert (
            Medlemskap.objects.with_scopes_disabled().get(bruker=leder_annet_senter, senter=senter).rolle == "veileder"
        )

    def test_a_leder_can_send_again_and_the_old_link_stops_working(self, client, senter, leder):
        client.force_login(leder)
        self._inviter(client, senter, "ny@medvandrer.test")
        gammel = self._lenke(mail.outbox[0])
        invitasjon = Invitasjon.objects.with_scopes_disabled().get()
        client.post(reverse("deltakere:send_invitasjon_pa_nytt", args=[senter.pk, invitasjon.pk]))
        assert len(mail.outbox) == 2
        client.logout()
        assert client.get(gammel).status_code == 404
        assert client.get(self._lenke(mail.outbox[1])).status_code == 200

    def test_a_withdrawn_invitation_no_longer_works(self, client, senter, leder):
        client.force_login(leder)
        self._inviter(client, senter, "ny@medvandrer.test")
        client.post(
            reverse("deltakere:trekk_invitasjon", args=[senter.pk, Invitasjon.objects.with_scopes_disabled().get().pk])
        )
        client.logout()
        assert client.get(self._lenke(mail.outbox[0])).status_code == 404

    def test_another_centres_leder_cannot_touch_the_invitations(self, client, senter, leder, leder_annet_senter):
        client.force_login(leder)
        self._inviter(client, senter, "ny@medvandrer.test")
        invitasjon = Invitasjon.objects.with_scopes_disabled().get()
        client.force_login(leder_annet_senter)
        assert client.post(reverse("deltakere:trekk_invitasjon", args=[senter.pk, invitasjon.pk])).status_code == 404
        assert Invitasjon.objects.with_scopes_disabled().get().trukket is None

    def test_inviting_someone_who_already_works_here_is_a_field_error(self, client, senter, leder, veileder):
        client.force_login(leder)
        response = self._inviter(client, senter, veileder.email, "leder")
        assert response.context["form"].errors["email"] == ["Denne adressen har allerede tilgang til senteret."]
        assert f'value="{veileder.email}"' in response.content.decode()

    def test_it_changes_a_role_and_the_position_share(self, client, senter, leder, veileder):
        medlemskap = Medlemskap.objects.with_scopes_disabled().get(bruker=veileder)
        client.force_login(leder)
        url = reverse("deltakere:endre_ansatt", args=[senter.pk, medlemskap.pk])
        assert 'value="100"' in client.get(url).content.decode()
        client.post(url, {"rolle": "sosionom", "stillingsprosent": "60"})
        medlemskap.refresh_from_db()
        assert (medlemskap.rolle, medlemskap.stillingsprosent) == ("sosionom", 60)
        assert "60 %" in client.get(reverse("deltakere:ansatte", args=[senter.pk])).content.decode()

    @pytest.mark.parametrize(
        ("verdi", "feil"),
        [
            ("", "Skriv inn stillingsprosenten"),
            ("0", "minst 1"),
            ("150", "ikke være mer enn 100"),
            ("halv", "et helt tall"),
        ],
    )
    def test_a_bad_position_share_is_told_and_nothing_is_saved(self, client, senter, leder, veileder, verdi, feil):
        medlemskap = Medlemskap.objects.with_scopes_disabled().get(bruker=veileder)
        client.force_login(leder)
        svar = client.post(
            reverse("deltakere:endre_ansatt", args=[senter.pk, medlemskap.pk]),
            {"rolle": "sosionom", "stillingsprosent": verdi},
        )
        assert svar.status_code == 200 and feil in svar.content.decode()
        medlemskap.refresh_from_db()
        assert (medlemskap.rolle, medlemskap.stillingsprosent) == ("veileder", 100)

    def test_it_removes_access_but_keeps_the_history(self, client, senter, leder, veileder):
        medlemskap = Medlemskap.objects.with_scopes_disabled().get(bruker=veileder)
        client.force_login(leder)
        client.post(reverse("deltakere:fjern_ansatt", args=[senter.pk, medlemskap.pk]))
        medlemskap.refresh_from_db()
        assert medlemskap.sluttet is not None

        client.force_login(veileder)
        assert "ikke knyttet til noe senter" in client.get(reverse("oppfolging:min_oversikt")).content.decode()

    def test_remove_rejects_get(self, client, senter, leder, veileder):
        medlemskap = Medlemskap.objects.with_scopes_disabled().get(bruker=veileder)
        client.force_login(leder)
        assert client.get(reverse("deltakere:fjern_ansatt", args=[senter.pk, medlemskap.pk])).status_code == 405

    def test_a_leder_cannot_remove_or_demote_themselves(self, client, senter, leder):
        medlemskap = Medlemskap.objects.with_scopes_disabled().get(bruker=leder)
        client.force_login(leder)
        client.post(reverse("deltakere:fjern_ansatt", args=[senter.pk, medlemskap.pk]))
        body = client.post(
            reverse("deltakere:endre_ansatt", args=[senter.pk, medlemskap.pk]),
            {"rolle": "veileder", "stillingsprosent": "100"},
        )
        medlemskap.refresh_from_db()
        assert medlemskap.sluttet is None and medlemskap.rolle == "leder"
        assert "ikke ta fra deg selv lederrollen" in body.content.decode()
