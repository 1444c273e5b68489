"""Tidgivere for tests (fictional people), made as the pages make them or, for a given state, directly."""

from datetime import date, timedelta

import factory
from django_scopes import scopes_disabled

from tests.factories import Fabrikk, SenterFactory
from tidgivere.models import Samling, Status, Tidgiver, Tidgiverstatus

IDAG = date.today()


class TidgiverFactory(Fabrikk):
    """A tidgiver through the gate by default: valid politiattest, signed taushetserklæring, the course done."""

    class Meta:
        model = Tidgiver
        skip_postgeneration_save = True

    senter = factory.SubFactory(SenterFactory)
    navn = factory.Sequence(lambda n: f"Tora Tidgiversen{n}")
    fodselsaar = 1975
    kommune = "Bergenhus"
    aktiviteter = ["tur_friluft", "kafe_prat"]
    interesser = ["kultur_konsert"]
    tilgjengelighet = ["man-kveld", "lor-formiddag"]
    sprak = ["norsk"]
    status = Status.GODKJENT
    status_fra = factory.LazyFunction(lambda: IDAG - timedelta(days=60))
    politiattest_sett = factory.LazyFunction(lambda: IDAG - timedelta(days=100))
    politiattest_gyldig_til = factory.LazyFunction(lambda: IDAG + timedelta(days=900))
    taushetserklaering_signert = factory.LazyFunction(lambda: IDAG - timedelta(days=90))
    introduksjonskurs_fullfort = factory.LazyFunction(lambda: IDAG - timedelta(days=80))

    @factory.post_generation
    def statusrad(obj, create, extracted, **kwargs):  # noqa: N805 - factory_boy's signature
        if create:
            with scopes_disabled():
                Tidgiverstatus.objects.create(tidgiver=obj, fra="", til=obj.status, dato=obj.status_fra)


def uten_vandel(**kwargs):
    """A tidgiver with none of the gate's three things in place."""
    return TidgiverFactory(
        politiattest_sett=None,
        politiattest_gyldig_til=None,
        taushetserklaering_signert=None,
        introduksjonskurs_fullfort=None,
        **kwargs,
    )


class SamlingFactory(Fabrikk):
    class Meta:
        model = Samling

    senter = factory.SubFactory(SenterFactory)
    type = Samling.Type.TEMAKVELD
    dato = factory.LazyFunction(lambda: IDAG - timedelta(days=7))
    tema = "Å møte folk der de er"
