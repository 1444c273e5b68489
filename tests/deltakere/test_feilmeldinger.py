"""Errors as GOV.UK and Designsystemet show them: a message per field that says what to do, and a summary at
the top that links to each field in the form's order.

The browser crawl (tests/browser/test_alle_sider.py) sends every form page empty and checks the page it gets;
these tests check the parts that need no browser, for every form, also those the crawl cannot reach."""

from inspect import isclass

import pytest
from django import forms
from django.template.loader import render_to_string

from deltakere import forms as skjemaer

# The register's search and filters have no required field: a search is never wrong.
UNNTATT = {skjemaer.RegisterFilterForm}


def _skjemaer():
    for klasse in vars(skjemaer).values():
        if isclass(klasse) and issubclass(klasse, forms.BaseForm) and klasse.__module__ == skjemaer.__name__:
            if klasse not in UNNTATT:
                yield klasse


@pytest.mark.parametrize("skjema", list(_skjemaer()), ids=lambda klasse: klasse.__name__)
def test_every_required_field_says_what_to_do_when_it_is_empty(skjema):
    generell = str(forms.Field.default_error_messages["required"])
    uten = [
        navn
        for navn, felt in skjema.base_fields.items()
        if felt.required and str(felt.error_messages["required"]) == generell
    ]
    assert not uten, f"{skjema.__name__}: {uten} say only {generell!r}"


def test_the_forms_are_found():
    assert {skjemaer.NyDeltakerForm, skjemaer.StatusForm, skjemaer.EndrePassordForm} <= set(_skjemaer())


def test_the_new_person_form_lists_its_fields_in_the_order_of_the_page(senter):
    from django_scopes import scopes_disabled

    with scopes_disabled():
        felter = list(skjemaer.NyDeltakerForm(senter=senter).fields)
    assert felter.index("bekreft_ny") < felter.index("fornavn") < felter.index("bosituasjon")
    assert felter.index("bosituasjon") < felter.index("henvisning_kilde") < felter.index("primaerkontakt")
    assert felter.index("primaerkontakt") < felter.index("samtykke_form") < felter.index("status")


class _Skjema(forms.Form):
    versjon = forms.IntegerField(widget=forms.HiddenInput, error_messages={"required": "Last siden på nytt."})
    navn = forms.CharField(label="Navn", error_messages={"required": "Skriv inn navnet."})
    valg = forms.ChoiceField(
        label="Valg", choices=[("a", "A"), ("b", "B")], widget=forms.RadioSelect, error_messages={"required": "Velg."}
    )

    def clean(self):
        raise forms.ValidationError("Noe gjelder hele skjemaet.")


class TestFeiloppsummering:
    def _html(self):
        form = _Skjema({})
        form.is_valid()
        return render_to_string("komponenter/feiloppsummering.html", {"form": form})

    def test_the_alert_role_is_on_an_inner_element_as_in_gov_uk_frontend(self):
        html = self._html()
        assert '<div class="mv-feiloppsummering">\n  <div role="alert">' in html

    def test_errors_about_the_whole_form_come_first_then_the_fields_in_order(self):
        html = self._html()
        assert html.index("Noe gjelder hele skjemaet.") < html.index("Skriv inn navnet.") < html.index("Velg.")

    def test_a_group_of_radio_buttons_is_linked_to_its_first_choice(self):
        assert '<a href="#id_valg_0">Valg: Velg.</a>' in self._html()

    def test_an_error_on_a_hidden_field_is_told_but_links_nowhere(self):
        html = self._html()
        assert "<li>Last siden på nytt.</li>" in html
        assert 'href="#id_versjon"' not in html
