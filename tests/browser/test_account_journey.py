"""A newcomer signs up, lands on the journal, logs out and logs in again."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_sign_up_log_out_and_log_in_again(page, screenshot):
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("keeps coming back")
    screenshot("01-welcome")
    page.get_by_role("link", name="Start your journal").click()

    page.get_by_label("Username").fill("nightowl")
    page.get_by_label("Password:", exact=True).fill("moonlit-stairwell-42")
    page.get_by_label("Password confirmation").fill("moonlit-stairwell-42")
    page.get_by_role("button", name="Sign up").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Your journal")
    expect(page.get_by_role("status")).to_contain_text("Welcome, nightowl")

    screenshot("02-journal-after-sign-up")

    page.get_by_role("button", name="Log out").click()
    expect(page.get_by_role("link", name="Log in")).to_be_visible()

    page.get_by_role("link", name="Log in").click()
    page.get_by_label("Username").fill("nightowl")
    page.get_by_label("Password:").fill("moonlit-stairwell-42")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your journal")
    screenshot("03-journal-after-log-in")


def test_sign_up_takes_the_time_zone_of_the_browser(new_context, transactional_db):
    from journal.models import Profile

    context = new_context(timezone_id="Australia/Sydney")
    page = context.new_page()
    page.goto("/accounts/signup/")
    page.get_by_label("Username").fill("antipodean")
    page.get_by_label("Password:", exact=True).fill("moonlit-stairwell-42")
    page.get_by_label("Password confirmation").fill("moonlit-stairwell-42")
    page.get_by_role("button", name="Sign up").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your journal")
    context.close()
    assert Profile.objects.get(user__username="antipodean").time_zone == "Australia/Sydney"
