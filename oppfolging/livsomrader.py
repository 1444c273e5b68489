"""The life areas (livsområder) a kartlegging goes through, in the order they are asked.

Each area names the BrukerPlan domain it maps to, so a centre can answer the municipality in its terms.
BrukerPlan's domains: rusmiddelbruk, økonomi, psykisk helse, fysisk helse, bolig, sosial fungering,
nettverk, arbeid/aktivitet.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Livsomrade:
    kode: str
    navn: str
    brukerplan: str


LIVSOMRADER = [
    Livsomrade("bolig", "Bolig", "bolig"),
    Livsomrade("okonomi", "Økonomi og gjeld", "økonomi"),
    Livsomrade("arbeid", "Arbeid, utdanning og aktivitet", "arbeid/aktivitet"),
    Livsomrade("fysisk_helse", "Fysisk helse", "fysisk helse"),
    Livsomrade("psykisk_helse", "Psykisk helse", "psykisk helse"),
    Livsomrade("rusmestring", "Rusmestring", "rusmiddelbruk"),
    Livsomrade("nettverk", "Nettverk og relasjoner", "nettverk"),
    Livsomrade("familie", "Familie og barn", "sosial fungering"),
    Livsomrade("fritid", "Fritid og hverdagsmestring", "sosial fungering"),
    Livsomrade("rettigheter", "Rettigheter, NAV og ID-papirer", "økonomi"),
    Livsomrade("rettssaker", "Rettssaker og kriminalitet", "sosial fungering"),
]

ETTER_KODE = {omrade.kode: omrade for omrade in LIVSOMRADER}
VALG = [(omrade.kode, omrade.navn) for omrade in LIVSOMRADER]

# The ladder each area is rated on: "Hvordan har du det med dette nå?"
LAVEST, HOYEST = 1, 10
STIGE_TEKST = {1: "svært vanskelig", 10: "fungerer godt"}
