"""Changing a person's own details: with a version, so two people cannot overwrite each other unseen."""

from datetime import date

import pytest
from django.urls import reverse
from stdnum.no import fodselsnummer

from deltakere.models import Deltaker, Rolle, Samtykke
from deltakere.services import overfor_deltaker
from tests.conftest import ALLE_ROLLER
from tests.factories import DeltakerFactory, ansatt, i_senter, lagre

FULL = {Rolle.VEILEDER, Rolle.SOSIONOM, Rolle.LEDER}
FELTER = [
    "fornavn", "etternavn", "kallenavn", "fodselsaar", "fodselsdato", "fodselsnummer", "kjonn", "telefon", "epost",
    "kontaktform", "interesser", "henvisning_kilde", "henvisning_dato", "henvisende_instans",
    "henvisning_kontaktperson", "henvisning_notat",
]  # fmt: skip


def _gyldig_fodselsnummer(fodt):
    """A number with valid check digits for a fictional person born `fodt`."""
    start = fodt.strftime("%d%m%y")
    return next(start + f"{i:05d}" for i in range(10000, 50000) if fodselsnummer.is_valid(start + f"{i:05d}"))


def _url(deltaker):
    return reverse("deltakere:endre_deltaker", args=[deltaker.pk])


def _skjema(deltaker, versjon=None, **endret):
    """What the browser sends back for `deltaker`, with `endret` typed in."""
    data = {}
    for felt in FELTER:
        verdi = getattr(deltaker, felt)
        data[felt] = "" if verdi is None else verdi.isoformat() if isinstance(verdi, date) else str(verdi)
    data["versjon"] = str(deltaker.versjon if versjon is None else versjon)
    data.update(endret)
    return data


@pytest.fixture
def deltaker(senter):
    return DeltakerFactory(senter=senter, fornavn="Sander", etternavn="Lien", fodselsaar=1985, telefon="91234567")


@pytest.mark.django_db
class TestTilgang:
    @pytest.mark.parametrize("rolle", ALLE_ROLLER)
    def test_only_full_access_at_the_centre_may_change_a_person(self, client, senter, rolle):
        deltaker = DeltakerFactory(senter=senter, samtykker=[Samtykke.Type.DELE_MED_TIDGIVER])
        client.force_login(ansatt(senter, rolle))
        assert client.get(_url(deltaker)).status_code == (200 if rolle in FULL else 404)
        response = client.post(_url(deltaker), _skjema(deltaker, fornavn="Endret"))
        assert response.status_code == (302 if rolle in FULL else 404)
        assert (Deltaker.objects.with_scopes_disabled().get(pk=deltaker.pk).fornavn == "Endret") == (rolle in FULL)

    @pytest.mark.parametrize("rolle", ALLE_ROLLER)
    def test_staff_of_another_centre_get_404(self, client, annet_senter, deltaker, rolle):
        client.force_login(ansatt(annet_senter, rolle))
        assert client.get(_url(deltaker)).status_code == 404
        assert client.post(_url(deltaker), _skjema(deltaker, fornavn="Endret")).status_code == 404
        assert Deltaker.objects.with_scopes_disabled().get(pk=deltaker.pk).fornavn == "Sander"

    def test_anonymous_users_are_sent_to_sign_in(self, client, deltaker):
        response = client.get(_url(deltaker))
        assert response.status_code == 302
        assert response.url.startswith(reverse("deltakere:logg_inn"))

    def test_a_transferred_person_cannot_be_changed_at_the_old_centre(self, client, annet_senter, deltaker, veileder):
        with i_senter(deltaker.senter, annet_senter):
            overfor_deltaker(
                deltaker,
                versjon=deltaker.versjon,
                til_senter=annet_senter,
                dato=date.today(),
                samtykke_form="skriftlig",
                av=veileder,
            )
            deltaker.refresh_from_db()
            client.force_login(veileder)
            assert client.get(_url(deltaker)).url == reverse("deltakere:sak", args=[deltaker.pk])
            client.post(_url(deltaker), _skjema(deltaker, fornavn="Endret"))
            assert Deltaker.objects.with_scopes_disabled().get(pk=deltaker.pk).fornavn == "Sander"


@pytest.mark.django_db
class TestEndreDeltaker:
    def test_the_form_starts_from_what_is_stored(self, client, deltaker, veileder):
        client.force_login(veileder)
        body = client.get(_url(deltaker)).content.decode()
        assert 'value="Sander"' in body
        assert f'name="versjon" value="{deltaker.versjon}"' in body
        assert 'value="1985"' in body

    def test_it_saves_and_goes_back_to_the_person(self, client, deltaker, veileder):
        client.force_login(veileder)
        response = client.post(_url(deltaker), _skjema(deltaker, kallenavn="Sandy", telefon="+47 912 34 568"))
        assert response.status_code == 302 and response.url == reverse("deltakere:sak", args=[deltaker.pk])
        lagret = Deltaker.objects.with_scopes_disabled().get(pk=deltaker.pk)
        assert (lagret.kallenavn, lagret.telefon, lagret.versjon) == ("Sandy", "91234568", deltaker.versjon + 1)
        assert "Endringene er lagret." in client.get(response.url).content.decode()

    def test_a_second_save_from_the_same_version_is_refused_and_shows_what_changed(
        self, client, senter, deltaker, veileder
    ):
        sosionom = ansatt(senter, Rolle.SOSIONOM, bruker__navn="Siri Sosionom")
        annen = client.__class__()
        client.force_login(veileder)
        annen.force_login(sosionom)
        versjon = deltaker.versjon
        # Both open the form at the same version.
        assert f'name="versjon" value="{versjon}"' in client.get(_url(deltaker)).content.decode()
        assert f'name="versjon" value="{versjon}"' in annen.get(_url(deltaker)).content.decode()

        # The sosionom saves first.
        assert annen.post(_url(deltaker), _skjema(deltaker, etternavn="Lien-Berg", kjonn="mann")).status_code == 302

        # The veileder's save, from the old version, is refused.
        response = client.post(
            _url(deltaker), _skjema(deltaker, versjon=versjon, kallenavn="Sandy", interesser="Sjakk og fisking")
        )
        assert response.status_code == 409
        body = response.content.decode()
        assert "Noen andre har lagret endringer" in body
        assert "Ingenting av det du skrev er lagret" in body
        konflikt = {felt: (lagret, ditt) for felt, lagret, ditt in response.context["konflikt"]}
        assert konflikt["Etternavn"] == ("Lien-Berg", "Lien")
        assert konflikt["Kjønn"] == ("Mann", "Ønsker ikke å oppgi")
        assert konflikt["Kallenavn"] == ("", "Sandy")
        assert "<td>Lien-Berg</td>" in body
        # What the veileder typed is still in the form, and the version has moved on.
        assert 'value="Sandy"' in body and "Sjakk og fisking</textarea>" in body
        assert f'name="versjon" value="{versjon + 1}"' in body
        # Nothing of theirs is saved.
        lagret = Deltaker.objects.with_scopes_disabled().get(pk=deltaker.pk)
        assert (lagret.etternavn, lagret.kallenavn, lagret.interesser) == ("Lien-Berg", "", "")
        assert lagret.versjon == versjon + 1

        # Saving again from the form as shown is a deliberate overwrite, and succeeds.
        response = client.post(
            _url(deltaker),
            _skjema(deltaker, versjon=versjon + 1, etternavn="Lien-Berg", kallenavn="Sandy", interesser="Sjakk"),
        )
        assert response.status_code == 302
        lagret = Deltaker.objects.with_scopes_disabled().get(pk=deltaker.pk)
        assert (lagret.etternavn, lagret.kallenavn, lagret.interesser) == ("Lien-Berg", "Sandy", "Sjakk")
        assert lagret.versjon == versjon + 2

    def test_a_refused_save_shows_the_stored_name_at_the_top_not_the_typed_one(self, client, deltaker, veileder):
        lagre(Deltaker.objects.with_scopes_disabled().filter(pk=deltaker.pk), versjon=deltaker.versjon + 1)
        client.force_login(veileder)
        body = client.post(_url(deltaker), _skjema(deltaker, fornavn="Skrevetinn")).content.decode()
        assert "Sander Lien</a>" in body
        assert 'value="Skrevetinn"' in body

    def test_html_typed_into_a_field_is_shown_as_text(self, client, deltaker, veileder):
        client.force_login(veileder)
        skript = "<script>alert('x')</script>"
        response = client.post(_url(deltaker), _skjema(deltaker, kallenavn=skript, interesser="<b>fet</b>"))
        assert response.status_code == 302
        body = client.get(reverse("deltakere:sak", args=[deltaker.pk])).content.decode()
        assert skript not in body and "<b>fet</b>" not in body
        assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in body
        assert "&lt;b&gt;fet&lt;/b&gt;" in body

    def test_very_long_input_is_a_field_error(self, client, deltaker, veileder):
        client.force_login(veileder)
        response = client.post(_url(deltaker), _skjema(deltaker, fornavn="A" * 5000, interesser="b" * 20000))
        assert response.status_code == 200
        assert set(response.context["form"].errors) == {"fornavn", "interesser"}
        assert Deltaker.objects.with_scopes_disabled().get(pk=deltaker.pk).fornavn == "Sander"

    def test_an_invalid_fodselsnummer_is_a_field_error(self, client, deltaker, veileder):
        client.force_login(veileder)
        response = client.post(_url(deltaker), _skjema(deltaker, fodselsnummer="17058544321"))
        assert response.status_code == 200
        assert "Fødselsnummeret er ikke gyldig" in response.content.decode()
        assert list(response.context["form"].errors) == ["fodselsnummer"]
        assert Deltaker.objects.with_scopes_disabled().get(pk=deltaker.pk).fodselsnummer == ""

    def test_a_valid_fodselsnummer_is_saved_and_gives_the_birth_date(self, client, deltaker, veileder):
        fnr = _gyldig_fodselsnummer(date(1985, 5, 17))
        client.force_login(veileder)
        assert client.post(_url(deltaker), _skjema(deltaker, fodselsnummer=fnr[:6] + " " + fnr[6:])).status_code == 302
        lagret = Deltaker.objects.with_scopes_disabled().get(pk=deltaker.pk)
        assert (lagret.fodselsnummer, lagret.fodselsdato) == (fnr, date(1985, 5, 17))


@pytest.mark.django_db
class TestFodselsnummerIKkeISkjema:
    @pytest.fixture
    def fnr(self):
        return _gyldig_fodselsnummer(date(1985, 5, 17))

    @pytest.fixture
    def med_fnr(self, deltaker, fnr):
        lagre(
            Deltaker.objects.with_scopes_disabled().filter(pk=deltaker.pk),
            fodselsnummer=fnr,
            fodselsdato=date(1985, 5, 17),
        )
        deltaker.refresh_from_db()
        return deltaker

    def test_the_form_never_sends_the_stored_number(self, client, med_fnr, fnr, veileder):
        client.force_login(veileder)
        body = client.get(_url(med_fnr)).content.decode()
        assert fnr not in body and fnr[6:] not in body
        assert "Registrert: 17•••• •••••" in body

    def test_an_empty_field_keeps_the_number(self, client, med_fnr, fnr, veileder):
        client.force_login(veileder)
        response = client.post(_url(med_fnr), _skjema(med_fnr, fodselsnummer="", kallenavn="Sandy"))
        assert response.status_code == 302
        lagret = Deltaker.objects.with_scopes_disabled().get(pk=med_fnr.pk)
        assert (lagret.fodselsnummer, lagret.kallenavn) == (fnr, "Sandy")

    def test_the_stored_number_is_still_checked_against_the_birth_year(self, client, med_fnr, fnr, veileder):
        client.force_login(veileder)
        response = client.post(_url(med_fnr), _skjema(med_fnr, fodselsnummer="", fodselsaar="1986", fodselsdato=""))
        assert "Fødselsnummeret passer ikke med fødselsåret." in response.content.decode()
        assert fnr not in response.content.decode()
        assert Deltaker.objects.with_scopes_disabled().get(pk=med_fnr.pk).fodselsaar == 1985

    def test_the_checkbox_removes_the_number(self, client, med_fnr, veileder):
        client.force_login(veileder)
        response = client.post(_url(med_fnr), _skjema(med_fnr, fodselsnummer="", fjern_fodselsnummer="on"))
        assert response.status_code == 302
        assert Deltaker.objects.with_scopes_disabled().get(pk=med_fnr.pk).fodselsnummer == ""

    def test_a_new_number_replaces_it(self, client, med_fnr, veileder):
        nytt = _gyldig_fodselsnummer(date(1985, 6, 1))
        client.force_login(veileder)
        response = client.post(_url(med_fnr), _skjema(med_fnr, fodselsnummer=nytt, fodselsdato=""))
        assert response.status_code == 302
        assert Deltaker.objects.with_scopes_disabled().get(pk=med_fnr.pk).fodselsnummer == nytt

    def test_a_conflict_over_the_number_is_told_masked(self, client, med_fnr, fnr, veileder):
        nytt = _gyldig_fodselsnummer(date(1985, 6, 1))
        lagre(
            Deltaker.objects.with_scopes_disabled().filter(pk=med_fnr.pk),
            fodselsnummer=nytt,
            fodselsdato=date(1985, 6, 1),
            versjon=med_fnr.versjon + 1,
        )
        client.force_login(veileder)
        # The veileder types the number they had, while someone else stored another one.
        response = client.post(_url(med_fnr), _skjema(med_fnr, fodselsnummer=fnr, fodselsdato=""))
        assert response.status_code == 409
        body = response.content.decode()
        assert "Fødselsnummer (vises maskert)" in body
        assert nytt not in body and nytt[6:] not in body

    def test_a_conflict_elsewhere_does_not_touch_a_number_left_empty(self, client, med_fnr, veileder):
        nytt = _gyldig_fodselsnummer(date(1985, 6, 1))
        lagre(
            Deltaker.objects.with_scopes_disabled().filter(pk=med_fnr.pk),
            fodselsnummer=nytt,
            fodselsdato=date(1985, 6, 1),
            versjon=med_fnr.versjon + 1,
        )
        client.force_login(veileder)
        response = client.post(_url(med_fnr), _skjema(med_fnr, fodselsnummer="", fodselsdato="", kallenavn="S"))
        assert response.status_code == 409
        assert [felt for felt, _, _ in response.context["konflikt"]] == ["Kallenavn"]
        assert nytt not in response.content.decode()
