"""How fast the matching board is: 1,000 deltakere waiting x 500 tidgivere with free capacity.

    .venv/bin/python benchmarks/tidgivere.py            # 1,000 x 500, 5 runs
    .venv/bin/python benchmarks/tidgivere.py --deltakere 2000 --tidgivere 1000

Synthetic profiles (random but seeded: interests, hovedmål, availability, place, languages, wishes, capacity 1-3
with some load, a tenth held back by the gate) go straight into tidgivere.matching, as the board view gives them
after its four queries, so the time is the matching itself: the score matrix, the optimal assignment
(linear_sum_assignment over capacity-expanded columns) and the greedy comparison. Prints the median and worst of
the runs, and the peak memory of one run (tracemalloc; numpy's arrays included). Results: docs/benchmarks.md,
"## Tidgivere". No database is needed.
"""

import argparse
import os
import random
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from tidgivere import katalog  # noqa: E402
from tidgivere.matching import HJELP_FOR_OMRADE, Deltakerprofil, Mal, Tidgiverprofil, tavle  # noqa: E402

AAR = 2026
STEDER = ["Oslo / Sagene", "Oslo / Grünerløkka", "Oslo / Frogner", "Bergen / Årstad", "Bergen", "Tromsø", ""]
SPRAK = ["norsk", "engelsk", "arabisk", "polsk", "somali", "tigrinja"]


def profiler(n, m, seed=1):
    rng = random.Random(seed)
    koder = [k for k, _ in katalog.AKTIVITETER]
    omrader = list(HJELP_FOR_OMRADE)
    deltakere = [
        Deltakerprofil(
            id=i,
            senter_id=1,
            kan_matches=True,
            fodselsaar=rng.randint(1960, 2004),
            interesser=frozenset(rng.sample(koder, rng.randint(0, 4))),
            mal=tuple(Mal(o, o) for o in rng.sample(omrader, rng.randint(0, 3))),
            tilgjengelighet=frozenset(rng.sample(katalog.TIDER, rng.randint(0, 8))),
            sted=rng.choice(STEDER),
            sprak=frozenset({"norsk", *rng.sample(SPRAK, rng.randint(0, 1))}),
            onsket_kjonn=rng.choice(["", "", "", "kvinne", "mann"]),
            alder_fra=rng.choice([None, None, 25]),
            alder_til=rng.choice([None, None, 65]),
            erfaring=rng.choice(["", "", "onsket", "ikke_onsket"]),
            darlige=frozenset(rng.sample(range(m), 1)) if rng.random() < 0.05 else frozenset(),
        )
        for i in range(n)
    ]
    tidgivere = []
    for j in range(m):
        kapasitet = rng.randint(1, 3)
        tidgivere.append(
            Tidgiverprofil(
                id=j,
                senter_id=1,
                mangler=() if rng.random() > 0.1 else ("Introduksjonskurset er ikke fullført.",),
                kapasitet=kapasitet,
                last=rng.randint(0, kapasitet - 1),
                fodselsaar=rng.randint(1950, 2004),
                kjonn=rng.choice(["kvinne", "mann"]),
                interesser=frozenset(rng.sample(koder, rng.randint(0, 4))),
                aktiviteter=frozenset(rng.sample(koder, rng.randint(1, 4))),
                ferdigheter=tuple(rng.sample(["snekker", "grafisk designer", "regnskap", "sykepleier", "kokk"], 1)),
                tilgjengelighet=frozenset(rng.sample(katalog.TIDER, rng.randint(1, 8))),
                sted=rng.choice(STEDER),
                sprak=frozenset({"norsk", *rng.sample(SPRAK, rng.randint(0, 1))}),
                erfaringskompetanse=rng.random() < 0.4,
                erfaring_kjent=rng.random() < 0.7,
            )
        )
    return deltakere, tidgivere


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--deltakere", type=int, default=1000)
    parser.add_argument("--tidgivere", type=int, default=500)
    parser.add_argument("--runder", type=int, default=5)
    args = parser.parse_args()
    deltakere, tidgivere = profiler(args.deltakere, args.tidgivere)
    plasser = sum(t.ledig for t in tidgivere if not t.mangler)
    tider = []
    for _ in range(args.runder):
        start = time.perf_counter()
        resultat = tavle(deltakere, tidgivere, aar=AAR)
        tider.append(time.perf_counter() - start)
    tracemalloc.start()
    tavle(deltakere, tidgivere, aar=AAR)
    _, topp = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"{args.deltakere} deltakere x {args.tidgivere} tidgivere ({plasser} free places after the gate)")
    print(f"  median {statistics.median(tider):.2f} s, worst {max(tider):.2f} s over {args.runder} runs")
    print(f"  peak memory {topp / 2**20:.0f} MiB (tracemalloc)")
    print(f"  proposal: {len(resultat.par)} pairs, {resultat.total} points; greedy {resultat.gradig_total} points "
          f"(+{resultat.forsprang})")  # fmt: skip


if __name__ == "__main__":
    main()
