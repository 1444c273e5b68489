"""Small-number protection on hand-made tables, including a total that would give a hidden cell away."""

from rapporter.skjerming import skjerm, vis
from rapporter.tabeller import Celle, Rad, Tabell


def personer(*tall):
    return [Celle(t, n=t) for t in tall]


def tabell(rader, **kw):
    return Tabell("Prøve", ["A", "B"], [Rad(navn, celler, er_sum=(navn == "Sum")) for navn, celler in rader], **kw)


def skjult(t):
    return [[c.skjult for c in r.celler] for r in t.rader]


def test_small_counts_of_people_are_hidden_but_zero_and_non_person_counts_stay():
    t = tabell([("x", [*personer(3, 0), Celle(2)]), ("y", personer(5, 12))])
    ut = skjerm(t, 5)
    assert skjult(ut) == [[True, False, False], [False, False]]
    assert vis(ut.rader[0].celler[0], 5) == "<5"
    assert "skjult" in ut.merknad
    assert not t.rader[0].celler[0].skjult  # the original is untouched


def test_a_column_with_one_hidden_cell_under_a_total_hides_the_next_smallest():
    # Column A: 3 is hidden; with the sum 30 shown, 30 - 8 - 19 = 3 would give it away, so 8 goes too.
    t = tabell([("x", personer(3, 10)), ("y", personer(8, 10)), ("z", personer(19, 10)), ("Sum", personer(30, 30))])
    ut = skjerm(t, 5)
    assert skjult(ut) == [[True, False], [True, False], [False, False], [False, False]]
    assert ut.rader[1].celler[0].skjult_for_differanse
    assert not ut.rader[0].celler[0].skjult_for_differanse


def test_two_hidden_cells_need_no_more():
    t = tabell([("x", personer(3, 10)), ("y", personer(2, 10)), ("z", personer(19, 10)), ("Sum", personer(24, 30))])
    ut = skjerm(t, 5)
    assert skjult(ut) == [[True, False], [True, False], [False, False], [False, False]]


def test_a_row_with_a_sum_column_is_protected_too_and_it_repeats_until_stable():
    # Row x: 2 hidden; its total 9 would give it away, so 7 is hidden too; then columns A and B each have one
    # hidden cell above their sums, so their next smallest (10 and 9 in row y) go as well.
    t = Tabell(
        "Prøve",
        ["A", "B", "Sum"],
        [
            Rad("x", personer(2, 7, 9)),
            Rad("y", personer(10, 9, 19)),
            Rad("z", personer(12, 15, 27)),
            Rad("Sum", personer(24, 31, 55), er_sum=True),
        ],
        kolonnesum=True,
    )
    ut = skjerm(t, 5)
    assert skjult(ut)[0] == [True, True, False]
    assert ut.rader[0].celler[1].skjult_for_differanse
    # Column A: 2 hidden -> the next smallest in A (10) is hidden too; column B: 7 hidden -> 9 hidden.
    assert ut.rader[1].celler[0].skjult and ut.rader[1].celler[1].skjult
    assert not ut.rader[3].celler[0].skjult


def test_no_small_cells_no_footnote():
    t = tabell([("x", personer(6, 10)), ("Sum", personer(6, 10))], merknad="n er personer.")
    assert skjerm(t, 5).merknad == "n er personer."


def test_a_sum_column_inside_the_row_and_a_mean_beside_it():
    """Livsområder: better, same, worse, people (their sum), mean change. Only counts add up."""
    t = Tabell(
        "t",
        ["Bedre", "Uendret", "Verre", "Personer", "Snitt"],
        [
            Rad(
                "Bolig",
                [Celle(2, n=2), Celle(6, n=6), Celle(9, n=9), Celle(17, n=17), Celle(0.5, n=17, format="snitt")],
            )
        ],
        kolonnesum=3,
    )
    celler = skjerm(t).rader[0].celler
    assert [c.skjult for c in celler] == [True, True, False, False, False]  # 2 hidden, then 6 so 17 − 9 tells nothing
