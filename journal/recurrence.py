"""Recurrence figures, phases and chart data for a timeline of nights.

Pure Python so that every figure can be pinned by a unit test on a hand-made timeline.

A timeline is the `datetime.date` of each entry; a date appears once per entry, so two
dreams on one night repeat it. Datetimes are refused rather than truncated: which night a
timezone-aware moment belongs to depends on the user's timezone, so the caller converts it
first (`django.utils.timezone.localdate(moment)`).
"""

import datetime as dt
import statistics
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache
from itertools import pairwise
from typing import Literal, NamedTuple

type Trend = Literal["more frequent", "less frequent", "steady"]

# A dream recurs once it has come on this many distinct nights; fewer is a one-off, shown in
# one line rather than charted. Two nights may be chance; a third makes a pattern.
RECURRING_MIN_NIGHTS = 3
# A move to a next stage counts only when the next stage came within this many days of the
# dream it moves on from: a dream that returns years later in another form has not "moved on".
STAGE_MOVE_WITHIN_DAYS = 28


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
    entries = _checked_nights(nights)
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


class DayCount(NamedTuple):
    night: dt.date
    count: int  # type: ignore[assignment]  # a field, not tuple.count


class Bucket(NamedTuple):
    start: dt.date
    count: int  # type: ignore[assignment]  # a field, not tuple.count


def weekly_counts(nights: Iterable[dt.date], start: dt.date, end: dt.date) -> list[Bucket]:
    """Entries per week (Monday first) for every week from `start` to `end`, empty weeks
    included. Counts are entries, so two dreams on one night count twice."""
    counts = Counter(
        _monday_of(night) for night in _checked_nights(nights) if start <= night <= end
    )
    return [Bucket(monday, counts[monday]) for monday in _mondays(start, end)]


def monthly_counts(nights: Iterable[dt.date], start: dt.date, end: dt.date) -> list[Bucket]:
    """Entries per calendar month from `start` to `end`, empty months included."""
    counts = Counter(
        night.replace(day=1) for night in _checked_nights(nights) if start <= night <= end
    )
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    return [Bucket(first, counts[first]) for first in _month_firsts(start.replace(day=1), months)]


def yearly_counts(nights: Iterable[dt.date], start: dt.date, end: dt.date) -> list[Bucket]:
    """Entries per calendar year from `start` to `end`, empty years included (a compact
    strip over decades reads better by year than by 450 hairline months)."""
    counts = Counter(night.year for night in _checked_nights(nights) if start <= night <= end)
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
    counts = Counter(night for night in _checked_nights(nights) if first <= night <= end)
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
        night.replace(day=1) for night in _checked_nights(nights) if start <= night <= end
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


@dataclass(frozen=True)
class Transition[K]:
    from_key: K
    from_night: dt.date
    to_key: K
    to_night: dt.date


def stage_transitions[K](
    timeline: Iterable[tuple[dt.date, K]],
    next_stages: Mapping[K, Iterable[K]],
    within_days: int = STAGE_MOVE_WITHIN_DAYS,
) -> list[Transition[K]]:
    """Each move from an interpretation to one of its next stages, with the nights it spans.

    For an interpretation A and a next stage B of A (as `next_stages` lists them), the move
    arrives on `to_night`, the first night of B that comes at most `within_days` after a
    night of A, and leaves from `from_night`, the last night of A before it. Only the first
    move of each (A, B) pair is given; a night carrying both A and B is no move (a night has
    no order within it); a stage listed as its own next stage is ignored. Sorted by
    `to_night`, then `from_night`.
    """
    timeline = list(timeline)
    _checked_nights(night for night, _ in timeline)
    nights_by_key: dict[K, list[dt.date]] = {}
    for night, key in timeline:
        nights_by_key.setdefault(key, []).append(night)
    for key_nights in nights_by_key.values():
        key_nights.sort()

    transitions = []
    for from_key, stages in next_stages.items():
        from_nights = nights_by_key.get(from_key)
        if not from_nights:
            continue
        for to_key in dict.fromkeys(stages):
            if to_key == from_key:
                continue
            to_nights = nights_by_key.get(to_key, [])
            later = bisect_left(to_nights, from_nights[0] + dt.timedelta(days=1))
            for to_night in to_nights[later:]:
                from_night = from_nights[bisect_left(from_nights, to_night) - 1]
                if (to_night - from_night).days <= within_days:
                    transitions.append(Transition(from_key, from_night, to_key, to_night))
                    break
    return sorted(transitions, key=lambda move: (move.to_night, move.from_night))


@dataclass(frozen=True)
class Notice[K]:
    """The one change worth noticing in a journal, about the timeline `key`."""

    key: K
    sentence: str


def change_worth_noticing[K](
    recurrences: Mapping[K, Recurrence],
    moves: Iterable[Transition[K]],
    names: Mapping[K, str],
    today: dt.date,
    thresholds: Thresholds = THRESHOLDS,
) -> Notice[K] | None:
    """The change a person would most want to hear about first, in one sentence, or None.

    Only what happened lately (within the trend window) counts. In order: nights crowding
    this week; a move to a next stage; a dream back after a long silence; one coming more
    often than the year before; a first arrival; one coming less often."""
    lately = today - dt.timedelta(days=thresholds.trend_window_days - 1)
    recent_moves = [move for move in moves if move.to_night >= lately]
    if recent_moves:
        move = recent_moves[-1]
        moved = Notice(
            move.to_key,
            f"{names[move.from_key]} moved on to {names[move.to_key]} on "
            f"{day_words(move.to_night)}.",
        )
    else:
        moved = None
    by_phase: dict[Phase, list[tuple[K, Recurrence]]] = {}
    for key, recurrence in recurrences.items():
        if recurrence.phase is not None:
            by_phase.setdefault(recurrence.phase, []).append((key, recurrence))

    def latest(candidates: list[tuple[K, Recurrence]]) -> tuple[K, Recurrence]:
        return max(candidates, key=lambda pair: (pair[1].last, pair[1].last_90))

    if frequent := by_phase.get(Phase.FREQUENT):
        key, recurrence = latest(frequent)
        return Notice(key, f"{names[key]} came on {recurrence.last_7} nights in the last 7 days.")
    if moved:
        return moved
    if back := by_phase.get(Phase.BACK_AFTER_GAP):
        key, recurrence = latest(back)
        back_after = recurrence.describe()  # "Back after 29 years: …"
        return Notice(key, f"{names[key]} is b{back_after[1:]}.")
    active = [(key, r) for key, r in recurrences.items() if r.last and r.last >= lately]
    if rising := [(key, r) for key, r in active if r.trend == "more frequent"]:
        key, recurrence = latest(rising)
        return Notice(
            key,
            f"{names[key]} is coming more often than the year before: "
            f"{_counted(recurrence.last_90, 'night')} in the last 90 days.",
        )
    if firsts := [(key, r) for key, r in active if r.phase is Phase.FIRST_ARRIVAL]:
        key, recurrence = latest(firsts)
        first_night = recurrence.last  # a first arrival has its one night
        return Notice(key, f"{names[key]} came for the first time on {day_words(first_night)}.")  # type: ignore[arg-type]
    if falling := [(key, r) for key, r in active if r.trend == "less frequent"]:
        key, recurrence = latest(falling)
        return Notice(
            key,
            f"{names[key]} is coming less often than the year before: "
            f"{_counted(recurrence.last_90, 'night')} in the last 90 days.",
        )
    return None


def _checked_nights(nights: Iterable[dt.date]) -> list[dt.date]:
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


# The interface is in English; "%B" would follow the process's locale, and costs a
# strftime call per date on pages that write hundreds of them.
MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def day_words(night: dt.date) -> str:
    """A night as "12 March 1990"."""
    return f"{night.day} {MONTH_NAMES[night.month - 1]} {night.year}"


def span_words(days: int) -> str:
    """A number of days in the unit a person would use: "3 weeks", "5 months", "29 years"."""
    if days < 9 * 7:
        return _counted(days // 7, "week")
    if days < 2 * 365:
        return _counted(days // 30, "month")
    return _counted(days // 365, "year")


def _counted(number: int, unit: str) -> str:
    return f"{number} {unit}" if number == 1 else f"{number} {unit}s"
