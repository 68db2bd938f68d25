"""The regions of the patterns page as rendered and cached: what each template is given (the
data, the range links, the error) and the key it is kept under."""

from django.urls import reverse
from django.utils.http import urlencode

from journal.date_words import span_words
from journal.pattern_periods import RANGES, Range
from journal.patterns import Section, Summary
from journal.recurrence import RECURRING_MIN_NIGHTS
from journal.recurrence_changes import STAGE_MOVE_WITHIN_DAYS

# A cached patterns page is replaced as soon as the journal changes; this only bounds memory.
PATTERNS_CACHE_SECONDS = 60 * 60
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
