"""The register: everyone followed up at the user's centres, with search as you type, filters and pages."""

import html
import re
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from deltakere.forms import SORTERINGER
from deltakere.models import Bosituasjon, Deltaker, Henvisningskilde, Inntekt, Medlemskap, Rolle, Samtykke, Status
from tests.conftest import ALLE_ROLLER
from tests.factories import BrukerFactory, DeltakerFactory, MedlemskapFactory, ansatt, lagre

URL = "/deltakere/"
FULL = [Rolle.VEILEDER, Rolle.SOSIONOM, Rolle.LEDER]


def _hent(client, q=None, **params):
    """The register as the user sees it after searching for `q` (a POST: the typed text goes to the session)."""
    if q is not None:
        assert client.post(reverse("deltakere:register"), {"q": q}).status_code == 302
    response = client.get(reverse("deltakere:register"), params)
    assert response.status_code == 200
    return response.content.decode()


def _lag_mange(senter, antall, **felter):
    """Many people fast: only the fields a row needs."""
    Deltaker.objects.with_scopes_disabled().bulk_create(
        Deltaker(
            senter=senter,
            fornavn="Masse",
            etternavn=f"Testesen{n:04d}",
            fodselsaar=1980 + n % 30,
            bosituasjon_ved_start=Bosituasjon.EGEN_BOLIG,
            inntekt_ved_start=Inntekt.AAP,
            bosituasjon=Bosituasjon.EGEN_BOLIG,
            inntekt=Inntekt.AAP,
            henvisning_kilde=Henvisningskilde.NAV,
            henvisning_dato=date(2025, 1, 1),
            **felter,
        )
        for n in range(antall)
    )


@pytest.mark.django_db
class TestTilgang:
    def test_the_url_is_the_register(self):
        assert reverse("deltakere:register") == URL

    @pytest.mark.parametrize("rolle", ALLE_ROLLER)
    def test_every_role_of_the_centre_may_open_the_list(self, client, senter, rolle):
        client.force_login(ansatt(senter, rolle))
        assert client.get(URL).status_code == 200

    @pytest.mark.parametrize("rolle", ALLE_ROLLER)
    def test_people_of_another_centre_are_never_in_the_list(self, client, senter, annet_senter, rolle):
        DeltakerFactory(
            senter=senter, fornavn="Hemmelig", etternavn="Skjultesen", samtykker=[Samtykke.Type.DELE_MED_TIDGIVER]
        )
        DeltakerFactory(senter=annet_senter, fornavn="Synlig", samtykker=[Samtykke.Type.DELE_MED_TIDGIVER])
        client.force_login(ansatt(annet_senter, rolle))
        for params in ({}, {"q": "Hemmelig"}, {"senter": senter.pk}, {"status": "aktiv"}):
            body = _hent(client, **params)
            assert "Skjultesen" not in body, params
        assert "Synlig" in _hent(client, q="")

    def test_anonymous_users_are_sent_to_sign_in(self, client, db):
        response = client.get(URL)
        assert response.status_code == 302
        assert response.url.startswith(reverse("deltakere:logg_inn"))

    def test_a_user_with_no_centre_gets_404(self, client, db):
        client.force_login(BrukerFactory())
        assert client.get(URL).status_code == 404

    def test_someone_who_has_left_the_centre_gets_404(self, client, senter, veileder):
        DeltakerFactory(senter=senter)
        lagre(Medlemskap.objects.with_scopes_disabled().filter(bruker=veileder), sluttet=date(2025, 1, 1))
        client.force_login(veileder)
        assert client.get(URL).status_code == 404

    def test_it_answers_get_and_the_search_post_only(self, client, veileder):
        client.force_login(veileder)
        assert client.put(URL).status_code == client.delete(URL).status_code == 405


@pytest.mark.django_db
class TestListen:
    def test_it_shows_the_count_and_a_table_with_links_to_each_person(self, client, senter, veileder):
        tiril = DeltakerFactory(senter=senter, fornavn="Tiril", kallenavn="Tulla", fodselsaar=1991)
        client.force_login(veileder)
        body = _hent(client)
        assert "1 deltaker<" in body
        assert "Tiril «Tulla» " + tiril.etternavn in body
        assert f'href="{reverse("deltakere:sak", args=[tiril.pk])}"' in body
        assert "<caption" in body and 'scope="col"' in body
        assert ">1991<" in body
        assert "<h1" in body and "Deltakere" in body

        DeltakerFactory(senter=senter)
        assert "2 deltakere<" in _hent(client)

    def test_it_shows_status_and_primaerkontakt_to_full_roles(self, client, senter, veileder):
        DeltakerFactory(senter=senter, status=Status.PAUSE, primaerkontakt=veileder)
        client.force_login(veileder)
        body = _hent(client)
        assert ">Status</th>" in body and ">Primærkontakt</th>" in body
        assert ">Pause</span></td>" in body and "<td>Vegard Veileder</td>" in body

    def test_the_centre_column_shows_only_to_users_of_several_centres(self, client, senter, annet_senter, veileder):
        DeltakerFactory(senter=senter)
        client.force_login(veileder)
        assert ">Senter</th>" not in _hent(client)
        MedlemskapFactory(bruker=veileder, senter=annet_senter, rolle=Rolle.SOSIONOM)
        DeltakerFactory(senter=annet_senter)
        body = _hent(client)
        assert ">Senter</th>" in body and annet_senter.navn in body and "2 deltakere" in body

    def test_it_says_so_when_nobody_matches(self, client, senter, veileder):
        client.force_login(veileder)
        assert "Ingen deltakere er registrert ennå" in _hent(client)
        assert "Ingen deltakere passer søket" in _hent(client, q="Finnesikke")

    @pytest.mark.parametrize("rolle", FULL)
    def test_full_roles_get_the_button_to_register_a_new_person(self, client, senter, rolle):
        client.force_login(ansatt(senter, rolle))
        assert reverse("deltakere:ny_deltaker") in _hent(client)

    def test_the_button_follows_the_role_at_the_active_centre(self, client, senter, annet_senter):
        bruker = ansatt(senter, Rolle.TIDGIVERKOORDINATOR)
        MedlemskapFactory(bruker=bruker, senter=annet_senter, rolle=Rolle.VEILEDER)
        client.force_login(bruker)
        client.post(reverse("deltakere:bytt_senter"), {"senter": senter.pk})
        assert reverse("deltakere:ny_deltaker") not in _hent(client)
        client.post(reverse("deltakere:bytt_senter"), {"senter": annet_senter.pk})
        assert reverse("deltakere:ny_deltaker") in _hent(client)

    def test_the_menu_has_deltakere_marked_as_the_current_page(self, client, senter, veileder):
        client.force_login(veileder)
        body = _hent(client)
        assert f'href="{URL}" aria-current="page">Deltakere</a>' in body
        assert f'href="{URL}">Deltakere</a>' in client.get(reverse("oppfolging:min_oversikt")).content.decode()

    def test_the_menu_marks_deltakere_on_the_participant_pages_too(self, client, senter, veileder):
        deltaker = DeltakerFactory(senter=senter)
        client.force_login(veileder)
        for url in (reverse("deltakere:ny_deltaker"), reverse("deltakere:sak", args=[deltaker.pk])):
            assert f'href="{URL}" aria-current="page">Deltakere</a>' in client.get(url).content.decode(), url

    def test_a_user_with_no_centre_has_no_menu_item(self, client, db):
        client.force_login(BrukerFactory())
        assert ">Deltakere</a>" not in client.get(reverse("oppfolging:min_oversikt")).content.decode()


@pytest.mark.django_db
class TestSok:
    @pytest.fixture
    def personer(self, senter):
        return {
            "tiril": DeltakerFactory(senter=senter, fornavn="Tiril", etternavn="Testesen", kallenavn="Tutta"),
            "sander": DeltakerFactory(senter=senter, fornavn="Sander", etternavn="Prøvlie", kallenavn="Sandy"),
            "maja": DeltakerFactory(senter=senter, fornavn="Maja", etternavn="Testesen"),
        }

    def test_it_finds_a_person_by_kallenavn(self, client, veileder, personer):
        client.force_login(veileder)
        body = _hent(client, q="Sandy")
        assert "Prøvlie" in body and "Tiril" not in body and "1 deltaker<" in body

    def test_it_finds_by_part_of_a_first_name_whatever_the_case(self, client, veileder, personer):
        client.force_login(veileder)
        for q in ("tir", "TIRI", "iri"):
            body = _hent(client, q=q)
            assert "Tiril" in body and "Sander" not in body and "Maja" not in body, q

    def test_every_word_must_match(self, client, veileder, personer):
        client.force_login(veileder)
        body = _hent(client, q="tiril test")
        assert "Tiril" in body and "Maja" not in body and "1 deltaker<" in body
        assert "2 deltakere" in _hent(client, q="  testesen  ")

    def test_the_search_keeps_what_was_typed(self, client, veileder, personer):
        client.force_login(veileder)
        assert 'value="tiril test"' in _hent(client, q="tiril test")

    def test_a_search_too_long_shows_an_error_and_lists_everyone(self, client, veileder, personer):
        client.force_login(veileder)
        body = _hent(client, q="x" * 101)
        assert "is-invalid" in body and "3 deltakere" in body

    def test_the_form_works_without_javascript(self, client, veileder):
        client.force_login(veileder)
        body = _hent(client)
        assert 'method="post"' in body and f'action="{URL}"' in body
        assert '<button type="submit" class="btn btn-primary">Søk</button>' in body

    def test_the_typed_name_stays_out_of_every_url(self, client, veileder, personer):
        client.force_login(veileder)
        response = client.post(URL, {"q": "Tiril", "status": "aktiv", "sorter": "-navn"})
        assert response.status_code == 302
        assert response.url == f"{URL}?status=aktiv&sorter=-navn#treff-tittel"
        body = client.get(response.url).content.decode()
        assert "Tiril" in body and "Sander" not in body and 'value="Tiril"' in body
        adresser = re.findall(r'(?:href|action|data-hx-post)="([^"]*)"', body)
        assert adresser and not [a for a in adresser if "tiril" in a.lower()]

    def test_the_page_links_keep_the_typed_name_out_too(self, client, senter, veileder):
        _lag_mange(senter, 30)
        client.force_login(veileder)
        client.post(URL, {"q": "Masse"})
        body = _hent(client, sorter="-navn")
        lenker = [_lenke(body, "Neste side"), _lenke(body, "Siste side")]
        body = client.get(lenker[0]).content.decode()
        lenker += [_lenke(body, "Forrige side"), _lenke(body, "Første side")]
        assert all(lenker) and not [lenke for lenke in lenker if "masse" in lenke.lower() or "q=" in lenke]

    def test_coming_back_to_the_register_shows_the_same_search(self, client, veileder, personer):
        client.force_login(veileder)
        client.post(URL, {"q": "Sandy"})
        client.get(reverse("deltakere:sak", args=[personer["sander"].pk]))
        body = _hent(client)
        assert "Prøvlie" in body and "Tiril" not in body

    def test_an_old_link_with_the_name_in_it_is_moved_to_the_session(self, client, veileder, personer):
        client.force_login(veileder)
        response = client.get(URL, {"q": "Sandy", "status": "aktiv"})
        assert response.status_code == 302 and response.url == f"{URL}?status=aktiv"
        assert "Prøvlie" in client.get(response.url).content.decode()

    def test_the_search_field_searches_as_you_type(self, client, veileder):
        client.force_login(veileder)
        body = _hent(client)
        assert f'data-hx-post="{URL}"' in body
        assert 'data-hx-trigger="input changed delay:250ms, search"' in body
        assert 'data-hx-target="#treff"' in body
        assert "hx-push-url" not in body  # a typed name must not land in the address bar or history
        assert 'data-hx-include="#registerfilter"' in body and 'id="registerfilter"' in body
        assert '<div id="treff">' in body  # the results are not a live region: only the count is read out
        assert 'data-hx-history="false"' in body  # no names in the browser's history cache

    def test_an_htmx_request_gets_only_the_results(self, client, veileder, personer):
        client.force_login(veileder)
        response = client.post(URL, {"q": "tiril", "status": "aktiv"}, headers={"HX-Request": "true"})
        assert response["HX-Replace-Url"] == f"{URL}?status=aktiv"  # the filters, never the name
        body = response.content.decode()
        assert response.status_code == 200
        assert "Tiril" in body and "Sander" not in body and "1 deltaker<" in body
        assert "<html" not in body and "<h1" not in body and 'id="registerfilter"' not in body
        assert "HX-Request" in response["Vary"]

    def test_the_whole_page_has_vary_too(self, client, veileder):
        client.force_login(veileder)
        assert "HX-Request" in client.get(URL)["Vary"]

    def test_htmx_restoring_history_gets_the_whole_page(self, client, veileder, personer):
        client.force_login(veileder)
        client.post(URL, {"q": "tiril"})
        response = client.get(URL, headers={"HX-Request": "true", "HX-History-Restore-Request": "true"})
        body = response.content.decode()
        assert "<html" in body and 'id="registerfilter"' in body and "Tiril" in body


@pytest.mark.django_db
class TestSiden:
    """How the page is laid out: search first, filters folded away, the count read out, status as tags."""

    def test_the_search_field_is_the_first_control_of_the_main_content(self, client, senter, veileder):
        client.force_login(veileder)
        body = _hent(client)
        main = body[body.index('<main id="hovedinnhold"') :]
        assert main.index("<h1>Deltakere</h1>") < main.index('id="id_q"')
        forste_kontroll = re.search(r"<(input|select|button|textarea)(?![^>]*type=\"hidden\")|<a ", main)
        assert 'id="id_q"' in main[forste_kontroll.start() : forste_kontroll.start() + 200]
        assert "autofocus" not in body
        assert "data-fokus-ved-apning" in body and '<script src="/static/js/register.js" defer></script>' in body

    def test_the_filters_are_folded_into_a_disclosure_that_applies_live(self, client, senter, veileder):
        client.force_login(veileder)
        body = _hent(client)
        filtre = body[body.index('<details class="mv-filtre"') : body.index("</details>")]
        assert "<summary>Filtrer</summary>" in filtre and " open" not in filtre.split(">")[0]
        assert 'name="status"' in filtre and 'name="primaerkontakt"' in filtre and 'name="sorter"' in filtre
        assert 'data-hx-trigger="change"' in filtre and 'data-hx-include="#registerfilter"' in filtre
        assert '<button type="submit" class="btn btn-outline-primary">Bruk filtre og sortering</button>' in filtre
        assert " hx-" not in body  # htmx attributes are data-hx-*: the HTML checker knows no hx-*

    def test_chosen_filters_open_the_disclosure_and_are_counted(self, client, senter, veileder):
        client.force_login(veileder)
        body = _hent(client, status="aktiv", sorter="-navn")
        assert '<details class="mv-filtre" open' in body and "<summary>Filtrer (1 valgt)</summary>" in body

    def test_the_filter_button_without_javascript_keeps_the_filters_in_the_url(self, client, senter, veileder):
        DeltakerFactory(senter=senter, fornavn="Pauseperson", status=Status.PAUSE)
        client.force_login(veileder)
        response = client.post(URL, {"q": "", "status": "pause", "sorter": "-endret"})
        assert response.url == f"{URL}?status=pause&sorter=-endret#treff-tittel"
        assert "Pauseperson" in client.get(response.url).content.decode()

    def test_the_results_heading_takes_focus_after_a_search_without_javascript(self, client, veileder):
        client.force_login(veileder)
        assert client.post(URL, {"q": "Tiril"}).url.endswith("#treff-tittel")
        assert '<h2 class="h5" id="treff-tittel" tabindex="-1">0 deltakere</h2>' in _hent(client)

    def test_only_the_count_is_read_out_after_search_as_you_type(self, client, senter, veileder):
        DeltakerFactory.create_batch(2, senter=senter, fornavn="Tiril")
        client.force_login(veileder)
        body = _hent(client)
        assert (
            '<p id="treff-status" class="visually-hidden" role="status" aria-live="polite" aria-atomic="true"></p>'
            in body
        )
        assert '<div id="treff">' in body
        svar = client.post(URL, {"q": "tiril"}, headers={"HX-Request": "true"}).content.decode()
        assert '<p id="treff-status" data-hx-swap-oob="innerHTML">2 deltakere funnet</p>' in svar

    def test_status_is_a_tag_with_its_name(self, client, senter, veileder):
        for status in Status:
            DeltakerFactory(senter=senter, status=status)
        client.force_login(veileder)
        body = _hent(client)
        for status in Status:
            assert f'<span class="badge mv-status mv-status-{status.value}">{status.label}</span>' in body


@pytest.mark.django_db
class TestFiltreOgSortering:
    def test_it_filters_by_status(self, client, senter, veileder):
        DeltakerFactory(senter=senter, fornavn="Aktive", status=Status.AKTIV)
        DeltakerFactory(senter=senter, fornavn="Pauseperson", status=Status.PAUSE)
        client.force_login(veileder)
        body = _hent(client, status="pause")
        assert "Pauseperson" in body and "Aktive" not in body

    def test_it_filters_by_primaerkontakt(self, client, senter, veileder, leder):
        DeltakerFactory(senter=senter, fornavn="Vegardsen", primaerkontakt=veileder)
        DeltakerFactory(senter=senter, fornavn="Lisesen", primaerkontakt=leder)
        client.force_login(veileder)
        body = _hent(client, primaerkontakt=leder.pk)
        assert "Lisesen" in body and "Vegardsen" not in body

    def test_it_filters_by_centre_for_users_of_several(self, client, senter, annet_senter, veileder):
        MedlemskapFactory(bruker=veileder, senter=annet_senter, rolle=Rolle.VEILEDER)
        DeltakerFactory(senter=senter, fornavn="Hjemme")
        DeltakerFactory(senter=annet_senter, fornavn="Borte")
        client.force_login(veileder)
        body = _hent(client, senter=annet_senter.pk)
        assert "Borte" in body and "Hjemme" not in body

    @pytest.mark.parametrize(
        "params",
        [{"status": "foo"}, {"primaerkontakt": "999999"}, {"primaerkontakt": "abc"}, {"sorter": "passord"}],
    )
    def test_invalid_filters_show_a_field_error_and_filter_nothing(self, client, senter, veileder, params):
        DeltakerFactory(senter=senter, status=Status.AKTIV)
        DeltakerFactory(senter=senter, status=Status.PAUSE)
        client.force_login(veileder)
        body = _hent(client, **params)
        assert "is-invalid" in body and "feil i skjemaet" in body
        assert "2 deltakere" in body

    def test_a_centre_of_someone_else_is_an_invalid_filter(self, client, senter, annet_senter, veileder):
        MedlemskapFactory(bruker=veileder)  # a second centre, so the centre filter is there
        DeltakerFactory(senter=senter)
        client.force_login(veileder)
        body = _hent(client, senter=annet_senter.pk)
        assert "is-invalid" in body and "1 deltaker<" in body

    def test_it_sorts_by_name_and_by_birth_year(self, client, senter, veileder):
        DeltakerFactory(senter=senter, fornavn="Eldre", etternavn="Bakken", fodselsaar=1960)
        DeltakerFactory(senter=senter, fornavn="Yngre", etternavn="Aasen", fodselsaar=2000)
        client.force_login(veileder)
        body = _hent(client)
        assert body.index("Aasen") < body.index("Bakken")
        body = _hent(client, sorter="-navn")
        assert body.index("Bakken") < body.index("Aasen")
        body = _hent(client, sorter="fodselsaar")
        assert body.index("Bakken") < body.index("Aasen")
        body = _hent(client, sorter="-fodselsaar")
        assert body.index("Aasen") < body.index("Bakken")


def _lenke(body, tekst):
    """The href of the page link `tekst` ("Neste side"), unescaped; None when there is none."""
    funnet = re.search(rf'<a class="page-link" href="([^"]*)"[^>]*>{tekst}</a>', body)
    return html.unescape(funnet.group(1)) if funnet else None


def _navn_pa_siden(body):
    return re.findall(r"Masse (Testesen\d{4})</a>", body)


@pytest.mark.django_db
class TestSider:
    def test_it_shows_25_a_page_and_the_links_keep_the_filters(self, client, senter, veileder):
        _lag_mange(senter, 30)
        client.force_login(veileder)
        body = _hent(client, q="masse", sorter="navn")
        assert "30 deltakere" in body and body.count("Masse Testesen") == 25 and "Testesen0025" not in body
        neste = _lenke(body, "Neste side")
        assert (
            neste.startswith(f"{URL}?sorter=navn&etter=")
            and _lenke(body, "Siste side") == f"{URL}?sorter=navn&side=siste"
        )
        assert _lenke(body, "Forrige side") is None and _lenke(body, "Første side") is None
        body = client.get(neste).content.decode()
        assert "Testesen0025" in body and "Testesen0024" not in body and body.count("Masse Testesen") == 5
        assert _lenke(body, "Neste side") is None and _lenke(body, "Siste side") is None
        assert _lenke(body, "Første side") == f"{URL}?sorter=navn"
        assert "masse" not in neste.lower() and "testesen" not in neste.lower()  # an id, never a name

    @pytest.mark.parametrize("sorter", ["navn", "-navn", "fodselsaar", "-fodselsaar", "status", "-endret"])
    def test_next_and_previous_walk_the_whole_list_in_order(self, client, senter, veileder, sorter):
        _lag_mange(senter, 60)
        for deltaker in Deltaker.objects.with_scopes_disabled().filter(etternavn__in=["Testesen0007", "Testesen0031"]):
            lagre([deltaker], status=Status.PAUSE)  # a few ties and changes to order by
        client.force_login(veileder)
        body = _hent(client, sorter=sorter)
        sider = [_navn_pa_siden(body)]
        while lenke := _lenke(body, "Neste side"):
            body = client.get(lenke).content.decode()
            sider.append(_navn_pa_siden(body))
        assert [len(side) for side in sider] == [25, 25, 10]
        orden = (
            Deltaker.objects.with_scopes_disabled().order_by(*SORTERINGER[sorter]).values_list("etternavn", flat=True)
        )
        assert [navn for side in sider for navn in side] == list(orden)
        assert _lenke(body, "Forrige side")
        body = client.get(_lenke(body, "Forrige side")).content.decode()
        assert _navn_pa_siden(body) == sider[1]
        body = client.get(_lenke(body, "Forrige side")).content.decode()
        assert _navn_pa_siden(body) == sider[0] and _lenke(body, "Forrige side") is None

    def test_the_last_page_shows_the_last_25_and_leads_back(self, client, senter, veileder):
        _lag_mange(senter, 60)
        client.force_login(veileder)
        body = _hent(client, side="siste")
        assert _navn_pa_siden(body) == [f"Testesen{n:04d}" for n in range(35, 60)]
        assert _lenke(body, "Neste side") is None and _lenke(body, "Siste side") is None
        body = client.get(_lenke(body, "Forrige side")).content.decode()
        assert _navn_pa_siden(body) == [f"Testesen{n:04d}" for n in range(10, 35)]
        body = client.get(_lenke(body, "Forrige side")).content.decode()
        # Fewer than a page before it: the first page, whole.
        assert _navn_pa_siden(body) == [f"Testesen{n:04d}" for n in range(25)]

    @pytest.mark.parametrize(
        "params", [{"etter": "0"}, {"etter": "-3"}, {"etter": "abc"}, {"foer": "2.5"}, {"side": "2"},
                   {"side": "999999"}, {"etter": "9" * 5000}, {"foer": ""}]
    )  # fmt: skip
    def test_an_invalid_or_old_page_gives_the_first_page(self, client, senter, veileder, params):
        _lag_mange(senter, 30)
        client.force_login(veileder)
        body = _hent(client, **params)
        assert _navn_pa_siden(body)[0] == "Testesen0000" and _lenke(body, "Neste side")

    def test_a_person_of_another_centre_is_no_anchor(self, client, senter, annet_senter, veileder):
        _lag_mange(senter, 30)
        fremmed = DeltakerFactory(senter=annet_senter, etternavn="Testesen0020")
        client.force_login(veileder)
        body = _hent(client, etter=fremmed.pk)
        assert _navn_pa_siden(body)[0] == "Testesen0000"

    def test_a_person_the_koordinator_may_not_see_is_no_anchor(self, client, senter):
        koordinator = ansatt(senter, Rolle.TIDGIVERKOORDINATOR)
        _lag_mange(senter, 30)
        deler = DeltakerFactory(senter=senter, fornavn="Deler", etternavn="Aaberg",
                                samtykker=[Samtykke.Type.DELE_MED_TIDGIVER])  # fmt: skip
        privat = DeltakerFactory(senter=senter, fornavn="Privat", etternavn="Zahl")
        client.force_login(koordinator)
        assert "Deler" in _hent(client, etter=privat.pk)  # not "after Zahl": the first page
        assert "Deler" not in _hent(client, etter=deler.pk)

    def test_the_count_stops_at_the_limit(self, client, senter, veileder, monkeypatch):
        from deltakere.views import register

        monkeypatch.setattr(register, "TELLEGRENSE", 20)
        monkeypatch.setattr(register, "TELLEGRENSE_SOK", 5)
        _lag_mange(senter, 30)
        client.force_login(veileder)
        assert "Over 20 deltakere" in _hent(client)
        assert "Over 5 deltakere" in _hent(client, q="Testesen001")  # a search counts less far
        body = _hent(client, q="Testesen0029")
        assert "1 deltaker<" in body and "Over" not in body

    def test_the_number_of_queries_does_not_grow_with_the_list(self, client, senter, veileder, leder):
        MedlemskapFactory(bruker=veileder)  # a second centre: the centre column and filter too
        DeltakerFactory.create_batch(10, senter=senter, primaerkontakt=leder)
        client.force_login(veileder)

        def antall_sporringer(**params):
            with CaptureQueriesContext(connection) as sporringer:
                _hent(client, sorter="-endret", **params)
            return len(sporringer)

        _hent(client)  # first request of the session
        med_10 = antall_sporringer()
        _lag_mange(senter, 95, primaerkontakt=leder)
        _lag_mange(senter, 95, primaerkontakt=veileder)
        assert "200 deltakere" in _hent(client)
        assert antall_sporringer() == med_10
        # A page after the first reads its anchor's sort values: one query more, whatever the size.
        anker = Deltaker.objects.with_scopes_disabled().order_by("pk").first().pk
        assert antall_sporringer(etter=anker) == med_10 + 1
        assert antall_sporringer(side="siste") == med_10


@pytest.mark.django_db
class TestTidgiverkoordinator:
    @pytest.fixture
    def koordinator(self, senter):
        return ansatt(senter, Rolle.TIDGIVERKOORDINATOR)

    def test_the_koordinator_sees_only_consenting_people_and_no_status(self, client, senter, koordinator, veileder):
        DeltakerFactory(
            senter=senter,
            fornavn="Deler",
            kallenavn="Delia",
            fodselsaar=1977,
            status=Status.PAUSE,
            primaerkontakt=veileder,
            samtykker=[Samtykke.Type.DELE_MED_TIDGIVER],
        )
        DeltakerFactory(senter=senter, fornavn="Privat", status=Status.PAUSE)
        client.force_login(koordinator)
        body = _hent(client)
        assert "Deler «Delia»" in body and ">1977<" in body and "1 deltaker<" in body
        assert "Privat" not in body
        assert ">Status</th>" not in body and ">Primærkontakt</th>" not in body
        assert ">Pause</span>" not in body and "Vegard Veileder" not in body
        assert 'name="status"' not in body and 'name="primaerkontakt"' not in body
        assert reverse("deltakere:ny_deltaker") not in body

    def test_withdrawn_consent_takes_the_person_off_the_list(self, client, senter, koordinator):
        deltaker = DeltakerFactory(senter=senter, fornavn="Trekker", samtykker=[Samtykke.Type.DELE_MED_TIDGIVER])
        client.force_login(koordinator)
        assert "Trekker" in _hent(client)
        lagre(
            Samtykke.objects.with_scopes_disabled().filter(deltaker=deltaker, type=Samtykke.Type.DELE_MED_TIDGIVER),
            trukket=date.today(),
        )
        assert "Trekker" not in _hent(client)

    def test_status_filters_and_sorting_tell_the_koordinator_nothing(self, client, senter, koordinator):
        DeltakerFactory(senter=senter, fornavn="Deler", samtykker=[Samtykke.Type.DELE_MED_TIDGIVER])
        client.force_login(koordinator)
        assert "Deler" in _hent(client, status="pause")
        assert "Deler" in _hent(client, primaerkontakt=koordinator.pk)
        body = _hent(client, sorter="status")
        assert "Deler" in body and "is-invalid" in body
        assert "Sist endret" not in body

    def test_someone_with_both_roles_sees_status_only_where_they_have_full_access(
        self, client, senter, annet_senter, veileder
    ):
        MedlemskapFactory(bruker=veileder, senter=annet_senter, rolle=Rolle.TIDGIVERKOORDINATOR)
        DeltakerFactory(senter=senter, fornavn="Egen", status=Status.PAUSE)
        DeltakerFactory(
            senter=annet_senter, fornavn="Fremmed", status=Status.PAUSE, samtykker=[Samtykke.Type.DELE_MED_TIDGIVER]
        )
        client.force_login(veileder)
        body = _hent(client)
        assert "Egen" in body and "Fremmed" in body
        assert body.count(">Pause</span>") == 1 and "Vises ikke for din rolle" in body
        # Filtering by status must not reveal the status of people at the koordinator's centre.
        body = _hent(client, status="pause")
        assert "Egen" in body and "Fremmed" not in body

    def test_sorting_by_status_tells_nothing_about_the_koordinators_centre(
        self, client, senter, annet_senter, veileder
    ):
        MedlemskapFactory(bruker=veileder, senter=annet_senter, rolle=Rolle.TIDGIVERKOORDINATOR)
        # By status or by change, Zetlitz would come first; neither may order the koordinator's rows.
        naa = timezone.now()
        for etternavn, status, endret in (
            ("Zetlitz", Status.AKTIV, naa),
            ("Aalesen", Status.AVSLUTTET, naa - timedelta(days=1)),
        ):
            DeltakerFactory(
                senter=annet_senter,
                etternavn=etternavn,
                status=status,
                endret=endret,
                samtykker=[Samtykke.Type.DELE_MED_TIDGIVER],
            )
        client.force_login(veileder)
        for sorter in ("status", "-endret"):
            body = _hent(client, sorter=sorter)
            assert body.index("Aalesen") < body.index("Zetlitz"), sorter

    def test_the_koordinators_link_goes_to_the_participant_page(self, client, senter, koordinator):
        deltaker = DeltakerFactory(senter=senter, samtykker=[Samtykke.Type.DELE_MED_TIDGIVER])
        client.force_login(koordinator)
        assert f'href="{reverse("deltakere:sak", args=[deltaker.pk])}"' in _hent(client)
