"""Bar charts for report tables, drawn on the server as SVG (as oppfolging.diagram): no JavaScript, and
readable in greyscale print. One row per table row (not the sum), one bar per column: this period solid
dark, last year light with a dark outline; each bar carries its number, and a hidden cell shows "<5" and no
bar. The table beside it holds the same numbers for screen readers."""

from django.utils.html import escape
from django.utils.safestring import mark_safe

from .utdata import tekst

BREDDE = 640
VENSTRE = 220
TOPP = 8
STOLPE = 12
MELLOMROM = 8
SKALA = BREDDE - VENSTRE - 60
VENSTRE_TEKST = VENSTRE - 6
FYLL = [("#1f2937", "#1f2937"), ("#d1d5db", "#1f2937")]


def soylediagram(tabell, prefiks=""):
    """`prefiks` keeps the chart's title id unique where the same table appears once per part of a report."""
    rader = [r for r in tabell.rader if not r.er_sum]
    verdier = [c.verdi for r in rader for c in r.celler if not c.skjult and c.verdi]
    storst = max(verdier, default=0) or 1
    serier = len(tabell.kolonner)
    radhoyde = serier * STOLPE + MELLOMROM
    hoyde = TOPP + radhoyde * len(rader) + 24
    tittel_id = f"diagram-{escape(prefiks)}{escape(tabell.id)}"
    deler = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {BREDDE} {hoyde}" width="100%" role="img" '
        f'aria-labelledby="{tittel_id}" class="mv-diagram">',
        f'<title id="{tittel_id}">{escape(tabell.tittel)}: søylediagram, tallene står i tabellen</title>',
    ]
    for i, rad in enumerate(rader):
        y = TOPP + i * radhoyde
        deler.append(
            f'<text x="{VENSTRE_TEKST}" y="{y + serier * STOLPE / 2 + 4}" font-size="11" '
            f'text-anchor="end">{escape(rad.navn)}</text>'
        )
        for j, celle in enumerate(rad.celler[:2]):
            yy = y + j * STOLPE
            lengde = 0 if celle.skjult or not celle.verdi else SKALA * float(celle.verdi) / float(storst)
            fyll, strek = FYLL[j]
            if lengde:
                deler.append(
                    f'<rect x="{VENSTRE}" y="{yy}" width="{lengde:.1f}" height="{STOLPE - 2}" fill="{fyll}" '
                    f'stroke="{strek}" stroke-width="0.75"/>'
                )
            deler.append(
                f'<text x="{VENSTRE + lengde + 4:.1f}" y="{yy + STOLPE - 3}" font-size="10">'
                f"{escape(tekst(celle))}</text>"
            )
    y = TOPP + radhoyde * len(rader) + 6
    for j, navn in enumerate(tabell.kolonner[:2]):
        x = VENSTRE + j * 200
        fyll, strek = FYLL[j]
        deler.append(f'<rect x="{x}" y="{y}" width="10" height="10" fill="{fyll}" stroke="{strek}"/>')
        deler.append(f'<text x="{x + 14}" y="{y + 9}" font-size="10">{escape(navn)}</text>')
    deler.append("</svg>")
    return mark_safe("".join(deler))


# The life-area chart: one bar per area split into improved / unchanged / worse (dark, mid grey, white with a
# dark outline: apart in greyscale), shares of the people compared, each part with its count.
DELER = [("#1f2937", "#1f2937", "#ffffff"), ("#9ca3af", "#1f2937", "#000000"), ("#ffffff", "#1f2937", "#000000")]


def livsomradediagram(tabell, prefiks=""):
    rader = [r for r in tabell.rader if not r.er_sum]
    hoyde = TOPP + len(rader) * (STOLPE + MELLOMROM + 4) + 30
    tittel_id = f"diagram-{escape(prefiks)}{escape(tabell.id)}"
    deler = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {BREDDE} {hoyde}" width="100%" role="img" '
        f'aria-labelledby="{tittel_id}" class="mv-diagram">',
        f'<title id="{tittel_id}">{escape(tabell.tittel)}: andel bedre, uendret og verre per livsområde, tallene '
        f"står i tabellen</title>",
    ]
    for i, rad in enumerate(rader):
        y = TOPP + i * (STOLPE + MELLOMROM + 4)
        deler.append(
            f'<text x="{VENSTRE_TEKST}" y="{y + STOLPE - 2}" font-size="11" text-anchor="end">{escape(rad.navn)}</text>'
        )
        tre, personer = rad.celler[:3], rad.celler[3]
        if personer.skjult or not personer.verdi or any(c.skjult for c in tre):
            # No bar: nobody compared, or a part too small to show (its share would give it away).
            if personer.skjult:
                forklaring = f"{tekst(personer)} personer"
            elif not personer.verdi:
                forklaring = "n = 0"
            else:
                forklaring = f"n = {tekst(personer)}: fordelingen vises ikke (små tall)"
            deler.append(f'<text x="{VENSTRE + 4}" y="{y + STOLPE - 2}" font-size="10">{escape(forklaring)}</text>')
            continue
        x = VENSTRE
        for celle, (fyll, strek, skrift) in zip(tre, DELER, strict=True):
            bredde = SKALA * celle.verdi / personer.verdi
            if bredde:
                deler.append(
                    f'<rect x="{x:.1f}" y="{y}" width="{bredde:.1f}" height="{STOLPE + 2}" fill="{fyll}" '
                    f'stroke="{strek}" stroke-width="0.75"/>'
                )
                if bredde > 18:
                    deler.append(
                        f'<text x="{x + bredde / 2:.1f}" y="{y + STOLPE - 1}" font-size="9" text-anchor="middle" '
                        f'fill="{skrift}">{escape(tekst(celle))}</text>'
                    )
            x += bredde
        deler.append(f'<text x="{x + 4:.1f}" y="{y + STOLPE - 1}" font-size="10">n = {escape(tekst(personer))}</text>')
    y = TOPP + len(rader) * (STOLPE + MELLOMROM + 4) + 6
    for j, navn in enumerate(tabell.kolonner[:3]):
        fyll, strek, _ = DELER[j]
        x = VENSTRE + j * 120
        deler.append(f'<rect x="{x}" y="{y}" width="10" height="10" fill="{fyll}" stroke="{strek}"/>')
        deler.append(f'<text x="{x + 14}" y="{y + 9}" font-size="10">{escape(navn)}</text>')
    deler.append("</svg>")
    return mark_safe("".join(deler))
