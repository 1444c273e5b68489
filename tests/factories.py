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
    Nettverkskontakt,
    Rolle,
    Samtykke,
    Senter,
    Status,
)

PASSORD = "Et-langt-testpassord-2026"


class Fabrikk(factory.django.DjangoModelFactory):
    """Factories make test data across centres, so they work with the scope switched off, like fixtures."""

    class Meta:
        abstract = True

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        with scopes_disabled():
            return super()._create(model_class, *args, **kwargs)

    @classmethod
    def _after_postgeneration(cls, instance, create, results=None):
        with scopes_disabled():
            return super()._after_postgeneration(instance, create, results)


class SenterFactory(Fabrikk):
    class Meta:
        model = Senter

    navn = factory.Sequence(lambda n: f"Testsenteret nr. {n}")
    kommune = "Bergen"


class BrukerFactory(Fabrikk):
    class Meta:
        model = Bruker
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"ansatt{n}@medvandrer.test")
    navn = factory.Sequence(lambda n: f"Testansatt Nummer{n}")
    password = factory.django.Password(PASSORD)


class MedlemskapFactory(Fabrikk):
    class Meta:
        model = Medlemskap

    bruker = factory.SubFactory(BrukerFactory)
    senter = factory.SubFactory(SenterFactory)
    rolle = Rolle.VEILEDER


def ansatt(senter, rolle=Rolle.VEILEDER, **kwargs):
    """A user who works at `senter` in `rolle`."""
    with scopes_disabled():
        return MedlemskapFactory(senter=senter, rolle=rolle, **kwargs).bruker


class DeltakerFactory(Fabrikk):
    """A person followed up at a centre, registered as a real intake does it: through the services.

    The intake (deltakere.services.opprett_deltaker) makes the dated status, situation and contact-person
    rows and the consent to registration, dated `status_fra`; a person in pause or ended is moved there
    through endre_status on the same day, and a situation now other than at intake (`bosituasjon_ved_start`,
    `inntekt_ved_start`) through endre_situasjon. `samtykker=[Samtykke.Type...]` adds active consents.
    """

    class Meta:
        model = Deltaker
        skip_postgeneration_save = True

    senter = factory.SubFactory(SenterFactory)
    fornavn = factory.Iterator(["Tiril", "Sander", "Maja", "Jonas", "Ylva", "Elias", "Hedda", "Kasper"])
    etternavn = factory.Sequence(lambda n: f"Testesen{n}")
    fodselsaar = 1985
    kjonn = Kjonn.IKKE_OPPGITT
    bosituasjon = Bosituasjon.MIDLERTIDIG
    inntekt = Inntekt.SOSIALHJELP
    bosituasjon_ved_start = factory.SelfAttribute("bosituasjon")
    inntekt_ved_start = factory.SelfAttribute("inntekt")
    henvisning_kilde = Henvisningskilde.NAV
    henvisning_dato = factory.LazyFunction(lambda: date.today() - timedelta(days=60))
    status = Status.AKTIV
    status_fra = factory.LazyFunction(lambda: date.today() - timedelta(days=30))

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        from deltakere import services

        senter, status, startet = kwargs.pop("senter"), kwargs.pop("status"), kwargs.pop("status_fra")
        naa = {felt: kwargs.pop(felt) for felt in ("bosituasjon", "inntekt")}
        kwargs["bosituasjon"], kwargs["inntekt"] = kwargs.pop("bosituasjon_ved_start"), kwargs.pop("inntekt_ved_start")
        forste = status if status in (Status.HENVIST, Status.AKTIV) else Status.AKTIV
        with scopes_disabled():
            deltaker = services.opprett_deltaker(
                senter=senter,
                data={**kwargs, "status": forste},
                samtykke_form=Samtykke.Form.SKRIFTLIG,
                samtykke_dato=kwargs["henvisning_dato"],
                opprettet_av=None,
                startet=startet,
            )
            if naa != {"bosituasjon": deltaker.bosituasjon, "inntekt": deltaker.inntekt}:
                services.endre_situasjon(deltaker, versjon=deltaker.versjon, dato=startet, av=None, **naa)
            if status != forste:
                services.endre_status(
                    deltaker, versjon=deltaker.versjon, til_status=status, dato=startet, av=None, arsak="annet"
                )
        return deltaker

    @factory.post_generation
    def samtykker(self, create, extracted, **kwargs):
        """samtykker=[Samtykke.Type...] adds active consents, given at the referral."""
        if create:
            for type_ in extracted or []:
                SamtykkeFactory(deltaker=self, type=type_)


class SamtykkeFactory(Fabrikk):
    """A consent registered through the service; `trukket=<date>` withdraws it through the service too."""

    class Meta:
        model = Samtykke

    deltaker = factory.SubFactory(DeltakerFactory)
    type = Samtykke.Type.STATISTIKK
    form = Samtykke.Form.SKRIFTLIG
    dato = factory.LazyAttribute(lambda s: s.deltaker.henvisning_dato)
    omfang = ""
    gjelder = None
    trukket = None

    @classmethod
    def _create(cls, model_class, *args, deltaker, trukket=None, **kwargs):
        from deltakere import services

        with scopes_disabled():
            samtykke = services.registrer_samtykke(deltaker, av=None, **kwargs)
            if trukket:
                services.trekk_samtykke(samtykke, dato=trukket)
        return samtykke


class NettverkskontaktFactory(Fabrikk):
    """A pårørende or samarbeidspartner added through the service; `samtykke_form="skriftlig"` adds the
    consent to contact them, as the form does."""

    class Meta:
        model = Nettverkskontakt

    deltaker = factory.SubFactory(DeltakerFactory)
    rolle = Nettverkskontakt.Rolle.NAV
    navn = factory.Sequence(lambda n: f"Nora Navveileder{n}")
    samtykke_form = ""

    @classmethod
    def _create(cls, model_class, *args, deltaker, samtykke_form="", **kwargs):
        from deltakere import services

        with scopes_disabled():
            return services.legg_til_nettverkskontakt(deltaker, data=kwargs, samtykke_form=samtykke_form, av=None)


def lagre(rader, **felter):
    """Change rows as the app does, through save(), so the change history sees it (arranging a test).

    Models with a change history refuse queryset `update()`; tests that set up "someone else changed
    this meanwhile" use this instead.
    """
    with scopes_disabled():
        for rad in rader:
            for navn, verdi in felter.items():
                setattr(rad, navn, verdi)
            rad.save()


def i_senter(*sentre):
    """The scope a request at these centres has, for calling a service or selector straight from a test."""
    from django_scopes import scope

    return scope(senter=[senter.pk for senter in sentre])
