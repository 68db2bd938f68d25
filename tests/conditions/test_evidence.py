"""The statistics behind "what comes before this dream": silent on small numbers and on
symmetric cases, and right on a clear one."""

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from conditions.evidence import (
    LOOKBACK_DAYS,
    MIN_DREAM_NIGHTS,
    Night,
    distress_against_history,
    log_odds_z,
    mann_whitney_p,
    month_against_history,
    over_represented,
    poisson_two_sided,
    signals_before,
    what_comes_before,
)

START = dt.date(2025, 1, 1)


def journal(days: list[tuple[set, set]]) -> dict[dt.date, Night]:
    """Nights from START, far enough apart that no night sees another's signals."""
    return {
        START + dt.timedelta(days=(LOOKBACK_DAYS + 1) * n): Night(
            frozenset(dreams), frozenset(signals)
        )
        for n, (dreams, signals) in enumerate(days)
    }


def test_a_condition_before_most_of_a_dreams_nights_is_found():
    nights = journal(
        [({"chase"}, {"life:deadline"})] * 8
        + [(set(), {"life:deadline"})] * 2
        + [(set(), {"life:travel"})] * 20
    )
    findings = what_comes_before(nights, ["chase"])["chase"]
    assert [finding.signal for finding in findings] == ["life:deadline"]
    (finding,) = findings
    assert (finding.nights_with, finding.nights) == (8, 8)
    assert (finding.other_nights_with, finding.other_nights) == (2, 22)


def test_too_few_nights_of_the_dream_say_nothing():
    nights = journal(
        [({"chase"}, {"life:deadline"})] * (MIN_DREAM_NIGHTS - 1) + [(set(), set())] * 30
    )
    assert what_comes_before(nights, ["chase"])["chase"] == []


def test_too_few_other_nights_say_nothing():
    nights = journal([({"chase"}, {"life:deadline"})] * 20 + [(set(), set())] * 2)
    assert what_comes_before(nights, ["chase"])["chase"] == []


def test_a_signal_on_every_night_is_not_a_finding():
    nights = journal([({"chase"}, {"word:work"})] * 10 + [(set(), {"word:work"})] * 10)
    assert what_comes_before(nights, ["chase"])["chase"] == []


def test_signals_of_the_nights_just_before_count():
    nights = {
        START: Night(frozenset(), frozenset({"life:exams"})),
        START + dt.timedelta(days=LOOKBACK_DAYS): Night(frozenset({"chase"}), frozenset()),
        START + dt.timedelta(days=LOOKBACK_DAYS + 1): Night(frozenset({"chase"}), frozenset()),
    }
    assert signals_before(nights, START + dt.timedelta(days=LOOKBACK_DAYS)) == {"life:exams"}
    assert signals_before(nights, START + dt.timedelta(days=LOOKBACK_DAYS + 1)) == set()


def test_many_words_tested_raise_the_bar():
    # 3 of 6 dream nights with a word seen on 1 of 30 other nights: enough alone, but not
    # when it is one of 40 words that each came on 3 dream nights by chance.
    dream_nights = [({"chase"}, {"word:exam"})] * 3 + [({"chase"}, set())] * 3
    others = [(set(), {"word:exam"})] + [(set(), set())] * 29
    assert over_represented(
        [frozenset(s) for _, s in dream_nights], [frozenset(s) for _, s in others]
    )
    noisy = [({"chase"}, {"word:exam"} | {f"word:w{i}" for i in range(40)})] * 3 + [
        ({"chase"}, set())
    ] * 3
    noisy_others = [(set(), {"word:exam"} | {f"word:w{i}" for i in range(40)})] * 3 + [
        (set(), set())
    ] * 27
    assert over_represented_pairs(noisy, noisy_others) == []


def over_represented_pairs(group, others):
    return over_represented([frozenset(s) for _, s in group], [frozenset(s) for _, s in others])


@given(
    hits=st.integers(0, 40),
    extra=st.integers(0, 40),
    scale=st.integers(1, 5),
)
def test_equal_rates_give_a_zero_score(hits, extra, scale):
    total = hits + extra
    if total == 0:
        return
    assert abs(log_odds_z(hits, total, hits * scale, total * scale)) < 1e-9


@given(
    nights=st.lists(
        st.tuples(st.booleans(), st.sets(st.sampled_from(["a", "b", "c"]), max_size=3)),
        max_size=40,
    )
)
def test_a_mirror_image_journal_finds_nothing(nights):
    # Every night doubled, once with the dream and once without: nothing can be
    # over-represented before the dream.
    doubled = [frozenset(signals) for _, signals in nights]
    assert over_represented(doubled, doubled) == []


@given(
    hits_a=st.integers(0, 30),
    miss_a=st.integers(0, 30),
    hits_b=st.integers(0, 30),
    miss_b=st.integers(0, 30),
)
def test_the_score_is_antisymmetric(hits_a, miss_a, hits_b, miss_b):
    if hits_a + miss_a == 0 or hits_b + miss_b == 0:
        return
    forward = log_odds_z(hits_a, hits_a + miss_a, hits_b, hits_b + miss_b)
    backward = log_odds_z(hits_b, hits_b + miss_b, hits_a, hits_a + miss_a)
    assert abs(forward + backward) < 1e-9


def test_a_busy_month_against_a_quiet_history():
    first = dt.date(2024, 1, 1)
    today = dt.date(2025, 6, 20)
    history = [first + dt.timedelta(days=60 * n) for n in range(8)]  # about one in two months
    this_month = [dt.date(2025, 6, day) for day in (2, 5, 8, 11, 14, 17)]
    change = month_against_history(history + this_month, first, today)
    assert change is not None
    assert change.direction == "more"
    assert change.nights_this_month == 6
    assert change.p_value < 0.05


def test_a_usual_month_says_nothing():
    first = dt.date(2024, 1, 1)
    today = dt.date(2025, 6, 30)
    weekly = [first + dt.timedelta(days=7 * n) for n in range(80)]
    assert month_against_history(weekly, first, today) is None


def test_a_short_history_says_nothing():
    first = dt.date(2025, 5, 1)
    today = dt.date(2025, 6, 20)
    assert month_against_history([dt.date(2025, 6, d) for d in range(1, 20)], first, today) is None


def test_poisson_tails():
    assert poisson_two_sided(0, 0) == 1.0
    assert poisson_two_sided(3, 0) == 0.0
    assert poisson_two_sided(2, 2.0) == 1.0
    assert poisson_two_sided(12, 2.0) < 0.001


def test_nights_with_nothing_noted_are_left_out_on_both_sides():
    # Years imported without notes, then a noted year: the silent years are no evidence
    # that anything is rarer on other nights.
    silent = [({"chase"}, set())] * 50 + [(set(), set())] * 500
    noted = [({"chase"}, {"word:garden"})] * 3 + [(set(), {"word:garden"})] * 30
    findings = what_comes_before(journal(silent + noted), ["chase"])["chase"]
    assert findings == []


def test_the_usual_rate_is_the_year_before_not_decades_ago():
    first = dt.date(1990, 1, 1)
    today = dt.date(2026, 6, 20)
    year_before = [dt.date(2025, 6, 1) + dt.timedelta(days=7 * n) for n in range(52)]
    this_month = [dt.date(2026, 6, day) for day in (1, 3, 5)]
    # Weekly for the past year: three nights in twenty days is usual, whatever 1990 held.
    assert month_against_history([first, *year_before, *this_month], first, today) is None


def test_a_month_of_worse_nights_is_said():
    change = distress_against_history([4, 4, 3, 4], [1, 2, 1, 0, 2, 1])
    assert change is not None and change.direction == "more"
    assert change.mean_this_month == 3.75
    # Complete separation of 4 and 6 ratings: the exact two-sided p is 2/210.
    assert 0.005 < change.p_value < 0.012


def test_ratings_like_before_or_too_few_say_nothing():
    assert distress_against_history([1, 2, 3], [1, 2, 3, 2, 1]) is None
    assert distress_against_history([4, 4], [0, 0, 0, 0, 0, 0]) is None
    assert distress_against_history([4, 4, 4], [0, 0, 0, 0]) is None


@given(
    first=st.lists(st.integers(0, 4), min_size=1, max_size=15),
    second=st.lists(st.integers(0, 4), min_size=1, max_size=15),
)
def test_the_rank_test_is_symmetric_and_a_probability(first, second):
    p = mann_whitney_p(first, second)
    assert 0.0 <= p <= 1.0
    assert abs(p - mann_whitney_p(second, first)) < 1e-9
    assert mann_whitney_p(first, list(first)) == 1.0
