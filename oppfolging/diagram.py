"""The life-area chart, drawn on the server as SVG: no JavaScript, readable in greyscale print.

One row per life area, one bar per kartlegging (up to three), on the 1–10 ladder. Series are told apart by
fill pattern and by a label at the end of each bar, never by colour alone; a skipped area shows the reason in
words. The chart is an image (role="img") with a title and a description; the page shows the same numbers in
a table, for screen readers and for anyone who prefers numbers. The reports reuse it.
"""

from django.utils.html import escape
from django.utils.safestring import mark_safe

from . import livsomrader

BREDDE = 640
VENSTRE = 230  # room for the area names
TOPP = 28
RADHOYDE_PER_SERIE = 14
MELLOMROM = 10
SKALA_BREDDE = BREDDE - VENSTRE - 40
# Fills that survive black-and-white printing: dark solid, hatched, light dotted.
FYLL = ["#1f2937", "url(#mv-skravur)", "url(#mv-prikker)"]
STREK = ["#1f2937", "#1f2937", "#4b5563"]


def _x(verdi):
    return VENSTRE + SKALA_BREDDE * verdi / livsomrader.HOYEST


def livsomradediagram(serier, *, tittel, id_prefiks="diagram"):
    """SVG markup for `serier`: a list of (name, {area code: rating or None}, {area code: skip reason}).

    Returns safe HTML. Areas are in the order of livsomrader.LIVSOMRADER.
    """
    serier = list(serier)[:3]
    n = max(len(serier), 1)
    radhoyde = n * RADHOYDE_PER_SERIE + MELLOMROM
    hoyde = TOPP + radhoyde * len(livsomrader.LIVSOMRADER) + 36
    tittel_id, beskrivelse_id = f"{id_prefiks}-tittel", f"{id_prefiks}-beskrivelse"
    navn = " og ".join(escape(s[0]) for s in serier)
    deler = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {BREDDE} {hoyde}" class="mv-diagram" role="img" '
        'font-family="DejaVu Sans, Liberation Sans, Arial, sans-serif" '
        f'aria-labelledby="{tittel_id} {beskrivelse_id}">',
        f'<title id="{tittel_id}">{escape(tittel)}</title>',
        f'<desc id="{beskrivelse_id}">Stolpediagram over livsområdene, vurdert fra 1 (svært vanskelig) til 10 '
        f"(fungerer godt): {navn}. Tallene står i tabellen under diagrammet.</desc>",
        "<defs>"
        '<pattern id="mv-skravur" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
        '<rect width="6" height="6" fill="#ffffff"/><line x1="0" y1="0" x2="0" y2="6" stroke="#1f2937" '
        'stroke-width="3"/></pattern>'
        '<pattern id="mv-prikker" width="5" height="5" patternUnits="userSpaceOnUse">'
        '<rect width="5" height="5" fill="#ffffff"/><circle cx="2.5" cy="2.5" r="1.3" fill="#4b5563"/></pattern>'
        "</defs>",
    ]
    # The scale: 1, 5 and 10, with light guide lines.
    for verdi in (1, 5, 10):
        x = _x(verdi)
        deler.append(
            f'<line x1="{x:.1f}" y1="{TOPP - 6}" x2="{x:.1f}" y2="{hoyde - 30}" stroke="#9ca3af" stroke-width="1"/>'
            f'<text x="{x:.1f}" y="{TOPP - 10}" text-anchor="middle" font-size="11" fill="#111827">{verdi}</text>'
        )
    for i, omrade in enumerate(livsomrader.LIVSOMRADER):
        y0 = TOPP + i * radhoyde
        deler.append(
            f'<text x="{VENSTRE - 8}" y="{y0 + n * RADHOYDE_PER_SERIE / 2 + 4:.1f}" text-anchor="end" font-size="12" '
            f'fill="#111827">{escape(omrade.navn)}</text>'
        )
        for j, (_navn, verdier, hoppet) in enumerate(serier):
            y = y0 + j * RADHOYDE_PER_SERIE
            verdi = verdier.get(omrade.kode)
            if verdi is None:
                grunn = (hoppet or {}).get(omrade.kode) or "ikke vurdert"
                deler.append(
                    f'<text x="{VENSTRE + 4}" y="{y + 10}" font-size="10" fill="#374151">{escape(grunn.lower())}</text>'
                )
                continue
            bredde = _x(verdi) - VENSTRE
            deler.append(
                f'<rect x="{VENSTRE}" y="{y + 1}" width="{bredde:.1f}" height="{RADHOYDE_PER_SERIE - 3}" '
                f'fill="{FYLL[j]}" stroke="{STREK[j]}" stroke-width="1"/>'
                f'<text x="{VENSTRE + bredde + 4:.1f}" y="{y + 10}" font-size="10" fill="#111827">{verdi}</text>'
            )
    # The legend: pattern and name of each series.
    y = hoyde - 18
    x = VENSTRE
    for j, (navn_, _v, _h) in enumerate(serier):
        deler.append(
            f'<rect x="{x}" y="{y}" width="14" height="10" fill="{FYLL[j]}" stroke="{STREK[j]}" stroke-width="1"/>'
            f'<text x="{x + 18}" y="{y + 9}" font-size="11" fill="#111827">{escape(navn_)}</text>'
        )
        x += 24 + 7 * len(navn_)
    deler.append("</svg>")
    return mark_safe("".join(deler))


def serie(navn, kartlegging):
    """A chart series from a kartlegging whose `omrader` are prefetched."""
    verdier, hoppet = {}, {}
    for v in kartlegging.omrader.all():
        if v.hoppet_over:
            hoppet[v.omrade] = v.get_hoppet_over_display()
        else:
            verdier[v.omrade] = v.egen
    return (navn, verdier, hoppet)


# ---------------------------------------------------------------------------
# Motivation over time: the two 0–10 rulers and the stage of change
# ---------------------------------------------------------------------------

M_BREDDE, M_VENSTRE, M_TOPP, M_HOYDE_SKALA = 640, 40, 20, 180


def motivasjonsdiagram(punkter, *, id_prefiks="motivasjon"):
    """SVG markup for the motivasjonssamtaler (oppfolging.selectors.Motivasjonspunkt, oldest first): "hvor viktig"
    as a solid line with round markers, "hvor sikker" as a dashed line with square markers, on 0–10, and the stage
    of change written under each samtale. Told apart by line style and marker shape, never by colour alone."""
    punkter = list(punkter)
    n = len(punkter)
    hoyde = M_TOPP + M_HOYDE_SKALA + 80
    steg = (M_BREDDE - M_VENSTRE - 30) / max(n - 1, 1)
    tittel_id, beskrivelse_id = f"{id_prefiks}-tittel", f"{id_prefiks}-beskrivelse"

    def x(i):
        return M_VENSTRE + 15 + (i * steg if n > 1 else (M_BREDDE - M_VENSTRE - 30) / 2)

    def y(verdi):
        return M_TOPP + M_HOYDE_SKALA * (1 - verdi / 10)

    deler = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {M_BREDDE} {hoyde}" class="mv-diagram" role="img" '
        'font-family="DejaVu Sans, Liberation Sans, Arial, sans-serif" '
        f'aria-labelledby="{tittel_id} {beskrivelse_id}">',
        f'<title id="{tittel_id}">Motivasjon over tid</title>',
        f'<desc id="{beskrivelse_id}">Linjediagram over {n} motivasjonssamtaler: hvor viktig en endring er og hvor '
        "sikker personen er på å klare den, fra 0 til 10, og endringsfasen. Tallene står i tabellen under.</desc>",
    ]
    for verdi in (0, 5, 10):
        deler.append(
            f'<line x1="{M_VENSTRE}" y1="{y(verdi):.1f}" x2="{M_BREDDE - 10}" y2="{y(verdi):.1f}" stroke="#9ca3af" '
            f'stroke-width="1"/><text x="{M_VENSTRE - 6}" y="{y(verdi) + 4:.1f}" text-anchor="end" font-size="11" '
            f'fill="#111827">{verdi}</text>'
        )
    for felt, strek, merke in (("viktighet", "", "sirkel"), ("mestringstro", ' stroke-dasharray="6 4"', "firkant")):
        kjede = [(x(i), y(getattr(p, felt))) for i, p in enumerate(punkter) if getattr(p, felt) is not None]
        if len(kjede) > 1:
            linje = " ".join(f"{a:.1f},{b:.1f}" for a, b in kjede)
            deler.append(f'<polyline points="{linje}" fill="none" stroke="#1f2937" stroke-width="2"{strek}/>')
        for a, b in kjede:
            if merke == "sirkel":
                deler.append(f'<circle cx="{a:.1f}" cy="{b:.1f}" r="4.5" fill="#1f2937"/>')
            else:
                deler.append(f'<rect x="{a - 4:.1f}" y="{b - 4:.1f}" width="8" height="8" fill="#ffffff" '
                             'stroke="#1f2937" stroke-width="2"/>')  # fmt: skip
    for i, p in enumerate(punkter):
        bunn = M_TOPP + M_HOYDE_SKALA
        deler.append(
            f'<text x="{x(i):.1f}" y="{bunn + 16}" text-anchor="middle" font-size="10" fill="#111827">'
            f"{p.dato:%d.%m.%y}</text>"
        )
        if p.endringsfase_navn:
            deler.append(
                f'<text x="{x(i):.1f}" y="{bunn + 30}" text-anchor="middle" font-size="9" fill="#374151">'
                f"{escape(p.endringsfase_navn[:12])}</text>"
            )
    y0 = hoyde - 16
    deler.append(
        f'<line x1="{M_VENSTRE}" y1="{y0}" x2="{M_VENSTRE + 24}" y2="{y0}" stroke="#1f2937" stroke-width="2"/>'
        f'<circle cx="{M_VENSTRE + 12}" cy="{y0}" r="4" fill="#1f2937"/>'
        f'<text x="{M_VENSTRE + 30}" y="{y0 + 4}" font-size="11" fill="#111827">Hvor viktig</text>'
        f'<line x1="{M_VENSTRE + 140}" y1="{y0}" x2="{M_VENSTRE + 164}" y2="{y0}" stroke="#1f2937" stroke-width="2" '
        'stroke-dasharray="6 4"/>'
        f'<rect x="{M_VENSTRE + 148}" y="{y0 - 4}" width="8" height="8" fill="#ffffff" stroke="#1f2937" '
        'stroke-width="2"/>'
        f'<text x="{M_VENSTRE + 170}" y="{y0 + 4}" font-size="11" fill="#111827">Hvor sikker</text>'
    )
    deler.append("</svg>")
    return mark_safe("".join(deler))
