"""Barb Sanders' series and a scripted year with life tags: the patterns page learns what
comes before the recurring dream; a journal of a few nights learns nothing."""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from playwright.sync_api import expect

from journal.models import Entry
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.browser


def log_in(page, username: str) -> None:
    page.goto(reverse("login"))
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password:").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()


def test_a_condition_is_learned_and_tagged_on_an_entry(page, screenshot, shared_dir):
    call_command("import_interpretations", stdout=StringIO())
    barb = UserFactory(username="barb")
    quiet = StringIO()
    call_command(
        "import_dreams",
        str(shared_dir / "data" / "dreambank" / "b.tsv"),
        "--user",
        barb.username,
        stdout=quiet,
        stderr=quiet,
    )
    call_command("script_year", barb.username, stdout=quiet)

    log_in(page, barb.username)
    page.goto(reverse("learned_conditions"))
    finding = page.get_by_text("You tagged deadline:").first
    expect(finding).to_be_visible()
    expect(finding).to_contain_text(" of its ")
    screenshot("conditions-01-learned")

    entry = Entry.objects.filter(user=barb).exclude(waking_life="").order_by("-night").first()
    page.goto(entry.get_absolute_url())
    panel = page.locator("#waking-life-panel")
    panel.get_by_label("Add what was going on").fill("night shifts")
    panel.get_by_role("button", name="Add", exact=True).click()
    expect(panel.locator(".life-tags")).to_contain_text("night shifts")
    questions = panel.locator(".check-ins li")
    if questions.count():
        questions.first.get_by_role("button", name="Yes").click()
        expect(questions.first.get_by_role("button", name="Yes")).to_have_attribute(
            "aria-pressed", "true"
        )
    screenshot("conditions-02-entry-panel")


def test_a_few_nights_teach_nothing(page):
    newcomer = UserFactory()
    for day in range(3):
        Entry.objects.create(
            user=newcomer,
            night=dt.date(2026, 11, 1 + day),
            narrative="I was being chased.",
            waking_life="Deadline at work.",
        )
    log_in(page, newcomer.username)
    page.goto(reverse("learned_conditions"))
    expect(page.locator("main")).to_contain_text("Once a dream has come on 5 nights or more")
    expect(page.get_by_text("You tagged")).to_have_count(0)
