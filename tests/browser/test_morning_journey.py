"""The morning journey on a phone (issue 14): log the chase dream without scrolling to Save,
keep the tags ticked for you, then find an old dream by jumping to its month."""

import datetime as dt

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from interpretations.models import Tag
from journal.models import Entry
from journal.tagging import keeps_by_default, suggest
from tests.conftest import SCREENSHOT_DIR
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.browser

CHASE_DREAM = (
    "Running down a dark road away from a man with no face. No matter how fast I ran he "
    "stayed right behind me."
)
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def in_viewport(page, locator) -> bool:
    """Whether the whole element is on the screen as it is, without scrolling."""
    box = locator.bounding_box()
    viewport = page.viewport_size
    return (
        box is not None
        and box["y"] >= 0
        and box["y"] + box["height"] <= viewport["height"]
        and box["x"] >= 0
        and box["x"] + box["width"] <= viewport["width"]
    )


def screen(page, name: str) -> None:
    """What the person sees now, without scrolling (the screenshot fixture takes whole pages)."""
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOT_DIR / f"{name}.png"))


def test_log_the_chase_dream_on_a_phone_with_save_in_reach(page, screenshot):
    call_command("import_interpretations", verbosity=0)
    user = UserFactory()
    Entry.objects.create(
        user=user, night=dt.date(1995, 3, 12), narrative="The school was flooded to the roof."
    )
    result = suggest(CHASE_DREAM)
    kept_by_rule = {
        match.tag.label
        for match in (*result.scenarios, *result.markers)
        if keeps_by_default(match, result)
    }

    page.goto("/accounts/login/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password:").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()

    # The dream box is first and focused: typing goes straight into it.
    narrative = page.get_by_label("What did you dream?")
    expect(narrative).to_be_focused()
    page.keyboard.type(CHASE_DREAM, delay=2)
    suggestions = page.locator("#suggestions")
    expect(suggestions).to_contain_text("The interpretation that fits", timeout=10_000)
    expect(suggestions).to_contain_text("Ticked ones are kept; untick any that don't fit.")
    expect(page.locator("#id_interpretation_choice option[value=auto]")).to_have_text(
        "Suggested: " + result.interpretation.interpretation.title
    )

    save = page.get_by_role("button", name="Save dream")
    assert in_viewport(page, save), "Save is off the screen once the suggestions are shown"
    screen(page, "morning-01-phone-form-in-view")
    screenshot("morning-02-phone-form-whole")

    ticked = set(suggestions.locator("label.chip:has(input:checked) .chip-label").all_inner_texts())
    assert ticked == kept_by_rule  # the rule, whatever the matcher is sure of today
    assert ticked, "the matcher has no confident suggestion for the chase dream: tell the lead"

    # Untick one, keep typing: the panel refreshes, and no chip moves or changes its tick.
    chips = suggestions.locator("label.chip")
    order = chips.locator(".chip-label").all_inner_texts()
    untick = sorted(ticked)[0]
    chips.filter(has_text=untick).click()
    page.evaluate("document.querySelector('#suggestions').dataset.stale = 'yes'")
    narrative.press_sequentially(" Then I woke up.", delay=2)
    expect(page.locator("#suggestions[data-stale]")).to_have_count(0)  # swapped since
    page.wait_for_timeout(900)  # any later refresh of the panel, too
    expect(chips.filter(has_text=untick).locator("input")).not_to_be_checked()
    assert chips.locator(".chip-label").all_inner_texts()[: len(order)] == order
    ticked = set(suggestions.locator("label.chip:has(input:checked) .chip-label").all_inner_texts())
    assert ticked == kept_by_rule - {untick}
    assert in_viewport(page, save)
    save.click()

    expect(page.get_by_role("status")).to_contain_text("Dream saved")
    entry = Entry.objects.get(user=user, narrative=CHASE_DREAM + " Then I woke up.")
    kept = set(
        Tag.objects.filter(entry_tags__entry=entry, entry_tags__accepted=True).values_list(
            "label", flat=True
        )
    )
    assert kept == ticked
    meanings = page.locator(".tag-meanings")
    for label in ticked:
        expect(meanings).to_contain_text(label)
    expect(page.locator(".facts")).not_to_contain_text("Intensity")
    screenshot("morning-03-phone-entry-detail")

    # The journal shows its span, and the month jump reaches a dream from 1995.
    page.get_by_role("link", name="Journal", exact=True).click()
    expect(page.locator(".journal-span")).to_contain_text("2 dreams, March 1995 – today")
    screenshot("morning-04-phone-journal")
    page.locator("#month-jump").fill("1995-03")
    page.get_by_role("button", name="Go").click()
    expect(page.locator("#month-title")).to_have_text("March 1995")
    expect(page.locator("#calendar")).to_contain_text("The school was flooded to the roof")
    screenshot("morning-05-phone-calendar")

    # The same pages on a desktop.
    page.set_viewport_size(DESKTOP)
    screenshot("morning-06-desktop-calendar")
    page.goto("/")
    screenshot("morning-07-desktop-journal")
    page.goto(entry.get_absolute_url())
    screenshot("morning-08-desktop-entry-detail")
    page.goto("/entries/new/")
    page.keyboard.type(CHASE_DREAM, delay=1)
    expect(page.locator("#suggestions")).to_contain_text("Ticked ones are kept", timeout=10_000)
    assert in_viewport(page, page.get_by_role("button", name="Save dream"))
    page.get_by_text("More about this dream").click()
    library = page.locator("details.library-picker").first
    library.locator("summary").click()
    library.locator("[data-library-filter]").fill("treadmill")
    expect(library.locator("[data-library-option]:visible")).not_to_have_count(0)
    expect(library.locator("[data-library-option]:visible").first).to_contain_text("readmill")
    screen(page, "morning-09-desktop-form-in-view")
    screenshot("morning-10-desktop-form-whole")


def test_the_library_filter_does_not_send_the_form(page):
    call_command("import_interpretations", verbosity=0)
    user = UserFactory()
    page.goto("/accounts/login/?next=/entries/new/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password:").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.keyboard.type("I ran on a treadmill.", delay=1)
    page.get_by_text("More about this dream").click()
    library = page.locator("details.library-picker").first
    library.locator("summary").click()
    library.locator("[data-library-filter]").fill("no such words at all")
    expect(library.locator("[data-library-empty]")).to_be_visible()
    library.locator("[data-library-filter]").press("Enter")
    page.wait_for_timeout(500)
    assert not Entry.objects.filter(user=user).exists()
    library.locator("[data-library-filter]").fill("treadmill")
    expect(library.locator("[data-library-empty]")).to_be_hidden()
    expect(library.locator("[data-library-option]:visible").first).to_contain_text("readmill")
