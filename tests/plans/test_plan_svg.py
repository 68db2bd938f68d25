"""plans.svg: the before-and-after chart."""

import datetime as dt

from plans.progress import before_after
from plans.svg import before_after_svg

START = dt.date(2026, 3, 2)


def test_bars_dots_and_the_start_line():
    dreams = [(START - dt.timedelta(days=2), 4), (START + dt.timedelta(days=3), 1)]
    progress = before_after(
        dreams, START, START + dt.timedelta(days=8), journal_starts_on=START - dt.timedelta(10)
    )
    svg = before_after_svg(progress, 'Nights of "<dream>"')
    assert svg.count('class="bar bar-before"') == 1
    assert svg.count('class="bar bar-after"') == 1
    assert svg.count('class="distress-dot"') == 2
    assert 'class="chart-start"' in svg
    assert "start 2 Mar" in svg
    assert "&lt;dream&gt;" in svg and "<dream>" not in svg
    assert "style=" not in svg  # the Content Security Policy forbids inline styles


def test_a_plan_not_started_has_no_start_line_inside():
    progress = before_after(
        [(START - dt.timedelta(days=1), None)],
        START,
        START - dt.timedelta(days=1),
        journal_starts_on=START - dt.timedelta(days=5),
    )
    svg = before_after_svg(progress, "x")
    assert 'class="chart-start"' not in svg
    assert 'text-anchor="end"' in svg
