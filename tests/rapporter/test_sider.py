"""The report pages: who may, the preview, and the PDF, CSV and XLSX holding the same figures."""

import io
from datetime import date

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from rapporter.models import Rapportlogg
from tests.factories import BrukerFactory, DeltakerFactory

pytestmark = pytest.mark.django_db

Q2 = "periode=kvartal&aar=2026&kvartal=2"


@pytest.fixture
def data(senter):
    for i in range(6):
        DeltakerFactory(senter=senter, status_fra=date(2026, 4, 1 + i), henvisning_dato=date(2026, 3, 1))
    DeltakerFactory(senter=senter, status_fra=date(2026, 5, 1), henvisning_dato=date(2026, 3, 1), fodselsaar=2004)


def url(senter, fil=None):
    base = reverse("rapporter:fil", args=[fil]) if fil else reverse("rapporter:rapport")
    return f"{base}?{Q2}&senter={senter.pk}"


def test_leder_sees_the_preview_and_it_is_logged(client, leder, senter, data):
    client.force_login(leder)
    svar = client.get(url(senter))
    assert svar.status_code == 200
    html = svar.content.decode()
    assert "I oppfølging i perioden" in html and '<td class="text-end">7</td>' in html
    assert "&lt;5" in html  # one person under 25: hidden
    with scopes_disabled():
        logg = Rapportlogg.objects.get()
        assert (logg.bruker, logg.format, logg.fra, list(logg.sentre.all())) == (
            leder,
            "html",
            date(2026, 4, 1),
            [senter],
        )


def test_form_alone_and_bad_dates(client, leder, senter):
    client.force_login(leder)
    assert client.get(reverse("rapporter:rapport")).status_code == 200
    svar = client.get(f"{reverse('rapporter:rapport')}?periode=egen&fra=2026-05-01&til=2026-04-01&senter={senter.pk}")
    assert svar.status_code == 200
    assert "Siste dag må være samme dag som eller etter første dag." in svar.content.decode()
    assert 'value="2026-05-01"' in svar.content.decode()


def test_other_roles_403_other_centre_404(client, veileder, leder, senter, annet_senter):
    client.force_login(veileder)
    assert client.get(url(senter)).status_code == 403
    client.force_login(leder)
    assert client.get(url(annet_senter)).status_code == 404
    assert client.get(url(annet_senter, "csv")).status_code == 404


def test_superuser_may_report_on_several_centres(client, senter, annet_senter, data):
    client.force_login(BrukerFactory(is_superuser=True))
    svar = client.get(f"{reverse('rapporter:fil', args=['csv'])}?{Q2}&senter={senter.pk}&senter={annet_senter.pk}")
    assert svar.status_code == 200
    assert "rapport-nasjonal-2026-04-01-2026-06-30.csv" in svar["Content-Disposition"]


def test_csv_xlsx_and_pdf_hold_the_same_figures(client, leder, senter, data):
    from openpyxl import load_workbook
    from pypdf import PdfReader

    client.force_login(leder)
    csv = client.get(url(senter, "csv"))
    assert "I oppfølging i perioden;7;0" in csv.content.decode()
    assert 'filename="rapport-fjordhuset-oppfolgingssenter-2026-04-01-2026-06-30.csv"' in csv["Content-Disposition"]
    bok = load_workbook(io.BytesIO(client.get(url(senter, "xlsx")).content))
    rader = list(bok["deltakere"].iter_rows(values_only=True))
    assert ("I oppfølging i perioden", 7, 0) in rader
    pdf = client.get(url(senter, "pdf"))
    assert pdf["Content-Type"] == "application/pdf"
    tekst = " ".join(side.extract_text() for side in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "2. kvartal 2026" in tekst and "I oppfølging i perioden 7" in tekst


def test_preview_draws_greyscale_bar_charts(client, leder, senter, data):
    client.force_login(leder)
    html = client.get(url(senter)).content.decode()
    assert 'role="img"' in html and "Deltakere etter alder: søylediagram" in html
    assert ">&lt;5</text>" in html  # the hidden cell has no bar, only its text


def test_page_queries_do_not_grow_with_the_data(client, leder, senter):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(leder)

    def antall():
        with CaptureQueriesContext(connection) as q:
            assert client.get(url(senter)).status_code == 200
        return len(q)

    for i in range(2):
        DeltakerFactory(senter=senter, status_fra=date(2026, 4, 1 + i), henvisning_dato=date(2026, 3, 1))
    foer = antall()
    for i in range(18):
        DeltakerFactory(senter=senter, status_fra=date(2026, 4, 3 + i), henvisning_dato=date(2026, 3, 1))
    assert antall() == foer


def test_year_out_of_bounds_is_told_next_to_the_field(client, leder, senter):
    client.force_login(leder)
    html = client.get(f"{reverse('rapporter:rapport')}?periode=aar&aar=1999&senter={senter.pk}").content.decode()
    assert "Året kan ikke være før 2000." in html
    html = client.get(f"{reverse('rapporter:rapport')}?periode=aar&aar=2999&senter={senter.pk}").content.decode()
    assert "Året kan ikke være etter i år." in html


def test_chosen_dates_need_no_year(client, leder, senter):
    client.force_login(leder)
    svar = client.get(
        f"{reverse('rapporter:rapport')}?periode=egen&aar=&fra=2026-02-01&til=2026-02-28&senter={senter.pk}"
    )
    assert "I oppfølging i perioden" in svar.content.decode()
    svar = client.get(f"{reverse('rapporter:rapport')}?periode=aar&aar=&senter={senter.pk}")
    assert "Skriv inn året." in svar.content.decode()
