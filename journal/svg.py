"""Server-rendered SVG charts for recurrence timelines: a calendar heatmap and a strip.

No chart library and no inline style: shapes carry CSS classes that app.css colours for the
dark and the light theme (the Content Security Policy forbids inline styles). Each chart is
one image to a screen reader, named by `aria-label`; every shape with dreams has a `<title>`
(a tooltip), and the page puts a table of the same figures under each chart.

Pure Python: the inputs are the `journal.recurrence` grids and buckets.
"""

import datetime as dt
from collections.abc import Sequence
from html import escape

from journal.recurrence import MONTH_NAMES, Bucket, DayCount, day_words

CELL = 9  # heatmap cell, in pixels: the calendar is drawn at its natural size and scrolls
GAP = 2
HEATMAP_LEFT = 16  # room for weekday initials
HEATMAP_TOP = 14  # room for month names
STRIP_HEIGHT = 56
STRIP_COMPACT_HEIGHT = 22
STRIP_AXIS = 14


def dreams_words(count: int) -> str:
    return "1 dream" if count == 1 else f"{count:,} dreams"


def heat_level(count: int) -> int:
    """Colour step of a day: none, one dream, two, three or more."""
    return min(count, 3)


def heatmap_svg(grid: Sequence[Sequence[DayCount | None]], label: str) -> str:
    """A calendar of days, one column per week (Monday at the top), shaded by dreams."""
    weeks = len(grid)
    width = HEATMAP_LEFT + weeks * (CELL + GAP)
    height = HEATMAP_TOP + 7 * (CELL + GAP)
    parts = [
        f'<svg class="chart heatmap" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{escape(label)}" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(label)}</title>",
    ]
    for row, initial in ((0, "M"), (2, "W"), (4, "F")):
        y = HEATMAP_TOP + row * (CELL + GAP) + CELL - 2
        parts.append(f'<text class="chart-label" x="0" y="{y}">{initial}</text>')
    last_month = None
    for column, week in enumerate(grid):
        x = HEATMAP_LEFT + column * (CELL + GAP)
        first_day = next((day for day in week if day is not None), None)
        if first_day is not None and first_day.night.month != last_month:
            last_month = first_day.night.month
            # A month name needs about three columns; skip one squeezed at the right edge.
            if column <= weeks - 3:
                parts.append(
                    f'<text class="chart-label" x="{x}" y="{HEATMAP_TOP - 4}">'
                    f"{first_day.night:%b}</text>"
                )
        for row, day in enumerate(week):
            if day is None:
                continue
            y = HEATMAP_TOP + row * (CELL + GAP)
            cell = (
                f'<rect class="hm{heat_level(day.count)}" x="{x}" y="{y}" '
                f'width="{CELL}" height="{CELL}" rx="2"'
            )
            if day.count:
                words = f"{day_words(day.night)}: {dreams_words(day.count)}"
                parts.append(f"{cell}><title>{words}</title></rect>")
            else:
                parts.append(f"{cell}/>")
    parts.append("</svg>")
    return "".join(parts)


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
    ticks = []
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
