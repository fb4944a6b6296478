"""Two partners' lists combined into a paired list by each policy."""

from __future__ import annotations

from medpath.match.pairing import Choice, paired_list

FIRST = [Choice(1, 1, "Boston", "MA"), Choice(2, 2, "Chicago", "IL"), Choice(3, 3, "Worcester", "MA")]
SECOND = [Choice(11, 1, "Chicago", "IL"), Choice(12, 2, "Boston", "MA")]


def test_same_city_first_then_the_rest_by_the_sum_of_ranks() -> None:
    pairs, cut = paired_list(FIRST, SECOND, policy="same-city", unmatched="none")
    assert cut == 0
    # same city: (1,12) sum 3 and (2,11) sum 3, tie to the first partner's preference; then the rest by sum
    assert pairs[:2] == [(1, 12), (2, 11)]
    assert pairs[2:] == [(1, 11), (2, 12), (3, 11), (3, 12)]


def test_distance_bands_put_the_same_region_second() -> None:
    pairs, _ = paired_list(FIRST, SECOND, policy="distance-bands", unmatched="none")
    assert pairs[:2] == [(1, 12), (2, 11)]
    assert pairs[2] == (3, 12)  # Worcester and Boston: same region
    assert set(pairs[3:]) == {(1, 11), (2, 12), (3, 11)}


def test_one_partner_leads() -> None:
    first_leads, _ = paired_list(FIRST, SECOND, policy="first-leads", unmatched="none")
    assert first_leads == [(1, 11), (1, 12), (2, 11), (2, 12), (3, 11), (3, 12)]
    second_leads, _ = paired_list(FIRST, SECOND, policy="second-leads", unmatched="none")
    assert second_leads == [(1, 11), (2, 11), (3, 11), (1, 12), (2, 12), (3, 12)]


def test_unmatched_pairs_go_where_the_couple_says() -> None:
    at_end, _ = paired_list(FIRST, SECOND, policy="same-city", unmatched="end")
    assert at_end[:6] == paired_list(FIRST, SECOND, policy="same-city", unmatched="none")[0]
    assert at_end[6:] == [(1, None), (None, 11), (2, None), (None, 12), (3, None)]
    early, _ = paired_list(FIRST, SECOND, policy="same-city", unmatched="after-first-band")
    assert early[:2] == [(1, 12), (2, 11)]
    assert early[2] == (1, None)
    assert (None, None) not in early


def test_the_limit_cuts_and_says_how_many() -> None:
    many = [Choice(i, i) for i in range(1, 21)]
    other = [Choice(100 + i, i) for i in range(1, 21)]
    pairs, cut = paired_list(many, other, limit=300)
    assert len(pairs) == 300
    assert cut == 20 * 20 + 40 - 300
    assert len(set(pairs)) == 300
