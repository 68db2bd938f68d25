"""The rules behind the patterns summary (issue 14): what recurs, phases that are honest about
long gaps, a trend against the year before, moves to a next stage within weeks, and the one
change worth noticing. Pure functions, no database."""

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from journal.chart_counts import monthly_counts_for_heatmap
from journal.date_words import span_words
from journal.recurrence import RECURRING_MIN_NIGHTS, THRESHOLDS, Phase, recurrence_for
from journal.recurrence_changes import (
    STAGE_MOVE_WITHIN_DAYS,
    Transition,
    change_worth_noticing,
    stage_transitions,
)

TODAY = dt.date(2026, 11, 29)
NAMES = {"chase": "Chased", "cement": "Wet cement", "turn": "Turning round"}


def days_ago(*offsets: int) -> list[dt.date]:
    return [TODAY - dt.timedelta(days=offset) for offset in offsets]


def years_ago(years: int) -> int:
    return round(years * 365.25)


# What recurs


def test_recurring_means_three_distinct_nights():
    assert RECURRING_MIN_NIGHTS == 3
    assert not recurrence_for(days_ago(1, 5), TODAY).is_recurring
    assert not recurrence_for(days_ago(1, 1, 1, 5), TODAY).is_recurring  # 4 dreams, 2 nights
    assert recurrence_for(days_ago(1, 5, 9), TODAY).is_recurring


# Phases and long gaps


def test_two_nights_after_thirty_years_are_a_return_not_sustained():
    old_series = [years_ago(31) + week * 7 for week in range(200)]  # ended 31 years ago
    recurrence = recurrence_for(days_ago(3, 20, *old_series), TODAY)

    assert recurrence.phase is Phase.BACK_AFTER_GAP
    assert recurrence.spell_nights == 2
    assert recurrence.describe() == "Back after 30 years: 2 nights since 9 November 2026"
    assert recurrence.trend is None  # nothing in the year before to compare with


def test_one_night_after_a_long_gap_says_when():
    recurrence = recurrence_for(days_ago(2, years_ago(10)), TODAY)

    assert recurrence.phase is Phase.BACK_AFTER_GAP
    assert recurrence.describe() == "Back after 10 years, on 27 November 2026"


def test_a_return_that_lasts_becomes_sustained_on_its_own_nights():
    recurrence = recurrence_for(days_ago(0, 15, 30, years_ago(20)), TODAY)

    assert recurrence.phase is Phase.SUSTAINED
    assert recurrence.describe() == "Sustained: 3 nights over 4 weeks"


def test_a_dream_every_few_months_is_one_spell():
    recurrence = recurrence_for(days_ago(10, 100, 200, 300), TODAY)

    assert recurrence.gap_before_spell is None and recurrence.spell_nights == 4
    assert recurrence.phase is Phase.SUSTAINED


def test_frequent_beats_a_return():
    assert recurrence_for(days_ago(0, 2, 4, years_ago(5)), TODAY).phase is Phase.FREQUENT


def test_a_return_that_went_quiet_again_is_quiet():
    assert recurrence_for(days_ago(100, years_ago(5)), TODAY).phase is Phase.QUIET


# Trend against the year before


def test_trend_compares_the_last_90_days_with_the_year_before_them():
    year_before = range(100, 450, 30)  # about monthly
    assert recurrence_for(days_ago(5, 40, 80, *year_before), TODAY).trend == "steady"
    assert recurrence_for(days_ago(*range(0, 90, 6), *year_before), TODAY).trend == (
        "more frequent"
    )


def test_trend_ignores_history_older_than_the_year_before():
    # Weekly for a year long ago, monthly in the last year and a quarter: steady, not "less".
    long_ago = range(years_ago(10), years_ago(10) + 365, 7)
    recent = range(0, 455, 30)
    assert recurrence_for(days_ago(*recent, *long_ago), TODAY).trend == "steady"


# Moves to a next stage


NEXT = {"chase": ["turn"]}


def test_a_move_counts_only_within_the_window():
    assert STAGE_MOVE_WITHIN_DAYS == 28
    on_time = [(TODAY - dt.timedelta(days=40), "chase"), (TODAY - dt.timedelta(days=12), "turn")]
    too_late = [(TODAY - dt.timedelta(days=40), "chase"), (TODAY - dt.timedelta(days=11), "turn")]

    assert stage_transitions(on_time, NEXT) == [
        Transition("chase", on_time[0][0], "turn", on_time[1][0])
    ]
    assert stage_transitions(too_late, NEXT) == []


def test_a_later_move_within_the_window_counts_when_the_first_was_too_far():
    timeline = [
        (dt.date(1990, 1, 1), "chase"),
        (dt.date(1995, 1, 1), "turn"),  # five years later: no move
        (dt.date(2026, 11, 1), "chase"),
        (dt.date(2026, 11, 20), "turn"),
    ]
    assert stage_transitions(timeline, NEXT) == [
        Transition("chase", dt.date(2026, 11, 1), "turn", dt.date(2026, 11, 20))
    ]


@given(
    st.lists(
        st.tuples(
            st.dates(dt.date(2000, 1, 1), dt.date(2030, 12, 31)), st.sampled_from(["chase", "turn"])
        ),
        max_size=40,
    ),
    st.integers(0, 400),
)
def test_every_move_lies_within_its_window(timeline, window):
    for move in stage_transitions(timeline, NEXT, window):
        assert 0 < (move.to_night - move.from_night).days <= window
        assert (move.from_night, "chase") in timeline and (move.to_night, "turn") in timeline
        # No night of the first stage between the two.
        assert not any(
            move.from_night < night < move.to_night for night, key in timeline if key == "chase"
        )


# Phases over any timeline


@given(st.lists(st.dates(dt.date(1950, 1, 1), TODAY), min_size=1, max_size=60))
def test_phase_rules_hold_for_any_timeline(nights):
    recurrence = recurrence_for(nights, TODAY)
    spell = recurrence.nights[-recurrence.spell_nights :]

    assert 1 <= recurrence.spell_nights <= len(recurrence.nights)
    if recurrence.gap_before_spell is not None:
        assert recurrence.gap_before_spell >= THRESHOLDS.long_gap_days
        assert spell[0] - dt.timedelta(days=recurrence.gap_before_spell) in recurrence.nights
    if recurrence.phase is Phase.SUSTAINED:
        # Sustained is earned inside the current spell, never across a long gap.
        assert len(spell) >= THRESHOLDS.sustained_min_nights
        assert (spell[-1] - spell[0]).days >= THRESHOLDS.sustained_min_span_days
    if recurrence.phase is Phase.BACK_AFTER_GAP:
        assert recurrence.gap_before_spell is not None
    assert recurrence.describe()


# The one change worth noticing


def notice(timelines: dict[str, list[dt.date]], moves=()):
    recurrences = {key: recurrence_for(nights, TODAY) for key, nights in timelines.items()}
    return change_worth_noticing(recurrences, list(moves), NAMES, TODAY)


def test_crowded_nights_come_first():
    found = notice(
        {"chase": days_ago(0, 2, 4), "cement": days_ago(3, years_ago(20))},
        [Transition("chase", TODAY - dt.timedelta(days=4), "turn", TODAY)],
    )
    assert found.key == "chase"
    assert found.sentence == "Chased came on 3 nights in the last 7 days."


def test_a_recent_move_to_a_next_stage():
    found = notice(
        {"chase": days_ago(20, 40), "turn": days_ago(10)},
        [Transition("chase", TODAY - dt.timedelta(days=20), "turn", TODAY - dt.timedelta(days=10))],
    )
    assert found.key == "turn"
    assert found.sentence == "Chased moved on to Turning round on 19 November 2026."


def test_a_dream_back_after_years():
    found = notice({"cement": days_ago(3, 24, years_ago(30)), "chase": days_ago(200)})
    assert found.key == "cement"
    assert found.sentence == ("Wet cement is back after 29 years: 2 nights since 5 November 2026.")


def test_nothing_lately_is_no_notice():
    assert notice({"chase": days_ago(200, 300, 400)}) is None
    assert notice({}) is None


def test_monthly_calendar_has_a_column_a_year_and_blanks_outside_the_range():
    grid = monthly_counts_for_heatmap(
        [dt.date(1996, 3, 5), dt.date(1996, 3, 9), dt.date(1997, 1, 2)],
        dt.date(1995, 11, 20),
        dt.date(1997, 1, 31),
    )
    assert len(grid) == 3 and all(len(column) == 12 for column in grid)
    assert grid[0][:10] == [None] * 10 and grid[0][10].count == 0
    assert grid[1][2].count == 2 and grid[2][0].count == 1
    assert grid[2][1:] == [None] * 11


def test_span_words():
    assert [span_words(days) for days in (28, 70, 400, 800, years_ago(30))] == [
        "4 weeks",
        "2 months",
        "13 months",
        "2 years",
        "30 years",
    ]
