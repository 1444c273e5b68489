"""The authorization matrix: every URL pattern the resolver knows, as every role, at the user's own centre and at
another, by GET and by POST, with the expected answer. A URL that is not in the matrix fails the test, so no page
ships unguarded; a page that shows a person must write exactly one access-log row.

Columns, in order: anonymous, veileder, sosionom, leder, tidgiverkoordinator, superuser (who works at no centre).
"eget": the URL names rows of the users' own centre; "annet": the same kind of rows at another centre. A URL that
names no centre's rows has one expectation for both ("GET", "POST"). A code followed by L (200L) wrote exactly one
row to the access log; every other answer wrote none. POSTs send an empty form (with the one-time token a browser
sends); whatever a request changes is rolled back before the next.

Reading the matrix: 302 for anonymous is the way to sign-in; 404 hides that a person or centre exists; 403 is a
role that may not, at the user's own centre; 405 a method the page does not take.
"""

import pytest
from django.urls import resolve

from tests.tilgang.kjoring import alle_monstre, kjor
from tests.tilgang.oppsett import ROLLER, STED, lag_verden

MATRISE = {
    "helse": {"GET": "  200   200   200   200   200   200", "POST": "  405   405   405   405   405   405"},
    "deltakere:logg_inn": {"GET": "  200   302   302   302   302   302", "POST": "  200   302   302   302   302   302"},
    "deltakere:logg_ut": {"GET": "  302   405   405   405   405   405", "POST": "  302   302   302   302   302   302"},
    "deltakere:okt_laast": {
        "GET": "  302   302   302   302   302   302",
        "POST": "  302   200   200   200   200   200",
    },
    "deltakere:okt_status": {
        "GET": "  200   200   200   200   200   200",
        "POST": "  405   405   405   405   405   405",
    },
    "deltakere:okt_aktiv": {
        "GET": "  405   405   405   405   405   405",
        "POST": "  200   200   200   200   200   200",
    },
    "deltakere:okt_laas_opp": {
        "GET": "  405   405   405   405   405   405",
        "POST": "  401   400   400   400   400   400",
    },
    "deltakere:konto": {"GET": "  302   200   200   200   200   200", "POST": "  302   200   200   200   200   200"},
    "deltakere:endre_passord": {
        "GET": "  302   200   200   200   200   200",
        "POST": "  302   200   200   200   200   200",
    },
    "deltakere:glemt_passord": {
        "GET": "  200   200   200   200   200   200",
        "POST": "  200   200   200   200   200   200",
    },
    "deltakere:glemt_passord_sendt": {
        "GET": "  200   200   200   200   200   200",
        "POST": "  405   405   405   405   405   405",
    },
    "deltakere:tilbakestill_passord": {
        "GET": "  302   302   302   302   302   302",
        "POST": "  302   302   302   302   302   302",
    },
    "deltakere:tilbakestill_passord_ferdig": {
        "GET": "  200   200   200   200   200   200",
        "POST": "  405   405   405   405   405   405",
    },
    "deltakere:to_trinn_bekreft": {
        "GET": "  302   302   302   302   302   302",
        "POST": "  302   302   302   302   302   302",
    },
    "deltakere:to_trinn_oppsett": {
        "GET": "  302   200   200   200   200   200",
        "POST": "  302   200   200   200   200   200",
    },
    "deltakere:to_trinn_reservekoder": {
        "GET": "  302   200   200   200   200   200",
        "POST": "  302   200   200   200   200   200",
    },
    "deltakere:lag_nye_reservekoder": {
        "GET": "  302   405   405   405   405   405",
        "POST": "  302   302   302   302   302   302",
    },
    "deltakere:bytt_senter": {
        "GET": "  302   405   405   405   405   405",
        "POST": "  302   302   302   302   302   302",
    },
    "deltakere:ansatte": {
        "GET eget": "  302   403   403   200   403   404",
        "GET annet": "  302   404   404   404   404   404",
        "POST eget": "  302   403   403   200   403   404",
        "POST annet": "  302   404   404   404   404   404",
    },
    "deltakere:ny_ansatt": {
        "GET eget": "  302   403   403   200   403   404",
        "GET annet": "  302   404   404   404   404   404",
        "POST eget": "  302   403   403   200   403   404",
        "POST annet": "  302   404   404   404   404   404",
    },
    "deltakere:endre_ansatt": {
        "GET eget": "  302   403   403   200   403   404",
        "GET annet": "  302   404   404   404   404   404",
        "POST eget": "  302   403   403   200   403   404",
        "POST annet": "  302   404   404   404   404   404",
    },
    "deltakere:fjern_ansatt": {
        "GET eget": "  302   405   405   405   405   405",
        "GET annet": "  302   405   405   405   405   405",
        "POST eget": "  302   403   403   302   403   404",
        "POST annet": "  302   404   404   404   404   404",
    },
    "deltakere:send_invitasjon_pa_nytt": {
        "GET eget": "  302   405   405   405   405   405",
        "GET annet": "  302   405   405   405   405   405",
        "POST eget": "  302   403   403   302   403   404",
        "POST annet": "  302   404   404   404   404   404",
    },
    "deltakere:trekk_invitasjon": {
        "GET eget": "  302   405   405   405   405   405",
        "GET annet": "  302   405   405   405   405   405",
        "POST eget": "  302   403   403   302   403   404",
        "POST annet": "  302   404   404   404   404   404",
    },
    "deltakere:godta_invitasjon": {
        "GET": "  200   200   200   200   200   200",
        "POST": "  200   200   200   200   200   200",
    },
    "deltakere:register": {"GET": "  302   200   200   200   200   404", "POST": "  302   302   302   302   302   404"},
    "deltakere:ny_deltaker": {
        "GET": "  302   200   200   200   403   404",
        "POST": "  302   200   200   200   403   404",
    },
    "deltakere:sak": {
        "GET eget": "  302 200L 200L 200L 200L   404",
        "GET annet": "  302   404   404   404   404   404",
        "POST eget": "  302   405   405   405   405   405",
        "POST annet": "  302   405   405   405   405   405",
    },
    "deltakere:endre_deltaker": {
        "GET eget": "  302 200L 200L 200L   404   404",
        "GET annet": "  302   404   404   404   404   404",
        "POST eget": "  302 200L 200L 200L   404   404",
        "POST annet": "  302   404   404   404   404   404",
    },
    "deltakere:vis_fodselsnummer": {
        "GET eget": "  302   405   405   405   405   405",
        "GET annet": "  302   405   405   405   405   405",
        "POST eget": "  302 302L 302L 302L   404   404",
        "POST annet": "  302   404   404   404   404   404",
    },
    "deltakere:endre_situasjon": {
        "GET eget": "  302 200L 200L 200L   404   404",
        "GET annet": "  302   404   404   404   404   404",
        "POST eget": "  302 200L 200L 200L   404   404",
        "POST annet": "  302   404   404   404   404   404",
    },
    "deltakere:endre_kontaktpersoner": {
        "GET eget": "  302 200L 200L 200L   404   404",
        "GET annet": "  302   404   404   404   404   404",
        "POST eget": "  302 200L 200L 200L   404   404",
        "POST annet": "  302   404   404   404   404   404",
    },
    "deltakere:endre_samarbeidsavtale": {
        "GET eget": "  302 200L 200L 200L   404   404",
        "GET annet": "  302   404   404   404   404   404",
        "POST eget": "  302 200L 200L 200L   404   404",
        "POST annet": "  302   404   404   404   404   404",
    },
    "deltakere:endre_status": {
        "GET eget": "  302 200L 200L 200L   404   404",
        "GET annet": "  302   404   404   404   404   404",
        "POST eget": "  302 200L 200L 200L   404   404",
        "POST annet": "  302   404   404   404   404   404",
    },
    "deltakere:avslutt_oppfolging": {
        "GET eget": "  302 200L 200L 200L   404   404",
        "GET annet": "  302   404   404   404   404   404",
        "POST eget": "  302 200L 200L 200L   404   404",
        "POST annet": "  302   404   404   404   404   404",
    },
    "deltakere:overfor_deltaker": {
        "GET eget": "  302 200L 200L 200L   404   404",
        "GET annet": "  302   404   404   404   404   404",
        "POST eget": "  302 200L 200L 200L   404   404",
        "POST annet": "  302   404   404   404   404   404",
    },
    "deltakere:ny_samtykke": {
        "GET eget": "  302 200L 200L 200L   404   404",
        "GET annet": "  302   404   404   404   404   404",
        "POST eget": "  302 200L 200L 200L   404   404",
        "POST annet": "  302   404   404   404   404   404",
    },
    "deltakere:trekk_samtykke": {
        "GET eget": "  302   405   405   405   405   405",
        "GET annet": "  302   405   405   405   405   405",
        "POST eget": "  302 302L 302L 302L   404   404",
        "POST annet": "  302   404   404   404   404   404",
    },
    "deltakere:ny_nettverkskontakt": {
        "GET eget": "  302 200L 200L 200L   404   404",
        "GET annet": "  302   404   404   404   404   404",
        "POST eget": "  302 200L 200L 200L   404   404",
        "POST annet": "  302   404   404   404   404   404",
    },
    "deltakere:endre_nettverkskontakt": {
        "GET eget": "  302 200L 200L 200L   404   404",
        "GET annet": "  302   404   404   404   404   404",
        "POST eget": "  302 200L 200L 200L   404   404",
        "POST annet": "  302   404   404   404   404   404",
    },
    "oppfolging:min_oversikt": {
        "GET": "  302   200   200   200   200   200",
        "POST": "  302   200   200   200   200   200",
    },
    # Drop-in: the quick log (the roles that follow people up) and the daily tally (everyone in the café; a leder
    # corrects a day). They work at the centre the user works in now: the superuser, at none, gets 404.
    "oppfolging:hurtiglogg": {
        "GET": "  302   200   200   200   403   404",
        "POST": "  302   200   200   200   403   404",
    },
    "oppfolging:hurtiglogg_sok": {
        "GET": "  302   405   405   405   405   405",
        "POST": "  302   200   200   200   403   404",
    },
    "oppfolging:hurtiglogg_angre": {
        "GET": "  302   405   405   405   405   405",
        "POST": "  302  302L  302L  302L   403   404",
    },
    "oppfolging:telling": {
        "GET": "  302   200   200   200   200   404",
        "POST": "  302   200   200   200   200   404",
    },
    "oppfolging:telling_pluss": {
        "GET": "  302   405   405   405   405   405",
        "POST": "  302   302   302   302   302   404",
    },
    "oppfolging:telling_rett": {
        "GET": "  302   403   403   200   403   404",
        "POST": "  302   403   403   200   403   404",
    },
    "oppfolging:telling_maaned": {
        "GET": "  302   200   200   200   200   404",
        "POST": "  302   405   405   405   405   405",
    },
    "oppfolging:kartlegginger": {
        "GET eget": "  302  200L  200L  200L   404   404",
        "GET annet": "  302   404   404   404   404   404",
        "POST eget": "  302   405   405   405   405   405",
        "POST annet": "  302   405   405   405   405   405",
    },
    "oppfolging:ny_kartlegging": {
        "GET eget": "  302  200L  200L  200L   404   404",
        "GET annet": "  302   404   404   404   404   404",
        "POST eget": "  302  200L  200L  200L   404   404",
        "POST annet": "  302   404   404   404   404   404",
    },
    "oppfolging:kartlegging": {
        "GET eget": "  302  200L  200L  200L   404   404",
        "GET annet": "  302   404   404   404   404   404",
        "POST eget": "  302   405   405   405   405   405",
        "POST annet": "  302   405   405   405   405   405",
    },
    "oppfolging:endre_kartlegging": {
        "GET eget": "  302  200L  200L  200L   404   404",
        "GET annet": "  302   404   404   404   404   404",
        "POST eget": "  302  200L  200L  200L   404   404",
        "POST annet": "  302   404   404   404   404   404",
    },
    "oppfolging:screening": {
        "GET eget": "  302  200L  200L  200L   404   404",
        "GET annet": "  302   404   404   404   404   404",
        "POST eget": "  302  200L  200L  200L   404   404",
        "POST annet": "  302   404   404   404   404   404",
    },
    "oppfolging:plan": {
        "GET eget": "  302  200L  200L  200L   404   404",
        "GET annet": "  302   404   404   404   404   404",
        "POST eget": "  302   405   405   405   405   405",
        "POST annet": "  302   405   405   405   405   405",
    },
    "oppfolging:ny_plan": {
        "GET eget": "  302  200L  200L  200L   404   404",
        "GET annet": "  302   404   404   404   404   404",
        "POST eget": "  302  200L  200L  200L   404   404",
        "POST annet": "  302   404   404   404   404   404",
    },
    "oppfolging:endre_plan": {
        "GET eget": "  302  200L  200L  200L   404   404",
        "GET annet": "  302   404   404   404   404   404",
        "POST eget": "  302  200L  200L  200L   404   404",
        "POST annet": "  302   404   404   404   404   404",
    },
    "oppfolging:aktiver_plan": {
        "GET eget": "  302  200L  200L  200L   404   404",
        "GET annet": "  302   404   404   404   404   404",
        "POST eget": "  302  200L  200L  200L   404   404",
        "POST annet": "  302   404   404   404   404   404",
    },
    "oppfolging:avslutt_plan": {
        "GET eget": "  302  200L  200L  200L   404   404",
        "GET annet": "  302   404   404   404   404   404",
        "POST eget": "  302  200L  200L  200L   404   404",
        "POST annet": "  302   404   404   404   404   404",
    },
    "oppfolging:nytt_hovedmal": {
        "GET eget": "  302  200L  200L  200L   404   404",
        "GET annet": "  302   404   404   404   404   404",
        "POST eget": "  302  200L  200L  200L   404   404",
        "POST annet": "  302   404   404   404   404   404",
    },
    "oppfolging:endre_hovedmal": {
        "GET eget": "  302  200L  200L  200L   404   404",
        "GET annet": "  302   404   404   404   404   404",
        "POST eget": "  302  200L  200L  200L   404   404",
        "POST annet": "  302   404   404   404   404   404",
    },
    "oppfolging:nytt_delmal": {
        "GET eget": "  302  200L  200L  200L   404   404",
        "GET annet": "  302   404   404   404   404   404",
        "POST eget": "  302  200L  200L  200L   404   404",
        "POST annet": "  302   404   404   404   404   404",
    },
    "oppfolging:nytt_tiltak": {
        "GET eget": "  302  200L  200L  200L   404   404",
        "GET annet": "  302   404   404   404   404   404",
        "POST eget": "  302  200L  200L  200L   404   404",
        "POST annet": "  302   404   404   404   404   404",
    },
    "oppfolging:endre_tiltak": {
        "GET eget": "  302  200L  200L  200L   404   404",
        "GET annet": "  302   404   404   404   404   404",
        "POST eget": "  302  200L  200L  200L   404   404",
        "POST annet": "  302   404   404   404   404   404",
    },
    "oppfolging:tiltak_status": {
        "GET eget": "  302  200L  200L  200L   404   404",
        "GET annet": "  302   404   404   404   404   404",
        "POST eget": "  302  200L  200L  200L   404   404",
        "POST annet": "  302   404   404   404   404   404",
    },
    "oppfolging:plan_utskrift": {
        "GET eget": "  302  200L  200L  200L   404   404",
        "GET annet": "  302   404   404   404   404   404",
        "POST eget": "  302  200L  200L  200L   404   404",
        "POST annet": "  302   404   404   404   404   404",
    },
    "oppfolging:samtaler": {
        "GET eget": "  302  200L  200L  200L   404   404",
        "GET annet": "  302   404   404   404   404   404",
        "POST eget": "  302   405   405   405   405   405",
        "POST annet": "  302   405   405   405   405   405",
    },
    "oppfolging:ny_samtale": {
        "GET eget": "  302  200L  200L  200L   404   404",
        "GET annet": "  302   404   404   404   404   404",
        "POST eget": "  302  200L  200L  200L   404   404",
        "POST annet": "  302   404   404   404   404   404",
    },
    "oppfolging:samtale_utkast": {
        "GET eget": "  302   405   405   405   405   405",
        "GET annet": "  302   405   405   405   405   405",
        "POST eget": "  302  302L  302L  302L   404   404",
        "POST annet": "  302   404   404   404   404   404",
    },
    "oppfolging:forkast_utkast": {
        "GET eget": "  302   405   405   405   405   405",
        "GET annet": "  302   405   405   405   405   405",
        "POST eget": "  302  302L  302L  302L   404   404",
        "POST annet": "  302   404   404   404   404   404",
    },
    "oppfolging:samtale": {
        "GET eget": "  302  200L  200L  200L   404   404",
        "GET annet": "  302   404   404   404   404   404",
        "POST eget": "  302   405   405   405   405   405",
        "POST annet": "  302   405   405   405   405   405",
    },
    "oppfolging:endre_samtale": {
        "GET eget": "  302  200L  200L  200L   404   404",
        "GET annet": "  302   404   404   404   404   404",
        "POST eget": "  302  200L  200L  200L   404   404",
        "POST annet": "  302   404   404   404   404   404",
    },
    "oppfolging:kommenter_samtale": {
        "GET eget": "  302   405   405   405   405   405",
        "GET annet": "  302   405   405   405   405   405",
        "POST eget": "  302   403   403  200L   404   404",
        "POST annet": "  302   404   404   404   404   404",
    },
    "oppfolging:samtale_lest": {
        "GET eget": "  302   405   405   405   405   405",
        "GET annet": "  302   405   405   405   405   405",
        "POST eget": "  302  302L  302L  302L   404   404",
        "POST annet": "  302   404   404   404   404   404",
    },
    "oppfolging:deltaker_avtaler": {
        "GET eget": "  302  200L  200L  200L   404   404",
        "GET annet": "  302   404   404   404   404   404",
        "POST eget": "  302   405   405   405   405   405",
        "POST annet": "  302   405   405   405   405   405",
    },
    "oppfolging:ny_avtale": {
        "GET eget": "  302  200L  200L  200L   404   404",
        "GET annet": "  302   404   404   404   404   404",
        "POST eget": "  302  200L  200L  200L   404   404",
        "POST annet": "  302   404   404   404   404   404",
    },
    "oppfolging:avtalestatus": {
        "GET eget": "  302   405   405   405   405   405",
        "GET annet": "  302   405   405   405   405   405",
        "POST eget": "  302  302L  302L  302L   404   404",
        "POST annet": "  302   404   404   404   404   404",
    },
    "oppfolging:avtaler": {"GET": "  302   200   200   200   403   404", "POST": "  302   405   405   405   405   405"},
    "oppfolging:ny_oppgave_for_deltaker": {
        "GET eget": "  302  200L  200L  200L   404   404",
        "GET annet": "  302   404   404   404   404   404",
        "POST eget": "  302  200L  200L  200L   404   404",
        "POST annet": "  302   404   404   404   404   404",
    },
    "oppfolging:morgenmote": {
        "GET": "  302   200   200   200   403   404",
        "POST": "  302   405   405   405   405   405",
    },
    "oppfolging:ny_oppgave": {
        "GET": "  302   200   200   200   403   404",
        "POST": "  302   200   200   200   403   404",
    },
    "oppfolging:overlevering": {
        "GET": "  302   403   403   200   403   404",
        "POST": "  302   403   403   200   403   404",
    },
    "oppfolging:overlevering_kvittering": {
        "GET": "  302   403   403   302   403   404",
        "POST": "  302   405   405   405   405   405",
    },
    "oppfolging:tildel_oppgave": {
        "GET eget": "  302   405   405   405   405   405",
        "GET annet": "  302   405   405   405   405   405",
        "POST eget": "  302  302L  302L  302L   404   404",
        "POST annet": "  302   404   404   404   404   404",
    },
    "oppfolging:fullfor_oppgave": {
        "GET eget": "  302   405   405   405   405   405",
        "GET annet": "  302   405   405   405   405   405",
        "POST eget": "  302  302L  302L  302L   404   404",
        "POST annet": "  302   404   404   404   404   404",
    },
    "oppfolging:gjenapne_oppgave": {
        "GET eget": "  302   405   405   405   405   405",
        "GET annet": "  302   405   405   405   405   405",
        "POST eget": "  302  302L  302L  302L   404   404",
        "POST annet": "  302   404   404   404   404   404",
    },
    # Matches (tidgivere): only the tidgiverkoordinator and the leder; the others see the tidgiver in a slot.
    # Reports: leder (of every centre in the report) and superuser (any: national). A report names no person, but
    # ordering, approving, viewing and downloading one write the access log, a row per centre.
    "rapporter:rapporter": {
        "GET": "  302   403   403   200   403   200",
        "POST": "  302   403   403   200   403   200",
    },
    "rapporter:rapport": {
        "GET eget": "  302   403   403  200L   403  200L",
        "GET annet": "  302   404   404   404   404  200L",
        "POST eget": "  302   405   405   405   405   405",
        "POST annet": "  302   405   405   405   405   405",
    },
    "rapporter:godkjenn": {
        "GET eget": "  302   405   405   405   405   405",
        "GET annet": "  302   405   405   405   405   405",
        "POST eget": "  302   403   403  302L   403  302L",
        "POST annet": "  302   404   404   404   404  302L",
    },
    "rapporter:fil": {
        "GET eget": "  302   403   403  200L   403  200L",
        "GET annet": "  302   404   404   404   404  200L",
        "POST eget": "  302   405   405   405   405   405",
        "POST annet": "  302   405   405   405   405   405",
    },
    "tidgivere:forslag": {
        "GET eget": "  302   404   404  200L  200L   404",
        "GET annet": "  302   404   404   404   404   404",
        "POST eget": "  302   404   404  200L  200L   404",
        "POST annet": "  302   404   404   404   404   404",
    },
    "tidgivere:onsker": {
        "GET eget": "  302   404   404  200L  200L   404",
        "GET annet": "  302   404   404   404   404   404",
        "POST eget": "  302   404   404  200L  200L   404",
        "POST annet": "  302   404   404   404   404   404",
    },
    "tidgivere:kobling": {
        "GET eget": "  302   404   404  200L  200L   404",
        "GET annet": "  302   404   404   404   404   404",
        "POST eget": "  302   405   405   405   405   405",
        "POST annet": "  302   405   405   405   405   405",
    },
    "tidgivere:kobling_steg": {
        "GET eget": "  302   404   404  200L  200L   404",
        "GET annet": "  302   404   404   404   404   404",
        "POST eget": "  302   404   404  200L  200L   404",
        "POST annet": "  302   404   404   404   404   404",
    },
    "tidgivere:ny_innsjekk": {
        "GET eget": "  302   404   404  200L  200L   404",
        "GET annet": "  302   404   404   404   404   404",
        "POST eget": "  302   404   404  200L  200L   404",
        "POST annet": "  302   404   404   404   404   404",
    },
    "tidgivere:ny_aktivitet": {
        "GET eget": "  302   404   404  200L  200L   404",
        "GET annet": "  302   404   404   404   404   404",
        "POST eget": "  302   404   404  200L  200L   404",
        "POST annet": "  302   404   404   404   404   404",
    },
    "tidgivere:tavle": {"GET": "  302   403   403   200   200   404", "POST": "  302   403   403   200   200   404"},
    "tidgivere:nullstill_tavle": {
        "GET": "  302   405   405   405   405   405",
        "POST": "  302   403   403   302   302   404",
    },
    "tidgivere:timer": {"GET": "  302   403   403   200   200   404", "POST": "  302   405   405   405   405   405"},
    # Tidgivere: only tidgiverkoordinator and leder manage them; veileder and sosionom get 403 at their own centre.
    "tidgivere:register": {"GET": "  302   403   403   200   200   404", "POST": "  302   403   403   302   302   404"},
    "tidgivere:ny": {"GET": "  302   403   403   200   200   404", "POST": "  302   403   403   200   200   404"},
    "tidgivere:fornyelse": {
        "GET": "  302   403   403   200   200   404",
        "POST": "  302   405   405   405   405   405",
    },
    "tidgivere:samlinger": {
        "GET": "  302   403   403   200   200   404",
        "POST": "  302   405   405   405   405   405",
    },
    "tidgivere:ny_samling": {
        "GET": "  302   403   403   200   200   404",
        "POST": "  302   403   403   200   200   404",
    },
    "tidgivere:tidgiver": {
        "GET eget": "  302   403   403  200L  200L   404",
        "GET annet": "  302   404   404   404   404   404",
        "POST eget": "  302   405   405   405   405   405",
        "POST annet": "  302   405   405   405   405   405",
    },
    "tidgivere:endre": {
        "GET eget": "  302   403   403  200L  200L   404",
        "GET annet": "  302   404   404   404   404   404",
        "POST eget": "  302   403   403  200L  200L   404",
        "POST annet": "  302   404   404   404   404   404",
    },
    "tidgivere:status": {
        "GET eget": "  302   403   403  200L  200L   404",
        "GET annet": "  302   404   404   404   404   404",
        "POST eget": "  302   403   403  200L  200L   404",
        "POST annet": "  302   404   404   404   404   404",
    },
    "tidgivere:oppmote": {
        "GET eget": "  302   403   403   200   200   404",
        "GET annet": "  302   404   404   404   404   404",
        "POST eget": "  302   403   403   302   302   404",
        "POST annet": "  302   404   404   404   404   404",
    },
}

# The Django admin: for superusers only. Everyone else is sent to sign-in (anonymous) or away (302, then 403).
ADMIN = {
    "admin:index": {"GET": "  302   302   302   302   302   200", "POST": "  302   302   302   302   302   200"},
    "admin:login": {"GET": "  302   403   403   403   403   302", "POST": "  302   403   403   403   403   302"},
    "admin:logout": {"GET": "  302   302   302   302   302   405", "POST": "  302   302   302   302   302   302"},
    "admin:password_change": {
        "GET": "  302   302   302   302   302   200",
        "POST": "  302   302   302   302   302   200",
    },
    "admin:password_change_done": {
        "GET": "  302   302   302   302   302   200",
        "POST": "  302   302   302   302   302   405",
    },
    "admin:autocomplete": {"GET": "  302   302   302   302   302   403", "POST": "  302   302   302   302   302   405"},
    "admin:jsi18n": {"GET": "  302   302   302   302   302   200", "POST": "  302   302   302   302   302   405"},
    "admin:view_on_site": {"GET": "  302   302   302   302   302   404", "POST": "  302   302   302   302   302   404"},
    "admin:auth_group_changelist": {
        "GET": "  302   302   302   302   302   200",
        "POST": "  302   302   302   302   302   200",
    },
    "admin:auth_group_add": {
        "GET": "  302   302   302   302   302   200",
        "POST": "  302   302   302   302   302   200",
    },
    "admin:auth_group_history": {
        "GET": "  302   302   302   302   302   200",
        "POST": "  302   302   302   302   302   200",
    },
    "admin:auth_group_delete": {
        "GET": "  302   302   302   302   302   200",
        "POST": "  302   302   302   302   302   302",
    },
    "admin:auth_group_change": {
        "GET": "  302   302   302   302   302   200",
        "POST": "  302   302   302   302   302   200",
    },
    "admin:<uten navn> admin/auth/group/<path:object_id>/": {
        "GET": "  302   302   302   302   302   302",
        "POST": "  302   302   302   302   302   302",
    },
    "admin:axes_accessattempt_changelist": {
        "GET": "  302   302   302   302   302   200",
        "POST": "  302   302   302   302   302   200",
    },
    "admin:axes_accessattempt_add": {
        "GET": "  302   302   302   302   302   403",
        "POST": "  302   302   302   302   302   403",
    },
    "admin:axes_accessattempt_history": {
        "GET": "  302   302   302   302   302   200",
        "POST": "  302   302   302   302   302   200",
    },
    "admin:axes_accessattempt_delete": {
        "GET": "  302   302   302   302   302   200",
        "POST": "  302   302   302   302   302   302",
    },
    "admin:axes_accessattempt_change": {
        "GET": "  302   302   302   302   302   200",
        "POST": "  302   302   302   302   302   302",
    },
    "admin:<uten navn> admin/axes/accessattempt/<path:object_id>/": {
        "GET": "  302   302   302   302   302   302",
        "POST": "  302   302   302   302   302   302",
    },
    "admin:axes_accesslog_changelist": {
        "GET": "  302   302   302   302   302   200",
        "POST": "  302   302   302   302   302   200",
    },
    "admin:axes_accesslog_add": {
        "GET": "  302   302   302   302   302   403",
        "POST": "  302   302   302   302   302   403",
    },
    "admin:axes_accesslog_history": {
        "GET": "  302   302   302   302   302   200",
        "POST": "  302   302   302   302   302   200",
    },
    "admin:axes_accesslog_delete": {
        "GET": "  302   302   302   302   302   200",
        "POST": "  302   302   302   302   302   302",
    },
    "admin:axes_accesslog_change": {
        "GET": "  302   302   302   302   302   200",
        "POST": "  302   302   302   302   302   302",
    },
    "admin:<uten navn> admin/axes/accesslog/<path:object_id>/": {
        "GET": "  302   302   302   302   302   302",
        "POST": "  302   302   302   302   302   302",
    },
    "admin:axes_accessfailurelog_changelist": {
        "GET": "  302   302   302   302   302   200",
        "POST": "  302   302   302   302   302   200",
    },
    "admin:axes_accessfailurelog_add": {
        "GET": "  302   302   302   302   302   403",
        "POST": "  302   302   302   302   302   403",
    },
    "admin:axes_accessfailurelog_history": {
        "GET": "  302   302   302   302   302   200",
        "POST": "  302   302   302   302   302   200",
    },
    "admin:axes_accessfailurelog_delete": {
        "GET": "  302   302   302   302   302   200",
        "POST": "  302   302   302   302   302   302",
    },
    "admin:axes_accessfailurelog_change": {
        "GET": "  302   302   302   302   302   200",
        "POST": "  302   302   302   302   302   302",
    },
    "admin:<uten navn> admin/axes/accessfailurelog/<path:object_id>/": {
        "GET": "  302   302   302   302   302   302",
        "POST": "  302   302   302   302   302   302",
    },
    "admin:deltakere_senter_changelist": {
        "GET": "  302   302   302   302   302   200",
        "POST": "  302   302   302   302   302   200",
    },
    "admin:deltakere_senter_add": {
        "GET": "  302   302   302   302   302   200",
        "POST": "  302   302   302   302   302   200",
    },
    "admin:deltakere_senter_history": {
        "GET": "  302   302   302   302   302   200",
        "POST": "  302   302   302   302   302   200",
    },
    "admin:deltakere_senter_delete": {
        "GET": "  302   302   302   302   302   200",
        "POST": "  302   302   302   302   302   200",
    },
    "admin:deltakere_senter_change": {
        "GET": "  302   302   302   302   302   200",
        "POST": "  302   302   302   302   302   200",
    },
    "admin:<uten navn> admin/deltakere/senter/<path:object_id>/": {
        "GET": "  302   302   302   302   302   302",
        "POST": "  302   302   302   302   302   302",
    },
    "admin:auth_user_password_change": {
        "GET": "  302   302   302   302   302   200",
        "POST": "  302   302   302   302   302   200",
    },
    "admin:deltakere_bruker_changelist": {
        "GET": "  302   302   302   302   302   200",
        "POST": "  302   302   302   302   302   200",
    },
    "admin:deltakere_bruker_add": {
        "GET": "  302   302   302   302   302   200",
        "POST": "  302   302   302   302   302   200",
    },
    "admin:deltakere_bruker_history": {
        "GET": "  302   302   302   302   302   200",
        "POST": "  302   302   302   302   302   200",
    },
    "admin:deltakere_bruker_delete": {
        "GET": "  302   302   302   302   302   200",
        "POST": "  302   302   302   302   302   302",
    },
    "admin:deltakere_bruker_change": {
        "GET": "  302   302   302   302   302   200",
        "POST": "  302   302   302   302   302   200",
    },
    "admin:<uten navn> admin/deltakere/bruker/<path:object_id>/": {
        "GET": "  302   302   302   302   302   302",
        "POST": "  302   302   302   302   302   302",
    },
    "admin:deltakere_medlemskap_changelist": {
        "GET": "  302   302   302   302   302   200",
        "POST": "  302   302   302   302   302   200",
    },
    "admin:deltakere_medlemskap_add": {
        "GET": "  302   302   302   302   302   200",
        "POST": "  302   302   302   302   302   200",
    },
    "admin:deltakere_medlemskap_history": {
        "GET": "  302   302   302   302   302   200",
        "POST": "  302   302   302   302   302   200",
    },
    "admin:deltakere_medlemskap_delete": {
        "GET": "  302   302   302   302   302   200",
        "POST": "  302   302   302   302   302   302",
    },
    "admin:deltakere_medlemskap_change": {
        "GET": "  302   302   302   302   302   200",
        "POST": "  302   302   302   302   302   200",
    },
    "admin:<uten navn> admin/deltakere/medlemskap/<path:object_id>/": {
        "GET": "  302   302   302   302   302   302",
        "POST": "  302   302   302   302   302   302",
    },
    "admin:deltakere_tilgangslogg_changelist": {
        "GET": "  302   302   302   302   302   200",
        "POST": "  302   302   302   302   302   200",
    },
    "admin:deltakere_tilgangslogg_add": {
        "GET": "  302   302   302   302   302   403",
        "POST": "  302   302   302   302   302   403",
    },
    "admin:deltakere_tilgangslogg_history": {
        "GET": "  302   302   302   302   302   302",
        "POST": "  302   302   302   302   302   302",
    },
    "admin:deltakere_tilgangslogg_delete": {
        "GET": "  302   302   302   302   302   403",
        "POST": "  302   302   302   302   302   403",
    },
    "admin:deltakere_tilgangslogg_change": {
        "GET": "  302   302   302   302   302   302",
        "POST": "  302   302   302   302   302   403",
    },
    "admin:<uten navn> admin/deltakere/tilgangslogg/<path:object_id>/": {
        "GET": "  302   302   302   302   302   302",
        "POST": "  302   302   302   302   302   302",
    },
    "admin:otp_totp_totpdevice_changelist": {
        "GET": "  302   302   302   302   302   200",
        "POST": "  302   302   302   302   302   200",
    },
    "admin:otp_totp_totpdevice_add": {
        "GET": "  302   302   302   302   302   403",
        "POST": "  302   302   302   302   302   403",
    },
    "admin:otp_totp_totpdevice_history": {
        "GET": "  302   302   302   302   302   200",
        "POST": "  302   302   302   302   302   200",
    },
    "admin:otp_totp_totpdevice_delete": {
        "GET": "  302   302   302   302   302   200",
        "POST": "  302   302   302   302   302   302",
    },
    "admin:otp_totp_totpdevice_change": {
        "GET": "  302   302   302   302   302   200",
        "POST": "  302   302   302   302   302   403",
    },
    "admin:<uten navn> admin/otp_totp/totpdevice/<path:object_id>/": {
        "GET": "  302   302   302   302   302   302",
        "POST": "  302   302   302   302   302   302",
    },
    "admin:otp_static_staticdevice_changelist": {
        "GET": "  302   302   302   302   302   200",
        "POST": "  302   302   302   302   302   200",
    },
    "admin:otp_static_staticdevice_add": {
        "GET": "  302   302   302   302   302   403",
        "POST": "  302   302   302   302   302   403",
    },
    "admin:otp_static_staticdevice_history": {
        "GET": "  302   302   302   302   302   200",
        "POST": "  302   302   302   302   302   200",
    },
    "admin:otp_static_staticdevice_delete": {
        "GET": "  302   302   302   302   302   200",
        "POST": "  302   302   302   302   302   302",
    },
    "admin:otp_static_staticdevice_change": {
        "GET": "  302   302   302   302   302   200",
        "POST": "  302   302   302   302   302   403",
    },
    "admin:<uten navn> admin/otp_static/staticdevice/<path:object_id>/": {
        "GET": "  302   302   302   302   302   302",
        "POST": "  302   302   302   302   302   302",
    },
    "admin:django_tasks_database_dbtaskresult_changelist": {
        "GET": "  302   302   302   302   302   200",
        "POST": "  302   302   302   302   302   200",
    },
    "admin:django_tasks_database_dbtaskresult_add": {
        "GET": "  302   302   302   302   302   403",
        "POST": "  302   302   302   302   302   403",
    },
    # The task results admin is read-only (django-tasks-db); the world holds no task result, so a row's pages
    # send the superuser back to the list.
    "admin:django_tasks_database_dbtaskresult_history": {
        "GET": "  302   302   302   302   302   302",
        "POST": "  302   302   302   302   302   302",
    },
    "admin:django_tasks_database_dbtaskresult_delete": {
        "GET": "  302   302   302   302   302   403",
        "POST": "  302   302   302   302   302   403",
    },
    "admin:django_tasks_database_dbtaskresult_change": {
        "GET": "  302   302   302   302   302   302",
        "POST": "  302   302   302   302   302   403",
    },
    "admin:<uten navn> admin/django_tasks_database/dbtaskresult/<path:object_id>/": {
        "GET": "  302   302   302   302   302   302",
        "POST": "  302   302   302   302   302   302",
    },
    "admin:app_list": {"GET": "  302   302   302   302   302   200", "POST": "  302   302   302   302   302   200"},
    "admin:<uten navn> admin/(?P<url>.*)$": {
        "GET": "  302   302   302   302   302   404",
        "POST": "  302   302   302   302   302   404",
    },
}


def _forventet(navn, metode, sted):
    rad = {**MATRISE, **ADMIN}[navn]
    return (rad.get(f"{metode} {sted}") or rad[metode]).split()


def _navngir_senter(monster):
    """Does the URL name rows that belong to one centre (a person, a staff member, a centre)?"""
    navngir = {"pk", "senter_id", "token", "tidgiver_id", "samling_id", "rapport_id"}
    return bool(set(monster.pattern.regex.groupindex) & navngir)


@pytest.mark.django_db
def test_every_url_answers_every_role_as_the_matrix_says(settings):
    settings.REQUIRE_2FA = False
    verden = lag_verden()
    monstre = alle_monstre()
    mangler = [navn for navn, _, _ in monstre if navn not in MATRISE and navn not in ADMIN]
    assert not mangler, (
        f"URLs not in the authorization matrix (add them, with the answer each role must get): {mangler}"
    )
    avvik = []
    for navn, route, monster in monstre:
        for metode in ("GET", "POST"):
            for sted in STED if _navngir_senter(monster) else ["eget"]:
                for rolle, forventet in zip(ROLLER, _forventet(navn, metode, sted), strict=True):
                    status, logget, _ = kjor(verden, navn, route, monster, rolle, sted, metode)
                    svar = f"{status}L" if logget == 1 else f"{status}L{logget}" if logget else str(status)
                    if svar != forventet:
                        avvik.append(f"{navn} {metode} {sted} as {rolle}: expected {forventet}, got {svar}")
    assert not avvik, "\n".join(avvik)


def test_the_matrix_names_only_urls_that_exist():
    finnes = {navn for navn, _, _ in alle_monstre()}
    assert set(MATRISE) | set(ADMIN) <= finnes, sorted((set(MATRISE) | set(ADMIN)) - finnes)


@pytest.mark.django_db
def test_every_page_that_shows_a_person_writes_the_access_log(settings):
    """Whatever the matrix says: a GET that answers 200 on a URL naming a person wrote exactly one row."""
    settings.REQUIRE_2FA = False
    verden = lag_verden()
    for navn, route, monster in alle_monstre():
        if "pk" not in monster.pattern.regex.groupindex:
            continue
        for rolle in ("veileder", "tidgiverkoordinator"):
            status, logget, _ = kjor(verden, navn, route, monster, rolle, "eget", "GET")
            if status == 200:
                assert logget == 1, f"{navn} as {rolle} showed a person and wrote {logget} access-log rows"
    assert resolve("/deltakere/1/").view_name == "deltakere:sak"
