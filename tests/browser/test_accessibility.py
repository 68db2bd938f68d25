"""Every page passes axe-core's checks with no serious or critical violation (issue 14).

axe-core is the copy bundled in the axe-playwright-python package, injected into the page
under test: nothing is fetched. Each page is checked in the dark scheme at phone size and
in the light scheme on a desktop, since colours (and so contrast) differ between them."""

import datetime as dt

import pytest
from axe_playwright_python.base import AXE_SCRIPT
from django.core.management import call_command
from django.urls import reverse
from playwright.sync_api import expect

from interpretations.models import Interpretation
from journal.models import Entry
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.browser

REPORTED_IMPACTS = {"serious", "critical"}
DESKTOP = {"width": 1280, "height": 900}
DREAM = (
    "Running down a dark road away from a man with no face. No matter how fast I ran he "
    "stayed right behind me."
)


def violations(page) -> list[str]:
    """The serious and critical violations on the page as it is now, one line each."""
    if page.evaluate("typeof axe === 'undefined'"):
        page.evaluate(AXE_SCRIPT)  # once per page load
    found = page.evaluate("axe.run({resultTypes: ['violations']}).then(r => r.violations)")
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} at "
        + "; ".join(" ".join(map(str, node["target"])) for node in violation["nodes"][:5])
        for violation in found
        if violation["impact"] in REPORTED_IMPACTS
    ]


def check_in_both_schemes(page, name: str, problems: dict[str, list[str]]) -> None:
    """Check the page as shown, then again in the light scheme on a desktop."""
    problems[f"{name} (phone, dark)"] = violations(page)
    page.emulate_media(color_scheme="light")
    page.set_viewport_size(DESKTOP)
    settle(page)
    problems[f"{name} (desktop, light)"] = violations(page)
    page.emulate_media(color_scheme="dark")
    page.set_viewport_size({"width": 390, "height": 844})
    settle(page)


def settle(page) -> None:
    """Wait for the colour transitions a change of scheme starts (the admin's links have
    them): contrast measured halfway through one is neither scheme's. Endless animations
    are not waited for, and no wait is longer than three seconds (a transition that is
    cancelled and restarted would otherwise hold the test for ever)."""
    page.evaluate(
        """Promise.race([
            Promise.all(document.getAnimations()
                .filter(a => a.effect && a.effect.getComputedTiming().endTime !== Infinity)
                .map(a => a.finished.catch(() => null))),
            new Promise(resolve => setTimeout(resolve, 3000)),
        ])"""
    )


def assert_none(problems: dict[str, list[str]]) -> None:
    found = {page: lines for page, lines in problems.items() if lines}
    assert not found, "\n".join(
        f"{page}:\n  " + "\n  ".join(lines) for page, lines in found.items()
    )


def log_in(page, username: str) -> None:
    page.goto(reverse("login"))
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password:").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("link", name="Journal", exact=True)).to_be_visible()


def test_the_check_finds_what_it_looks_for(page):
    page.set_content(
        '<html lang="en"><title>Broken</title><main><input type="text"><button></button></main>'
    )
    found = violations(page)
    assert [line.split(" ")[0] for line in found] == ["button-name", "label"], found


def test_the_pages_before_signing_in(page):
    problems: dict[str, list[str]] = {}
    for name, url in [
        ("welcome", reverse("home")),
        ("log in", reverse("login")),
        ("sign up", reverse("signup")),
        ("password reset", reverse("password_reset")),
    ]:
        page.goto(url)
        check_in_both_schemes(page, name, problems)
    page.goto(reverse("login"))
    page.get_by_label("Username").fill("nobody")
    page.get_by_label("Password:").fill("wrong")
    page.get_by_role("button", name="Log in").click()
    expect(page.locator(".errorlist")).to_be_visible()
    check_in_both_schemes(page, "log in, refused", problems)
    assert_none(problems)


def test_the_pages_of_a_signed_in_dreamer(page):
    call_command("import_interpretations", verbosity=0)
    user = UserFactory()
    log_in(page, user.username)
    problems: dict[str, list[str]] = {}
    check_in_both_schemes(page, "journal, empty", problems)

    page.goto(reverse("entry_create"))
    page.get_by_label("What did you dream?").press_sequentially(DREAM, delay=1)
    expect(page.locator("#suggestions label.chip").first).to_be_visible(timeout=10_000)
    check_in_both_schemes(page, "entry form with suggestions", problems)
    page.get_by_role("button", name="Save dream").click()
    expect(page.get_by_role("status")).to_contain_text("Dream saved")
    check_in_both_schemes(page, "entry detail", problems)

    night = dt.date.today() - dt.timedelta(days=3)
    for days in range(0, 30, 4):
        Entry.objects.create(user=user, night=night - dt.timedelta(days=days), narrative=DREAM)
    interpretation = Entry.objects.filter(user=user).first().interpretation
    for name, url in [
        ("journal", reverse("home")),
        ("calendar", reverse("calendar")),
        ("patterns", reverse("patterns")),
        ("library", reverse("interpretations:library")),
        ("interpretation page", interpretation.get_absolute_url()),
        ("settings", reverse("account_settings")),
        ("password change", reverse("password_change")),
        ("account deletion", reverse("account_delete")),
    ]:
        page.goto(url)
        check_in_both_schemes(page, name, problems)
    assert_none(problems)


def test_the_admin_pages_of_the_library(page):
    call_command("import_interpretations", verbosity=0)
    editor = UserFactory(is_staff=True, is_superuser=True)
    log_in(page, editor.username)
    interpretation = Interpretation.objects.get(source="caught.txt")
    problems: dict[str, list[str]] = {}
    for name, url in [
        ("admin index", reverse("admin:index")),
        ("admin library", reverse("admin:interpretations_interpretation_changelist")),
        (
            "admin interpretation",
            reverse("admin:interpretations_interpretation_change", args=[interpretation.pk]),
        ),
        ("admin import", reverse("admin:interpretations_interpretation_import_text")),
    ]:
        page.goto(url)
        check_in_both_schemes(page, name, problems)
    assert_none(problems)
