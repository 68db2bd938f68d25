"""What the patterns page shows for one user, gathered in a fixed number of queries.

The page opens on a light summary (`gather_summary`): which dreams recur, their phase, how
often lately, the one change worth noticing, a calendar of every dream in the chosen range
and the moves to a next stage. Each interpretation's full section (`gather_section`) is
built only when opened. The database hands back small rows (an entry's night and
interpretation, a tag's entry and label); the figures, phases and chart data come from the
pure `journal.recurrence` module, so each costs the same queries for ten entries as for ten
thousand:

- summary: 1. the user's entries (id, night, interpretation id), 2. the interpretations
  they point to, 3. their next stages
- section: the same three, 4. the arrival conditions of the one interpretation, and 5. the
  accepted tags on its dreams. Its waking-life notes come with the entries (1).
"""

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

from django.db.models import Case, F, Prefetch, TextField, Value, When
from django.urls import reverse
from django.utils.http import urlencode

from interpretations.models import ArrivalCondition, Interpretation, NextStage, TagKind
from journal.models import EARLIEST_NIGHT, Entry, EntryTag
from journal.recurrence import (
    RECURRING_MIN_NIGHTS,
    STAGE_MOVE_WITHIN_DAYS,
    Bucket,
    DayCount,
    Notice,
    Phase,
    Recurrence,
    Transition,
    change_worth_noticing,
    co_occurrence,
    daily_counts_for_heatmap,
    monthly_counts,
    monthly_counts_for_heatmap,
    recurrence_for,
    span_words,
    stage_transitions,
    weekly_counts,
    yearly_counts,
)

# Notes from the nights a dream came, shown beside it; the rest are counted.
NOTES_PER_INTERPRETATION = 5
# A cached patterns page is replaced as soon as the journal changes; this only bounds memory.
PATTERNS_CACHE_SECONDS = 60 * 60
# Marker-and-scenario pairs listed in a section, most common first.
PAIRS_SHOWN = 8
# Moves to a next stage the summary lists, latest first; each section lists all of its own.
PATHS_IN_SUMMARY = 3
# Up to a year the calendar has a square a day; over a longer range, a square a month.
CALENDAR_DAILY_UP_TO_DAYS = 366
# Up to about a year a strip has one bar a week; beyond, one a month keeps it readable, and
# over decades one a year (Barb Sanders' 37 years make 37 bars, not 450 hairlines).
STRIP_WEEKLY_UP_TO_DAYS = 366
STRIP_YEARLY_AFTER_DAYS = 5 * 365
# Without a chosen range, a journal younger than this shows its last year, an older one all
# of it: someone who imported decades of dreams and logged a few new ones sees both.
DEFAULT_RANGE_FOR_JOURNALS_UP_TO_DAYS = 365


@dataclass(frozen=True)
class Range:
    key: str
    label: str
    days: int | None  # None: the whole history, or one calendar year
    year: int | None = None


RANGES = {
    "3m": Range("3m", "3 months", 91),
    "1y": Range("1y", "a year", 365),
    "all": Range("all", "all", None),
}


def range_for(key: str, today: dt.date) -> Range:
    """The range a query string names: a key of RANGES or a calendar year; ValueError says
    which exist."""
    if key in RANGES:
        return RANGES[key]
    if key.isascii() and key.isdecimal() and EARLIEST_NIGHT.year <= int(key) <= today.year:
        return Range(key, key, None, year=int(key))
    choices = ", ".join(f"'{key}' ({chosen.label})" for key, chosen in RANGES.items())
    raise ValueError(
        f"Unknown range '{key}'. Choose one of {choices}, or a year from "
        f"{EARLIEST_NIGHT.year} to {today.year}."
    )


def default_range(first_night: dt.date, today: dt.date) -> Range:
    if (today - first_night).days < DEFAULT_RANGE_FOR_JOURNALS_UP_TO_DAYS:
        return RANGES["1y"]
    return RANGES["all"]


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
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def calendar_unit(self) -> Literal["day", "month"]:
        return "day" if self.days <= CALENDAR_DAILY_UP_TO_DAYS else "month"

    @property
    def strip_unit(self) -> str:
        if self.days <= STRIP_WEEKLY_UP_TO_DAYS:
            return "week"
        return "month" if self.days <= STRIP_YEARLY_AFTER_DAYS else "year"

    def contains(self, night: dt.date) -> bool:
        return self.start <= night <= self.end


def period_for(chosen: Range, first_night: dt.date, last_night: dt.date, today: dt.date) -> Period:
    """The period a range covers for a journal running from `first_night` to `last_night`."""
    if chosen.year is not None:
        year_end = min(dt.date(chosen.year, 12, 31), max(today, last_night))
        return Period(chosen, dt.date(chosen.year, 1, 1), year_end, False)
    ends_at_last_night = last_night < today - dt.timedelta(days=365)
    end = last_night if ends_at_last_night else max(today, last_night)
    if chosen.days is None:
        start = min(first_night, end - dt.timedelta(days=RANGES["1y"].days - 1))  # type: ignore[operator]  # 1y has days
    else:
        start = end - dt.timedelta(days=chosen.days - 1)
    return Period(chosen, start, end, ends_at_last_night)


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


def _timeline(
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
        timeline=_timeline(nights, period, today, full=True),
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
            timeline = _timeline([night_of[entry] for entry in entry_ids], period, today)
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


# Where each region is kept rendered: until the journal or the date changes.
SUMMARY_TEMPLATE = "journal/patterns.html#patterns"
SECTION_TEMPLATE = "journal/patterns_section.html#section"
STAGE_MOVE_WINDOW_WORDS = span_words(STAGE_MOVE_WITHIN_DAYS)


def range_links(url: str, chosen: Range | None) -> list[dict]:
    return [
        {
            "label": option.label,
            "url": f"{url}?{urlencode({'range': key})}",
            "current": option == chosen,
        }
        for key, option in RANGES.items()
    ]


def summary_context(summary: Summary | None, error: str = "") -> dict:
    """What the #patterns region shows: the data, the range links and the error, if any."""
    base_url = reverse("patterns")
    chosen = summary.period.range if summary and summary.period else None
    return {
        "summary": summary,
        "error": error,
        "patterns_url": base_url,
        "range_key": chosen.key if chosen else "",
        "range_links": range_links(base_url, chosen),
        "recurring_min_nights": RECURRING_MIN_NIGHTS,
        "stage_move_window": STAGE_MOVE_WINDOW_WORDS,
    }


def section_context(section: Section | None, error: str = "") -> dict:
    return {
        "section": section,
        "error": error,
        "patterns_url": reverse("patterns"),
        "recurring_min_nights": RECURRING_MIN_NIGHTS,
        "stage_move_window": STAGE_MOVE_WINDOW_WORDS,
    }


def cache_key(profile, chosen: Range | None, section: int | None = None) -> str:
    """Where a rendered region is kept: until the journal or the date changes.

    The key carries the profile's journal version, which every write to the journal moves
    on, so a stale region is never served from any process's cache."""
    return (
        f"patterns:{profile.user_id}:{profile.journal_version}:{profile.today().isoformat()}:"
        f"{chosen.key if chosen else 'default'}:{section}"
    )
