"""Barb Sanders' 37 years of dreams, imported, seen as patterns on a phone and a desktop."""

import re
from io import StringIO

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.browser


@pytest.mark.slow
def test_patterns_of_an_imported_series(page, screenshot, shared_dir, catalog):
    barb = UserFactory(username="barb")
    call_command(
        "import_dreams",
        str(shared_dir / "data" / "dreambank" / "b.tsv"),
        "--user",
        barb.username,
        stdout=StringIO(),
        stderr=StringIO(),
    )

    page.goto("/accounts/login/")
    page.get_by_label("Username").fill("barb")
    page.get_by_label("Password:").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.get_by_role("link", name="Patterns").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Patterns")
    summary = page.locator(".period-summary")
    # Decades of dreams: the default range is all of them, drawn a square a month.
    expect(summary).to_contain_text("from 3 May 1960 to 31 January 1997")
    expect(summary).to_contain_text("Your most recent dream is from 31 January 1997")
    calendar = page.locator(".patterns-calendar").get_by_role("img").first
    expect(calendar).to_have_attribute("aria-label", re.compile("Calendar of every dream"))
    expect(page.locator(".quiet-dreams > summary")).to_contain_text("all quiet now")
    screenshot("patterns-01-all-phone")

    # Switch the range with htmx: the region is swapped, the page is not reloaded.
    page.evaluate("window.notReloaded = true")
    ranges = page.get_by_role("navigation", name="Range")
    ranges.get_by_role("link", name="a year").click()
    expect(summary).to_contain_text("from 2 February 1996 to 31 January 1997")
    expect(page).to_have_url(re.compile(r"/patterns/\?range=1y$"))
    assert page.evaluate("window.notReloaded") is True
    expect(ranges.get_by_role("link", name="a year")).to_have_attribute("aria-current", "page")
    screenshot("patterns-02-year-phone")

    ranges.get_by_role("link", name="3 months").click()
    expect(summary).to_contain_text("from 2 November 1996 to 31 January 1997")
    expect(page).to_have_url(re.compile(r"/patterns/\?range=3m$"))
    page.reload()  # the address bar names the range shown, so a reload keeps it
    expect(summary).to_contain_text("from 2 November 1996 to 31 January 1997")
    screenshot("patterns-03-three-months-phone")

    # An older year from the picker.
    page.get_by_label("Year").select_option("1985")
    expect(summary).to_contain_text("from 1 January 1985 to 31 December 1985")
    expect(page).to_have_url(re.compile(r"/patterns/\?range=1985$"))

    page.set_viewport_size({"width": 1280, "height": 900})
    ranges.get_by_role("link", name="a year").click()
    expect(summary).to_contain_text("from 2 February 1996")
    screenshot("patterns-04-year-desktop")


def test_patterns_empty_state(page, screenshot):
    UserFactory(username="newcomer")
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill("newcomer")
    page.get_by_label("Password:").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.goto("/patterns/")
    expect(page.get_by_role("heading", name="No patterns yet")).to_be_visible()
    screenshot("patterns-05-empty-phone")
