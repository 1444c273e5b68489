"""Factories for the register. Every name is fictional."""

import factory
from django_scopes import scopes_disabled

from deltakere.models import Bruker, Medlemskap, Rolle, Senter

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
