"""A recurring dream, rehearsed with a new ending on a phone: the plan, two rehearsals, dreams
rated for how upsetting they were, the before and after; and the summary printed to PDF."""

import datetime as dt
import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from interpretations.models import Interpretation
from journal.models import Entry, Profile
from plans import views as plan_views
from plans.models import RehearsalPlan
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.browser

MUD = "Legs Like Wet Cement, Dragging Through Mud"
NEW_ENDING = (
    "The mud is up to my knees again. I stop pulling, turn round, and see that nothing is "
    "there. The ground dries under me and I walk out onto the road, slowly, in the sun."
)


def log_in(page, username: str) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password:").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("button", name="Log out")).to_be_visible()


@pytest.fixture
def dreamer(transactional_db):
    """Five nights of the mud dream, each as upsetting as it gets, three to five weeks ago."""
    call_command("import_interpretations", verbosity=0)
    mud = Interpretation.objects.get(title=MUD)
    user = UserFactory()
    today = Profile.for_user(user).today()
    for days in (33, 30, 27, 24, 21):
        Entry.objects.create(
            user=user,
            night=today - dt.timedelta(days=days),
            narrative="My legs sank in the mud and something came behind me.",
            interpretation=mud,
            distress=4,
            waking_life=f"Exams, {days} days ago",
        )
    return user


def test_rehearse_a_new_ending_and_see_the_before_and_after(page, screenshot, dreamer, monkeypatch):
    today = Profile.for_user(dreamer).today()
    log_in(page, dreamer.username)

    page.goto("/plans/")
    recurring = page.locator(".card", has_text=MUD)
    expect(recurring).to_contain_text("5 nights")
    screenshot("plans-01-list-phone")

    # From the patterns page: the dream's section, opened, offers the plan.
    page.get_by_role("link", name="Patterns", exact=True).click()
    page.locator("details.dream-line summary", has_text=MUD).click()
    section = page.locator("details.dream-line[open]")
    section.locator(".dream-plans").get_by_role("link", name="Make a rehearsal plan").click()

    # The dream is chosen; its next stages are offered as ideas, not filled in.
    expect(page.get_by_role("radio", name=re.compile(re.escape(MUD)))).to_be_checked()
    expect(page.locator(".plan-prompts")).to_contain_text("Turning Round to Look")
    ending = page.get_by_label("The dream, with the ending you choose")
    expect(ending).to_have_value("")
    ending.fill(NEW_ENDING)
    page.get_by_label("First night").fill((today - dt.timedelta(days=14)).isoformat())
    screenshot("plans-02-new-plan-phone")
    page.get_by_role("button", name="Make the plan").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(MUD)
    expect(page.locator(".new-ending")).to_contain_text("I walk out onto the road")
    table = page.locator(".before-after-table")
    nights = table.locator("tr", has_text="Nights with this dream").locator("td")
    upsetting = table.locator("tr", has_text="How upsetting").locator("td")
    expect(nights).to_have_text(["5: 1.8 nights a week", "0: 0 nights a week"])
    expect(upsetting).to_have_text(["4.0 (5 rated)", "— (0 rated)"])

    # Tonight's rehearsal, with htmx: the button gives way to a note, and a second tap on the
    # same night is not possible (nor would it count).
    page.evaluate("window.notReloaded = true")
    page.get_by_role("button", name="Rehearsed tonight").click()
    expect(page.locator("#rehearse")).to_contain_text("Rehearsed tonight (")
    assert page.evaluate("window.notReloaded") is True
    expect(page.get_by_role("button", name="Rehearsed tonight")).to_have_count(0)
    # The next evening (the clock moved on a day), one more rehearsal.
    next_night = today + dt.timedelta(days=1)
    monkeypatch.setattr(plan_views, "bedtime_night", lambda local_now: next_night)
    page.reload()
    page.get_by_role("button", name="Rehearsed tonight").click()
    expect(page.locator("#rehearse")).to_contain_text("Rehearsed tonight (")
    page.reload()
    expect(page.get_by_role("region", name="Nights rehearsed")).to_contain_text("2 nights")
    screenshot("plans-03-plan-rehearsed-phone")

    # Two dreams since the start, logged on the phone and rated gently.
    for night, rating in ((today - dt.timedelta(days=6), "1"), (today - dt.timedelta(days=1), "2")):
        page.goto("/entries/new/")
        page.get_by_label("What did you dream?").fill("My legs sank in the mud again, but less.")
        # The suggestions arrive (and redraw the form's panel) before anything is chosen.
        expect(page.locator("#suggestions label.chip").first).to_be_visible(timeout=10_000)
        page.get_by_label("Night", exact=True).fill(night.isoformat())
        page.get_by_text("More about this dream").click()
        scale = page.locator("fieldset.scale-distress")
        expect(scale.get_by_role("radio", name="Skip")).to_be_checked()
        scale.locator("label", has_text=re.compile(f"^{rating}$")).click()
        page.get_by_label("Interpretation", exact=True).select_option(label=MUD)
        if night == today - dt.timedelta(days=1):
            screenshot("plans-04-log-with-distress-phone")
        page.get_by_role("button", name="Save dream").click()
        expect(page.locator(".facts")).to_contain_text(f"Upsetting {rating}/4")
        expect(page.locator("main")).to_contain_text(MUD)

    page.goto("/plans/")
    page.get_by_role("link", name=MUD).click()
    expect(nights).to_have_text(["5: 1.8 nights a week", "2: 0.9 nights a week"])
    expect(upsetting).to_have_text(["4.0 (5 rated)", "1.5 (2 rated)"])
    words = page.locator(".before-after-words")
    expect(words).to_contain_text("fewer nights a week")
    expect(words).to_contain_text("not a cure")
    expect(page.locator("section.before-after")).to_contain_text("These are small numbers")
    expect(page.locator("svg.before-after-chart .bar-after")).to_have_count(1)  # one week
    page.locator("section.before-after").scroll_into_view_if_needed()
    screenshot("plans-05-before-after-phone")

    # The rehearsal nights and the plan are on the dream's section of the patterns page.
    page.goto("/patterns/")
    page.locator("details.dream-line summary", has_text=MUD).click()
    plans = page.locator("details.dream-line[open] .dream-plans")
    expect(plans).to_contain_text("Rehearsed on 2 nights")
    expect(plans.get_by_role("link", name="Your rehearsal plan (running)")).to_be_visible()


def test_the_summary_prints_on_one_page(page, screenshot, dreamer, tmp_path):
    today = Profile.for_user(dreamer).today()
    plan = RehearsalPlan.objects.create(
        user=dreamer,
        interpretation=Interpretation.objects.get(title=MUD),
        dream_title=MUD,
        new_ending=NEW_ENDING,
        starts_on=today - dt.timedelta(days=14),
    )
    plan.rehearse(today - dt.timedelta(days=2))
    log_in(page, dreamer.username)
    page.goto("/plans/summary/")
    page.get_by_label("From").fill((today - dt.timedelta(weeks=6)).isoformat())
    page.get_by_label("To").fill(today.isoformat())
    page.get_by_label("Include my notes on waking life").check()
    page.get_by_role("button", name="Show the summary").click()
    summary = page.locator("article.summary")
    expect(summary).to_contain_text("5 dreams on 5 nights")
    expect(summary).to_contain_text("Exams, 33 days ago")
    expect(summary.locator(".summary-table").nth(1)).to_contain_text(MUD)
    expect(summary.locator(".summary-plan")).to_contain_text("rehearsed on 1 night in this range")
    screenshot("plans-06-summary-phone")

    page.emulate_media(media="print")
    page.set_viewport_size({"width": 794, "height": 1123})  # A4 at 96 dpi, as printed
    expect(page.locator(".site-header")).to_be_hidden()
    expect(page.locator(".summary-controls")).to_be_hidden()
    expect(summary).to_be_visible()
    screenshot("plans-07-summary-print")
    pdf = page.pdf(format="A4", print_background=False)
    (tmp_path / "summary.pdf").write_bytes(pdf)
    assert pdf.startswith(b"%PDF-")
    pages = re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf)
    assert len(pages) == 1, f"the summary printed on {len(pages)} pages"

    # Without the tick, the notes stay out of the page.
    page.emulate_media(media="screen")
    page.get_by_label("Include my notes on waking life").uncheck()
    page.get_by_role("button", name="Show the summary").click()
    expect(summary).to_contain_text("5 dreams on 5 nights")
    expect(summary).not_to_contain_text("Exams")
