"""A signed-in reader browses the interpretation library and follows a next stage."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_browse_the_library_and_follow_a_next_stage(page, screenshot, user, catalog):
    start = catalog.get(source="running-in-place.txt")
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill("correct-horse-battery-staple")
    page.get_by_role("button", name="Log in").click()

    page.get_by_role("link", name="Library").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Interpretation library")
    screenshot("library-list")

    page.get_by_role("link", name=start.title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(start.title)
    expect(page.get_by_role("heading", name="What happens in this dream")).to_be_visible()
    expect(page.get_by_role("heading", name="When this dream arrives")).to_be_visible()
    page.get_by_text(start.faq_entries.first().question).click()
    screenshot("library-detail")

    stage = start.next_stages.select_related("target").first()
    page.get_by_role("link", name=stage.target_title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(stage.target.title)
