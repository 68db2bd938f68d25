"""The gentle flag: when a recurring dream crowds the nights, or keeps being as upsetting as
a dream can be, the patterns page says once, quietly, that talking to a doctor or therapist
can help. It names no condition: the figures say how often, not why.

Pure Python: the inputs are each recurring dream's title and dreams (night, distress).
"""

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

# "Several times a week" for two weeks running: at least this many nights in each of the
# last two 7-day stretches.
FREQUENT_NIGHTS_A_WEEK = 3
WEEKS_RUNNING = 2
# Distress as high as the scale goes on most of the dream's nights in those two weeks; one
# such night among few is not "most", so at least this many dreams must be there to count.
TOP_DISTRESS = 4
MIN_DREAMS_FOR_DISTRESS = 2


@dataclass(frozen=True)
class GentleFlag:
    since: dt.date  # the first night of the stretch looked at
    frequent: tuple[str, ...]  # titles of the dreams that came on 3+ nights a week
    upsetting: tuple[str, ...]  # titles of the dreams rated 4 most nights

    @property
    def titles(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys((*self.frequent, *self.upsetting)))


def gentle_flag(
    recurring: Iterable[tuple[str, Sequence[tuple[dt.date, int | None]]]],
    today: dt.date,
    dismissed_on: dt.date | None = None,
) -> GentleFlag | None:
    """The flag for today, or None. Once dismissed it stays away until a whole new stretch
    of two weeks, begun after the dismissal, raises it again."""
    since = today - dt.timedelta(weeks=WEEKS_RUNNING) + dt.timedelta(days=1)
    if dismissed_on is not None and dismissed_on >= since:
        return None
    frequent, upsetting = [], []
    for title, dreams in recurring:
        recent = [(night, rating) for night, rating in dreams if since <= night <= today]
        if _every_week_frequent(recent, since):
            frequent.append(title)
        top = sum(1 for _, rating in recent if rating == TOP_DISTRESS)
        if len(recent) >= MIN_DREAMS_FOR_DISTRESS and top * 2 > len(recent):
            upsetting.append(title)
    if not frequent and not upsetting:
        return None
    return GentleFlag(since, tuple(frequent), tuple(upsetting))


def _every_week_frequent(recent: list[tuple[dt.date, int | None]], since: dt.date) -> bool:
    for week in range(WEEKS_RUNNING):
        start = since + dt.timedelta(weeks=week)
        end = start + dt.timedelta(days=6)
        nights = {night for night, _ in recent if start <= night <= end}
        if len(nights) < FREQUENT_NIGHTS_A_WEEK:
            return False
    return True
