"""The before-and-after chart of a rehearsal plan, as server-rendered SVG.

Like journal.svg: no chart library and no inline style (the Content Security Policy forbids
it); shapes carry CSS classes that app.css colours. The chart is one image to a screen
reader, named by `aria-label`, and the page puts the same figures in a table under it.

Two bands share the weeks: nights with the dream (bars, out of 7) and the mean distress of
the week's rated dreams (dots, 0 to 4). A dashed line marks the plan's first night.
"""

from html import escape

from journal.date_words import MONTH_NAMES, day_words
from journal.svg import dreams_words
from plans.progress import BeforeAfter, Span

NIGHTS_HEIGHT = 70
DISTRESS_HEIGHT = 40
BAND_GAP = 18
AXIS = 14
DISTRESS_MAX = 4


def before_after_svg(progress: BeforeAfter, label: str) -> str:
    """Bars of nights per week and dots of mean distress, before the start and since."""
    weeks = progress.weeks
    before_count = len(progress.before.weeks) if progress.before else 0
    step = 100 / max(len(weeks), 1)
    bar = step * 0.7
    nights_bottom = NIGHTS_HEIGHT
    distress_top = NIGHTS_HEIGHT + BAND_GAP
    distress_bottom = distress_top + DISTRESS_HEIGHT
    height = distress_bottom + AXIS
    parts = [
        f'<svg class="chart before-after-chart" width="100%" height="{height}" role="img" '
        f'aria-label="{escape(label)}" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(label)}</title>",
        '<text class="chart-label" x="0" y="10">Nights a week</text>',
        f'<line class="chart-axis" x1="0" y1="{nights_bottom}" x2="100%" y2="{nights_bottom}"/>',
        f'<text class="chart-label" x="0" y="{distress_top - 4}">How upsetting (0–4)</text>',
        f'<line class="chart-axis" x1="0" y1="{distress_bottom}" x2="100%" '
        f'y2="{distress_bottom}"/>',
    ]
    for index, week in enumerate(weeks):
        side = "before" if index < before_count else "after"
        x = index * step + (step - bar) / 2
        when = _week_words(week)
        if week.nights:
            bar_height = max((nights_bottom - 14) * week.nights / 7, 2)
            parts.append(
                f'<rect class="bar bar-{side}" x="{x:.3f}%" y="{nights_bottom - bar_height:.1f}" '
                f'width="{bar:.3f}%" height="{bar_height:.1f}">'
                f"<title>{when}: {_nights_words(week.nights)}</title></rect>"
            )
        mean = week.mean_distress
        if mean is not None:
            y = distress_bottom - (DISTRESS_HEIGHT - 4) * mean / DISTRESS_MAX - 2
            centre = index * step + step / 2
            parts.append(
                f'<circle class="distress-dot" cx="{centre:.3f}%" '
                f'cy="{y:.1f}" r="4"><title>{when}: distress {mean:.1f} from '
                f"{dreams_words(len(week.ratings))} rated</title></circle>"
            )
    if before_count and before_count < len(weeks):
        x = before_count * step
        parts.append(
            f'<line class="chart-start" x1="{x:.3f}%" y1="0" x2="{x:.3f}%" y2="{distress_bottom}"/>'
        )
    if before_count == 0:
        anchor = "start"
    elif before_count == len(weeks):
        anchor = "end"
    else:
        anchor = "middle"
    parts.append(
        f'<text class="chart-label" x="{before_count * step:.3f}%" y="{height - 2}" '
        f'text-anchor="{anchor}">start {progress.starts_on.day} '
        f"{MONTH_NAMES[progress.starts_on.month - 1][:3]}</text>"
    )
    parts.append("</svg>")
    return "".join(parts)


def _week_words(week: Span) -> str:
    if week.days == 1:
        return day_words(week.start)
    return f"{day_words(week.start)} to {day_words(week.end)}"


def _nights_words(nights: int) -> str:
    return "1 night" if nights == 1 else f"{nights} nights"
