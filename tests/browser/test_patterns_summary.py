"""The patterns page on a phone for someone who imported decades of dreams and then logged a
few new ones: a summary that fits one screen, sections opened on demand, a short page."""

import datetime as dt
import json
import re
from io import StringIO

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.browser

PHONE_SCREEN = 844
# The whole page with nothing opened, in phone screens (issue 14).
PAGE_BUDGET_SCREENS = 6
NEW_DREAMS = [
    (40, "My legs were like wet cement while something came up the stairs behind me."),
    (25, "Running down a dark road away from a man with no face. He stayed right behind me."),
    (12, "I was running but not moving, the road kept stretching ahead of me."),
    (8, "Someone chased me through a car park and my legs were so heavy I could hardly move."),
    (4, "I finally turned round to face whoever was chasing me and it was only a shadow."),
    (1, "Late for an exam, I ran down endless corridors with legs like lead."),
]


def page_height(page) -> int:
    return page.evaluate("document.documentElement.scrollHeight")


def test_imported_series_and_new_dreams_on_a_phone(page, screenshot, shared_dir, tmp_path):
    call_command("import_interpretations", stdout=StringIO())
    barb = UserFactory(username="barb")
    quiet = {"stdout": StringIO(), "stderr": StringIO()}
    call_command(
        "import_dreams", str(shared_dir / "data" / "dreambank" / "b.tsv"), "--user", "barb", **quiet
    )
    today = dt.date.today()
    new = tmp_path / "new.json"
    new.write_text(
        json.dumps(
            {
                "format": "dream-journal",
                "version": 2,
                "entries": [
                    {
                        "night": (today - dt.timedelta(days=days)).isoformat(),
                        "narrative": text,
                        "waking_life": f"Week of the move, {days} days ago",
                    }
                    for days, text in NEW_DREAMS
                ],
            }
        )
    )
    call_command("import_dreams", str(new), "--user", barb.username, **quiet)

    page.goto("/accounts/login/")
    page.get_by_label("Username").fill("barb")
    page.get_by_label("Password:").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.get_by_role("link", name="Patterns").click()

    # The summary: what recurs, in what phase, and the one change worth noticing.
    summary = page.locator(".patterns-summary")
    expect(summary.get_by_role("heading", name="Dreams that come back")).to_be_visible()
    expect(summary.locator(".notice")).to_contain_text("Worth noticing:")
    expect(summary).to_contain_text(re.compile(r"Back after \d+ years"))
    expect(summary).to_contain_text("Recurring means 3 nights or more")
    box = summary.bounding_box()
    assert box["height"] <= PHONE_SCREEN, f"summary is {box['height']:.0f} px tall"
    # Both the series and the new dreams are in the default range.
    expect(page.locator(".period-summary")).to_contain_text("from 3 May 1960 to")
    expect(page.locator(".scroll-hint")).to_be_visible()

    height = page_height(page)
    assert height <= PAGE_BUDGET_SCREENS * PHONE_SCREEN, f"{height} px with nothing opened"
    screenshot("patterns-06-summary-phone")

    # Open one dream: its section arrives with htmx, inside the summary.
    first = summary.locator("details.dream-line").first
    first.locator("summary").click()
    section = first.locator(".pattern-section")
    expect(section.get_by_role("heading", name="When this dream arrives")).to_be_visible()
    expect(section.get_by_role("heading", name="What was going on in your life")).to_be_visible()
    expect(section).to_contain_text("Week of the move")
    expect(section.get_by_role("img").first).to_have_attribute(
        "aria-label", re.compile("Calendar of")
    )
    assert page.url.endswith("/patterns/")  # opened in place, no navigation
    screenshot("patterns-07-section-open-phone")
