"""The report pages: order a report, see it made (a background task), its figures, approve it, download it; who
may; the archive; and that the PDF, CSV and XLSX hold the same figures."""

import hashlib
import io
import re
from datetime import date

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from deltakere.models import Tilgangslogg
from rapporter.models import Rapport
from rapporter.rapport import SEKSJONER
from tests.factories import BrukerFactory, DeltakerFactory

pytestmark = pytest.mark.django_db

Q2 = {"periode": "kvartal", "aar": "2026", "kvartal": "2"}
H = Tilgangslogg.Handling


@pytest.fixture
def data(senter):
    for i in range(6):
        DeltakerFactory(senter=senter, status_fra=date(2026, 4, 1 + i), henvisning_dato=date(2026, 3, 1))
    DeltakerFactory(senter=senter, status_fra=date(2026, 5, 1), henvisning_dato=date(2026, 3, 1), fodselsaar=2004)


@pytest.fixture
def bestill(client, django_capture_on_commit_callbacks):
    """Order a report as the signed-in user; the task runs when the order commits. Returns the response."""

    def bestill(*sentre, **periode):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(reverse("rapporter:rapporter"), {**(periode or Q2), "senter": [s.pk for s in sentre]})

    return bestill


def _rapport():
    with scopes_disabled():
        return Rapport.objects.get()


def _logg(handling):
    with scopes_disabled():
        return list(Tilgangslogg.objects.filter(handling=handling).values_list("bruker_id", "senter_id"))


def test_leder_orders_a_report_sees_it_made_and_logged(client, leder, senter, data, bestill):
    client.force_login(leder)
    svar = bestill(senter)
    rapport = _rapport()
    assert svar.status_code == 302 and svar["Location"] == reverse("rapporter:rapport", args=[rapport.pk])
    assert (rapport.status, rapport.fra, rapport.til, rapport.periodenavn) == (
        "utkast",
        date(2026, 4, 1),
        date(2026, 6, 30),
        "2. kvartal 2026",
    )
    assert rapport.prosent == 100 and rapport.pdf and rapport.sha256 == hashlib.sha256(rapport.pdf).hexdigest()
    html = client.get(svar["Location"]).content.decode()
    assert "I oppfølging i perioden" in html and '<td class="text-end">7</td>' in html
    assert "&lt;5" in html  # one person under 25: hidden
    assert "Utkast, ikke godkjent." in html and "Godkjenn rapporten" in html
    assert _logg(H.LAGE) == [(leder.pk, senter.pk)] and _logg(H.VIS) == [(leder.pk, senter.pk)]


def test_form_errors_keep_what_was_typed(client, leder, senter):
    client.force_login(leder)
    assert client.get(reverse("rapporter:rapporter")).status_code == 200
    data = {"periode": "egen", "fra": "2026-05-01", "til": "2026-04-01", "senter": senter.pk}
    svar = client.post(reverse("rapporter:rapporter"), data)
    assert svar.status_code == 200
    html = svar.content.decode()
    assert "Siste dag må være samme dag som eller etter første dag." in html and 'value="2026-05-01"' in html
    with scopes_disabled():
        assert not Rapport.objects.exists()


def test_other_roles_403_other_centre_404(client, veileder, leder, senter, annet_senter, leder_annet_senter, bestill):
    client.force_login(leder_annet_senter)
    bestill(annet_senter)
    andres = _rapport()
    client.force_login(veileder)
    assert client.get(reverse("rapporter:rapporter")).status_code == 403
    client.force_login(leder)
    assert bestill(annet_senter).status_code == 404
    for navn, args in [("rapport", [andres.pk]), ("fil", [andres.pk, "pdf"])]:
        assert client.get(reverse(f"rapporter:{navn}", args=args)).status_code == 404
    assert client.post(reverse("rapporter:godkjenn", args=[andres.pk])).status_code == 404
    assert "Elvegården" not in client.get(reverse("rapporter:rapporter")).content.decode()  # not in my archive


def test_superuser_reports_on_several_centres_a_summary_and_a_part_each(client, senter, annet_senter, data, bestill):
    client.force_login(BrukerFactory(is_superuser=True))
    bestill(senter, annet_senter)
    rapport = _rapport()
    html = client.get(reverse("rapporter:rapport", args=[rapport.pk])).content.decode()
    assert html.index("Alle valgte sentre") < html.index("Elvegården oppfølgingssenter</h2>")
    assert "Fjordhuset oppfølgingssenter</h2>" in html
    # A page per centre: its key figures from its own protected tables (Fjordhuset has the seven people).
    del_fjordhuset = html[html.index("Fjordhuset oppfølgingssenter</h2>") :]
    assert "Nøkkeltall" in del_fjordhuset and "Livsområder: første mot siste kartlegging" not in del_fjordhuset
    assert '<th scope="row">I oppfølging i perioden</th><td class="text-end">7</td>' in del_fjordhuset
    ider = re.findall(r'\bid="([^"]+)"', html)
    assert [
        i for i in ider if ider.count(i) > 1
    ] == []  # the same table in every part: anchors and chart titles stay unique
    svar = client.get(reverse("rapporter:fil", args=[rapport.pk, "csv"]))
    assert "utkast-rapport-flere-sentre-2026-04-01-2026-06-30.csv" in svar["Content-Disposition"]
    assert rapport.steg_totalt == 3 * len(SEKSJONER) + 1


def test_csv_xlsx_and_pdf_hold_the_same_figures(client, leder, senter, data, bestill):
    from openpyxl import load_workbook
    from pypdf import PdfReader

    client.force_login(leder)
    bestill(senter)
    pk = _rapport().pk
    csv = client.get(reverse("rapporter:fil", args=[pk, "csv"]))
    assert "I oppfølging i perioden;7;0" in csv.content.decode()
    assert (
        'filename="utkast-rapport-fjordhuset-oppfolgingssenter-2026-04-01-2026-06-30.csv"' in csv["Content-Disposition"]
    )
    bok = load_workbook(io.BytesIO(client.get(reverse("rapporter:fil", args=[pk, "xlsx"])).content))
    assert ("I oppfølging i perioden", 7, 0) in list(bok["deltakere"].iter_rows(values_only=True))
    pdf = client.get(reverse("rapporter:fil", args=[pk, "pdf"]))
    assert pdf["Content-Type"] == "application/pdf"
    tekst = " ".join(side.extract_text() for side in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "2. kvartal 2026" in tekst and "I oppfølging i perioden 7" in tekst and "UTKAST" in tekst
    assert len(_logg(H.EKSPORT)) == 3


def test_approved_report_downloads_byte_identical_after_the_data_change(
    client, leder, senter, data, bestill, django_capture_on_commit_callbacks
):
    from pypdf import PdfReader

    client.force_login(leder)
    bestill(senter)
    rapport = _rapport()
    with django_capture_on_commit_callbacks(execute=True):
        svar = client.post(reverse("rapporter:godkjenn", args=[rapport.pk]))
    assert svar.status_code == 302
    rapport.refresh_from_db()
    assert (rapport.status, rapport.godkjent_av) == ("godkjent", leder)
    assert _logg(H.GODKJENNE) == [(leder.pk, senter.pk)]
    url = reverse("rapporter:fil", args=[rapport.pk, "pdf"])
    sendt = client.get(url)
    assert 'filename="rapport-fjordhuset' in sendt["Content-Disposition"]
    tekst = " ".join(side.extract_text() for side in PdfReader(io.BytesIO(sendt.content)).pages)
    assert "Godkjent av Lise Leder" in tekst and "UTKAST" not in tekst
    assert hashlib.sha256(sendt.content).hexdigest() == rapport.sha256

    for i in range(5):  # the data change: five more people in the period
        DeltakerFactory(senter=senter, status_fra=date(2026, 4, 10 + i), henvisning_dato=date(2026, 3, 1))
    assert client.get(url).content == sendt.content
    csv = client.get(reverse("rapporter:fil", args=[rapport.pk, "csv"])).content.decode()
    assert "I oppfølging i perioden;7;0" in csv
    html = client.get(reverse("rapporter:rapport", args=[rapport.pk])).content.decode()
    assert '<td class="text-end">7</td>' in html and "Godkjenn rapporten" not in html

    # Approving again is refused, and says so.
    svar = client.post(reverse("rapporter:godkjenn", args=[rapport.pk]), follow=True)
    assert "den er ikke et utkast" in svar.content.decode()


def test_double_click_orders_one_report(client, leder, senter, bestill):
    client.force_login(leder)
    data = {**Q2, "senter": senter.pk, "engangskode": "6f1c3c1e-0d5a-4e5b-9a59-5c7d3c1b2a10"}
    client.post(reverse("rapporter:rapporter"), data)
    svar = client.post(reverse("rapporter:rapporter"), data)
    assert svar.status_code == 302
    with scopes_disabled():
        assert Rapport.objects.count() == 1


def test_progress_while_the_task_waits(client, leder, senter):
    # Without the on-commit callbacks the task never runs: the order waits, as it does until a worker takes it.
    client.force_login(leder)
    svar = client.post(reverse("rapporter:rapporter"), {**Q2, "senter": senter.pk})
    html = client.get(svar["Location"]).content.decode()
    assert "I kø" in html and 'data-hx-trigger="every 2s"' in html and "<progress" in html
    fragment = client.get(svar["Location"], headers={"HX-Request": "true"}).content.decode()
    assert fragment.lstrip().startswith('<div id="fremdrift"')
    with scopes_disabled():
        Rapport.objects.update(status="utkast")
    ferdig = client.get(svar["Location"], headers={"HX-Request": "true"})
    assert ferdig["HX-Refresh"] == "true"  # the page reloads itself to show the report
    assert client.get(reverse("rapporter:fil", args=[_rapport().pk, "pdf"])).status_code == 302
    assert not _logg(H.VIS)  # no figures shown yet


def test_archive_lists_reports_and_pages_with_bounded_queries(client, leder, senter, bestill):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(leder)

    def antall():
        with CaptureQueriesContext(connection) as q:
            assert client.get(reverse("rapporter:rapporter")).status_code == 200
        return len(q)

    bestill(senter)
    foer = antall()
    for aar in range(2019, 2025):
        bestill(senter, periode="aar", aar=str(aar))
    assert antall() == foer
    html = client.get(reverse("rapporter:rapporter")).content.decode()
    assert html.count("Utkast") >= 7


def test_report_queries_do_not_grow_with_the_data(client, leder, senter, bestill):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(leder)

    def antall():
        with CaptureQueriesContext(connection) as q:
            assert bestill(senter).status_code == 302
        return len(q)

    for i in range(2):
        DeltakerFactory(senter=senter, status_fra=date(2026, 4, 1 + i), henvisning_dato=date(2026, 3, 1))
    foer = antall()
    for i in range(18):
        DeltakerFactory(senter=senter, status_fra=date(2026, 4, 3 + i), henvisning_dato=date(2026, 3, 1))
    assert antall() == foer


def test_year_out_of_bounds_is_told_next_to_the_field(client, leder, senter):
    client.force_login(leder)
    url = reverse("rapporter:rapporter")
    html = client.post(url, {"periode": "aar", "aar": "1999", "senter": senter.pk}).content.decode()
    assert "Året kan ikke være før 2000." in html
    html = client.post(url, {"periode": "aar", "aar": "2999", "senter": senter.pk}).content.decode()
    assert "Året kan ikke være etter i år." in html
    html = client.post(url, {"periode": "aar", "aar": "", "senter": senter.pk}).content.decode()
    assert "Skriv inn året." in html


def test_chosen_dates_need_no_year(client, leder, senter, bestill):
    client.force_login(leder)
    assert bestill(senter, periode="egen", aar="", fra="2026-02-01", til="2026-02-28").status_code == 302
    assert _rapport().periodenavn == "01.02.2026–28.02.2026"
