"""The library and an interpretation page as they look, at phone and desktop size (issue 14)."""

import pytest
from django.core.management import call_command
from django.urls import reverse
from playwright.sync_api import expect

from interpretations.models import Interpretation
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.browser

SIZES = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}


def log_in(page) -> None:
    page.goto(reverse("login"))
    page.get_by_label("Username").fill(UserFactory().username)
    page.get_by_label("Password:").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("link", name="Journal", exact=True)).to_be_visible()


@pytest.mark.parametrize("size", SIZES)
def test_the_library_and_an_interpretation_page(page, screenshot, size):
    call_command("import_interpretations", verbosity=0)
    page.set_viewport_size(SIZES[size])
    log_in(page)

    nav_link = page.get_by_role("navigation", name="Main").get_by_role("link", name="Library")
    nav_link.click()
    expect(nav_link).to_have_attribute("aria-current", "page")
    titles = page.locator(".card-title").all_inner_texts()
    assert titles == sorted(titles, key=str.casefold) and len(titles) == 9
    screenshot(f"14-library-{size}")

    running = Interpretation.objects.get(source="running-in-place.txt")
    page.get_by_role("link", name=running.title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(running.title)
    expect(nav_link).to_have_attribute("aria-current", "page")

    # One face for the article's paragraphs and lists.
    faces = page.locator(".interpretation-page :is(p, li, dt, dd):not(.breadcrumb)").evaluate_all(
        "nodes => [...new Set(nodes.map(node => getComputedStyle(node).fontFamily))]"
    )
    assert len(faces) == 1, faces
    # The next stages' heading keeps clear of the last question's border.
    last_question = page.locator("details.faq").last.bounding_box()
    next_heading = page.get_by_role("heading", name="Where this dream goes next").bounding_box()
    assert next_heading["y"] - (last_question["y"] + last_question["height"]) >= 16
    screenshot(f"14-interpretation-{size}")
