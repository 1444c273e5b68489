"""The shapes every report section is built from: a period, and tables of counts.

A section of a report is a list of `Tabell`; each row (`Rad`) holds one `Celle` per column. A cell keeps the
number it counts and, where the figure rests on people, how many (`n`), so small-number protection
(`rapporter.skjerming`) can hide it and the output (HTML, PDF, CSV, XLSX) can say "n = 23". Cells are plain
data: no personal identifiers ever reach a report.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

OSLO = ZoneInfo("Europe/Oslo")


@dataclass(frozen=True)
class Periode:
    """A span of whole Europe/Oslo days, both ends included."""

    fra: date
    til: date
    navn: str = ""  # "3. kvartal 2026", "2026", "1. mars–15. juni 2026"

    @property
    def start(self):
        """The first instant of the period, aware (for DateTimeField filters: `tidspunkt__gte=start`)."""
        return datetime.combine(self.fra, time.min, tzinfo=OSLO)

    @property
    def slutt(self):
        """The first instant after the period, aware (`tidspunkt__lt=slutt`)."""
        return datetime.combine(self.til + timedelta(days=1), time.min, tzinfo=OSLO)

    @property
    def dager(self):
        return (self.til - self.fra).days + 1

    def i_fjor(self):
        """The same period one year earlier (29 February becomes 28 February)."""

        def tilbake(d):
            try:
                return d.replace(year=d.year - 1)
            except ValueError:
                return d.replace(year=d.year - 1, day=28)

        return Periode(tilbake(self.fra), tilbake(self.til), "samme periode året før")

    @classmethod
    def kvartal(cls, aar, nr):
        fra = date(aar, 3 * nr - 2, 1)
        til = (date(aar + (nr == 4), 1 if nr == 4 else 3 * nr + 1, 1)) - timedelta(days=1)
        return cls(fra, til, f"{nr}. kvartal {aar}")

    @classmethod
    def siste_hele_kvartal(cls, idag):
        nr = (idag.month - 1) // 3 + 1
        return cls.kvartal(idag.year - 1, 4) if nr == 1 else cls.kvartal(idag.year, nr - 1)

    @classmethod
    def aar(cls, aar):
        return cls(date(aar, 1, 1), date(aar, 12, 31), str(aar))


@dataclass
class Celle:
    """One figure. `verdi` is a count, a share (0–1) or a mean; `n` is how many people it rests on (None when it
    is not a count of people, such as a number of meals). `skjult` is set by the small-number protection."""

    verdi: float | int | None
    n: int | None = None
    format: str = "antall"  # antall | andel | snitt | timer
    skjult: bool = False
    skjult_for_differanse: bool = False  # hidden only so a total does not give a small cell away


@dataclass
class Rad:
    navn: str
    celler: list  # of Celle, one per column
    er_sum: bool = False  # a total row (its cells are the sums of the rows above)


@dataclass
class Tabell:
    """One table of a report section. `kolonner` are the column headings after the row heading."""

    tittel: str
    kolonner: list
    rader: list = field(default_factory=list)
    radoverskrift: str = ""
    merknad: str = ""  # a footnote, e.g. what n is, or that cells were hidden
    n: int | None = None  # how many people the whole table rests on ("n = 23")
    id: str = ""  # a stable slug, used for CSV/XLSX sheet names and anchors
    # A chart beside the table (rapporter.diagram): "soyle" for bars, "livsomrader" for the life-area chart, ""
    # for none. Reports archived before this was a string hold True, which still draws bars.
    diagram: str = ""
    # The last column (True), or the column at this index, is the sum of the columns before it (small-number
    # protection uses it).
    kolonnesum: bool | int = False
