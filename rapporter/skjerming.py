"""Small-number protection: no report lets a reader pick out a person from a small count.

A cell that counts people (`n` is not None) with 1 to RAPPORT_MINSTE_ANTALL - 1 people is hidden (shown as
"<5"); zero reveals no one and stays. Then secondary suppression: where a total is shown, a group of cells
adding up to it (a column above a sum row, or a row whose last column is its sum, `Tabell.kolonnesum`) with
exactly one hidden cell would give that cell away by subtraction (only counts add up: a mean beside them is not
part of the group), so its next-smallest visible cell is hidden
too (`skjult_for_differanse`). This repeats until no such group is left. The table gets a footnote saying so.
"""

import copy

from django.conf import settings

from .tabeller import Celle

MERKNAD = "Tall under {minste} er skjult for å verne enkeltpersoner, også der de ellers kunne regnes ut fra summen."


def minste_antall():
    return settings.RAPPORT_MINSTE_ANTALL


def vis(celle, minste=None):
    """The hidden cell's text ("<5"), or None when the cell is shown."""
    return f"<{minste or minste_antall()}" if celle.skjult else None


def skjerm_tabeller(tabeller, minste=None):
    return [skjerm(t, minste) for t in tabeller]


def skjerm(tabell, minste=None):
    """A protected copy of `tabell` (the original is left as it was)."""
    minste = minste or minste_antall()
    tabell = copy.deepcopy(tabell)
    endret = False
    for rad in tabell.rader:
        for celle in rad.celler:
            if celle.n is not None and 0 < celle.n < minste:
                celle.skjult = endret = True
    if not endret:
        return tabell
    while any(_skjul_en_til(gruppe, total) for gruppe, total in _grupper(tabell)):
        pass
    merknad = MERKNAD.format(minste=minste)
    tabell.merknad = f"{tabell.merknad} {merknad}".strip()
    return tabell


def _grupper(tabell):
    """Each set of people-counting cells that adds up to a shown total, with the total cell."""
    vanlige = [r for r in tabell.rader if not r.er_sum]
    sumrad = next((r for r in tabell.rader if r.er_sum), None)
    if sumrad is not None:
        for i, total in enumerate(sumrad.celler):
            yield [r.celler[i] for r in vanlige if i < len(r.celler)], total
    if tabell.kolonnesum is not False:
        i = -1 if tabell.kolonnesum is True else tabell.kolonnesum
        for rad in tabell.rader:
            if len(rad.celler) > 1:
                yield rad.celler[:i], rad.celler[i]


def _skjul_en_til(gruppe, total: Celle):
    gruppe = [c for c in gruppe if c.n is not None and c.format == "antall"]  # a mean is no part of a sum
    skjulte = [c for c in gruppe if c.skjult]
    if total.skjult or len(skjulte) != 1:
        return False
    synlige = sorted((c for c in gruppe if not c.skjult and c.n > 0), key=lambda c: c.n)
    if not synlige:
        # Only zeros beside it: the total itself is the hidden count, so it is hidden too.
        total.skjult = total.skjult_for_differanse = True
        return True
    synlige[0].skjult = synlige[0].skjult_for_differanse = True
    return True
