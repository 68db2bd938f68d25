"""Everything the patterns page shows for one user, gathered in a fixed number of queries.

The database hands back small rows (an entry's night and interpretation, a tag's entry and
label); the figures, phases and chart data come from the pure `journal.recurrence` module.
So the page costs the same six queries for ten entries as for ten thousand:

1. the user's entries: (id, night, interpretation id)
2. their accepted entry tags with their tags' kinds and labels
3. the interpretations those point to, 4. their arrival conditions, 5. their next stages
6. the latest "waking life" notes per interpretation in the range (a window function keeps
   a handful per interpretation, however many there are)
"""

import datetime as dt
from collections import defaultdict
from collections.abc import Container, Iterable
from dataclasses import dataclass, field

from django.db.models import Count, F, Prefetch, Window
from django.db.models.functions import RowNumber
from django.urls import reverse
from django.utils.http import urlencode

from interpretations.models import ArrivalCondition, Interpretation, NextStage, TagKind
from journal.models import Entry, EntryTag
from journal.recurrence import (
    Bucket,
    DayCount,
    Phase,
    Recurrence,
    co_occurrence,
    daily_counts_for_heatmap,
    monthly_counts,
    recurrence_for,
    stage_transitions,
    weekly_counts,
    yearly_counts,
)

# Notes from the nights a dream came, shown beside it; the rest are counted.
NOTES_PER_INTERPRETATION = 5
# A cached patterns page is replaced as soon as the journal changes; this only bounds memory.
PATTERNS_CACHE_SECONDS = 60 * 60
# Marker-and-scenario pairs listed, most common first.
PAIRS_SHOWN = 12
# A heatmap shows at most a year: 37 years of days would be a grey wall.
HEATMAP_MAX_DAYS = 365
# Up to about a year the strip has one bar a week; beyond, one a month keeps it readable
# (Barb Sanders' 37 years make 450 monthly bars, not 1,900 weekly ones).
STRIP_WEEKLY_UP_TO_DAYS = 366
# Over a longer period, the compact strips of scenarios and markers have a bar per year.
COMPACT_STRIP_YEARLY_AFTER_DAYS = 5 * 365


@dataclass(frozen=True)
class Range:
    key: str
    label: str
    days: int | None  # None: the whole history


RANGES = {
    "3m": Range("3m", "3 months", 91),
    "1y": Range("1y", "a year", 365),
    "all": Range("all", "all", None),
}
DEFAULT_RANGE = "1y"


@dataclass(frozen=True)
class Period:
    """The stretch of nights the charts cover."""

    range: Range
    start: dt.date
    end: dt.date
    # True when the journal's last night is more than a year ago (an imported series): the
    # charts end on that night rather than showing a year of empty days up to today.
    ends_at_last_night: bool

    @property
    def heatmap_days(self) -> int:
        return min((self.end - self.start).days + 1, HEATMAP_MAX_DAYS)

    @property
    def strip_unit(self) -> str:
        return "week" if (self.end - self.start).days <= STRIP_WEEKLY_UP_TO_DAYS else "month"

    @property
    def compact_strip_unit(self) -> str:
        if (self.end - self.start).days > COMPACT_STRIP_YEARLY_AFTER_DAYS:
            return "year"
        return self.strip_unit

    def contains(self, night: dt.date) -> bool:
        return self.start <= night <= self.end


def period_for(chosen: Range, first_night: dt.date, last_night: dt.date, today: dt.date) -> Period:
    """The period a range covers for a journal running from `first_night` to `last_night`."""
    ends_at_last_night = last_night < today - dt.timedelta(days=HEATMAP_MAX_DAYS)
    end = last_night if ends_at_last_night else max(today, last_night)
    if chosen.days is None:
        start = min(first_night, end - dt.timedelta(days=HEATMAP_MAX_DAYS - 1))
    else:
        start = end - dt.timedelta(days=chosen.days - 1)
    return Period(chosen, start, end, ends_at_last_night)


@dataclass(frozen=True)
class Timeline:
    """One thing's nights, its figures over the whole history, and its charts for a period."""

    recurrence: Recurrence
    in_period: int  # dreams within the period
    strip: list[Bucket]
    strip_unit: str
    heatmap: list[list[DayCount | None]] | None = None

    @property
    def strip_max(self) -> int:
        return max((bucket.count for bucket in self.strip), default=0)

    def per_month(self) -> list[Bucket]:
        """Dreams per calendar month over the heatmap, for the table under it."""
        if not self.heatmap:
            return []
        counts: dict[dt.date, int] = {}
        for week in self.heatmap:
            for day in week:
                if day is not None:
                    first = day.night.replace(day=1)
                    counts[first] = counts.get(first, 0) + day.count
        return [Bucket(first, count) for first, count in counts.items()]

    def per_year(self) -> list[Bucket]:
        """Dreams per year over the strip, for the table under a long strip."""
        counts: dict[int, int] = {}
        for bucket in self.strip:
            counts[bucket.start.year] = counts.get(bucket.start.year, 0) + bucket.count
        return [Bucket(dt.date(year, 1, 1), count) for year, count in counts.items()]


@dataclass(frozen=True)
class Note:
    night: dt.date
    text: str


@dataclass(frozen=True)
class InterpretationPattern:
    interpretation: Interpretation
    timeline: Timeline
    arrival_conditions: list[str]
    notes: list[Note]
    more_notes: int

    @property
    def is_frequent(self) -> bool:
        return self.timeline.recurrence.phase is Phase.FREQUENT


@dataclass(frozen=True)
class TagPattern:
    kind: str
    label: str
    interpretation: Interpretation | None
    timeline: Timeline


@dataclass(frozen=True)
class StagePath:
    from_interpretation: Interpretation
    from_night: dt.date
    to_interpretation: Interpretation
    to_night: dt.date
    condition: str


@dataclass(frozen=True)
class Patterns:
    period: Period | None  # None: no entries yet
    today: dt.date
    total_entries: int = 0
    entries_in_period: int = 0
    untagged_in_period: int = 0
    interpretations: list[InterpretationPattern] = field(default_factory=list)
    # Dreamt interpretations with no night in the period (shown as a count and a link).
    quiet_in_period: int = 0
    tags: dict[str, list[TagPattern]] = field(default_factory=dict)  # by kind
    pairs: list[tuple[str, str, int]] = field(default_factory=list)
    paths: list[StagePath] = field(default_factory=list)
    focus: Interpretation | None = None

    @property
    def is_empty(self) -> bool:
        return self.total_entries == 0


class NotTheUsersInterpretation(LookupError):
    """The interpretation filter names one the user has never dreamt (or none at all)."""


def gather_patterns(
    user,
    chosen: Range,
    today: dt.date,
    interpretation_id: int | None = None,
) -> Patterns:
    """The patterns page's data for `user` on `today`, optionally for one interpretation.

    Rows are folded into dicts of ids and dates as they arrive rather than kept as objects:
    a journal of ten years is some 10,000 rows, and the page is rebuilt after every write."""
    night_of: dict[int, dt.date] = {}
    interpretation_of: dict[int, int] = {}  # only the entries that have one
    entries = Entry.objects.for_user(user).values_list("id", "night", "interpretation_id")
    for entry_id, night, interpretation in entries:
        night_of[entry_id] = night
        if interpretation:
            interpretation_of[entry_id] = interpretation
    if not night_of:
        if interpretation_id is not None:
            raise NotTheUsersInterpretation(interpretation_id)
        return Patterns(period=None, today=today)
    dreamt_ids = set(interpretation_of.values())
    if interpretation_id is not None and interpretation_id not in dreamt_ids:
        raise NotTheUsersInterpretation(interpretation_id)

    period = period_for(chosen, min(night_of.values()), max(night_of.values()), today)
    tags = _TagOccurrences.of_user(user, night_of)
    interpretations = _interpretations(
        dreamt_ids.union(*(occurrences.interpretation_ids() for occurrences in tags.values()))
    )
    paths = _stage_paths(night_of, interpretation_of, interpretations)

    if interpretation_id is not None:
        # Everything below looks at this interpretation's dreams only.
        kept = {entry for entry, pk in interpretation_of.items() if pk == interpretation_id}
        night_of = {entry: night_of[entry] for entry in kept}
        interpretation_of = dict.fromkeys(kept, interpretation_id)
        tags = {kind: occurrences.within(kept) for kind, occurrences in tags.items()}
        paths = [
            path
            for path in paths
            if interpretation_id in (path.from_interpretation.pk, path.to_interpretation.pk)
        ]

    nights_by_interpretation: dict[int, list[dt.date]] = defaultdict(list)
    for entry, pk in interpretation_of.items():
        nights_by_interpretation[pk].append(night_of[entry])
    in_period = {entry for entry, night in night_of.items() if period.contains(night)}
    notes, note_counts = _notes(user, period, list(nights_by_interpretation))

    patterns = []
    quiet = 0
    for pk, its_nights in nights_by_interpretation.items():
        if interpretation_id is None and not any(map(period.contains, its_nights)):
            quiet += 1
            continue
        timeline = _timeline(its_nights, period, today, with_heatmap=True)
        interpretation = interpretations[pk]
        shown_notes = notes.get(pk, [])
        patterns.append(
            InterpretationPattern(
                interpretation=interpretation,
                timeline=timeline,
                arrival_conditions=[c.text for c in interpretation.arrival_conditions.all()],
                notes=shown_notes,
                more_notes=note_counts.get(pk, 0) - len(shown_notes),
            )
        )
    patterns.sort(key=lambda p: (-p.timeline.in_period, -p.timeline.recurrence.last.toordinal()))

    return Patterns(
        period=period,
        today=today,
        total_entries=len(night_of),
        entries_in_period=len(in_period),
        untagged_in_period=len(in_period - interpretation_of.keys()),
        interpretations=patterns,
        quiet_in_period=quiet,
        tags={
            kind: occurrences.patterns(night_of, interpretations, period, today)
            for kind, occurrences in tags.items()
        },
        pairs=_pairs(tags[TagKind.SCENARIO], tags[TagKind.MARKER], in_period),
        paths=paths,
        focus=interpretations[interpretation_id] if interpretation_id is not None else None,
    )


@dataclass(frozen=True)
class _TagOccurrences:
    """Which of the user's entries carry each accepted tag of one kind."""

    kind: str
    entries_by_tag: dict[int, list[int]]
    label_of: dict[int, tuple[str, int]]  # tag id: (label, interpretation id)

    @classmethod
    def of_user(cls, user, night_of: dict[int, dt.date]) -> dict[str, "_TagOccurrences"]:
        """The tags on the entries in `night_of`, the user's live entries, for each kind.
        Entry tags of deleted entries are dropped here rather than by joining the entries in
        SQL, so the user's entry tags come straight from their index. So is one of an entry
        created since `night_of` was read: that save moved the journal version on after the
        caller read it (the patterns view), so the next view rebuilds with it."""
        rows = EntryTag.objects.filter(user=user, accepted=True).values_list(
            "entry_id", "tag_id", "tag__kind", "tag__label", "tag__interpretation_id"
        )
        found = {kind: cls(kind, defaultdict(list), {}) for kind in TagKind}
        for entry_id, tag_id, kind, label, interpretation_id in rows:
            if entry_id in night_of:
                found[kind].entries_by_tag[tag_id].append(entry_id)
                found[kind].label_of.setdefault(tag_id, (label, interpretation_id))
        return found

    def within(self, kept: set[int]) -> "_TagOccurrences":
        entries_by_tag = {}
        for tag_id, entry_ids in self.entries_by_tag.items():
            if its_kept := [entry for entry in entry_ids if entry in kept]:
                entries_by_tag[tag_id] = its_kept
        return _TagOccurrences(self.kind, entries_by_tag, self.label_of)

    def interpretation_ids(self) -> set[int]:
        return {interpretation for _, interpretation in self.label_of.values()}

    def labels_by_entry(self, entries: Container[int]) -> dict[int, list[str]]:
        """The labels each of `entries` carries, for those that carry any."""
        labels: dict[int, list[str]] = defaultdict(list)
        for tag_id, entry_ids in self.entries_by_tag.items():
            label = self.label_of[tag_id][0]
            for entry in entry_ids:
                if entry in entries:
                    labels[entry].append(label)
        return labels

    def patterns(
        self,
        night_of: dict[int, dt.date],
        interpretations: dict[int, Interpretation],
        period: Period,
        today: dt.date,
    ) -> list[TagPattern]:
        """A timeline for each tag with a night in the period, the most frequent first."""
        tags = []
        for tag_id, entry_ids in self.entries_by_tag.items():
            its_nights = [night_of[entry] for entry in entry_ids]
            if any(map(period.contains, its_nights)):
                label, interpretation = self.label_of[tag_id]
                timeline = _timeline(its_nights, period, today)
                tags.append(
                    TagPattern(self.kind, label, interpretations.get(interpretation), timeline)
                )
        tags.sort(
            key=lambda t: (-t.timeline.in_period, -t.timeline.recurrence.last.toordinal(), t.label)
        )
        return tags


def _interpretations(ids: Iterable[int]) -> dict[int, Interpretation]:
    queryset = Interpretation.objects.filter(pk__in=set(ids)).prefetch_related(
        Prefetch("arrival_conditions", queryset=ArrivalCondition.objects.order_by("position")),
        Prefetch(
            "next_stages",
            queryset=NextStage.objects.filter(target__isnull=False).order_by("position"),
        ),
    )
    return {interpretation.pk: interpretation for interpretation in queryset}


_COUNTS_BY_UNIT = {"week": weekly_counts, "month": monthly_counts, "year": yearly_counts}


def _timeline(
    nights: list[dt.date], period: Period, today: dt.date, *, with_heatmap: bool = False
) -> Timeline:
    """Figures over the whole history; a heatmap and full strip for an interpretation, a
    compact strip (by year over long periods) for a scenario or marker."""
    unit = period.strip_unit if with_heatmap else period.compact_strip_unit
    strip = _COUNTS_BY_UNIT[unit](nights, period.start, period.end)
    return Timeline(
        recurrence=recurrence_for(nights, today),
        in_period=sum(bucket.count for bucket in strip),  # the strip spans the period
        strip=strip,
        strip_unit=unit,
        heatmap=(
            daily_counts_for_heatmap(nights, period.end, period.heatmap_days)
            if with_heatmap
            else None
        ),
    )


def _notes(
    user, period: Period, interpretation_ids: list[int]
) -> tuple[dict[int, list[Note]], dict[int, int]]:
    """The latest few waking-life notes per interpretation within the period, and how many
    there are in all, in one query however many entries carry notes."""
    if not interpretation_ids:
        return {}, {}
    by_interpretation = [F("interpretation_id")]
    rows = (
        Entry.objects.for_user(user)
        .filter(interpretation_id__in=interpretation_ids, night__range=(period.start, period.end))
        .exclude(waking_life="")
        .annotate(
            row=Window(
                RowNumber(),
                partition_by=by_interpretation,
                order_by=[F("night").desc(), F("id").desc()],
            ),
            total=Window(Count("id"), partition_by=by_interpretation),
        )
        .filter(row__lte=NOTES_PER_INTERPRETATION)
        .values_list("interpretation_id", "night", "waking_life", "total")
        .order_by("interpretation_id", "-night", "-id")
    )
    notes: dict[int, list[Note]] = defaultdict(list)
    totals: dict[int, int] = {}
    for interpretation, night, text, total in rows:
        notes[interpretation].append(Note(night, text))
        totals[interpretation] = total
    return notes, totals


def _pairs(
    scenarios: _TagOccurrences, markers: _TagOccurrences, entries: set[int]
) -> list[tuple[str, str, int]]:
    """Which markers come with which scenarios on `entries`: (marker, scenario, dreams),
    most first, equal counts by label so that the same pairs make the cut every time."""
    scenarios_of = scenarios.labels_by_entry(entries)
    markers_of = markers.labels_by_entry(scenarios_of.keys())
    pairs = co_occurrence((markers_of[entry], scenarios_of[entry]) for entry in markers_of)
    pairs.sort(key=lambda pair: (-pair[2], pair[0], pair[1]))
    return pairs[:PAIRS_SHOWN]


def _stage_paths(
    night_of: dict[int, dt.date],
    interpretation_of: dict[int, int],
    interpretations: dict[int, Interpretation],
) -> list[StagePath]:
    """Moves from an interpretation to one of its next stages, over the whole history."""
    next_stages: dict[int, list[int]] = {}
    conditions: dict[tuple[int, int], str] = {}
    for pk, interpretation in interpretations.items():
        stages = list(interpretation.next_stages.all())
        next_stages[pk] = [stage.target_id for stage in stages]
        for stage in stages:
            conditions.setdefault((pk, stage.target_id), stage.condition)
    timeline = [(night_of[entry], pk) for entry, pk in interpretation_of.items()]
    return [
        StagePath(
            from_interpretation=interpretations[move.from_key],
            from_night=move.from_night,
            to_interpretation=interpretations[move.to_key],
            to_night=move.to_night,
            condition=conditions.get((move.from_key, move.to_key), ""),
        )
        for move in stage_transitions(timeline, next_stages)
        if move.to_key in interpretations
    ]


REGION_TEMPLATE = "journal/patterns.html#patterns"
# Each kind's section heading and column heading (a kind not named: its labels).
TAG_HEADINGS = {
    TagKind.SCENARIO: ("Scenarios that come back", "Scenario"),
    TagKind.MARKER: ("How your body felt on waking", "Body on waking"),
}


def region_context(
    patterns: Patterns | None, chosen: Range | None, focus: int | None, error: str = ""
) -> dict:
    """What the #patterns region shows: the data, the range links and the error, if any."""
    base_url = reverse("patterns")

    def url_for(range_key: str, focused: bool = True) -> str:
        query: dict[str, object] = {"range": range_key}
        if focused and focus is not None:
            query["interpretation"] = focus
        return f"{base_url}?{urlencode(query)}"

    return {
        "patterns": patterns,
        "error": error,
        "patterns_url": base_url,
        "range_links": [
            {"label": r.label, "url": url_for(key), "current": r == chosen}
            for key, r in RANGES.items()
        ],
        "all_range_url": url_for("all"),
        "all_interpretations_url": url_for(chosen.key if chosen else DEFAULT_RANGE, focused=False),
        "tag_sections": [
            (
                kind.plural,
                patterns.tags[kind],
                *TAG_HEADINGS.get(kind, (kind.plural_label, kind.label)),
            )
            for kind in TagKind
        ]
        if patterns and patterns.tags
        else [],
    }


def cache_key(profile, chosen: Range, focus: int | None) -> str:
    """Where the rendered #patterns region is kept: until the journal or the date changes.

    The key carries the profile's journal version, which every write to the journal moves
    on, so a stale region is never served from any process's cache."""
    return (
        f"patterns:{profile.user_id}:{profile.journal_version}:{profile.today().isoformat()}:"
        f"{chosen.key}:{focus}"
    )
