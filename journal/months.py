"""The month calendar of a journal: which nights of a month have dreams."""

import calendar
import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

_MONTH = re.compile(r"([0-9]{4})-([0-9]{2})")


def month_from_query(value: str, *, earliest: dt.date, latest: dt.date) -> dt.date:
    """The first day of the month a `YYYY-MM` value names, within earliest's month and
    latest's; ValueError, with a message for a person, for any other value."""
    found = _MONTH.fullmatch(value)
    if not found or not 1 <= int(found[2]) <= 12:
        raise ValueError(f"“{value[:20]}” is not a month: months are written like 2026-03.")
    first = dt.date(int(found[1]), int(found[2]), 1)
    if not earliest.replace(day=1) <= first <= latest.replace(day=1):
        raise ValueError(
            f"The calendar goes from {earliest:%B %Y} to {latest:%B %Y}; {value} is outside it."
        )
    return first


@dataclass
class Day:
    date: dt.date
    in_month: bool
    is_today: bool
    is_future: bool
    entries: list = field(default_factory=list)


@dataclass
class MonthGrid:
    first: dt.date
    weeks: list[list[Day]]
    previous: str | None  # YYYY-MM; None before the earliest night that can be logged
    next: str | None  # None when the next month has not begun
    weekday_names: list[str]

    @property
    def nights(self) -> list[Day]:
        """The nights of the month that have dreams, in order."""
        return [day for week in self.weeks for day in week if day.in_month and day.entries]

    @property
    def entry_count(self) -> int:
        return sum(len(day.entries) for day in self.nights)


def month_grid(first: dt.date, entries: Iterable, today: dt.date, earliest: dt.date) -> MonthGrid:
    """Weeks (Monday first) of the month beginning `first`, each night with its entries."""
    by_night = defaultdict(list)
    for entry in entries:
        by_night[entry.night].append(entry)
    weeks = [
        [
            Day(date, date.month == first.month, date == today, date > today, by_night[date])
            for date in week
        ]
        for week in calendar.Calendar(firstweekday=0).monthdatescalendar(first.year, first.month)
    ]
    previous = (first - dt.timedelta(days=1)).replace(day=1)
    following = (first + dt.timedelta(days=32)).replace(day=1)
    return MonthGrid(
        first=first,
        weeks=weeks,
        previous=f"{previous:%Y-%m}" if previous >= earliest.replace(day=1) else None,
        next=f"{following:%Y-%m}" if following <= today else None,
        weekday_names=[calendar.day_abbr[i] for i in range(7)],
    )
