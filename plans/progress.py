"""Before and after a rehearsal plan began: how often the dream came, and how upsetting it was.

Pure Python: the inputs are the dream's nights (one item per dream logged, with its distress
rating or None) and the plan's dates. Spans are counted from the plan's first night, so the
weeks before end on the evening before it and the weeks since begin on it. A week cut short
(by today, by the plan's end, or by the start of the journal) counts only the days it has,
and the rate over a side is its nights per seven of its days.
"""

import datetime as dt
import statistics
from collections.abc import Iterable
from dataclasses import dataclass

# Spans before the start that a plan is held against: long enough to see the usual rhythm,
# short enough to be "how things were just before".
WEEKS_BEFORE = 6
# A side shorter than four weeks, or fewer dreams than this on both sides together, is a
# small number, and the page says so: a fortnight of a dream that comes and goes says little.
SMALL_DAYS = 28
SMALL_NIGHTS = 10
# A rate at least this fraction lower (or higher) than before is called fewer (or more);
# anything between is "about the same".
CHANGE_FRACTION = 0.25


@dataclass(frozen=True)
class Span:
    """A run of days: a week here, or a month in a long summary."""

    start: dt.date
    days: int  # a week cut short (the last since the start, the first before) has fewer
    nights: int  # distinct nights with the dream
    ratings: tuple[int, ...]  # the distress ratings given in the week

    @property
    def end(self) -> dt.date:
        return self.start + dt.timedelta(days=self.days - 1)

    @property
    def mean_distress(self) -> float | None:
        return statistics.fmean(self.ratings) if self.ratings else None


@dataclass(frozen=True)
class Side:
    """The weeks on one side of the start, oldest first."""

    weeks: tuple[Span, ...]

    @property
    def days(self) -> int:
        return sum(week.days for week in self.weeks)

    @property
    def nights(self) -> int:
        return sum(week.nights for week in self.weeks)

    @property
    def nights_per_week(self) -> float:
        return self.nights * 7 / self.days

    @property
    def ratings(self) -> tuple[int, ...]:
        return tuple(rating for week in self.weeks for rating in week.ratings)

    @property
    def mean_distress(self) -> float | None:
        return statistics.fmean(self.ratings) if self.ratings else None

    @property
    def first(self) -> dt.date:
        return self.weeks[0].start

    @property
    def last(self) -> dt.date:
        return self.weeks[-1].end


@dataclass(frozen=True)
class BeforeAfter:
    starts_on: dt.date
    before: Side | None  # None: the journal begins on or after the start
    after: Side | None  # None: the plan has not started yet

    @property
    def change(self) -> str | None:
        """ "fewer", "more" or "about the same" nights a week since the start; None when one
        side is missing."""
        if self.before is None or self.after is None:
            return None
        before, after = self.before.nights_per_week, self.after.nights_per_week
        if after <= before * (1 - CHANGE_FRACTION) and after < before:
            return "fewer"
        if after >= before * (1 + CHANGE_FRACTION) and after > before:
            return "more"
        return "about the same"

    @property
    def is_small(self) -> bool:
        """Whether the figures rest on too few days or dreams to say much."""
        sides = [side for side in (self.before, self.after) if side is not None]
        return (
            len(sides) < 2
            or any(side.days < SMALL_DAYS for side in sides)
            or sum(side.nights for side in sides) < SMALL_NIGHTS
        )

    @property
    def weeks(self) -> tuple[Span, ...]:
        return (
            *(self.before.weeks if self.before else ()),
            *(self.after.weeks if self.after else ()),
        )


def before_after(
    dreams: Iterable[tuple[dt.date, int | None]],
    starts_on: dt.date,
    today: dt.date,
    *,
    journal_starts_on: dt.date | None,
    last_night: dt.date | None = None,
    weeks_before: int = WEEKS_BEFORE,
) -> BeforeAfter:
    """The dream's weeks before `starts_on` and since, up to `today` (or `last_night`, when
    the plan ended). `journal_starts_on`, the first night of the whole journal, keeps the
    weeks before from counting days no dream could have been logged on."""
    dreams = list(dreams)
    before_from = starts_on - dt.timedelta(weeks=weeks_before)
    if journal_starts_on is not None:
        before_from = max(before_from, journal_starts_on)
    before = None
    if journal_starts_on is not None and before_from < starts_on:
        before = Side(_weeks_back(dreams, before_from, starts_on - dt.timedelta(days=1)))
    after_to = min(today, last_night) if last_night else today
    after = None
    if after_to >= starts_on:
        after = Side(weeks_between(dreams, starts_on, after_to))
    return BeforeAfter(starts_on, before, after)


def weeks_between(
    dreams: list[tuple[dt.date, int | None]], first: dt.date, last: dt.date
) -> tuple[Span, ...]:
    """Seven-day weeks from `first`, the last one cut short at `last`."""
    weeks = []
    start = first
    while start <= last:
        end = min(start + dt.timedelta(days=6), last)
        weeks.append(span_of(dreams, start, end))
        start += dt.timedelta(weeks=1)
    return tuple(weeks)


def _weeks_back(dreams, first: dt.date, last: dt.date) -> tuple[Span, ...]:
    weeks = []
    end = last
    while end >= first:
        start = max(end - dt.timedelta(days=6), first)
        weeks.append(span_of(dreams, start, end))
        end -= dt.timedelta(weeks=1)
    return tuple(reversed(weeks))


def span_of(dreams: list[tuple[dt.date, int | None]], start: dt.date, end: dt.date) -> Span:
    """The dreams from start to end (both included) as one span."""
    within = [(night, rating) for night, rating in dreams if start <= night <= end]
    return Span(
        start=start,
        days=(end - start).days + 1,
        nights=len({night for night, _ in within}),
        ratings=tuple(rating for _, rating in within if rating is not None),
    )
