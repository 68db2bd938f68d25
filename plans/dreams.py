"""The dreams a journal knows, as a rehearsal plan sees them: each interpretation and each
scenario the user's dreams carry, with the nights and distress ratings of those dreams.

A dream is recurring when it has come back at least three times: three nights or more in
its journal.recurrence timeline. Two queries, whatever the size of the journal.
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from interpretations.models import TagKind
from journal.models import Entry, EntryTag
from journal.recurrence import Recurrence, recurrence_for

INTERPRETATION, SCENARIO = "interpretation", "scenario"
DREAM_KINDS = (INTERPRETATION, SCENARIO)


@dataclass(frozen=True)
class JournalDream:
    kind: str  # INTERPRETATION or SCENARIO
    pk: int  # the interpretation's id, or the scenario tag's
    title: str
    interpretation_id: int | None  # the interpretation itself, or the scenario's
    dreams: tuple[tuple[dt.date, int | None], ...]  # (night, distress), one per dream
    recurrence: Recurrence

    @property
    def key(self) -> tuple[str, int]:
        return (self.kind, self.pk)

    @property
    def choice(self) -> str:
        """The value naming this dream in a form: "interpretation:12", "scenario:40"."""
        return f"{self.kind}:{self.pk}"

    @property
    def is_recurring(self) -> bool:
        return self.recurrence.is_recurring

    @property
    def kind_label(self) -> str:
        return "Dream" if self.kind == INTERPRETATION else "Scenario"


@dataclass(frozen=True)
class Journal:
    """The user's dreams by (kind, id), and the night their journal begins."""

    dreams: dict[tuple[str, int], JournalDream] = field(default_factory=dict)
    first_night: dt.date | None = None

    def recurring(self) -> list[JournalDream]:
        """The recurring dreams, the most nights first, interpretations before scenarios."""
        found = [dream for dream in self.dreams.values() if dream.is_recurring]
        return sorted(
            found, key=lambda d: (-len(d.recurrence.nights), d.kind != INTERPRETATION, d.title)
        )


def parse_choice(value: str) -> tuple[str, int] | None:
    """("interpretation", 12) from "interpretation:12"; None for anything else."""
    kind, _, pk = str(value).partition(":")
    if kind not in DREAM_KINDS or not pk.isdecimal() or len(pk) > 18:
        return None
    return (kind, int(pk))


def journal_of(user, today: dt.date, *, until: dt.date | None = None) -> Journal:
    """The user's live dreams up to `until` (all of them by default), seen on `today`."""
    entries = Entry.objects.for_user(user).between(end=until)
    rows = entries.values_list(
        "id", "night", "distress", "interpretation_id", "interpretation__title"
    )
    dream_of: dict[int, tuple[dt.date, int | None]] = {}
    dreams: dict[tuple[str, int], list[tuple[dt.date, int | None]]] = defaultdict(list)
    titles: dict[tuple[str, int], tuple[str, int | None]] = {}
    for entry_id, night, distress, interpretation_id, title in rows:
        dream_of[entry_id] = (night, distress)
        if interpretation_id:
            key = (INTERPRETATION, interpretation_id)
            dreams[key].append((night, distress))
            titles[key] = (title, interpretation_id)
    if not dream_of:
        return Journal()
    scenarios = EntryTag.objects.filter(
        user=user, accepted=True, tag__kind=TagKind.SCENARIO
    ).values_list("entry_id", "tag_id", "tag__label", "tag__interpretation_id")
    for entry_id, tag_id, label, interpretation_id in scenarios:
        if entry_id in dream_of:  # a live entry within the range
            key = (SCENARIO, tag_id)
            dreams[key].append(dream_of[entry_id])
            titles[key] = (label, interpretation_id)
    return Journal(
        dreams={
            key: JournalDream(
                kind=key[0],
                pk=key[1],
                title=titles[key][0],
                interpretation_id=titles[key][1],
                dreams=tuple(sorted(its_dreams, key=lambda dream: dream[0])),
                recurrence=recurrence_for((night for night, _ in its_dreams), today),
            )
            for key, its_dreams in dreams.items()
        },
        first_night=min(night for night, _ in dream_of.values()),
    )
