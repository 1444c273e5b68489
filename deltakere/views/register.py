"""TEMPORARY: being written by a helper."""


def register(request, *args, **kwargs):
    raise NotImplementedError


def ny_deltaker(request, *args, **kwargs):
    raise NotImplementedError
