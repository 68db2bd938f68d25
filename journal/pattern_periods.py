"""The ranges the patterns page offers (3 months, a year, all of it, a calendar year) and the
period of nights each covers for one journal."""

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from journal.models import EARLIEST_NIGHT

# Up to a year the calendar has a square a day; over a longer range, a square a month.
CALENDAR_DAILY_UP_TO_DAYS = 366
# Up to about a year a strip has one bar a week; beyond, one a month keeps it readable, and
# over decades one a year (Barb Sanders' 37 years make 37 bars, not 450 hairlines).
STRIP_WEEKLY_UP_TO_DAYS = 366
STRIP_YEARLY_AFTER_DAYS = 5 * 365
# Without a chosen range, a journal younger than this shows its last year, an older one all
# of it: someone who imported decades of dreams and logged a few new ones sees both.
DEFAULT_RANGE_FOR_JOURNALS_UP_TO_DAYS = 365


@dataclass(frozen=True)
class Range:
    key: str
    label: str
    days: int | None  # None: the whole history, or one calendar year
    year: int | None = None


RANGES = {
    "3m": Range("3m", "3 months", 91),
    "1y": Range("1y", "a year", 365),
    "all": Range("all", "all", None),
}


def range_for(key: str, today: dt.date) -> Range:
    """The range a query string names: a key of RANGES or a calendar year; ValueError says
    which exist."""
    if key in RANGES:
        return RANGES[key]
    if key.isascii() and key.isdecimal() and EARLIEST_NIGHT.year <= int(key) <= today.year:
        return Range(key, key, None, year=int(key))
    choices = ", ".join(f"'{key}' ({chosen.label})" for key, chosen in RANGES.items())
    raise ValueError(
        f"Unknown range '{key}'. Choose one of {choices}, or a year from "
        f"{EARLIEST_NIGHT.year} to {today.year}."
    )


def default_range(first_night: dt.date, today: dt.date) -> Range:
    if (today - first_night).days < DEFAULT_RANGE_FOR_JOURNALS_UP_TO_DAYS:
        return RANGES["1y"]
    return RANGES["all"]


@dataclass(frozen=True)
class Period:
    """The stretch of nights the charts cover."""

    range: Range
    start: dt.date
    end: dt.date
    # True when the journal's last night is more than a year ago (an imported series): the
    # charts end on that night rather than showing a year of empty days up to today.
    ends_at_last_night: bool

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def calendar_unit(self) -> Literal["day", "month"]:
        return "day" if self.days <= CALENDAR_DAILY_UP_TO_DAYS else "month"

    @property
    def strip_unit(self) -> str:
        if self.days <= STRIP_WEEKLY_UP_TO_DAYS:
            return "week"
        return "month" if self.days <= STRIP_YEARLY_AFTER_DAYS else "year"

    def contains(self, night: dt.date) -> bool:
        return self.start <= night <= self.end


def period_for(chosen: Range, first_night: dt.date, last_night: dt.date, today: dt.date) -> Period:
    """The period a range covers for a journal running from `first_night` to `last_night`."""
    if chosen.year is not None:
        year_end = min(dt.date(chosen.year, 12, 31), max(today, last_night))
        return Period(chosen, dt.date(chosen.year, 1, 1), year_end, False)
    ends_at_last_night = last_night < today - dt.timedelta(days=365)
    end = last_night if ends_at_last_night else max(today, last_night)
    if chosen.days is None:
        start = min(first_night, end - dt.timedelta(days=RANGES["1y"].days - 1))  # type: ignore[operator]  # 1y has days
    else:
        start = end - dt.timedelta(days=chosen.days - 1)
    return Period(chosen, start, end, ends_at_last_night)
