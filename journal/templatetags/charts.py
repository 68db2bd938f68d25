"""Template tags drawing recurrence timelines as inline SVG (see journal.svg)."""

from django import template
from django.utils.safestring import SafeString, mark_safe

from journal import svg
from journal.date_words import day_words
from journal.pattern_charts import Calendar, Timeline

register = template.Library()


@register.simple_tag
def heatmap(calendar: Calendar | None, name: str) -> SafeString:
    """The calendar of the period; `name` says whose dreams it shows."""
    cells = [cell for column in (calendar.grid if calendar else []) for cell in column if cell]
    if calendar is None or not cells:
        return SafeString("")
    if calendar.unit == "day":
        span = f"{day_words(cells[0].night)} to {day_words(cells[-1].night)}"
    else:
        span = f"{cells[0].night.year} to {cells[-1].night.year}, a square a month"
    dreams = sum(cell.count for cell in cells)
    label = f"Calendar of {name}, {span}: {svg.dreams_words(dreams)}"
    if calendar.unit == "day":
        label += f" on {sum(1 for cell in cells if cell.count)} nights"
    # svg.heatmap_svg escapes every piece of text it writes.
    return mark_safe(svg.heatmap_svg(calendar.grid, label, calendar.unit))  # noqa: S308


@register.filter
def scrolls_on_phone(calendar: Calendar | None) -> bool:
    """Whether the calendar is wider than a phone, so the page says it scrolls."""
    if calendar is None:
        return False
    return svg.heatmap_width(calendar.grid, calendar.unit) > svg.PHONE_CHART_WIDTH


@register.simple_tag
def strip(timeline: Timeline, name: str, compact: bool = False) -> SafeString:
    """Bars of dreams per week or month over the period; `name` says whose dreams."""
    buckets = timeline.strip
    if not buckets:
        return SafeString("")
    label = (
        f"Dreams of {name} per {timeline.strip_unit}, {day_words(buckets[0].start)} "
        f"onwards: {svg.dreams_words(timeline.in_period)} in all"
    )
    return mark_safe(svg.strip_svg(buckets, timeline.strip_unit, label, compact=compact))  # noqa: S308


@register.filter
def day(night) -> str:
    """A night as "12 March 1990"."""
    return day_words(night) if night else ""


@register.filter
def dreams(count: int) -> str:
    return svg.dreams_words(count)
