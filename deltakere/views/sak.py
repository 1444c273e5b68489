"""TEMPORARY: being written by a helper."""


def sak(request, *args, **kwargs):
    raise NotImplementedError


def endre_deltaker(request, *args, **kwargs):
    raise NotImplementedError


def vis_fodselsnummer(request, *args, **kwargs):
    raise NotImplementedError


def endre_situasjon(request, *args, **kwargs):
    raise NotImplementedError


def endre_kontaktpersoner(request, *args, **kwargs):
    raise NotImplementedError


def endre_samarbeidsavtale(request, *args, **kwargs):
    raise NotImplementedError
