"""Entries counted for the patterns charts: per week, month or year (the strips), per day or
month in a calendar grid (the heatmaps), and per pair of tags (the table of pairs).

Pure Python, on timelines as `journal.recurrence` defines them.
"""

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from typing import NamedTuple

from journal.recurrence import checked_nights


class DayCount(NamedTuple):
    night: dt.date
    count: int  # type: ignore[assignment]  # a field, not tuple.count


class Bucket(NamedTuple):
    start: dt.date
    count: int  # type: ignore[assignment]  # a field, not tuple.count


def weekly_counts(nights: Iterable[dt.date], start: dt.date, end: dt.date) -> list[Bucket]:
    """Entries per week (Monday first) for every week from `start` to `end`, empty weeks
    included. Counts are entries, so two dreams on one night count twice."""
    counts = Counter(_monday_of(night) for night in checked_nights(nights) if start <= night <= end)
    return [Bucket(monday, counts[monday]) for monday in _mondays(start, end)]


def monthly_counts(nights: Iterable[dt.date], start: dt.date, end: dt.date) -> list[Bucket]:
    """Entries per calendar month from `start` to `end`, empty months included."""
    counts = Counter(
        night.replace(day=1) for night in checked_nights(nights) if start <= night <= end
    )
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    return [Bucket(first, counts[first]) for first in _month_firsts(start.replace(day=1), months)]


def yearly_counts(nights: Iterable[dt.date], start: dt.date, end: dt.date) -> list[Bucket]:
    """Entries per calendar year from `start` to `end`, empty years included (a compact
    strip over decades reads better by year than by 450 hairline months)."""
    counts = Counter(night.year for night in checked_nights(nights) if start <= night <= end)
    return [Bucket(dt.date(year, 1, 1), counts[year]) for year in range(start.year, end.year + 1)]


def daily_counts_for_heatmap(
    nights: Iterable[dt.date], end: dt.date, days: int = 365
) -> list[list[DayCount | None]]:
    """A calendar grid of the `days` days ending on `end`: one list per week (Monday to
    Sunday, oldest week first), each day the entries on that night. Days of the first and
    last week that fall outside the range are None, so the template leaves them blank."""
    if days < 1:
        raise ValueError(f"a heatmap needs at least one day, not {days}")
    first = end - dt.timedelta(days=days - 1)
    counts = Counter(night for night in checked_nights(nights) if first <= night <= end)
    grid = []
    for monday in _mondays(first, end):
        week_days = (monday + dt.timedelta(days=offset) for offset in range(7))
        grid.append(
            [DayCount(day, counts[day]) if first <= day <= end else None for day in week_days]
        )
    return grid


def monthly_counts_for_heatmap(
    nights: Iterable[dt.date], start: dt.date, end: dt.date
) -> list[list[DayCount | None]]:
    """A calendar of months from `start` to `end`: one list per year (January to December,
    oldest year first), each month the entries in it (its `night` is the first of the
    month). Months outside the range are None, so the template leaves them blank."""
    first, last = start.replace(day=1), end.replace(day=1)
    counts = Counter(
        night.replace(day=1) for night in checked_nights(nights) if start <= night <= end
    )
    grid = []
    for year in range(start.year, end.year + 1):
        months = (dt.date(year, month, 1) for month in range(1, 13))
        grid.append(
            [DayCount(month, counts[month]) if first <= month <= last else None for month in months]
        )
    return grid


def co_occurrence[K, L](
    entries: Iterable[tuple[Iterable[K], Iterable[L]]],
) -> list[tuple[K, L, int]]:
    """How many entries carry each pair (e.g. marker, scenario), most common first.

    A pair counts once per entry however often the entry lists it; equal counts keep the
    order in which the pairs were first seen."""
    pairs: Counter[tuple[K, L]] = Counter()
    for firsts, seconds in entries:
        unique_seconds = list(dict.fromkeys(seconds))
        pairs.update(
            (first, second) for first in dict.fromkeys(firsts) for second in unique_seconds
        )
    return [(first, second, count) for (first, second), count in pairs.most_common()]


def _monday_of(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


@lru_cache(maxsize=32)
def _mondays(start: dt.date, end: dt.date) -> tuple[dt.date, ...]:
    # Cached for the same reason as _month_firsts: many timelines share one axis.
    first_monday = _monday_of(start)
    weeks = (_monday_of(end) - first_monday).days // 7 + 1
    return tuple(first_monday + dt.timedelta(weeks=week) for week in range(weeks))


@lru_cache(maxsize=32)
def _month_firsts(first_of_month: dt.date, months: int) -> tuple[dt.date, ...]:
    # A page draws dozens of timelines on one axis: work out its months once.
    return tuple(_add_months(first_of_month, month) for month in range(months))


def _add_months(first_of_month: dt.date, months: int) -> dt.date:
    years, month_index = divmod(first_of_month.month - 1 + months, 12)
    return dt.date(first_of_month.year + years, month_index + 1, 1)
