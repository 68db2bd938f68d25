"""The charts of the patterns page over a period: a calendar heatmap of the dreams, and for
each thing that comes back its figures and its strip.

Pure Python; `journal.svg` draws them.
"""

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from journal.chart_counts import (
    Bucket,
    DayCount,
    daily_counts_for_heatmap,
    monthly_counts,
    monthly_counts_for_heatmap,
    weekly_counts,
    yearly_counts,
)
from journal.pattern_periods import Period
from journal.recurrence import Recurrence, recurrence_for


@dataclass(frozen=True)
class Calendar:
    """A heatmap over the period: a column a week and a square a day, or over a longer
    period a column a year and a square a month."""

    unit: Literal["day", "month"]
    grid: list[list[DayCount | None]]

    def per_month(self) -> list[Bucket]:
        """Dreams per calendar month, for the table under the chart."""
        counts: dict[dt.date, int] = {}
        for column in self.grid:
            for cell in column:
                if cell is not None:
                    first = cell.night.replace(day=1)
                    counts[first] = counts.get(first, 0) + cell.count
        return [Bucket(first, count) for first, count in sorted(counts.items())]

    def per_year(self) -> list[Bucket]:
        counts: dict[int, int] = {}
        for bucket in self.per_month():
            counts[bucket.start.year] = counts.get(bucket.start.year, 0) + bucket.count
        return [Bucket(dt.date(year, 1, 1), count) for year, count in counts.items()]


def calendar_for(nights: list[dt.date], period: Period) -> Calendar:
    if period.calendar_unit == "day":
        return Calendar("day", daily_counts_for_heatmap(nights, period.end, period.days))
    return Calendar("month", monthly_counts_for_heatmap(nights, period.start, period.end))


@dataclass(frozen=True)
class Timeline:
    """One thing's nights, its figures over the whole history, and its charts for a period."""

    recurrence: Recurrence
    in_period: int  # dreams within the period
    strip: list[Bucket]
    strip_unit: str
    calendar: Calendar | None = None

    @property
    def strip_max(self) -> int:
        return max((bucket.count for bucket in self.strip), default=0)


_COUNTS_BY_UNIT = {"week": weekly_counts, "month": monthly_counts, "year": yearly_counts}


def timeline_for(
    nights: list[dt.date], period: Period, today: dt.date, *, full: bool = False
) -> Timeline:
    """Figures over the whole history and a strip over the period; a calendar too for an
    interpretation (`full`), not for a scenario or marker."""
    unit = period.strip_unit
    strip = _COUNTS_BY_UNIT[unit](nights, period.start, period.end)
    return Timeline(
        recurrence=recurrence_for(nights, today),
        in_period=sum(bucket.count for bucket in strip),  # the strip spans the period
        strip=strip,
        strip_unit=unit,
        calendar=calendar_for(nights, period) if full else None,
    )
