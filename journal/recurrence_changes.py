"""What changed across a journal's timelines: the moves from an interpretation to one of its
next stages, and the one change worth noticing first.

Pure Python, on timelines and figures from `journal.recurrence`.
"""

import datetime as dt
from bisect import bisect_left
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from journal.date_words import counted, day_words
from journal.recurrence import THRESHOLDS, Phase, Recurrence, Thresholds, checked_nights

# A move to a next stage counts only when the next stage came within this many days of the
# dream it moves on from: a dream that returns years later in another form has not "moved on".
STAGE_MOVE_WITHIN_DAYS = 28


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
    checked_nights(night for night, _ in timeline)
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

    def trending(trend: str, words: str) -> Notice | None:
        if not (moving := [(key, r) for key, r in active if r.trend == trend]):
            return None
        key, recurrence = latest(moving)
        return Notice(
            key,
            f"{names[key]} is coming {words} than the year before: "
            f"{counted(recurrence.last_90, 'night')} in the last 90 days.",
        )

    if rising := trending("more frequent", "more often"):
        return rising
    if firsts := [(key, r) for key, r in active if r.phase is Phase.FIRST_ARRIVAL]:
        key, recurrence = latest(firsts)
        first_night = recurrence.last  # a first arrival has its one night
        return Notice(key, f"{names[key]} came for the first time on {day_words(first_night)}.")  # type: ignore[arg-type]
    return trending("less frequent", "less often")
