"""Recurrence figures and phases for a timeline of nights.

Pure Python so that every figure can be pinned by a unit test on a hand-made timeline.

A timeline is the `datetime.date` of each entry; a date appears once per entry, so two
dreams on one night repeat it. Datetimes are refused rather than truncated: which night a
timezone-aware moment belongs to depends on the user's timezone, so the caller converts it
first (`django.utils.timezone.localdate(moment)`).
"""

import datetime as dt
import statistics
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum
from itertools import pairwise
from typing import Literal

from journal.date_words import day_words, span_words

type Trend = Literal["more frequent", "less frequent", "steady"]

# A dream recurs once it has come on this many distinct nights; fewer is a one-off, shown in
# one line rather than charted. Two nights may be chance; a third makes a pattern.
RECURRING_MIN_NIGHTS = 3


@dataclass(frozen=True)
class Thresholds:
    """Every threshold behind the phases and the trend, in one place."""

    # Frequent: at least this many distinct nights in the last 7 days ("several a week").
    frequent_nights_in_7_days: int = 3
    # Quiet: no night for at least this many days.
    quiet_after_days: int = 60
    # A silence this long ends a spell: the nights after it are a return, judged on their
    # own, whatever came before it (a dream every few months is still one spell).
    long_gap_days: int = 365
    # Sustained: within the current spell, at least this many nights, the first and the last
    # this many days apart.
    sustained_min_nights: int = 3
    sustained_min_span_days: int = 28
    # Trend: the rate in the last `trend_window_days` against the rate in the
    # `trend_baseline_days` just before that window (not the whole history: two nights after
    # thirty quiet years are not "more frequent" than a rate spread over those years). Unknown
    # unless there are `trend_min_nights` nights in all, at least `trend_min_earlier_nights`
    # of them in the baseline, and the history reaches at least one window before it.
    trend_window_days: int = 90
    trend_baseline_days: int = 365
    trend_min_nights: int = 4
    trend_min_earlier_nights: int = 2
    # A rate this many times the earlier one (or a fraction this small of it) is a change.
    trend_change_ratio: float = 1.5


THRESHOLDS = Thresholds()


class Phase(Enum):
    FIRST_ARRIVAL = "first arrival"
    BACK_AFTER_GAP = "back after a long gap"
    RETURNING = "returning"
    SUSTAINED = "sustained"
    FREQUENT = "frequent"
    QUIET = "quiet"


@dataclass(frozen=True)
class QuietStretch:
    days: int
    from_night: dt.date
    to_night: dt.date


@dataclass(frozen=True)
class Recurrence:
    count: int
    nights: tuple[dt.date, ...]
    first: dt.date | None
    last: dt.date | None
    last_7: int
    last_30: int
    last_90: int
    median_gap_days: float | None
    longest_quiet: QuietStretch | None
    trend: Trend | None
    phase: Phase | None
    # The current spell: the nights since the last silence of `long_gap_days` or more,
    # and the length of that silence (None when the dream never went quiet).
    spell_nights: int = 0
    gap_before_spell: int | None = None

    @property
    def is_recurring(self) -> bool:
        return len(self.nights) >= RECURRING_MIN_NIGHTS

    def describe(self) -> str:
        """The phase in one plain sentence, e.g. "Frequent: 4 nights in the last 7 days"."""
        if self.first is None or self.last is None:
            return "No nights yet"
        match self.phase:
            case Phase.FIRST_ARRIVAL:
                return f"First arrival: {day_words(self.first)}"
            case Phase.BACK_AFTER_GAP:
                gap = span_words(self.gap_before_spell or 0)
                if self.spell_nights == 1:
                    return f"Back after {gap}, on {day_words(self.last)}"
                since = day_words(self.nights[-self.spell_nights])
                return f"Back after {gap}: {self.spell_nights} nights since {since}"
            case Phase.RETURNING:
                return f"Returning: {len(self.nights)} nights, most recently {day_words(self.last)}"
            case Phase.SUSTAINED:
                spell = self.nights[-self.spell_nights :]
                span = span_words((spell[-1] - spell[0]).days)
                return f"Sustained: {self.spell_nights} nights over {span}"
            case Phase.FREQUENT:
                return f"Frequent: {self.last_7} nights in the last 7 days"
            case Phase.QUIET:
                return f"Quiet since {day_words(self.last)}"
        return "No nights yet"


def recurrence_for(
    nights: Iterable[dt.date], today: dt.date, thresholds: Thresholds = THRESHOLDS
) -> Recurrence:
    """The figures and the phase of one timeline, as seen on `today`."""
    entries = checked_nights(nights)
    distinct = tuple(sorted(set(entries)))
    if not distinct:
        return Recurrence(
            count=0,
            nights=(),
            first=None,
            last=None,
            last_7=0,
            last_30=0,
            last_90=0,
            median_gap_days=None,
            longest_quiet=None,
            trend=None,
            phase=None,
        )
    # A user ahead of the server's clock can log a night that is "tomorrow" here; ending the
    # windows at that night keeps it counted as recent instead of falling outside them.
    as_of = max(today, distinct[-1])
    last_7 = _nights_within(distinct, as_of, 7)
    # Whole days between consecutive nights, as integers: a page computes thousands.
    ordinals = [night.toordinal() for night in distinct]
    gaps = [later - earlier for earlier, later in pairwise(ordinals)]
    spell_start = _spell_start(gaps, thresholds)
    return Recurrence(
        count=len(entries),
        nights=distinct,
        first=distinct[0],
        last=distinct[-1],
        last_7=last_7,
        last_30=_nights_within(distinct, as_of, 30),
        last_90=_nights_within(distinct, as_of, 90),
        median_gap_days=statistics.median(gaps) if gaps else None,
        longest_quiet=_longest_quiet(distinct, gaps),
        trend=_trend(distinct, as_of, thresholds),
        phase=_phase(distinct[spell_start:], spell_start > 0, last_7, as_of, thresholds),
        spell_nights=len(distinct) - spell_start,
        gap_before_spell=gaps[spell_start - 1] if spell_start else None,
    )


def _spell_start(gaps: list[int], thresholds: Thresholds) -> int:
    """Index of the first night after the last silence of `long_gap_days` or more."""
    for index in range(len(gaps) - 1, -1, -1):
        if gaps[index] >= thresholds.long_gap_days:
            return index + 1
    return 0


def _phase(
    spell: tuple[dt.date, ...],
    after_gap: bool,
    last_7: int,
    as_of: dt.date,
    thresholds: Thresholds,
) -> Phase:
    # Judged on the current spell only, so years of old nights never make two new ones
    # "sustained". Precedence, first match wins:
    # 1. QUIET: a long silence is the present state, whatever came before it.
    # 2. FIRST_ARRIVAL: one night is all there is to say.
    # 3. FREQUENT: ahead of the longer views, so the gentle note shows whenever nights crowd.
    # 4. SUSTAINED: several nights of this spell spread over weeks or months.
    # 5. BACK_AFTER_GAP: it came back after a long silence, not yet for long.
    # 6. RETURNING: it came back, but not yet often or long enough for the above.
    if (as_of - spell[-1]).days >= thresholds.quiet_after_days:
        return Phase.QUIET
    if len(spell) == 1 and not after_gap:
        return Phase.FIRST_ARRIVAL
    if last_7 >= thresholds.frequent_nights_in_7_days:
        return Phase.FREQUENT
    if (
        len(spell) >= thresholds.sustained_min_nights
        and (spell[-1] - spell[0]).days >= thresholds.sustained_min_span_days
    ):
        return Phase.SUSTAINED
    return Phase.BACK_AFTER_GAP if after_gap else Phase.RETURNING


def _trend(distinct: tuple[dt.date, ...], as_of: dt.date, thresholds: Thresholds) -> Trend | None:
    window_days = thresholds.trend_window_days
    window_start = as_of - dt.timedelta(days=window_days - 1)
    baseline_start = window_start - dt.timedelta(days=thresholds.trend_baseline_days)
    in_window = len(distinct) - bisect_left(distinct, window_start)
    earlier = len(distinct) - in_window - bisect_left(distinct, baseline_start)
    earlier_days = (window_start - max(distinct[0], baseline_start)).days
    if (
        len(distinct) < thresholds.trend_min_nights
        or earlier < thresholds.trend_min_earlier_nights
        or earlier_days < window_days
    ):
        return None
    recent_rate = in_window / window_days
    earlier_rate = earlier / earlier_days
    if recent_rate >= earlier_rate * thresholds.trend_change_ratio:
        return "more frequent"
    if recent_rate * thresholds.trend_change_ratio <= earlier_rate:
        return "less frequent"
    return "steady"


def _nights_within(distinct: tuple[dt.date, ...], as_of: dt.date, days: int) -> int:
    return len(distinct) - bisect_left(distinct, as_of - dt.timedelta(days=days - 1))


def _longest_quiet(distinct: tuple[dt.date, ...], gaps: list[int]) -> QuietStretch | None:
    if not gaps:
        return None
    # max() keeps the first of equal gaps: the earliest longest stretch.
    widest = max(range(len(gaps)), key=gaps.__getitem__)
    return QuietStretch(gaps[widest], distinct[widest], distinct[widest + 1])


def checked_nights(nights: Iterable[dt.date]) -> list[dt.date]:
    """The nights as a list; TypeError for anything but a plain date, datetimes included."""
    checked = list(nights)
    # Plain dates, the usual case, are recognised in one pass at C speed (a page checks tens
    # of thousands); anything else is looked at one by one.
    if not set(map(type, checked)) <= {dt.date}:
        for night in checked:
            _check_night(night)
    return checked


def _check_night(night: object) -> None:
    # datetime is a subclass of date: refuse it explicitly, since only the caller knows the
    # user's timezone and so which night the moment belongs to.
    if isinstance(night, dt.datetime) or not isinstance(night, dt.date):
        raise TypeError(
            f"expected a date, got {night!r}: convert datetimes with timezone.localdate() first"
        )
