"""TEMPORARY: being written by a helper."""


def ny_samtykke(request, *args, **kwargs):
    raise NotImplementedError


def trekk_samtykke(request, *args, **kwargs):
    raise NotImplementedError


def ny_nettverkskontakt(request, *args, **kwargs):
    raise NotImplementedError


def endre_nettverkskontakt(request, *args, **kwargs):
    raise NotImplementedError
