"""A double click makes one record: the same form sent twice, or twice at once, saves once."""

import threading
import uuid
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from deltakere.engangs import FELT
from deltakere.models import Deltaker, Innsending, Nettverkskontakt, Samtykke, Situasjonsendring
from tests.deltakere.test_ny_deltaker import _skjema
from tests.factories import DeltakerFactory


@pytest.mark.django_db
class TestSammeSkjemaToGanger:
    def test_registering_a_person_twice_makes_one_and_shows_the_first(self, client, senter, veileder):
        client.force_login(veileder)
        data = {**_skjema(), FELT: str(uuid.uuid4())}
        forste = client.post(reverse("deltakere:ny_deltaker"), data)
        andre = client.post(reverse("deltakere:ny_deltaker"), data)
        assert forste.status_code == andre.status_code == 302
        assert andre.url == forste.url
        assert Deltaker.objects.with_scopes_disabled().count() == 1
        body = client.get(andre.url).content.decode()
        assert "Skjemaet var allerede sendt, og det ble lagret én gang." in body

    def test_a_network_contact_sent_twice_makes_one_contact_and_one_consent(self, client, senter, veileder):
        deltaker = DeltakerFactory(senter=senter)
        client.force_login(veileder)
        data = {
            "rolle": "nav",
            "navn": "Nora Navveileder",
            "samtykke_til_kontakt": "skriftlig",
            FELT: str(uuid.uuid4()),
        }
        url = reverse("deltakere:ny_nettverkskontakt", args=[deltaker.pk])
        assert client.post(url, data).status_code == client.post(url, data).status_code == 302
        assert Nettverkskontakt.objects.with_scopes_disabled().filter(deltaker=deltaker).count() == 1
        assert Samtykke.objects.with_scopes_disabled().filter(deltaker=deltaker, gjelder__isnull=False).count() == 1

    def test_a_dated_change_sent_twice_is_one_row_not_a_version_conflict(self, client, senter, veileder):
        deltaker = DeltakerFactory(senter=senter)
        client.force_login(veileder)
        data = {
            "versjon": deltaker.versjon,
            "dato": (date.today() - timedelta(days=1)).isoformat(),
            "bosituasjon": "egen_bolig",
            "inntekt": "arbeid",
            FELT: str(uuid.uuid4()),
        }
        url = reverse("deltakere:endre_situasjon", args=[deltaker.pk])
        assert client.post(url, data).status_code == 302
        assert client.post(url, data).status_code == 302  # not 409: it is the same submission
        assert (
            Situasjonsendring.objects.with_scopes_disabled().filter(deltaker=deltaker).count() == 1 + 1
        )  # intake and this one

    def test_a_refused_submission_leaves_the_token_free_for_the_corrected_one(self, client, senter, veileder):
        client.force_login(veileder)
        kode = str(uuid.uuid4())
        refused = client.post(reverse("deltakere:ny_deltaker"), {**_skjema(henvisning_dato="9999-12-31"), FELT: kode})
        assert refused.status_code == 200 and not Innsending.objects.exists()
        assert f'value="{kode}"' in refused.content.decode()  # the same token is sent again with the fix
        assert client.post(reverse("deltakere:ny_deltaker"), {**_skjema(), FELT: kode}).status_code == 302
        assert Deltaker.objects.with_scopes_disabled().count() == 1

    def test_a_form_without_its_token_is_not_saved_and_keeps_what_was_typed(self, client, senter, veileder):
        client.force_login(veileder)
        response = client.post(reverse("deltakere:ny_deltaker"), {**_skjema(fornavn="Tiril"), FELT: ""})
        assert response.status_code == 200
        body = response.content.decode()
        assert "Skjemaet var utløpt" in body and 'value="Tiril"' in body
        assert not Deltaker.objects.with_scopes_disabled().exists()

    def test_another_users_token_is_not_theirs_to_repeat(self, client, senter, veileder, leder):
        kode = str(uuid.uuid4())
        client.force_login(veileder)
        client.post(reverse("deltakere:ny_deltaker"), {**_skjema(), FELT: kode})
        client.force_login(leder)
        response = client.post(reverse("deltakere:ny_deltaker"), {**_skjema(etternavn="Annen"), FELT: kode})
        assert response.status_code == 200 and "Skjemaet var utløpt" in response.content.decode()
        assert Deltaker.objects.with_scopes_disabled().count() == 1

    def test_every_form_page_carries_a_token(self, client, senter, veileder):
        deltaker = DeltakerFactory(senter=senter)
        client.force_login(veileder)
        sider = [
            "deltakere:endre_deltaker",
            "deltakere:endre_situasjon",
            "deltakere:endre_kontaktpersoner",
            "deltakere:endre_samarbeidsavtale",
            "deltakere:endre_status",
            "deltakere:avslutt_oppfolging",
            "deltakere:overfor_deltaker",
            "deltakere:ny_samtykke",
            "deltakere:ny_nettverkskontakt",
        ]
        for navn in sider:
            body = client.get(reverse(navn, args=[deltaker.pk])).content.decode()
            assert f'name="{FELT}"' in body, navn
        assert f'name="{FELT}"' in client.get(reverse("deltakere:ny_deltaker")).content.decode()


@pytest.mark.django_db(transaction=True)
def test_two_identical_registrations_sent_at_once_make_one_person(senter, veileder):
    if connection.vendor != "postgresql":
        pytest.skip("two connections at once need a server database (the CI runs this on PostgreSQL)")
    data = {**_skjema(), FELT: str(uuid.uuid4())}
    start = threading.Barrier(2)
    svar = []

    def send():
        klient = Client()
        klient.force_login(veileder)
        start.wait()
        svar.append(klient.post(reverse("deltakere:ny_deltaker"), data))
        connection.close()

    traader = [threading.Thread(target=send) for _ in range(2)]
    for t in traader:
        t.start()
    for t in traader:
        t.join()
    assert [r.status_code for r in svar] == [302, 302]
    assert svar[0].url == svar[1].url
    assert Deltaker.objects.with_scopes_disabled().count() == 1
