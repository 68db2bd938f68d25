"""Journeys through the journal in a phone-sized browser: log a dream, and never lose one."""

import re
from urllib.parse import parse_qs

import pytest
from playwright.sync_api import expect

from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.browser

# A dream the matcher is sure of (0.96), so that its scenario is ticked for the user.
DREAM = (
    "I was running down a long highway at night. The road kept stretching out the faster I ran, "
    "and I got nowhere."
)


def log_in(page, username: str) -> None:
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password:").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()


def test_log_a_dream_with_suggestions_then_edit_and_find_it(page, screenshot, catalog):
    user = UserFactory()
    page.goto("/accounts/login/")
    log_in(page, user.username)

    narrative = page.get_by_label("What did you dream?")
    expect(narrative).to_be_visible()
    narrative.press_sequentially(DREAM, delay=2)
    suggestions = page.locator("#suggestions")
    chip = suggestions.locator("label.chip", has_text="Road or corridor keeps stretching longer")
    expect(chip).to_be_visible(timeout=10_000)
    expect(suggestions).to_contain_text("The interpretation that fits")
    expect(suggestions).to_contain_text("Because you wrote")
    expect(chip.locator("input")).to_be_checked()  # confident: ticked for the user
    chip.click()
    expect(chip.locator("input")).not_to_be_checked()
    chip.click()
    expect(chip.locator("input")).to_be_checked()
    page.get_by_label("How did your body feel on waking?").fill("Legs heavy, out of breath")
    # Further typing refreshes the panel; the accepted chip stays accepted.
    narrative.press_sequentially(" I woke up exhausted.", delay=2)
    page.wait_for_timeout(900)
    expect(
        suggestions.locator(
            "label.chip", has_text="Road or corridor keeps stretching longer"
        ).locator("input")
    ).to_be_checked()
    screenshot("10-journal-suggestions")

    page.get_by_role("button", name="Save dream").click()
    expect(page.get_by_role("status")).to_contain_text("Dream saved")
    expect(page.get_by_role("heading", name="What it may mean")).to_be_visible()
    meaning = page.locator(".interpretation")
    expect(meaning).to_contain_text("Why:")
    expect(meaning.locator(".tag-meanings")).to_contain_text(
        "Road or corridor keeps stretching longer"
    )
    expect(meaning).to_contain_text("Where this dream can go next")
    screenshot("11-journal-entry")

    page.get_by_role("link", name="Edit").click()
    page.get_by_label("Title (optional)").fill("The highway that grew")
    screenshot("15-journal-edit")
    expect(
        page.locator(
            "#suggestions label.chip", has_text="Road or corridor keeps stretching longer"
        ).locator("input")
    ).to_be_checked()
    page.get_by_role("button", name="Save changes").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("The highway that grew")

    page.get_by_role("link", name="← Journal").click()
    page.get_by_text("Search and filter").click()
    page.get_by_label("Search").fill("nonexistentword")
    expect(page.locator("#journal-list")).to_contain_text("No dreams match")
    page.get_by_label("Search").fill("stretch")
    expect(page.locator("#journal-list")).to_contain_text("The highway that grew")
    expect(page).to_have_url(re.compile(r"q=stretch"))
    page.get_by_label("Search").fill("")
    page.get_by_label("Scenario").select_option(label="Road or corridor keeps stretching longer")
    expect(page.locator("#journal-list")).to_contain_text("1 dream found")
    expect(page.locator("#journal-list")).to_contain_text("The highway that grew")
    screenshot("12-journal-filtered")

    page.get_by_role("link", name="Calendar").first.click()
    expect(page.locator(".day-dreamt")).to_have_count(1)
    screenshot("13-journal-calendar")


def narrative_sent(response) -> str:
    return parse_qs(response.request.post_data or "").get("narrative", [""])[0]


def test_a_draft_survives_a_lost_session(page, screenshot, catalog):
    user = UserFactory()
    page.goto("/accounts/login/")
    log_in(page, user.username)
    # On a loaded machine a pause while typing can send a request early: wait for the one
    # that carries the whole text, so no answer to a signed-in request is still on its way.
    with page.expect_response(lambda response: narrative_sent(response) == DREAM):
        page.get_by_label("What did you dream?").press_sequentially(DREAM, delay=1)
    expect(page.locator("[data-draft-status]")).to_contain_text("Draft kept on this device")
    expect(page.locator("#suggestions label.chip").first).to_be_visible(timeout=10_000)

    # The session expires while the dream is being written, and Save is pressed.
    page.context.clear_cookies(name="sessionid")
    with page.expect_response(lambda response: "/accounts/login/" in response.url):
        page.get_by_label("What did you dream?").press_sequentially(" Then I woke.", delay=1)
    expect(page.locator("[data-signed-out]")).to_be_visible()
    expect(page.locator("#suggestions")).to_contain_text("The interpretation that fits")
    page.get_by_role("button", name="Save dream").click()
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    log_in(page, user.username)
    expect(page).to_have_url(re.compile(r"/entries/new/"))
    expect(page.get_by_label("What did you dream?")).to_have_value(DREAM + " Then I woke.")
    expect(page.get_by_text("We restored the dream you had not saved yet.")).to_be_visible()

    # Every cookie gone (another device logged out, a cleared browser), then a reload.
    page.goto("/")
    page.get_by_label("What did you dream?").press_sequentially(" I was tired.", delay=1)
    expect(page.locator("[data-draft-status]")).to_contain_text("Draft kept on this device")
    page.context.clear_cookies()
    page.reload()
    expect(page.get_by_role("link", name="Log in")).to_be_visible()
    page.get_by_role("link", name="Log in").click()
    log_in(page, user.username)
    expect(page.get_by_label("What did you dream?")).to_have_value(
        DREAM + " Then I woke. I was tired."
    )
    expect(page.get_by_text("We restored the dream you had not saved yet.")).to_be_visible()
    expect(page.locator("#suggestions label.chip").first).to_be_visible(timeout=10_000)
    screenshot("14-journal-draft-restored")

    page.get_by_role("button", name="Save dream").click()
    expect(page.get_by_role("status")).to_contain_text("Dream saved")
    page.goto("/")
    expect(page.get_by_label("What did you dream?")).to_have_value("")
    expect(page.get_by_text("We restored the dream")).to_be_hidden()
