"""Template tags drawing recurrence timelines as inline SVG (see journal.svg)."""

from django import template
from django.utils.safestring import SafeString, mark_safe

from journal import svg
from journal.patterns import Timeline
from journal.recurrence import day_words

register = template.Library()


@register.simple_tag
def heatmap(timeline: Timeline, name: str) -> SafeString:
    """The calendar of the timeline's last days; `name` says whose nights they are."""
    grid = timeline.heatmap or []
    days = [day for week in grid for day in week if day is not None]
    if not days:
        return SafeString("")
    dreams = sum(day.count for day in days)
    label = (
        f"Calendar of {name}, {day_words(days[0].night)} to {day_words(days[-1].night)}: "
        f"{svg.dreams_words(dreams)} on {sum(1 for day in days if day.count)} nights"
    )
    # svg.heatmap_svg escapes every piece of text it writes.
    return mark_safe(svg.heatmap_svg(grid, label))  # noqa: S308


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
