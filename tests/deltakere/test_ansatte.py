"""A leder manages the staff of their own centre; nobody else can, and other centres see 404."""

import pytest
from django.core import mail
from django.urls import reverse

from deltakere.models import Bruker, Medlemskap, Rolle
from tests.conftest import ALLE_ROLLER
from tests.factories import ansatt


def _urls(senter, medlemskap):
    return [
        reverse("ansatte", args=[senter.pk]),
        reverse("ny_ansatt", args=[senter.pk]),
        reverse("endre_ansatt", args=[senter.pk, medlemskap.pk]),
    ]


@pytest.mark.django_db
class TestTilgang:
    @pytest.mark.parametrize("rolle", ALLE_ROLLER)
    def test_only_a_leder_of_the_centre_may_use_the_pages(self, client, senter, veileder, rolle):
        medlemskap = Medlemskap.objects.get(bruker=veileder)
        client.force_login(ansatt(senter, rolle))
        for url in _urls(senter, medlemskap):
            assert client.get(url).status_code == (200 if rolle == Rolle.LEDER else 403), url

    @pytest.mark.parametrize("rolle", ALLE_ROLLER)
    def test_staff_of_another_centre_get_404(self, client, senter, annet_senter, veileder, rolle):
        medlemskap = Medlemskap.objects.get(bruker=veileder)
        client.force_login(ansatt(annet_senter, rolle))
        for url in _urls(senter, medlemskap):
            assert client.get(url).status_code == 404, url
        fjern = reverse("fjern_ansatt", args=[senter.pk, medlemskap.pk])
        assert client.post(fjern).status_code == 404
        assert Medlemskap.objects.get(pk=medlemskap.pk).sluttet is None

    def test_a_membership_of_another_centre_cannot_be_reached_through_ones_own(
        self, client, senter, leder, annet_senter, leder_annet_senter
    ):
        fremmed = Medlemskap.objects.get(bruker=leder_annet_senter)
        client.force_login(leder)
        assert client.get(reverse("endre_ansatt", args=[senter.pk, fremmed.pk])).status_code == 404
        assert client.post(reverse("fjern_ansatt", args=[senter.pk, fremmed.pk])).status_code == 404

    def test_anonymous_users_are_sent_to_sign_in(self, client, senter):
        response = client.get(reverse("ansatte", args=[senter.pk]))
        assert response.status_code == 302
        assert response.url.startswith(reverse("logg_inn"))


@pytest.mark.django_db
class TestAnsatte:
    def test_it_lists_the_staff_of_the_centre_only(self, client, senter, leder, veileder, leder_annet_senter):
        client.force_login(leder)
        body = client.get(reverse("ansatte", args=[senter.pk])).content.decode()
        assert "Vegard Veileder" in body and "Lise Leder" in body
        assert "Ukjent Utenfra" not in body
        assert "<h1" in body

    def test_it_adds_a_new_person_and_sends_an_invitation(self, client, senter, leder):
        client.force_login(leder)
        response = client.post(
            reverse("ny_ansatt", args=[senter.pk]),
            {"navn": "Sara Sosionom", "email": "Sara.Sosionom@medvandrer.test", "rolle": "sosionom"},
        )
        assert response.status_code == 302
        ny = Bruker.objects.get(email="sara.sosionom@medvandrer.test")
        assert not ny.has_usable_password()
        assert Medlemskap.objects.get(bruker=ny).rolle == "sosionom"
        assert len(mail.outbox) == 1
        assert "/konto/nytt-passord/" in mail.outbox[0].body

    def test_the_invitation_link_lets_the_person_choose_a_password(self, client, senter, leder):
        client.force_login(leder)
        client.post(
            reverse("ny_ansatt", args=[senter.pk]),
            {"navn": "Sara Sosionom", "email": "sara@medvandrer.test", "rolle": "sosionom"},
        )
        client.logout()
        link = next(line for line in mail.outbox[0].body.splitlines() if "/konto/nytt-passord/" in line)
        path = link.split("testserver", 1)[1]
        form_url = client.get(path).url
        nytt = "Fjellturer-om-sommeren-42"
        response = client.post(form_url, {"new_password1": nytt, "new_password2": nytt})
        assert response.status_code == 302
        assert Bruker.objects.get(email="sara@medvandrer.test").check_password(nytt)

    def test_an_existing_user_is_added_without_a_new_account(self, client, senter, leder, leder_annet_senter):
        client.force_login(leder)
        client.post(
            reverse("ny_ansatt", args=[senter.pk]),
            {"navn": "Hva som helst", "email": leder_annet_senter.email, "rolle": "veileder"},
        )
        assert Medlemskap.objects.filter(bruker=leder_annet_senter).count() == 2
        assert mail.outbox == []

    def test_adding_someone_twice_gives_a_field_error_and_keeps_the_input(self, client, senter, leder, veileder):
        client.force_login(leder)
        body = client.post(
            reverse("ny_ansatt", args=[senter.pk]),
            {"navn": "Vegard V", "email": veileder.email, "rolle": "leder"},
        ).content.decode()
        assert "allerede ansatt" in body
        assert 'value="Vegard V"' in body

    def test_it_changes_a_role(self, client, senter, leder, veileder):
        medlemskap = Medlemskap.objects.get(bruker=veileder)
        client.force_login(leder)
        client.post(reverse("endre_ansatt", args=[senter.pk, medlemskap.pk]), {"rolle": "sosionom"})
        medlemskap.refresh_from_db()
        assert medlemskap.rolle == "sosionom"

    def test_it_removes_access_but_keeps_the_history(self, client, senter, leder, veileder):
        medlemskap = Medlemskap.objects.get(bruker=veileder)
        client.force_login(leder)
        client.post(reverse("fjern_ansatt", args=[senter.pk, medlemskap.pk]))
        medlemskap.refresh_from_db()
        assert medlemskap.sluttet is not None

        client.force_login(veileder)
        assert "ikke knyttet til noe senter" in client.get(reverse("min_oversikt")).content.decode()

    def test_remove_rejects_get(self, client, senter, leder, veileder):
        medlemskap = Medlemskap.objects.get(bruker=veileder)
        client.force_login(leder)
        assert client.get(reverse("fjern_ansatt", args=[senter.pk, medlemskap.pk])).status_code == 405

    def test_a_leder_cannot_remove_or_demote_themselves(self, client, senter, leder):
        medlemskap = Medlemskap.objects.get(bruker=leder)
        client.force_login(leder)
        client.post(reverse("fjern_ansatt", args=[senter.pk, medlemskap.pk]))
        body = client.post(reverse("endre_ansatt", args=[senter.pk, medlemskap.pk]), {"rolle": "veileder"})
        medlemskap.refresh_from_db()
        assert medlemskap.sluttet is None and medlemskap.rolle == "leder"
        assert "ikke ta fra deg selv lederrollen" in body.content.decode()
