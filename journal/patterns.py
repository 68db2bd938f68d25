"""What the patterns page shows for one user, gathered in a fixed number of queries.

The page opens on a light summary (`gather_summary`): which dreams recur, their phase, how
often lately, the one change worth noticing, a calendar of every dream in the chosen range
and the moves to a next stage. Each interpretation's full section (`gather_section`) is
built only when opened. The database hands back small rows (an entry's night and
interpretation, a tag's entry and label); the figures, phases and chart data come from
pure modules (`journal.recurrence`, `journal.recurrence_changes`, `journal.pattern_charts`),
so each costs the same queries for ten entries as for ten thousand:

- summary: 1. the user's entries (id, night, interpretation id), 2. the interpretations
  they point to, 3. their next stages
- section: the same three, 4. the arrival conditions of the one interpretation, and 5. the
  accepted tags on its dreams. Its waking-life notes come with the entries (1).
"""

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Case, F, Prefetch, TextField, Value, When

from interpretations.models import ArrivalCondition, Interpretation, NextStage, TagKind
from journal.chart_counts import co_occurrence
from journal.models import Entry, EntryTag
from journal.pattern_charts import Calendar, Timeline, calendar_for, timeline_for
from journal.pattern_periods import Period, Range, default_range, period_for
from journal.recurrence import RECURRING_MIN_NIGHTS, Phase, Recurrence, recurrence_for
from journal.recurrence_changes import (
    STAGE_MOVE_WITHIN_DAYS,
    Notice,
    Transition,
    change_worth_noticing,
    stage_transitions,
)

# Notes from the nights a dream came, shown beside it; the rest are counted.
NOTES_PER_INTERPRETATION = 5
# Marker-and-scenario pairs listed in a section, most common first.
PAIRS_SHOWN = 8
# Moves to a next stage the summary lists, latest first; each section lists all of its own.
PATHS_IN_SUMMARY = 3


@dataclass(frozen=True)
class DreamLine:
    """One interpretation as the summary lists it."""

    interpretation: Interpretation
    recurrence: Recurrence
    in_period: int


@dataclass(frozen=True)
class StagePath:
    from_interpretation: Interpretation
    from_night: dt.date
    to_interpretation: Interpretation
    to_night: dt.date
    condition: str


@dataclass(frozen=True)
class Summary:
    period: Period | None  # None: no entries yet
    today: dt.date
    total_entries: int = 0
    entries_in_period: int = 0
    untagged_in_period: int = 0
    recurring: list[DreamLine] = field(default_factory=list)  # active first, then quiet
    one_offs: list[DreamLine] = field(default_factory=list)
    notice: Notice | None = None
    calendar: Calendar | None = None
    paths: list[StagePath] = field(default_factory=list)  # the latest few, newest first
    earlier_paths: int = 0
    years: list[int] = field(default_factory=list)  # years with dreams, newest first

    @property
    def is_empty(self) -> bool:
        return self.total_entries == 0

    @property
    def recurring_now(self) -> list[DreamLine]:
        return [line for line in self.recurring if line.recurrence.phase is not Phase.QUIET]

    @property
    def recurring_quiet(self) -> list[DreamLine]:
        return [line for line in self.recurring if line.recurrence.phase is Phase.QUIET]


class NotTheUsersInterpretation(LookupError):
    """The section asked for names an interpretation the user has never dreamt."""


@dataclass
class _Journal:
    """The user's live entries as small dicts, read in one query."""

    night_of: dict[int, dt.date]
    interpretation_of: dict[int, int]  # only the entries that have one
    note_of: dict[int, str]  # waking-life notes of the one interpretation asked for

    @classmethod
    def of_user(cls, user, notes_of: int | None = None) -> "_Journal":
        no_note = Value("", output_field=TextField())
        note = (
            Case(When(interpretation_id=notes_of, then=F("waking_life")), default=no_note)
            if notes_of is not None
            else no_note
        )
        rows = Entry.objects.for_user(user).values_list("id", "night", "interpretation_id", note)
        journal = cls({}, {}, {})
        for entry_id, night, interpretation, note in rows:
            journal.night_of[entry_id] = night
            if interpretation:
                journal.interpretation_of[entry_id] = interpretation
            if note:
                journal.note_of[entry_id] = note
        return journal

    def nights_by_interpretation(self) -> dict[int, list[dt.date]]:
        nights: dict[int, list[dt.date]] = defaultdict(list)
        for entry, pk in self.interpretation_of.items():
            nights[pk].append(self.night_of[entry])
        return nights

    def period(self, chosen: Range | None, today: dt.date) -> Period:
        first, last = min(self.night_of.values()), max(self.night_of.values())
        return period_for(chosen or default_range(first, today), first, last, today)


def gather_summary(user, chosen: Range | None, today: dt.date) -> Summary:
    """The summary for `user` on `today`; `chosen` None picks the default range."""
    journal = _Journal.of_user(user)
    if not journal.night_of:
        return Summary(period=None, today=today)
    period = journal.period(chosen, today)
    nights_by = journal.nights_by_interpretation()
    interpretations = _interpretations(nights_by)
    moves = _transitions(journal, interpretations)
    in_period = {entry for entry, night in journal.night_of.items() if period.contains(night)}

    lines = []
    for pk, its_nights in nights_by.items():
        recurrence = recurrence_for(its_nights, today)
        lines.append(
            DreamLine(
                interpretation=interpretations[pk],
                recurrence=recurrence,
                in_period=sum(map(period.contains, its_nights)),
            )
        )
    lines.sort(key=lambda line: (-line.recurrence.last_90, -line.recurrence.last.toordinal()))  # type: ignore[union-attr]  # each line has nights
    paths = _stage_paths(moves, interpretations)
    notice = change_worth_noticing(
        {line.interpretation.pk: line.recurrence for line in lines},
        moves,
        {pk: interpretation.title for pk, interpretation in interpretations.items()},
        today,
    )
    return Summary(
        period=period,
        today=today,
        total_entries=len(journal.night_of),
        entries_in_period=len(in_period),
        untagged_in_period=len(in_period - journal.interpretation_of.keys()),
        recurring=[line for line in lines if line.recurrence.is_recurring],
        one_offs=[line for line in lines if not line.recurrence.is_recurring],
        notice=notice,
        calendar=calendar_for([journal.night_of[entry] for entry in in_period], period),
        paths=paths[::-1][:PATHS_IN_SUMMARY],
        earlier_paths=max(len(paths) - PATHS_IN_SUMMARY, 0),
        years=sorted({night.year for night in journal.night_of.values()}, reverse=True),
    )


@dataclass(frozen=True)
class Note:
    night: dt.date
    text: str


@dataclass(frozen=True)
class TagPattern:
    kind: str
    label: str
    interpretation: Interpretation | None
    timeline: Timeline


@dataclass(frozen=True)
class TagSection:
    kind: str
    heading: str
    recurring: list[TagPattern]
    one_offs: list[TagPattern]


@dataclass(frozen=True)
class Section:
    """Everything one interpretation's full section shows."""

    interpretation: Interpretation
    period: Period
    timeline: Timeline
    arrival_conditions: list[str]
    notes: list[Note]
    more_notes: int
    tags: list[TagSection]
    pairs: list[tuple[str, str, int]]
    paths: list[StagePath]

    @property
    def is_frequent(self) -> bool:
        return self.timeline.recurrence.phase is Phase.FREQUENT


TAG_HEADINGS: dict[str, str] = {
    TagKind.SCENARIO: "Scenarios",
    TagKind.MARKER: "How your body felt on waking",
}


def gather_section(user, chosen: Range | None, today: dt.date, pk: int) -> Section:
    """One interpretation's full section; NotTheUsersInterpretation unless `user` has dreamt
    it (on a live entry)."""
    journal = _Journal.of_user(user, notes_of=pk)
    kept = {entry for entry, its in journal.interpretation_of.items() if its == pk}
    if not kept:
        raise NotTheUsersInterpretation(pk)
    period = journal.period(chosen, today)
    interpretations = _interpretations(journal.nights_by_interpretation(), with_arrivals=pk)
    interpretation = interpretations[pk]
    nights = [journal.night_of[entry] for entry in kept]

    # The latest first; of one night, the last written first.
    noted = sorted(
        (
            (journal.night_of[entry], entry)
            for entry in journal.note_of
            if period.contains(journal.night_of[entry])
        ),
        reverse=True,
    )
    notes = [Note(night, journal.note_of[entry]) for night, entry in noted]
    tags = _TagOccurrences.on_entries(user, pk, kept)
    return Section(
        interpretation=interpretation,
        period=period,
        timeline=timeline_for(nights, period, today, full=True),
        arrival_conditions=[c.text for c in interpretation.arrival_conditions.all()],
        notes=notes[:NOTES_PER_INTERPRETATION],
        more_notes=max(len(notes) - NOTES_PER_INTERPRETATION, 0),
        tags=[
            tags[kind].section(journal.night_of, interpretations, period, today) for kind in TagKind
        ],
        pairs=_pairs(tags[TagKind.SCENARIO], tags[TagKind.MARKER]),
        paths=[
            path
            for path in _stage_paths(_transitions(journal, interpretations), interpretations)
            if pk in (path.from_interpretation.pk, path.to_interpretation.pk)
        ],
    )


@dataclass(frozen=True)
class _TagOccurrences:
    """Which of the user's entries carry each accepted tag of one kind."""

    kind: str
    entries_by_tag: dict[int, list[int]]
    label_of: dict[int, tuple[str, int]]  # tag id: (label, interpretation id)

    @classmethod
    def on_entries(cls, user, pk: int, entries: set[int]) -> dict[str, "_TagOccurrences"]:
        """The accepted tags on `entries`, the user's live entries of interpretation `pk`.
        Rows of deleted entries, or of entries created or changed since `entries` was read,
        are dropped here: that write moved the journal version on, so the next view
        rebuilds with it."""
        rows = EntryTag.objects.filter(
            user=user, accepted=True, entry__interpretation_id=pk
        ).values_list("entry_id", "tag_id", "tag__kind", "tag__label", "tag__interpretation_id")
        found: dict[str, _TagOccurrences] = {
            kind: cls(kind, defaultdict(list), {}) for kind in TagKind
        }
        for entry_id, tag_id, kind, label, interpretation_id in rows:
            if entry_id in entries:
                found[kind].entries_by_tag[tag_id].append(entry_id)
                found[kind].label_of.setdefault(tag_id, (label, interpretation_id))
        return found

    def labels_by_entry(self) -> dict[int, list[str]]:
        labels: dict[int, list[str]] = defaultdict(list)
        for tag_id, entry_ids in self.entries_by_tag.items():
            for entry in entry_ids:
                labels[entry].append(self.label_of[tag_id][0])
        return labels

    def section(
        self,
        night_of: dict[int, dt.date],
        interpretations: dict[int, Interpretation],
        period: Period,
        today: dt.date,
    ) -> TagSection:
        """A timeline for each tag, recurring ones first by dreams in the period."""
        tags = []
        for tag_id, entry_ids in self.entries_by_tag.items():
            label, interpretation = self.label_of[tag_id]
            timeline = timeline_for([night_of[entry] for entry in entry_ids], period, today)
            tags.append(TagPattern(self.kind, label, interpretations.get(interpretation), timeline))
        tags.sort(
            key=lambda t: (-t.timeline.in_period, -t.timeline.recurrence.last.toordinal(), t.label)  # type: ignore[union-attr]  # each tag has nights
        )
        return TagSection(
            kind=self.kind,
            heading=TAG_HEADINGS.get(self.kind, TagKind(self.kind).label),
            recurring=[tag for tag in tags if tag.timeline.recurrence.is_recurring],
            one_offs=[tag for tag in tags if not tag.timeline.recurrence.is_recurring],
        )


def _interpretations(
    dreamt: Iterable[int], with_arrivals: int | None = None
) -> dict[int, Interpretation]:
    """The interpretations dreamt, with their next stages (and, for one of them, its arrival
    conditions: a prefetch filtered to that one)."""
    prefetches: list[Prefetch] = [
        Prefetch(
            "next_stages",
            queryset=NextStage.objects.filter(target__isnull=False).order_by("position"),
        )
    ]
    if with_arrivals is not None:
        prefetches.append(
            Prefetch(
                "arrival_conditions",
                queryset=ArrivalCondition.objects.filter(interpretation_id=with_arrivals).order_by(
                    "position"
                ),
            )
        )
    queryset = (
        Interpretation.objects.filter(pk__in=set(dreamt))
        .only("title", "slug", "published")
        .prefetch_related(*prefetches)
    )
    return {interpretation.pk: interpretation for interpretation in queryset}


def _pairs(scenarios: _TagOccurrences, markers: _TagOccurrences) -> list[tuple[str, str, int]]:
    """Which markers come with which scenarios on at least RECURRING_MIN_NIGHTS dreams:
    (marker, scenario, dreams), most first, equal counts by label."""
    scenarios_of = scenarios.labels_by_entry()
    markers_of = markers.labels_by_entry()
    both = scenarios_of.keys() & markers_of.keys()
    pairs = co_occurrence((markers_of[entry], scenarios_of[entry]) for entry in both)
    pairs = [pair for pair in pairs if pair[2] >= RECURRING_MIN_NIGHTS]
    pairs.sort(key=lambda pair: (-pair[2], pair[0], pair[1]))
    return pairs[:PAIRS_SHOWN]


def _transitions(
    journal: _Journal, interpretations: dict[int, Interpretation]
) -> list[Transition[int]]:
    """Moves from an interpretation to one of its next stages, over the whole history, each
    within STAGE_MOVE_WITHIN_DAYS."""
    next_stages = {
        pk: [stage.target_id for stage in interpretation.next_stages.all() if stage.target_id]
        for pk, interpretation in interpretations.items()
    }
    timeline = [(journal.night_of[entry], pk) for entry, pk in journal.interpretation_of.items()]
    return [
        move
        for move in stage_transitions(timeline, next_stages, STAGE_MOVE_WITHIN_DAYS)
        if move.to_key in interpretations
    ]


def _stage_paths(
    moves: list[Transition[int]], interpretations: dict[int, Interpretation]
) -> list[StagePath]:
    conditions: dict[tuple[int, int], str] = {}
    for pk, interpretation in interpretations.items():
        for stage in interpretation.next_stages.all():
            if stage.target_id is not None:
                conditions.setdefault((pk, stage.target_id), stage.condition)
    return [
        StagePath(
            from_interpretation=interpretations[move.from_key],
            from_night=move.from_night,
            to_interpretation=interpretations[move.to_key],
            to_night=move.to_night,
            condition=conditions.get((move.from_key, move.to_key), ""),
        )
        for move in moves
    ]
