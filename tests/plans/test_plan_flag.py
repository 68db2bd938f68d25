"""plans.flag: the gentle note about frequent or very upsetting recurring dreams."""

import datetime as dt

from plans.flag import gentle_flag

TODAY = dt.date(2026, 5, 31)


def ago(days: int) -> dt.date:
    return TODAY - dt.timedelta(days=days)


def nights(*days_ago: int, rating=None):
    return [(ago(days), rating) for days in days_ago]


def test_three_nights_a_week_for_two_weeks_running_raises_it():
    flag = gentle_flag([("Running", nights(0, 2, 4, 7, 9, 11))], TODAY)
    assert flag.frequent == ("Running",)
    assert flag.upsetting == ()
    assert flag.since == ago(13)


def test_one_crowded_week_is_not_two():
    assert gentle_flag([("Running", nights(0, 1, 2, 3, 9))], TODAY) is None


def test_distress_of_4_on_most_recent_dreams_raises_it():
    dreams = [*nights(1, 5, rating=4), *nights(8, rating=2)]
    flag = gentle_flag([("Falling", dreams)], TODAY)
    assert flag.upsetting == ("Falling",)
    assert flag.titles == ("Falling",)


def test_half_is_not_most_and_one_dream_is_not_enough():
    half = [*nights(1, rating=4), *nights(3, rating=None)]
    assert gentle_flag([("Falling", half)], TODAY) is None
    assert gentle_flag([("Falling", nights(1, rating=4))], TODAY) is None


def test_old_nights_do_not_count():
    assert gentle_flag([("Running", nights(20, 21, 22, 27, 28, 29, rating=4))], TODAY) is None


def test_dismissed_stays_away_until_a_whole_new_fortnight():
    dreams = [("Running", nights(0, 2, 4, 7, 9, 11))]
    assert gentle_flag(dreams, TODAY, dismissed_on=ago(3)) is None
    assert gentle_flag(dreams, TODAY, dismissed_on=ago(13)) is None
    assert gentle_flag(dreams, TODAY, dismissed_on=ago(14)) is not None
