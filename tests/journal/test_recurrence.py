import datetime as dt

import pytest

from journal.chart_counts import (
    Bucket,
    DayCount,
    co_occurrence,
    daily_counts_for_heatmap,
    monthly_counts,
    weekly_counts,
    yearly_counts,
)
from journal.date_words import day_words
from journal.recurrence import THRESHOLDS, Phase, QuietStretch, Thresholds, recurrence_for
from journal.recurrence_changes import Transition, stage_transitions

TODAY = dt.date(2025, 6, 15)  # a Sunday


def d(iso: str) -> dt.date:
    return dt.date.fromisoformat(iso)


def days_ago(*offsets: int) -> list[dt.date]:
    return [TODAY - dt.timedelta(days=offset) for offset in offsets]


# Figures


def test_empty_timeline_has_no_figures_and_no_phase():
    recurrence = recurrence_for([], TODAY)

    assert recurrence.count == 0
    assert recurrence.nights == ()
    assert recurrence.first is recurrence.last is None
    assert (recurrence.last_7, recurrence.last_30, recurrence.last_90) == (0, 0, 0)
    assert recurrence.median_gap_days is None
    assert recurrence.longest_quiet is None
    assert recurrence.trend is None
    assert recurrence.phase is None
    assert recurrence.describe() == "No nights yet"


def test_one_entry_is_a_first_arrival():
    recurrence = recurrence_for([d("2025-06-10")], TODAY)

    assert recurrence.count == 1
    assert recurrence.nights == (d("2025-06-10"),)
    assert recurrence.first == recurrence.last == d("2025-06-10")
    assert (recurrence.last_7, recurrence.last_30, recurrence.last_90) == (1, 1, 1)
    assert recurrence.median_gap_days is None
    assert recurrence.longest_quiet is None
    assert recurrence.phase is Phase.FIRST_ARRIVAL
    assert recurrence.describe() == "First arrival: 10 June 2025"


def test_several_entries_on_one_night_count_as_entries_but_one_night():
    recurrence = recurrence_for([d("2025-06-10")] * 3, TODAY)

    assert recurrence.count == 3
    assert recurrence.nights == (d("2025-06-10"),)
    assert recurrence.last_7 == 1
    assert recurrence.median_gap_days is None
    assert recurrence.phase is Phase.FIRST_ARRIVAL


def test_nights_are_distinct_and_sorted_whatever_the_input_order():
    recurrence = recurrence_for(iter([d("2025-06-01"), d("2025-05-01"), d("2025-06-01")]), TODAY)

    assert recurrence.count == 3
    assert recurrence.nights == (d("2025-05-01"), d("2025-06-01"))


@pytest.mark.parametrize(
    ("offset", "expected_7_30_90"),
    [
        (0, (1, 1, 1)),
        (6, (1, 1, 1)),
        (7, (0, 1, 1)),
        (29, (0, 1, 1)),
        (30, (0, 0, 1)),
        (89, (0, 0, 1)),
        (90, (0, 0, 0)),
    ],
)
def test_windows_end_today_inclusive(offset, expected_7_30_90):
    recurrence = recurrence_for(days_ago(offset), TODAY)

    assert (recurrence.last_7, recurrence.last_30, recurrence.last_90) == expected_7_30_90


@pytest.mark.parametrize(
    ("offsets", "median"),
    [
        ((0, 1), 1),
        ((0, 1, 4), 2.0),  # gaps 1 and 3
        ((0, 2, 6, 16), 4),  # gaps 2, 4, 10
    ],
)
def test_median_gap_between_distinct_nights(offsets, median):
    assert recurrence_for(days_ago(*offsets) * 2, TODAY).median_gap_days == median


def test_longest_quiet_is_the_widest_gap_and_the_earliest_of_equals():
    nights = [d("2025-01-01"), d("2025-01-11"), d("2025-01-12"), d("2025-01-22")]

    assert recurrence_for(nights, TODAY).longest_quiet == QuietStretch(
        10, d("2025-01-01"), d("2025-01-11")
    )


def test_gaps_across_years_count_leap_days():
    recurrence = recurrence_for([d("2019-12-31"), d("2024-01-01"), d("2025-06-14")], TODAY)

    assert recurrence.longest_quiet == QuietStretch(1462, d("2019-12-31"), d("2024-01-01"))
    assert recurrence.median_gap_days == (1462 + 530) / 2
    assert recurrence.phase is Phase.BACK_AFTER_GAP  # a night after 530 quiet days
    assert recurrence.describe() == "Back after 17 months, on 14 June 2025"


def test_today_before_the_last_night_counts_that_night_as_recent():
    # The user's clock runs a day ahead of the server's: their night is "tomorrow" here.
    recurrence = recurrence_for([d("2025-06-16")], TODAY)

    assert recurrence.last_7 == 1
    assert recurrence.phase is Phase.FIRST_ARRIVAL


def test_today_far_before_every_night_does_not_crash():
    recurrence = recurrence_for(
        [d("2025-06-01"), d("2025-06-03"), d("2025-06-05")], d("2020-01-01")
    )

    assert recurrence.last_7 == 3
    assert recurrence.phase is Phase.FREQUENT


@pytest.mark.parametrize(
    "night",
    [
        dt.datetime(2025, 6, 10, 23, 30),
        dt.datetime(2025, 6, 10, 23, 30, tzinfo=dt.UTC),
        "2025-06-10",
    ],
)
def test_only_dates_are_accepted_so_the_caller_picks_the_users_night(night):
    with pytest.raises(TypeError, match="localdate"):
        recurrence_for([night], TODAY)


class NightOfRecord(dt.date):
    """A date subclass, as a library might hand one over: still a night."""


@pytest.mark.parametrize(
    "helper",
    [
        lambda nights: recurrence_for(nights, TODAY),
        lambda nights: weekly_counts(nights, d("2025-01-01"), TODAY),
        lambda nights: monthly_counts(nights, d("2025-01-01"), TODAY),
        lambda nights: yearly_counts(nights, d("2025-01-01"), TODAY),
        lambda nights: daily_counts_for_heatmap(nights, TODAY),
    ],
)
def test_one_datetime_among_many_dates_is_still_refused_and_date_subclasses_pass(helper):
    nights = [TODAY - dt.timedelta(days=offset) for offset in range(500)]
    helper([*nights, NightOfRecord(2025, 6, 1)])

    with pytest.raises(TypeError, match="localdate"):
        helper([*nights, dt.datetime(2025, 6, 1, 3, 0, tzinfo=dt.UTC)])


# Phases


@pytest.mark.parametrize(
    ("offsets", "phase"),
    [
        ((60,), Phase.QUIET),  # quiet beats first arrival
        ((59,), Phase.FIRST_ARRIVAL),
        ((0, 2, 4, 100, 200), Phase.FREQUENT),  # frequent beats sustained
        ((60, 62, 64), Phase.QUIET),  # quiet beats a frequent week long ago
        ((0, 6), Phase.RETURNING),  # two nights in a week is not "several"
        ((0, 3, 6), Phase.FREQUENT),
        ((0, 3, 7), Phase.RETURNING),  # third night just outside the week, span too short
        ((0, 14, 28), Phase.SUSTAINED),
        ((0, 14, 27), Phase.RETURNING),  # span one day short of four weeks
        ((0, 400), Phase.BACK_AFTER_GAP),  # a long silence, then one night
    ],
)
def test_phase_precedence_and_thresholds(offsets, phase):
    assert recurrence_for(days_ago(*offsets), TODAY).phase is phase


def test_thresholds_live_in_one_place_and_drive_the_phase():
    nights = days_ago(20, 25)

    assert THRESHOLDS.quiet_after_days == 60
    assert recurrence_for(nights, TODAY).phase is Phase.RETURNING
    assert recurrence_for(nights, TODAY, Thresholds(quiet_after_days=20)).phase is Phase.QUIET


@pytest.mark.parametrize(
    ("nights", "sentence"),
    [
        ([d("2025-03-12")], "Quiet since 12 March 2025"),
        ([d("2025-06-02")], "First arrival: 2 June 2025"),
        ([d("2025-05-30"), d("2025-06-02")], "Returning: 2 nights, most recently 2 June 2025"),
        (days_ago(0, 2, 4, 6), "Frequent: 4 nights in the last 7 days"),
        (days_ago(0, 14, 28), "Sustained: 3 nights over 4 weeks"),
        (days_ago(0, 50, 160), "Sustained: 3 nights over 5 months"),
    ],
)
def test_each_phase_is_described_in_one_plain_sentence(nights, sentence):
    assert recurrence_for(nights, TODAY).describe() == sentence


# Trend


def test_trend_is_unknown_with_too_few_nights():
    assert recurrence_for(days_ago(0, 200, 400), TODAY).trend is None


def test_trend_is_unknown_when_everything_is_recent():
    assert recurrence_for(days_ago(*range(0, 80, 5)), TODAY).trend is None


def test_trend_is_unknown_when_the_earlier_history_is_shorter_than_the_window():
    assert recurrence_for(days_ago(0, 10, 20, 95, 100, 120), TODAY).trend is None


def test_trend_steady_at_an_even_rate():
    assert recurrence_for(days_ago(*range(0, 731, 10)), TODAY).trend == "steady"


def test_trend_more_frequent_when_monthly_becomes_weekly():
    monthly = range(120, 721, 30)
    weekly = range(0, 85, 7)

    assert recurrence_for(days_ago(*monthly, *weekly), TODAY).trend == "more frequent"


def test_trend_less_frequent_when_weekly_falls_away():
    weekly_a_year_ago = range(91, 456, 7)

    assert recurrence_for(days_ago(45, *weekly_a_year_ago), TODAY).trend == "less frequent"


# Chart data


def test_weekly_counts_cover_every_week_and_count_entries():
    nights = [d("2025-06-04"), d("2025-06-04"), d("2025-06-16"), d("2025-05-01")]

    assert weekly_counts(nights, d("2025-06-04"), d("2025-06-17")) == [
        Bucket(d("2025-06-02"), 2),
        Bucket(d("2025-06-09"), 0),
        Bucket(d("2025-06-16"), 1),
    ]


def test_monthly_counts_run_across_the_new_year():
    nights = [d("2024-11-30"), d("2025-01-01"), d("2025-01-31"), d("2025-03-01")]

    assert monthly_counts(nights, d("2024-11-15"), d("2025-02-10")) == [
        Bucket(d("2024-11-01"), 1),
        Bucket(d("2024-12-01"), 0),
        Bucket(d("2025-01-01"), 2),
        Bucket(d("2025-02-01"), 0),
    ]


def test_heatmap_is_a_grid_of_weeks_by_weekdays_over_the_last_year():
    nights = [TODAY, TODAY, d("2024-06-16"), d("2024-06-15")]

    grid = daily_counts_for_heatmap(nights, TODAY)

    assert all(len(week) == 7 for week in grid)
    days = [day for week in grid for day in week if day is not None]
    assert len(days) == 365
    assert days[0] == DayCount(d("2024-06-16"), 1)  # 2024-06-15 is outside the year
    assert days[-1] == DayCount(TODAY, 2)
    assert grid[0][6] == DayCount(d("2024-06-16"), 1)  # a Sunday: last row of its week
    assert grid[0][:6] == [None] * 6


def test_heatmap_of_one_day():
    assert daily_counts_for_heatmap([TODAY], TODAY, days=1) == [[None] * 6 + [DayCount(TODAY, 1)]]


def test_heatmap_needs_at_least_one_day():
    with pytest.raises(ValueError, match="at least one day"):
        daily_counts_for_heatmap([], TODAY, days=0)


# Co-occurrence


def test_co_occurrence_counts_pairs_once_per_entry_most_common_first():
    entries = [
        (["heavy legs", "heavy legs"], ["road stretches"]),
        (["heavy legs", "racing heart"], ["road stretches", "door will not open"]),
        (["racing heart"], ["door will not open"]),
        ([], ["road stretches"]),
    ]

    assert co_occurrence(entries) == [
        ("heavy legs", "road stretches", 2),
        ("racing heart", "door will not open", 2),
        ("heavy legs", "door will not open", 1),
        ("racing heart", "road stretches", 1),
    ]


def test_co_occurrence_of_nothing():
    assert co_occurrence([]) == []


# Stage transitions

NEXT = {"cannot run": ["turning around"], "turning around": ["facing it"]}


def test_transition_leaves_from_the_last_night_before_the_next_stage():
    timeline = [
        (d("2025-03-01"), "cannot run"),
        (d("2025-03-12"), "cannot run"),
        (d("2025-04-02"), "turning around"),
        (d("2025-04-20"), "cannot run"),
    ]

    assert stage_transitions(timeline, NEXT) == [
        Transition("cannot run", d("2025-03-12"), "turning around", d("2025-04-02"))
    ]


def test_only_the_first_move_of_each_pair_is_given_and_chains_are_in_order():
    timeline = [
        (d("2025-05-01"), "turning around"),
        (d("2025-01-01"), "cannot run"),
        (d("2025-01-20"), "turning around"),
        (d("2025-03-01"), "cannot run"),
        (d("2025-05-20"), "facing it"),
    ]

    assert stage_transitions(timeline, NEXT) == [
        Transition("cannot run", d("2025-01-01"), "turning around", d("2025-01-20")),
        Transition("turning around", d("2025-05-01"), "facing it", d("2025-05-20")),
    ]


def test_a_next_stage_dreamt_before_its_origin_counts_only_once_it_comes_after():
    timeline = [
        (d("2025-01-01"), "turning around"),
        (d("2025-02-01"), "cannot run"),
        (d("2025-02-20"), "turning around"),
    ]

    assert stage_transitions(timeline, NEXT) == [
        Transition("cannot run", d("2025-02-01"), "turning around", d("2025-02-20"))
    ]


@pytest.mark.parametrize(
    "timeline",
    [
        [(d("2025-01-01"), "turning around"), (d("2025-02-01"), "cannot run")],  # wrong order
        [(d("2025-01-01"), "cannot run"), (d("2025-01-01"), "turning around")],  # one night
        [(d("2025-01-01"), "cannot run"), (d("2025-02-01"), "unrelated")],
        [],
    ],
)
def test_no_transition(timeline):
    assert stage_transitions(timeline, NEXT) == []


def test_a_stage_listed_as_its_own_next_stage_is_no_move():
    timeline = [(d("2025-01-01"), "loop"), (d("2025-02-01"), "loop")]

    assert stage_transitions(timeline, {"loop": ["loop"]}) == []


def test_transitions_refuse_datetimes():
    with pytest.raises(TypeError):
        stage_transitions([(dt.datetime(2025, 1, 1, tzinfo=dt.UTC), "cannot run")], NEXT)


def test_the_same_instant_is_a_different_today_in_each_time_zone():
    """Callers turn "now" into the user's local date; the figures follow that date."""
    from zoneinfo import ZoneInfo

    instant = dt.datetime(2025, 6, 10, 12, 0, tzinfo=dt.UTC)
    west = instant.astimezone(ZoneInfo("Pacific/Pago_Pago")).date()  # UTC-11: 10 June
    east = instant.astimezone(ZoneInfo("Pacific/Kiritimati")).date()  # UTC+14: 11 June
    assert (west, east) == (dt.date(2025, 6, 10), dt.date(2025, 6, 11))
    nights = [dt.date(2025, 6, 4)]
    assert recurrence_for(nights, west).last_7 == 1
    assert recurrence_for(nights, east).last_7 == 0


@pytest.mark.parametrize(
    ("night", "words"),
    [(dt.date(1990, 3, 12), "12 March 1990"), (dt.date(2024, 12, 1), "1 December 2024")],
)
def test_day_words(night, words):
    assert day_words(night) == words
