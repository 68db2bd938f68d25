"""plans.progress: nights a week and distress, before a plan's first night and since."""

import datetime as dt

from plans.progress import SMALL_DAYS, before_after, weeks_between

START = dt.date(2026, 3, 2)


def day(offset: int) -> dt.date:
    return START + dt.timedelta(days=offset)


def test_weeks_are_counted_from_the_first_night_and_the_last_is_cut_short():
    weeks = weeks_between([(day(0), 3), (day(0), 1), (day(8), None)], day(0), day(9))
    assert [(w.start, w.days, w.nights, w.ratings) for w in weeks] == [
        (day(0), 7, 1, (3, 1)),  # two dreams on one night: one night, two ratings
        (day(7), 3, 1, ()),
    ]
    assert weeks[0].mean_distress == 2
    assert weeks[1].mean_distress is None
    assert weeks[1].end == day(9)


def test_before_and_after_rates_and_mean_distress():
    before = [(day(-d), 4) for d in (1, 2, 3, 8, 9, 10)]  # 6 nights in 2 weeks, all rated 4
    after = [(day(2), 2), (day(9), None)]  # 2 nights in 2 weeks, one rated 2
    progress = before_after(
        before + after, START, day(13), journal_starts_on=day(-14), weeks_before=2
    )
    assert progress.before.days == 14 and progress.before.nights == 6
    assert progress.before.nights_per_week == 3
    assert progress.before.mean_distress == 4
    assert progress.after.days == 14 and progress.after.nights_per_week == 1
    assert progress.after.mean_distress == 2
    assert progress.change == "fewer"
    assert progress.is_small  # two weeks on each side
    assert [week.start for week in progress.weeks] == [day(-14), day(-7), day(0), day(7)]


def test_the_weeks_before_do_not_reach_back_past_the_journals_first_night():
    progress = before_after(
        [(day(-3), None)], START, day(6), journal_starts_on=day(-3), weeks_before=6
    )
    assert progress.before.days == 3
    assert [(w.start, w.days) for w in progress.before.weeks] == [(day(-3), 3)]


def test_a_journal_that_begins_at_the_start_has_nothing_before():
    progress = before_after([(day(1), 2)], START, day(3), journal_starts_on=START)
    assert progress.before is None
    assert progress.change is None
    assert progress.is_small


def test_a_plan_that_has_not_started_has_no_after():
    progress = before_after([(day(-1), 2)], START, day(-1), journal_starts_on=day(-20))
    assert progress.after is None
    assert progress.change is None


def test_an_ended_plan_stops_counting_on_its_last_night():
    progress = before_after(
        [(day(20), 4)], START, day(30), journal_starts_on=day(-7), last_night=day(9)
    )
    assert progress.after.last == day(9)
    assert progress.after.nights == 0


def test_more_and_about_the_same():
    dreams = [(day(-1), None), (day(-8), None)]
    same = before_after(
        [*dreams, (day(1), None), (day(8), None)],
        START,
        day(13),
        journal_starts_on=day(-14),
        weeks_before=2,
    )
    assert same.change == "about the same"
    more = before_after(
        [*dreams, *((day(d), None) for d in range(0, 14, 2))],
        START,
        day(13),
        journal_starts_on=day(-14),
        weeks_before=2,
    )
    assert more.change == "more"


def test_a_few_days_since_the_start_are_small_numbers():
    dreams = [(day(-d), 3) for d in range(1, 30)]
    progress = before_after(dreams, START, day(SMALL_DAYS - 2), journal_starts_on=day(-60))
    assert progress.is_small
    later = before_after(dreams, START, day(SMALL_DAYS + 7), journal_starts_on=day(-60))
    assert not later.is_small
