"""Runs one request of the authorization matrix: a URL pattern, a role, a centre and a method."""

from django.apps import apps
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django_scopes import scopes_disabled

from deltakere.models import Tilgangslogg


def alle_monstre():
    """(view name, route, pattern) for every URL pattern the resolver knows, admin included."""

    def gaa(resolver, prefiks="", ns=None):
        for p in resolver.url_patterns:
            if isinstance(p, URLResolver):
                navnerom = ":".join(filter(None, [ns, p.namespace])) or None
                yield from gaa(p, prefiks + str(p.pattern), navnerom)
            elif isinstance(p, URLPattern):
                navn = (
                    ":".join(filter(None, [ns, p.name])) if p.name else f"{ns or ''}:<uten navn> {prefiks}{p.pattern}"
                )
                yield navn, prefiks + str(p.pattern), p

    return list(gaa(get_resolver()))


def _admin_objekt(navn):
    """admin:<app>_<model>_<view> → the pk of some row of that model."""
    if navn == "admin:auth_user_password_change":
        navn = "admin:deltakere_bruker_"
    for modell in apps.get_models():
        kode = f"admin:{modell._meta.app_label}_{modell._meta.model_name}_"
        if navn.startswith(kode):
            with scopes_disabled():
                rad = modell._default_manager.order_by("pk").first() if hasattr(modell, "_default_manager") else None
            return str(rad.pk) if rad else "1"
    return "1"


def url_for(navn, route, monster, rader):
    """The URL of `monster` filled with the rows of one centre."""
    if "(?P<url>" in route:  # the admin's catch-all
        return "/admin/finnes-ikke/"
    kwargs = {}
    for kwarg in monster.pattern.regex.groupindex:
        if navn == "deltakere:godta_invitasjon" and kwarg == "token":
            kwargs[kwarg] = rader["invitasjonstoken"]
        elif kwarg in rader:
            kwargs[kwarg] = rader[kwarg]
        elif kwarg in ("object_id", "id"):
            kwargs[kwarg] = _admin_objekt(navn)
        elif kwarg == "content_type_id":
            from django.contrib.contenttypes.models import ContentType

            kwargs[kwarg] = ContentType.objects.get_for_model(Tilgangslogg).pk
        elif kwarg == "app_label":
            kwargs[kwarg] = "deltakere"
        else:
            raise KeyError(f"{navn}: no value for <{kwarg}>")
    if "<uten navn>" in navn:
        return "/" + route.replace("<path:object_id>", kwargs.get("object_id", "1"))
    return reverse(navn, kwargs=kwargs)


def kjor(verden, navn, route, monster, rolle, sted, metode):
    """The status code of the request, and how many access-log rows it wrote. Nothing it changes is kept."""
    klient = Client()
    if rolle != "anonym":
        klient.force_login(verden.brukere[rolle])
    url = url_for(navn, route, monster, verden.rader[sted])
    with transaction.atomic():
        with scopes_disabled():
            for_ = Tilgangslogg.objects.count()
        response = klient.get(url) if metode == "GET" else klient.post(url, {})
        with scopes_disabled():
            logget = Tilgangslogg.objects.count() - for_
        transaction.set_rollback(True)
    return response.status_code, logget, response
