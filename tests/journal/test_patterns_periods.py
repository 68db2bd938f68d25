"""The period the patterns charts cover for a chosen range: pure, no database."""

import datetime as dt

from journal.pattern_periods import RANGES, period_for


class TestPeriodFor:
    TODAY = dt.date(2025, 6, 15)

    def test_old_series_ends_the_charts_at_its_last_night(self):
        period = period_for(RANGES["1y"], dt.date(1960, 5, 3), dt.date(1997, 1, 31), self.TODAY)
        assert period.ends_at_last_night
        assert (period.start, period.end) == (dt.date(1996, 2, 2), dt.date(1997, 1, 31))
        assert period.strip_unit == "week"

    def test_all_covers_the_whole_history_by_month(self):
        period = period_for(RANGES["all"], dt.date(1960, 5, 3), dt.date(1997, 1, 31), self.TODAY)
        assert period.start == dt.date(1960, 5, 3)
        assert period.strip_unit == "year"
        assert period.calendar_unit == "month"

    def test_recent_journal_ends_today(self):
        period = period_for(RANGES["3m"], dt.date(2025, 6, 1), dt.date(2025, 6, 10), self.TODAY)
        assert not period.ends_at_last_night
        assert (period.start, period.end) == (dt.date(2025, 3, 17), self.TODAY)
        assert period.days == 91 and period.calendar_unit == "day"
