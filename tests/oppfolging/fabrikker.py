"""Kartlegginger and plans for tests, made through the services as the pages make them."""

from datetime import date

from django_scopes import scopes_disabled

from oppfolging import livsomrader, services


def vurderinger(egne=None, *, hoppet=None, viktig=(), onske=None, ansatt=None):
    """Every life area: the person's own rating from `egne` (area code → 1..10; default 5), skipped where
    `hoppet` says (area code → reason), `viktig` marked, `onske` texts, staff ratings from `ansatt`."""
    egne, hoppet, onske, ansatt = egne or {}, hoppet or {}, onske or {}, ansatt or {}
    rader = []
    for omrade in livsomrader.LIVSOMRADER:
        kode = omrade.kode
        if kode in hoppet:
            rader.append({"omrade": kode, "hoppet_over": hoppet[kode]})
        else:
            rader.append(
                {
                    "omrade": kode,
                    "egen": egne.get(kode, 5),
                    "ansatt": ansatt.get(kode),
                    "viktig": kode in viktig,
                    "onske": onske.get(kode, ""),
                }
            )
    return rader


def kartlegging(deltaker, dato=None, **kwargs):
    with scopes_disabled():
        return services.registrer_kartlegging(
            deltaker, dato=dato or date.today(), utfort_av=None, vurderinger=vurderinger(**kwargs), av=None
        )
