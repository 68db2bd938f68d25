"""The month calendar of a journal: which nights of a month have dreams."""

import calendar
import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

_MONTH = re.compile(r"(\d{4})-(\d{2})")


def month_from_query(value: str | None, *, default: dt.date) -> dt.date:
    """The first day of the month a `YYYY-MM` value names, or default if it names none."""
    found = _MONTH.fullmatch(value or "")
    if found:
        year, month = int(found[1]), int(found[2])
        if 1900 <= year <= 9999 and 1 <= month <= 12:
            return dt.date(year, month, 1)
    return default


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
    previous: str  # YYYY-MM
    next: str | None  # None when the next month has not begun
    weekday_names: list[str]

    @property
    def nights(self) -> list[Day]:
        """The nights of the month that have dreams, in order."""
        return [day for week in self.weeks for day in week if day.in_month and day.entries]

    @property
    def entry_count(self) -> int:
        return sum(len(day.entries) for day in self.nights)


def month_grid(first: dt.date, entries: Iterable, today: dt.date) -> MonthGrid:
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
        previous=f"{previous:%Y-%m}",
        next=f"{following:%Y-%m}" if following <= today else None,
        weekday_names=[calendar.day_abbr[i] for i in range(7)],
    )
