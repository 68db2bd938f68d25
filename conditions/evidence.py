"""What comes before a recurring dream, and whether this month differs from a person's own
history: statistics that stay silent on small numbers. Pure Python, no database.

A night is one date with dreams (keys of interpretations or scenarios) and signals (life
tags, confirmed arrival conditions, words of the waking-life notes). A signal "comes
before" a dream's night when it is on that night or on one of the LOOKBACK_DAYS nights
before it: notes written in the morning describe the days that led up to the dream.

Over-representation is the weighted log-odds ratio with an informative prior (Monroe,
Colaresi and Quinn, "Fightin' Words", 2008), per signal, between the dream's nights and the
person's other nights; the prior is the signal's rate over all nights, so a signal seen on
a few nights is pulled towards "no difference". A signal is shown only when its z-score
clears a Bonferroni bar over every signal tested for that dream, and it rests on at least
MIN_SUPPORT of the dream's nights.
"""

import datetime as dt
import math
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from statistics import NormalDist

LOOKBACK_DAYS = 3
# A dream needs this many nights, and the journal this many other nights, before anything
# is learned from them.
MIN_DREAM_NIGHTS = 5
MIN_OTHER_NIGHTS = 5
# A finding rests on at least this many of the dream's nights.
MIN_SUPPORT = 3
# Pseudo-nights of the prior: how strongly a signal's overall rate holds its estimate back.
PRIOR_NIGHTS = 10.0
# Chance of one false finding per dream, across all signals tested for it.
FALSE_FINDING_RATE = 0.05
# This month against the year before it (or less, for a younger journal; at least
# MIN_HISTORY_DAYS, to say what is usual).
HISTORY_DAYS = 365
MIN_HISTORY_DAYS = 90
DAYS_PER_MONTH = 365.25 / 12
MONTH_SIGNIFICANCE = 0.05
# Distress this month against before: ratings needed on each side.
MIN_RATINGS_THIS_MONTH = 3
MIN_RATINGS_BEFORE = 5


@dataclass(frozen=True)
class Night:
    dreams: frozenset[Hashable]
    signals: frozenset[str]


@dataclass(frozen=True)
class Finding:
    """A signal that comes before a dream more often than before the person's other nights."""

    signal: str
    nights_with: int
    nights: int
    other_nights_with: int
    other_nights: int
    z: float

    @property
    def share(self) -> float:
        return self.nights_with / self.nights

    @property
    def other_share(self) -> float:
        return self.other_nights_with / self.other_nights


def signals_before(nights: Mapping[dt.date, Night], night: dt.date) -> frozenset[str]:
    """The signals on this night and on the LOOKBACK_DAYS nights before it."""
    found: set[str] = set()
    for back in range(LOOKBACK_DAYS + 1):
        earlier = nights.get(night - dt.timedelta(days=back))
        if earlier is not None:
            found |= earlier.signals
    return frozenset(found)


def what_comes_before(
    nights: Mapping[dt.date, Night], dreams: Iterable[Hashable]
) -> dict[Hashable, list[Finding]]:
    """For each dream, the signals over-represented before its nights, strongest first;
    nothing when the dream or the rest of the journal has too few nights to tell. Only
    nights with something noted about waking life count, on both sides. Each night's window
    is gathered once, and the other nights' counts are all nights' less the dream's."""
    windows = {
        night: signals_before(nights, night) for night, record in nights.items() if record.signals
    }
    all_counts = _counts(windows.values())
    found = {}
    for dream in dreams:
        before_dream = [
            window for night, window in windows.items() if dream in nights[night].dreams
        ]
        dream_counts = _counts(before_dream)
        other_counts = {
            signal: count - dream_counts.get(signal, 0) for signal, count in all_counts.items()
        }
        found[dream] = _findings(
            dream_counts, len(before_dream), other_counts, len(windows) - len(before_dream)
        )
    return found


def over_represented(group: list[frozenset[str]], others: list[frozenset[str]]) -> list[Finding]:
    """The signals found in more of the group's nights than of the others', by more than
    chance, strongest first; nothing when either side has too few nights to tell."""
    return _findings(_counts(group), len(group), _counts(others), len(others))


def _findings(
    in_group: dict[str, int], group_total: int, in_others: dict[str, int], other_total: int
) -> list[Finding]:
    if group_total < MIN_DREAM_NIGHTS or other_total < MIN_OTHER_NIGHTS:
        return []
    tested = [signal for signal, count in in_group.items() if count >= MIN_SUPPORT]
    if not tested:
        return []
    bar = NormalDist().inv_cdf(1 - FALSE_FINDING_RATE / len(tested))
    findings = []
    for signal in tested:
        hits, other_hits = in_group[signal], in_others.get(signal, 0)
        z = log_odds_z(hits, group_total, other_hits, other_total)
        if z >= bar:
            findings.append(Finding(signal, hits, group_total, other_hits, other_total, z))
    return sorted(findings, key=lambda finding: (-finding.z, finding.signal))


def log_odds_z(hits_a: int, total_a: int, hits_b: int, total_b: int) -> float:
    """The z-score of the log-odds ratio of a signal between two groups of nights, each
    count smoothed by a Beta prior centred on the signal's rate over both groups."""
    rate = (hits_a + hits_b) / (total_a + total_b)
    with_prior = PRIOR_NIGHTS * rate
    without_prior = PRIOR_NIGHTS * (1 - rate)
    cells = (
        hits_a + with_prior,
        total_a - hits_a + without_prior,
        hits_b + with_prior,
        total_b - hits_b + without_prior,
    )
    if min(cells) <= 0:
        return 0.0
    difference = math.log(cells[0] / cells[1]) - math.log(cells[2] / cells[3])
    return difference / math.sqrt(sum(1 / cell for cell in cells))


def _counts(windows: Iterable[frozenset[str]]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for window in windows:
        for signal in window:
            counts[signal] = counts.get(signal, 0) + 1
    return counts


@dataclass(frozen=True)
class MonthChange:
    """This month's nights of a dream against the person's usual rate for it."""

    nights_this_month: int
    expected: float
    usual_per_month: float
    history_start: dt.date
    p_value: float

    @property
    def direction(self) -> str:
        return "more" if self.nights_this_month > self.expected else "fewer"


def month_against_history(
    dream_nights: Iterable[dt.date], first_night: dt.date, today: dt.date
) -> MonthChange | None:
    """Whether this month's count of the dream differs from its rate over the year before
    (or the journal's whole history, if shorter) by more than chance (an exact Poisson
    test); None when it does not, or cannot be told."""
    month_start = today.replace(day=1)
    history_start = max(first_night, month_start - dt.timedelta(days=HISTORY_DAYS))
    history_days = (month_start - history_start).days
    if history_days < MIN_HISTORY_DAYS:
        return None
    distinct = set(dream_nights)
    earlier = sum(1 for night in distinct if history_start <= night < month_start)
    this_month = sum(1 for night in distinct if month_start <= night <= today)
    rate = earlier / history_days
    expected = rate * ((today - month_start).days + 1)
    p_value = poisson_two_sided(this_month, expected)
    if p_value >= MONTH_SIGNIFICANCE:
        return None
    return MonthChange(this_month, expected, rate * DAYS_PER_MONTH, history_start, p_value)


def poisson_two_sided(observed: int, expected: float) -> float:
    """Twice the smaller tail of a Poisson(expected) at observed, at most 1."""
    if expected <= 0:
        return 1.0 if observed == 0 else 0.0
    below = sum(_poisson(k, expected) for k in range(observed + 1))
    above = 1 - below + _poisson(observed, expected)
    return min(1.0, 2 * min(below, above))


def _poisson(k: int, mean: float) -> float:
    return math.exp(k * math.log(mean) - mean - math.lgamma(k + 1))


@dataclass(frozen=True)
class DistressChange:
    """How upsetting a dream's nights were rated this month, against the ratings before."""

    mean_this_month: float
    mean_before: float
    p_value: float

    @property
    def direction(self) -> str:
        return "more" if self.mean_this_month > self.mean_before else "less"


def distress_against_history(this_month: list[int], before: list[int]) -> DistressChange | None:
    """Whether this month's ratings differ from the earlier ones by more than chance (a
    Mann-Whitney test, normal approximation with ties corrected); None when they do not, or
    when there are too few ratings to tell."""
    if len(this_month) < MIN_RATINGS_THIS_MONTH or len(before) < MIN_RATINGS_BEFORE:
        return None
    p_value = mann_whitney_p(this_month, before)
    if p_value >= MONTH_SIGNIFICANCE:
        return None
    return DistressChange(sum(this_month) / len(this_month), sum(before) / len(before), p_value)


def mann_whitney_p(first: list[int], second: list[int]) -> float:
    """Two-sided p-value of the Mann-Whitney U test between two samples of ratings."""
    pooled = sorted(first + second)
    ranks: dict[int, float] = {}
    ties = 0.0
    start = 0
    while start < len(pooled):
        end = start
        while end < len(pooled) and pooled[end] == pooled[start]:
            end += 1
        ranks[pooled[start]] = (start + end + 1) / 2  # the mean of ranks start+1 … end
        count = end - start
        ties += count**3 - count
        start = end
    n1, n2 = len(first), len(second)
    total = n1 + n2
    u = sum(ranks[value] for value in first) - n1 * (n1 + 1) / 2
    variance = n1 * n2 / 12 * ((total + 1) - ties / (total * (total - 1)))
    if variance <= 0:
        return 1.0
    z = (u - n1 * n2 / 2) / math.sqrt(variance)
    return min(1.0, 2 * (1 - NormalDist().cdf(abs(z))))
