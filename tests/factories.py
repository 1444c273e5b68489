"""Factories for the register. Every name is fictional."""

from datetime import date, timedelta

import factory
from django_scopes import scopes_disabled

from deltakere.models import (
    Bosituasjon,
    Bruker,
    Deltaker,
    Henvisningskilde,
    Inntekt,
    Kjonn,
    Medlemskap,
    Rolle,
    Samtykke,
    Senter,
    Status,
    StatusEndring,
)

PASSORD = "Et-langt-testpassord-2026"


class SenterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Senter

    navn = factory.Sequence(lambda n: f"Testsenteret nr. {n}")
    kommune = "Bergen"


class BrukerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Bruker
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"ansatt{n}@medvandrer.test")
    navn = factory.Sequence(lambda n: f"Testansatt Nummer{n}")
    password = factory.django.Password(PASSORD)


class MedlemskapFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Medlemskap

    bruker = factory.SubFactory(BrukerFactory)
    senter = factory.SubFactory(SenterFactory)
    rolle = Rolle.VEILEDER


def ansatt(senter, rolle=Rolle.VEILEDER, **kwargs):
    """A user who works at `senter` in `rolle`."""
    with scopes_disabled():
        return MedlemskapFactory(senter=senter, rolle=rolle, **kwargs).bruker


class DeltakerFactory(factory.django.DjangoModelFactory):
    """A person followed up at a centre, with the dated rows and consent a real intake makes."""

    class Meta:
        model = Deltaker
        skip_postgeneration_save = True

    senter = factory.SubFactory(SenterFactory)
    fornavn = factory.Iterator(["Tiril", "Sander", "Maja", "Jonas", "Ylva", "Elias", "Hedda", "Kasper"])
    etternavn = factory.Sequence(lambda n: f"Testesen{n}")
    fodselsaar = 1985
    kjonn = Kjonn.IKKE_OPPGITT
    bosituasjon_ved_start = Bosituasjon.MIDLERTIDIG
    inntekt_ved_start = Inntekt.SOSIALHJELP
    bosituasjon = Bosituasjon.MIDLERTIDIG
    inntekt = Inntekt.SOSIALHJELP
    henvisning_kilde = Henvisningskilde.NAV
    henvisning_dato = factory.LazyFunction(lambda: date.today() - timedelta(days=60))
    status = Status.AKTIV
    status_fra = factory.LazyFunction(lambda: date.today() - timedelta(days=30))

    @factory.post_generation
    def samtykker(self, create, extracted, **kwargs):
        """samtykker=[Samtykke.Type...] adds active consents; registration is always there."""
        if not create:
            return
        with scopes_disabled():
            for type_ in [Samtykke.Type.REGISTRERING, *(extracted or [])]:
                Samtykke.objects.create(
                    deltaker=self, type=type_, form=Samtykke.Form.SKRIFTLIG, dato=self.henvisning_dato
                )
            StatusEndring.objects.create(deltaker=self, til_status=self.status, dato=self.status_fra)
