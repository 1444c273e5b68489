"""The daily tally's pages: today's counters (+1 in place or as a plain form, typed numbers), the month table, a
leder's correction of an earlier day kept in the history, who may count, concurrent presses, hostile input."""

import uuid
from datetime import date, timedelta
from unittest import mock

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from deltakere.engangs import FELT
from deltakere.models import Rolle, Senter
from oppfolging import services
from oppfolging.models import Telling
from tests.factories import SenterFactory, ansatt, i_senter

URL = "/telling/"


def _idag():
    return timezone.localdate()


def _tall(senter, dato=None):
    return dict(
        Telling.objects.with_scopes_disabled()
        .filter(senter=senter, dato=dato or _idag())
        .values_list("teller", "antall")
    )


def _pluss(client, teller="besok", **kwargs):
    return client.post(reverse("oppfolging:telling_pluss"), {"teller": teller}, **kwargs)


@pytest.mark.django_db
class TestIdag:
    def test_the_urls_are_the_ones_the_brief_names(self):
        assert reverse("oppfolging:telling") == URL
        assert reverse("oppfolging:telling_maaned", args=[2026, 3]) == "/telling/2026/3/"

    def test_the_page_shows_the_centres_counters_for_its_type(self, client, veileder):
        client.force_login(veileder)
        side = client.get(URL).content.decode()
        for navn in ("Besøk", "Måltider servert", "Nye ansikter", "Samtaler med gjester som ikke er registrert"):
            assert navn in side
        assert "Klesutdeling" not in side  # a værested's counter, not an oppfølgingssenter's
        gatenaert = SenterFactory(type=Senter.Type.GATENAERT)
        client.force_login(ansatt(gatenaert, Rolle.VEILEDER))
        assert "Klesutdeling" in client.get(URL).content.decode()

    def test_plus_one_without_javascript_counts_and_comes_back_to_the_counter(self, client, veileder, senter):
        client.force_login(veileder)
        response = _pluss(client)
        assert response.status_code == 302 and response.url == "/telling/#teller-besok"
        _pluss(client)
        assert _tall(senter) == {"besok": 2}
        assert "Besøk: 2." in client.get(URL).content.decode()

    def test_plus_one_with_htmx_answers_the_counter_in_place(self, client, veileder, senter):
        client.force_login(veileder)
        _pluss(client, "maltider")
        response = _pluss(client, "maltider", headers={"HX-Request": "true"})
        side = response.content.decode()
        assert response.status_code == 200 and side.lstrip().startswith("{#") is False
        assert 'id="teller-maltider"' in side and ">2<" in side and 'role="status"' in side
        assert "<html" not in side

    def test_a_double_click_on_the_same_button_counts_once(self, client, veileder, senter):
        client.force_login(veileder)
        token = str(uuid.uuid4())
        client.post(reverse("oppfolging:telling_pluss"), {"teller": "besok", FELT: token})
        client.post(reverse("oppfolging:telling_pluss"), {"teller": "besok", FELT: token})
        assert _tall(senter) == {"besok": 1}

    def test_typed_numbers_are_saved(self, client, veileder, senter):
        client.force_login(veileder)
        data = {"besok": "31", "maltider": "18", "nye_ansikter": "2", "samtaler": "0"}
        response = client.post(URL, data)
        assert response.status_code == 302
        assert _tall(senter) == {"besok": 31, "maltider": 18, "nye_ansikter": 2}

    def test_a_plus_one_meanwhile_is_kept_and_a_typed_change_over_it_is_told(self, client, veileder, leder, senter):
        client.force_login(veileder)
        form = client.get(URL).context["form"]
        data = {navn: form[navn].value() for navn in form.fields if navn != FELT}
        assert data["besok"] == 0 and data["fra_besok"] == 0
        client.force_login(leder)
        _pluss(client)  # another PC
        client.force_login(veileder)
        response = client.post(URL, {**data, "maltider": "12"})  # besøk left as shown: the +1 stays
        assert response.status_code == 302 and _tall(senter) == {"besok": 1, "maltider": 12}
        response = client.post(URL, {**data, "besok": "5"})  # typed over a count that moved
        assert response.status_code == 200
        assert "Noen andre har endret tallet til 1" in " ".join(response.context["form"].errors["besok"])
        assert response.context["form"]["besok"].value() == "5"  # what was typed stays
        assert _tall(senter)["besok"] == 1

    @pytest.mark.parametrize(
        "verdi, feil", [("-3", "negativt"), ("100001", "høyst 100 000"), ("mange", "helt tall"), ("", "Skriv et tall")]
    )
    def test_hostile_numbers_are_field_errors(self, client, veileder, senter, verdi, feil):
        client.force_login(veileder)
        response = client.post(URL, {"besok": verdi, "maltider": "7", "nye_ansikter": "0", "samtaler": "0"})
        assert response.status_code == 200
        assert feil in " ".join(response.context["form"].errors["besok"])
        assert response.context["form"]["maltider"].value() == "7"
        assert _tall(senter) == {}

    def test_an_unknown_counter_is_refused_plainly(self, client, veileder, senter):
        client.force_login(veileder)
        response = _pluss(client, "klesutdeling", follow=True)  # a værested's counter
        assert "finnes ikke ved dette senteret" in response.content.decode() and _tall(senter) == {}

    def test_the_counter_stops_at_its_bound(self, senter):
        with i_senter(senter):
            services.lagre_telling(senter, dato=_idag(), verdier={"besok": 100_000}, kan_rette=False)
            with pytest.raises(Exception, match="høyst"):
                services.tell(senter, dato=_idag(), teller="besok", endring=1, kan_rette=False)
        assert _tall(senter) == {"besok": 100_000}

    def test_get_changes_nothing(self, client, veileder, senter):
        client.force_login(veileder)
        client.get(URL)
        client.get(reverse("oppfolging:telling_rett"), {"dato": str(_idag())})
        assert client.get(reverse("oppfolging:telling_pluss"), {"teller": "besok"}).status_code == 405
        assert _tall(senter) == {}


@pytest.mark.django_db
class TestSamtidig:
    def test_two_pcs_making_the_days_first_row_at_once_both_count(self, senter):
        """The race: both PCs find no row for the day; the second's insert then meets the first's row on the
        unique constraint, and it counts on that row instead of failing."""
        with i_senter(senter):
            ekte = Telling.objects.select_for_update

            class IngenRadEnnå:
                def __init__(self):
                    self.forste = True

                def __call__(self):
                    qs = ekte()
                    if self.forste:  # the other PC's row arrives between the look and the insert
                        self.forste = False
                        services.tell(senter, dato=_idag(), teller="besok", endring=1, kan_rette=False)
                        return qs.none()
                    return qs

            with mock.patch.object(Telling.objects, "select_for_update", IngenRadEnnå()):
                services.tell(senter, dato=_idag(), teller="besok", endring=1, kan_rette=False)
        assert _tall(senter) == {"besok": 2}

    def test_every_press_counts_on_an_existing_row(self, senter):
        with i_senter(senter):
            for _ in range(5):
                services.tell(senter, dato=_idag(), teller="besok", endring=1, kan_rette=False)
        assert _tall(senter) == {"besok": 5}
        with scopes_disabled():
            assert Telling.history.filter(teller="besok").count() == 5  # every press in the change history


@pytest.mark.django_db
class TestMaaned:
    def _fyll(self, senter, dager):
        forste = _idag().replace(day=1)
        with i_senter(senter):
            for i in range(dager):
                dato = forste + timedelta(days=i % 28)
                services.lagre_telling(senter, dato=dato, verdier={"besok": 10 + i, "maltider": 5}, kan_rette=True)
        return forste

    def test_the_table_has_every_day_totals_and_the_average_per_opening_day(self, client, veileder, senter):
        forste = _idag().replace(day=1)
        with i_senter(senter):
            services.lagre_telling(senter, dato=forste, verdier={"besok": 30, "maltider": 20}, kan_rette=True)
            if _idag() > forste:
                services.lagre_telling(senter, dato=forste + timedelta(days=1), verdier={"besok": 11}, kan_rette=True)
        client.force_login(veileder)
        response = client.get(reverse("oppfolging:telling_maaned", args=[forste.year, forste.month]))
        side = response.content.decode()
        assert "<caption" in side and 'scope="col"' in side and 'scope="row"' in side
        assert side.count("<tr>") == 1 + len(response.context["rader"]) + 2
        if _idag() > forste:
            assert response.context["summer"][:2] == [41, 20] and response.context["snitt"][:2] == [20.5, 10.0]
            assert "20,5" in side  # nb decimals
        else:
            assert response.context["summer"][:2] == [30, 20]
        assert "Rett" not in side  # a veileder corrects nothing

    def test_previous_and_next_links_stop_at_this_month(self, client, veileder):
        client.force_login(veileder)
        idag = _idag()
        side = client.get(reverse("oppfolging:telling_maaned", args=[idag.year, idag.month])).context
        assert side["neste"] is None and side["forrige"] < idag.replace(day=1)
        forrige = side["forrige"]
        assert client.get(reverse("oppfolging:telling_maaned", args=[forrige.year, forrige.month])).context[
            "neste"
        ] == idag.replace(day=1)
        assert client.get(reverse("oppfolging:telling_maaned", args=[2000, 1])).context["forrige"] is None

    @pytest.mark.parametrize("aar, maaned", [(9999, 1), (1999, 12), (2020, 13), (2020, 0)])
    def test_a_month_outside_the_tally_is_404_not_500(self, client, veileder, aar, maaned):
        client.force_login(veileder)
        assert client.get(f"/telling/{aar}/{maaned}/").status_code == 404

    def test_the_month_runs_the_same_queries_for_2_and_20_days(self, client, veileder, senter):
        client.force_login(veileder)
        idag = _idag()
        url = reverse("oppfolging:telling_maaned", args=[idag.year, idag.month])
        self._fyll(senter, 2)
        with CaptureQueriesContext(connection) as to:
            client.get(url)
        self._fyll(senter, 20)
        with CaptureQueriesContext(connection) as tjue:
            client.get(url)
        assert len(to) == len(tjue)


@pytest.mark.django_db
class TestRett:
    def test_a_leder_corrects_an_earlier_day_and_the_history_shows_it(self, client, leder, senter):
        i_gar = _idag() - timedelta(days=1)
        with i_senter(senter):
            services.lagre_telling(senter, dato=i_gar, verdier={"besok": 12}, kan_rette=True)
        client.force_login(leder)
        url = reverse("oppfolging:telling_rett")
        form = client.get(url, {"dato": str(i_gar)}).context["form"]
        assert form["besok"].value() == 12
        data = {navn: form[navn].value() for navn in form.fields if navn != FELT}
        response = client.post(url, {**data, "dato": str(i_gar), "besok": "14"})
        assert response.status_code == 302
        assert response.url == reverse("oppfolging:telling_maaned", args=[i_gar.year, i_gar.month])
        assert _tall(senter, i_gar) == {"besok": 14}
        side = client.get(url, {"dato": str(i_gar)}).content.decode()
        assert "Besøk satt til 14 av Lise Leder" in side and "Besøk satt til 12" in side
        maaned = client.get(response.url).content.decode()
        assert f"?dato={i_gar:%Y-%m-%d}" in maaned  # the month's Rett links

    def test_only_a_leder_corrects(self, client, veileder, senter):
        client.force_login(veileder)
        assert client.get(reverse("oppfolging:telling_rett")).status_code == 403
        i_gar = _idag() - timedelta(days=1)
        assert client.post(reverse("oppfolging:telling_rett"), {"dato": str(i_gar), "besok": "9"}).status_code == 403
        assert _tall(senter, i_gar) == {}

    @pytest.mark.parametrize(
        "dato, feil",
        [("9999-01-01", "fram i tid"), ("1999-12-31", "år 2000"), ("i går", "dd.mm.åååå"), ("2026-02-30", "dd.mm")],
    )
    def test_a_hostile_date_is_a_field_error(self, client, leder, senter, dato, feil):
        client.force_login(leder)
        url = reverse("oppfolging:telling_rett")
        response = client.get(url, {"dato": dato})
        assert response.status_code == 200 and response.context["form"] is None
        assert feil in " ".join(response.context["valg"].errors["dato"])
        response = client.post(url, {"dato": dato, "besok": "3", "maltider": "0", "nye_ansikter": "0", "samtaler": "0"})
        assert response.status_code == 200 and feil in " ".join(response.context["valg"].errors["dato"])
        with scopes_disabled():
            assert not Telling.objects.exists()

    def test_a_veileder_cannot_change_an_earlier_day_through_todays_form(self, senter):
        with i_senter(senter), pytest.raises(Exception, match="Bare en leder"):
            services.lagre_telling(senter, dato=date(2024, 5, 1), verdier={"besok": 3}, kan_rette=False)


@pytest.mark.django_db
class TestHvemTeller:
    @pytest.mark.parametrize("rolle", ["veileder", "sosionom", "leder", "tidgiverkoordinator"])
    def test_everyone_in_the_cafe_counts_and_sees_the_menu_link(self, client, senter, rolle):
        client.force_login(ansatt(senter, rolle))
        assert client.get(URL).status_code == 200
        assert _pluss(client).status_code == 302
        assert f'href="{URL}"' in client.get(reverse("oppfolging:min_oversikt")).content.decode()
        assert _tall(senter) == {"besok": 1}

    def test_another_centres_staff_count_at_their_own_centre_only(self, client, senter, leder_annet_senter):
        client.force_login(leder_annet_senter)
        _pluss(client)
        assert _tall(senter) == {}
