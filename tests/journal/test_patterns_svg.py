"""The SVG charts: pure functions over recurrence grids and buckets, no database."""

import datetime as dt
import xml.etree.ElementTree as ET

from journal.chart_counts import (
    Bucket,
    daily_counts_for_heatmap,
    monthly_counts,
    weekly_counts,
    yearly_counts,
)
from journal.svg import heat_level, heatmap_svg, strip_svg

SVG = "{http://www.w3.org/2000/svg}"
END = dt.date(2025, 6, 15)  # a Sunday


def parse(markup: str) -> ET.Element:
    return ET.fromstring(markup)  # noqa: S314 - our own output


def test_heatmap_draws_every_day_and_titles_only_dream_nights():
    nights = [dt.date(2025, 6, 10), dt.date(2025, 6, 10), dt.date(2025, 3, 1)]
    svg = parse(heatmap_svg(daily_counts_for_heatmap(nights, END, 365), "Calendar of X"))

    cells = svg.findall(f"{SVG}rect")
    assert len(cells) == 365
    titled = {
        cell.find(f"{SVG}title").text for cell in cells if cell.find(f"{SVG}title") is not None
    }
    assert titled == {"10 June 2025: 2 dreams", "1 March 2025: 1 dream"}
    assert {cell.get("class") for cell in cells} == {"hm0", "hm1", "hm2"}
    assert svg.get("role") == "img" and svg.get("aria-label") == "Calendar of X"
    assert svg.find(f"{SVG}title").text == "Calendar of X"


def test_heatmap_has_month_names_and_weekday_initials():
    svg = parse(heatmap_svg(daily_counts_for_heatmap([], END, 91), "x"))
    labels = [text.text for text in svg.findall(f"{SVG}text")]
    assert labels[:3] == ["M", "W", "F"]
    assert labels[3:] == ["Mar", "Apr", "May"]  # June is too close to the edge to fit


def test_no_inline_style_anywhere():
    grid = daily_counts_for_heatmap([END], END, 365)
    strip = weekly_counts([END], END - dt.timedelta(days=364), END)
    for markup in (heatmap_svg(grid, "a"), strip_svg(strip, "week", "b")):
        assert "style" not in markup


def test_labels_are_escaped():
    markup = heatmap_svg(daily_counts_for_heatmap([], END, 7), 'Calendar of <b>"x"</b> & y')
    assert "<b>" not in markup
    assert parse(markup).get("aria-label") == 'Calendar of <b>"x"</b> & y'


def test_strip_draws_a_bar_per_dreamt_period_scaled_to_the_tallest():
    buckets = [Bucket(dt.date(2025, m, 1), count) for m, count in ((1, 0), (2, 4), (3, 1))]
    svg = parse(strip_svg(buckets, "month", "Dreams per month"))
    bars = svg.findall(f"{SVG}rect")
    assert [bar.find(f"{SVG}title").text for bar in bars] == [
        "February 2025: 4 dreams",
        "March 2025: 1 dream",
    ]
    heights = [float(bar.get("height")) for bar in bars]
    assert heights[0] == 4 * heights[1]


def test_long_strip_labels_at_most_about_six_years():
    buckets = monthly_counts([dt.date(1960, 5, 3)], dt.date(1960, 5, 3), dt.date(1997, 1, 31))
    svg = parse(strip_svg(buckets, "month", "x"))
    years = [text.text for text in svg.findall(f"{SVG}text")]
    assert years[0] == "1960"
    assert 4 <= len(years) <= 7
    assert all(label.isdigit() for label in years)


def test_weekly_strip_labels_months():
    buckets = weekly_counts([], dt.date(2025, 1, 1), dt.date(2025, 3, 31))
    labels = [t.text for t in parse(strip_svg(buckets, "week", "x")).findall(f"{SVG}text")]
    assert labels == ["Jan", "Feb", "Mar"]  # "Dec" (one day of it) would crowd "Jan"


def test_yearly_bars_are_titled_by_year():
    buckets = yearly_counts([dt.date(1990, 5, 1)] * 3, dt.date(1989, 1, 1), dt.date(1991, 1, 1))
    svg = parse(strip_svg(buckets, "year", "x", compact=True))
    assert [bar.find(f"{SVG}title").text for bar in svg.findall(f"{SVG}rect")] == ["1990: 3 dreams"]


def test_compact_strip_has_no_labels():
    buckets = [Bucket(dt.date(2025, 1, 1), 2)]
    svg = parse(strip_svg(buckets, "month", "x", compact=True))
    assert svg.findall(f"{SVG}text") == []
    assert svg.get("height") == "22"


def test_strip_places_bars_in_percent_so_text_never_scales():
    buckets = [Bucket(dt.date(2025, m, 1), 1) for m in range(1, 5)]
    svg = parse(strip_svg(buckets, "month", "x"))
    assert svg.get("width") == "100%" and svg.get("viewBox") is None
    assert [bar.get("x") for bar in svg.findall(f"{SVG}rect")] == [
        "0.000%",
        "25.000%",
        "50.000%",
        "75.000%",
    ]


def test_empty_strip_is_just_an_axis():
    svg = parse(strip_svg([], "week", "x"))
    assert svg.findall(f"{SVG}rect") == []
    assert svg.find(f"{SVG}line") is not None


def test_heat_levels():
    assert [heat_level(count) for count in (0, 1, 2, 3, 7)] == [0, 1, 2, 3, 3]


# journal.chart_counts.yearly_counts, added for the compact strips


def test_yearly_counts_include_empty_years_and_stay_within_the_range():
    nights = [dt.date(1988, 12, 31), dt.date(1990, 1, 1), dt.date(1990, 7, 4), dt.date(1992, 1, 1)]
    assert yearly_counts(nights, dt.date(1989, 3, 1), dt.date(1991, 12, 31)) == [
        Bucket(dt.date(1989, 1, 1), 0),
        Bucket(dt.date(1990, 1, 1), 2),
        Bucket(dt.date(1991, 1, 1), 0),
    ]
