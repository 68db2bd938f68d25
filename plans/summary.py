"""A summary of a stretch of the journal to take to an appointment: the dreams per week with
how upsetting they were, the recurring dreams with their figures and phase, the rehearsal
plans with their before and after, and the waking-life notes only when the user asks.

Everything is seen as on the range's last day, so a summary of last spring reads the same
whenever it is printed.
"""

import csv
import datetime as dt
import io
import statistics
from dataclasses import dataclass

from journal.exporting import inert_cell
from journal.models import Entry
from plans.dreams import JournalDream, journal_of
from plans.models import RehearsalPlan
from plans.progress import BeforeAfter, Span, span_of, weeks_between


@dataclass(frozen=True)
class RecurringRow:
    dream: JournalDream
    nights_in_range: int
    ratings: tuple[int, ...]

    @property
    def mean_distress(self) -> float | None:
        return statistics.fmean(self.ratings) if self.ratings else None


@dataclass(frozen=True)
class PlanRow:
    plan: RehearsalPlan
    progress: BeforeAfter
    rehearsals_in_range: int


@dataclass(frozen=True)
class Note:
    night: dt.date
    text: str


@dataclass(frozen=True)
class Summary:
    start: dt.date
    end: dt.date
    unit: str  # "week" or "month": what each of `rows` covers
    rows: tuple[Span, ...]
    dreams: int
    recurring: list[RecurringRow]
    plans: list[PlanRow]
    notes: list[Note] | None  # None: not asked for

    @property
    def nights(self) -> int:
        return sum(row.nights for row in self.rows)

    @property
    def ratings(self) -> tuple[int, ...]:
        return tuple(rating for row in self.rows for rating in row.ratings)

    @property
    def mean_distress(self) -> float | None:
        return statistics.fmean(self.ratings) if self.ratings else None


def summary_for(
    user, today: dt.date, *, start: dt.date, end: dt.date, include_notes: bool
) -> Summary:
    """The summary of `start` to `end` (a range the form has checked)."""
    as_of = min(end, today)
    entries = Entry.objects.for_user(user).between(start, end)
    dreams = list(entries.values_list("night", "distress"))
    journal = journal_of(user, as_of, until=end)
    recurring = []
    for dream in journal.recurring():
        within = [(night, rating) for night, rating in dream.dreams if start <= night <= end]
        if within:
            recurring.append(
                RecurringRow(
                    dream=dream,
                    nights_in_range=len({night for night, _ in within}),
                    ratings=tuple(rating for _, rating in within if rating is not None),
                )
            )
    plans = [
        PlanRow(
            plan=plan,
            progress=plan.progress(journal, as_of),
            rehearsals_in_range=plan.rehearsals_in_range,
        )
        for plan in RehearsalPlan.objects.for_user(user)
        .filter(starts_on__lte=end)
        .exclude(ended_on__lt=start)
        .with_rehearsals_between(start, end)
        .order_by("starts_on", "pk")
    ]
    notes = None
    if include_notes:
        notes = [
            Note(night, text)
            for night, text in entries.exclude(waking_life="")
            .order_by("night", "created_at")
            .values_list("night", "waking_life")
        ]
    weekly = (end - start).days < WEEKLY_UP_TO_WEEKS * 7
    return Summary(
        start=start,
        end=end,
        unit="week" if weekly else "month",
        rows=weeks_between(dreams, start, end) if weekly else _months(dreams, start, end),
        dreams=len(dreams),
        recurring=recurring,
        plans=plans,
        notes=notes,
    )


# Up to this many weeks the summary has a row a week; beyond, a row a month keeps it on a page.
WEEKLY_UP_TO_WEEKS = 16


def _months(dreams: list[tuple[dt.date, int | None]], first: dt.date, last: dt.date):
    """Calendar months from first to last, the first and last cut to the range."""
    months = []
    start = first
    while start <= last:
        following = (start.replace(day=1) + dt.timedelta(days=32)).replace(day=1)
        end = min(following - dt.timedelta(days=1), last)
        months.append(span_of(dreams, start, end))
        start = following
    return tuple(months)


CSV_COLUMNS = ["section", "subject", "from", "to", "nights", "mean_distress", "rated", "detail"]


def summary_csv(summary: Summary) -> str:
    """The summary as one table: a row per week, recurring dream, side of a plan and note."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)

    def row(section, subject, first, last, nights="", ratings=(), detail=""):
        mean = f"{statistics.fmean(ratings):.1f}" if ratings else ""
        cells = [section, subject, first, last, nights, mean, len(ratings), detail]
        writer.writerow([inert_cell(cell) for cell in cells])

    for span in summary.rows:
        row(summary.unit, "all dreams", span.start, span.end, span.nights, span.ratings)
    for item in summary.recurring:
        dream = item.dream
        row(
            "recurring dream",
            f"{dream.kind_label}: {dream.title}",
            summary.start,
            summary.end,
            item.nights_in_range,
            item.ratings,
            dream.recurrence.describe(),
        )
    for plan_row in summary.plans:
        plan, progress = plan_row.plan, plan_row.progress
        for name, side in (("before", progress.before), ("since", progress.after)):
            if side is not None:
                row(
                    f"rehearsal plan, {name} the start",
                    plan.dream_title,
                    side.first,
                    side.last,
                    f"{side.nights_per_week:.1f} a week",
                    side.ratings,
                    f"first night {plan.starts_on}; {plan.get_status_display().lower()}; "
                    f"rehearsed on {plan_row.rehearsals_in_range} nights in the range",
                )
    for note in summary.notes or ():
        row("waking life", "", note.night, note.night, detail=note.text)
    return out.getvalue()
