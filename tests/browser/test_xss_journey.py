"""A dream written as an attack, in a real browser: shown as text, never run.

The page fixture fails the test on any console error, so a payload that reached the page
raw would fail it twice over: CSP would block it (a console error), and if it ran anyway,
window.__pwned would be set."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from interpretations.models import Interpretation, TagKind
from journal.models import Entry
from tests.factories import PASSWORD, EntryFactory, UserFactory

pytestmark = pytest.mark.browser

IMG = "<img src=x onerror=\"window.__pwned=1;document.title='pwned'\">"
SCRIPT = "<script>window.__pwned=2;document.title='pwned'</script>"
LINK = '<a href="javascript:window.__pwned=3">tap me</a>'
NARRATIVE = f"I was running {IMG} and the road {SCRIPT} kept stretching {LINK}."


def assert_not_run(page) -> None:
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.title() != "pwned"
    assert page.locator("main img[src='x'], main script, main a[href^='javascript']").count() == 0


def test_hostile_dream_and_interpretation_are_shown_as_text(page, screenshot):
    interpretation = Interpretation.objects.create(
        title=f"Running {SCRIPT}",
        source="hostile.txt",
        key_sentence=f"Stop {IMG}",
        quick_answer=LINK,
    )
    interpretation.tags.create(
        kind=TagKind.SCENARIO, label=f"the road {IMG} kept stretching", meaning=SCRIPT
    )
    user = UserFactory()
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password:").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()

    # Typed, so the htmx suggestions panel renders the payload back while typing.
    page.get_by_label("What did you dream?").press_sequentially(NARRATIVE, delay=1)
    page.get_by_text("More about this dream").click()
    page.get_by_label("Title (optional)").fill(f"Title {IMG}")
    page.get_by_label("How did your body feel on waking?").fill(SCRIPT)
    page.get_by_label("What is going on in your waking life?").fill(LINK)
    page.wait_for_timeout(900)
    assert_not_run(page)
    page.get_by_role("button", name="Save dream").click()
    expect(page.get_by_role("status")).to_contain_text("Dream saved")

    entry = Entry.objects.get(user=user)
    entry.interpretation = interpretation
    entry.interpretation_origin = "user"
    entry.save()
    page.reload()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Title {IMG}")
    expect(page.locator(".narrative")).to_contain_text(SCRIPT)
    expect(page.locator(".narrative")).to_contain_text(IMG)
    expect(page.locator("main")).to_contain_text(f"Running {SCRIPT}")
    assert_not_run(page)
    screenshot("security-xss-entry")

    for url in ("/", "/calendar/", "/patterns/?range=all", interpretation.get_absolute_url()):
        page.goto(url)
        page.wait_for_load_state("networkidle")
        assert_not_run(page)
    expect(page.locator("main")).to_contain_text(SCRIPT)  # the library page, as text


def test_download_the_journal_then_delete_the_account(page, screenshot):
    user = UserFactory()
    EntryFactory(user=user, night="2026-10-01", narrative="The stairs went on forever.")
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password:").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.get_by_role("link", name="Settings").click()
    expect(page.get_by_role("heading", name="Your data")).to_be_visible()
    screenshot("security-settings-your-data")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="JSON").click()
    download = download_info.value
    assert download.suggested_filename.startswith("dream-journal-")
    assert "The stairs went on forever." in Path(download.path()).read_text(encoding="utf-8")

    page.get_by_role("link", name="Delete your account and all your dreams").click()
    page.get_by_label("Your password").fill("not-my-password")
    page.get_by_role("button", name="Delete my account and dreams").click()
    expect(page.locator("main")).to_contain_text("That is not your password")
    assert Entry.objects.filter(user=user).exists()
    screenshot("security-delete-account-wrong-password")
    page.get_by_label("Your password").fill(PASSWORD)
    page.get_by_role("button", name="Delete my account and dreams").click()
    expect(page.get_by_role("status")).to_contain_text("all its dreams are deleted")
    expect(page.get_by_role("link", name="Log in")).to_be_visible()
    assert not Entry.objects.filter(user_id=user.pk).exists()
