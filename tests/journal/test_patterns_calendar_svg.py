"""The calendar heatmap that follows the range (issue 14): labels that never overlap, a
calendar of months over long ranges, and when it scrolls on a phone. No database."""

import datetime as dt
import xml.etree.ElementTree as ET
from itertools import pairwise

from hypothesis import given
from hypothesis import strategies as st

from journal.chart_counts import daily_counts_for_heatmap, monthly_counts_for_heatmap
from journal.pattern_charts import Calendar
from journal.svg import LABEL_COLUMNS, STEP, heat_level, heatmap_svg
from journal.templatetags.charts import heatmap, scrolls_on_phone

SVG = "{http://www.w3.org/2000/svg}"


def column_labels(markup: str) -> list[tuple[float, str]]:
    root = ET.fromstring(markup)  # noqa: S314 - our own output
    return [
        (float(text.get("x")), text.text)
        for text in root.findall(f"{SVG}text")
        if float(text.get("x")) > 0  # the row names sit at x=0
    ]


@given(
    st.dates(dt.date(1960, 1, 1), dt.date(2030, 12, 31)),
    st.integers(1, 366),
)
def test_month_names_never_overlap_or_run_off_the_edge(end, days):
    grid = daily_counts_for_heatmap([], end, days)
    labels = column_labels(heatmap_svg(grid, "x"))
    xs = [x for x, _ in labels]
    assert all(later - earlier >= LABEL_COLUMNS * STEP for earlier, later in pairwise(xs))
    width = float(ET.fromstring(heatmap_svg(grid, "x")).get("width"))  # noqa: S314
    assert all(x + LABEL_COLUMNS * STEP <= width + STEP for x in xs)
    assert all(a != b for (_, a), (_, b) in pairwise(labels))  # no month named twice in a row


def test_a_partial_first_month_gives_way_to_the_next():
    # 1 to 14 December, then January: December's label would sit one column from January's.
    grid = daily_counts_for_heatmap([], dt.date(2026, 3, 1), 91)
    assert [name for _, name in column_labels(heatmap_svg(grid, "x"))][:2] != ["Nov", "Dec"]


def test_a_calendar_of_months_has_a_column_a_year_and_round_years_named():
    nights = [dt.date(1960, 5, 3), dt.date(1960, 5, 9), dt.date(1985, 7, 1)]
    grid = monthly_counts_for_heatmap(nights, dt.date(1960, 5, 3), dt.date(1997, 1, 31))
    markup = heatmap_svg(grid, "Calendar", "month")
    root = ET.fromstring(markup)  # noqa: S314
    titled = [
        rect.find(f"{SVG}title").text
        for rect in root.findall(f"{SVG}rect")
        if rect.find(f"{SVG}title") is not None
    ]
    assert titled == ["May 1960: 2 dreams", "July 1985: 1 dream"]
    assert len(root.findall(f"{SVG}rect")) == 8 + 36 * 12 + 1  # May 1960 to January 1997
    years = [name for _, name in column_labels(markup)]
    assert years[:2] == ["1960", "1965"] and "1995" in years and "1997" not in years


def test_months_need_more_dreams_than_nights_to_glow():
    assert [heat_level(count) for count in (0, 1, 2, 3, 9)] == [0, 1, 2, 3, 3]
    assert [heat_level(count, "month") for count in (0, 1, 2, 4, 5)] == [0, 1, 2, 2, 3]


def test_a_year_scrolls_on_a_phone_and_three_months_do_not():
    year = Calendar("day", daily_counts_for_heatmap([], dt.date(2026, 11, 29), 365))
    quarter = Calendar("day", daily_counts_for_heatmap([], dt.date(2026, 11, 29), 91))
    assert scrolls_on_phone(year) and not scrolls_on_phone(quarter)
    assert not scrolls_on_phone(None)


def test_the_calendar_is_named_for_a_screen_reader():
    nights = [dt.date(1990, 3, 1), dt.date(1990, 3, 1), dt.date(1991, 2, 2)]
    by_month = Calendar(
        "month", monthly_counts_for_heatmap(nights, dt.date(1990, 1, 1), dt.date(1991, 12, 31))
    )
    root = ET.fromstring(str(heatmap(by_month, "every <dream>")))  # noqa: S314
    assert root.get("aria-label") == (
        "Calendar of every <dream>, 1990 to 1991, a square a month: 3 dreams"
    )
    assert heatmap(None, "x") == ""
