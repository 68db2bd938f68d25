"""Server-rendered SVG charts for recurrence timelines: a calendar heatmap and a strip.

No chart library and no inline style: shapes carry CSS classes that app.css colours for the
dark and the light theme (the Content Security Policy forbids inline styles). Each chart is
one image to a screen reader, named by `aria-label`; every shape with dreams has a `<title>`
(a tooltip), and the page puts a table of the same figures under each chart.

Pure Python: the inputs are the `journal.chart_counts` grids and buckets.
"""

import datetime as dt
from collections.abc import Sequence
from html import escape

from journal.chart_counts import Bucket, DayCount
from journal.date_words import MONTH_NAMES, day_words

CELL = 9  # heatmap cell, in pixels: the calendar is drawn at its natural size and scrolls
GAP = 2
STEP = CELL + GAP
HEATMAP_LEFT = 16  # room for weekday initials
HEATMAP_MONTHLY_LEFT = 24  # room for month names
HEATMAP_TOP = 14  # room for month names or years
# A label 11 px high needs this many columns of room before the next one ("Sep", "1985").
LABEL_COLUMNS = 3
# Years labelled on a calendar of months: the round ones, as on a ruler.
YEAR_LABEL_EVERY = 5
# A calendar wider than this scrolls on a 390 px phone (the page has a margin each side).
PHONE_CHART_WIDTH = 340
# The dreams a square needs for each colour step: a night holds a few, a month many more.
HEAT_STEPS = {"day": (1, 2, 3), "month": (1, 2, 5)}
STRIP_HEIGHT = 56
STRIP_COMPACT_HEIGHT = 22
STRIP_AXIS = 14


def dreams_words(count: int) -> str:
    return "1 dream" if count == 1 else f"{count:,} dreams"


def heat_level(count: int, unit: str = "day") -> int:
    """Colour step of a square: none, then up to three steps of more dreams."""
    return sum(count >= step for step in HEAT_STEPS[unit])


def heatmap_width(grid: Sequence[Sequence[DayCount | None]], unit: str = "day") -> int:
    return (HEATMAP_LEFT if unit == "day" else HEATMAP_MONTHLY_LEFT) + len(grid) * STEP


def heatmap_svg(grid: Sequence[Sequence[DayCount | None]], label: str, unit: str = "day") -> str:
    """A calendar, shaded by dreams: a column a week with a square a day (Monday at the top),
    or a column a year with a square a month (January at the top)."""
    left = HEATMAP_LEFT if unit == "day" else HEATMAP_MONTHLY_LEFT
    width = heatmap_width(grid, unit)
    height = HEATMAP_TOP + len(max(grid, key=len, default=())) * STEP
    parts = [
        f'<svg class="chart heatmap" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{escape(label)}" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(label)}</title>",
    ]
    rows = ((0, "M"), (2, "W"), (4, "F")) if unit == "day" else ((0, "Jan"), (6, "Jul"))
    for row, name in rows:
        y = HEATMAP_TOP + row * STEP + CELL - 1
        parts.append(f'<text class="chart-label" x="0" y="{y}">{name}</text>')
    parts.extend(_column_labels(grid, unit, left))
    for column, cells in enumerate(grid):
        x = left + column * STEP
        for row, cell in enumerate(cells):
            if cell is None:
                continue
            y = HEATMAP_TOP + row * STEP
            square = (
                f'<rect class="hm{heat_level(cell.count, unit)}" x="{x}" y="{y}" '
                f'width="{CELL}" height="{CELL}" rx="2"'
            )
            if cell.count:
                words = f"{_cell_words(cell.night, unit)}: {dreams_words(cell.count)}"
                parts.append(f"{square}><title>{words}</title></rect>")
            else:
                parts.append(f"{square}/>")
    parts.append("</svg>")
    return "".join(parts)


def _cell_words(night: dt.date, unit: str) -> str:
    return day_words(night) if unit == "day" else f"{MONTH_NAMES[night.month - 1]} {night.year}"


def _column_labels(grid: Sequence[Sequence[DayCount | None]], unit: str, left: int) -> list[str]:
    """Month names over a calendar of days, round years over one of months; a label that the
    next would overlap (a partial first month, a first year just before a round one) is left
    out, and so is one with no room at the right edge."""
    wanted: list[tuple[int, str]] = []
    for column, cells in enumerate(grid):
        first = next((cell.night for cell in cells if cell is not None), None)
        if first is None:
            continue
        if unit == "day":
            # A month is named over the first week that starts in it.
            if not wanted or MONTH_NAMES[first.month - 1][:3] != wanted[-1][1]:
                wanted.append((column, MONTH_NAMES[first.month - 1][:3]))
        elif column == 0 or first.year % YEAR_LABEL_EVERY == 0:
            wanted.append((column, str(first.year)))
    kept: list[tuple[int, str]] = []
    for column, text in wanted:
        if kept and column - kept[-1][0] < LABEL_COLUMNS:
            kept.pop()
        if column <= len(grid) - LABEL_COLUMNS:
            kept.append((column, text))
    return [
        f'<text class="chart-label" x="{left + column * STEP}" y="{HEATMAP_TOP - 4}">{text}</text>'
        for column, text in kept
    ]


def strip_svg(buckets: Sequence[Bucket], unit: str, label: str, *, compact: bool = False) -> str:
    """Bars of dreams per week or month, all on one axis; empty periods draw nothing.

    The strip spans the width of its box: bars are placed in percentages and heights in
    pixels, so its text keeps its size on a phone and on a desktop. A compact strip (for
    scenarios and markers) has no axis labels: the full strips above carry the dates."""
    height = STRIP_COMPACT_HEIGHT if compact else STRIP_HEIGHT
    top = height - (0 if compact else STRIP_AXIS)
    step = 100 / max(len(buckets), 1)
    # Narrow bars get no gap, or they would vanish between pixels.
    bar = step * 0.8 if step >= 1 else step
    tallest = max((b.count for b in buckets), default=0) or 1
    parts = [
        f'<svg class="chart strip{" strip-compact" if compact else ""}" width="100%" '
        f'height="{height}" role="img" aria-label="{escape(label)}" '
        'xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(label)}</title>",
        f'<line class="chart-axis" x1="0" y1="{top}" x2="100%" y2="{top}"/>',
    ]
    for index, bucket in enumerate(buckets):
        if not bucket.count:
            continue
        bar_height = max((top - 2) * bucket.count / tallest, 2)
        when = _period_words(bucket.start, unit)
        parts.append(
            f'<rect class="bar" x="{index * step:.3f}%" y="{top - bar_height:.1f}" '
            f'width="{bar:.3f}%" height="{bar_height:.1f}">'
            f"<title>{when}: {dreams_words(bucket.count)}</title></rect>"
        )
    if not compact:
        parts.extend(_strip_ticks(buckets, unit, step, height))
    parts.append("</svg>")
    return "".join(parts)


def _period_words(start: dt.date, unit: str) -> str:
    if unit == "week":
        return f"week of {day_words(start)}"
    return f"{MONTH_NAMES[start.month - 1]} {start.year}" if unit == "month" else str(start.year)


def _strip_ticks(buckets: Sequence[Bucket], unit: str, step: float, height: int) -> list[str]:
    """Axis labels: months for a weekly strip, years for a monthly one, at most about 6."""
    if unit == "week":
        starts = [
            (index, bucket.start)
            for index, bucket in enumerate(buckets)
            if index == 0 or bucket.start.month != buckets[index - 1].start.month
        ]
        fmt = "%b"
    else:
        starts = [
            (index, bucket.start)
            for index, bucket in enumerate(buckets)
            if bucket.start.month == 1 or index == 0
        ]
        fmt = "%Y"
    # About six labels fit a phone's width.
    every = max(1, -(-len(starts) // 6))
    ticks: list[str] = []
    last_x = -100.0
    for index, start in starts[::every]:
        x = index * step
        if x > 92:  # no room left for the label
            break
        if x - last_x < 9:  # a partial first period: its label would overlap the next
            ticks.pop()
        last_x = x
        ticks.append(
            f'<text class="chart-label" x="{x:.3f}%" y="{height - 2}">{start:{fmt}}</text>'
        )
    return ticks
