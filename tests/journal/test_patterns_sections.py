"""The patterns summary and each interpretation's section opened on demand (issue 14)."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from interpretations.models import Interpretation, NextStage, TagKind
from journal.models import Profile
from tests.factories import EntryFactory, UserFactory

URL = reverse("patterns")
# Per page, whatever the size of the journal (PRODUCT.md).
QUERY_BUDGET = 8


def section_url(interpretation) -> str:
    return reverse("patterns_section", args=[interpretation.pk])


def ago(days: int) -> dt.date:
    return dt.date.today() - dt.timedelta(days=days)


def text_of(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


@pytest.fixture
def library(db):
    chase = Interpretation.objects.create(title="Chased Down a Dark Road", source="chase.txt")
    turn = Interpretation.objects.create(title="Turning Round to Look", source="turn.txt")
    cement = Interpretation.objects.create(title="Legs Like Wet Cement", source="cement.txt")
    NextStage.objects.create(
        interpretation=chase, target_title=turn.title, target=turn, condition="If you stop"
    )
    return chase, turn, cement


def dream(user, night, interpretation=None, *, tags=(), waking_life=""):
    return EntryFactory(
        user=user,
        night=night,
        narrative="Running down a dark road away from a man with no face.",
        interpretation=interpretation,
        waking_life=waking_life,
        kept_tags=tags,
    )


@pytest.fixture
def imported_and_new(user, library):
    """An imported series that ended 30 years ago, then a few new dreams."""
    chase, turn, cement = library
    for week in range(40):
        dream(user, dt.date(1995, 1, 2) + dt.timedelta(weeks=week), cement)
    dream(user, dt.date(1996, 3, 1), chase)
    dream(user, ago(20), cement, waking_life="Moving flat")
    dream(user, ago(6), cement)
    dream(user, ago(12), chase)
    dream(user, ago(3), turn)
    return user


@pytest.mark.django_db
class TestSummary:
    def test_recurring_means_three_nights_and_one_offs_are_one_line(self, signed_in, user, library):
        chase, _, cement = library
        for days in (2, 9, 16):
            dream(user, ago(days), cement)
        dream(user, ago(4), chase)
        dream(user, ago(30), chase)
        html = text_of(signed_in.get(URL))

        recurring = html.split('<ul class="recurring"', 1)[1].split("</ul>", 1)[0]
        assert "Legs Like Wet Cement" in recurring and "Chased" not in recurring
        assert "Recurring means 3 nights or more" in html
        assert "Once or twice: Chased Down a Dark Road (2 nights)." in html
        assert html.count("<svg") == 1  # the calendar of every dream, no chart per dream

    def test_a_return_after_decades_is_named_and_noticed(self, signed_in, imported_and_new):
        html = text_of(signed_in.get(URL))
        assert "Worth noticing:" in html
        assert re.search(r"Back after \d\d years: 2 nights since", html)
        assert "Sustained" not in html

    def test_the_default_range_covers_an_imported_series_and_new_dreams(
        self, signed_in, imported_and_new
    ):
        html = text_of(signed_in.get(URL))
        assert "45 dreams from 2 January 1995 to" in html
        assert re.search(r'href="/patterns/\?range=all"[^>]*aria-current="page"', html)
        assert "a square a month" in html  # decades drawn by month, not 11,000 days

    def test_a_young_journal_defaults_to_a_year_of_days(self, signed_in, user, library):
        dream(user, ago(3), library[0])
        html = text_of(signed_in.get(URL))
        assert re.search(r'href="/patterns/\?range=1y"[^>]*aria-current="page"', html)
        assert "Each square is a night" in html

    def test_a_year_picked_shows_that_year_day_by_day(self, signed_in, imported_and_new):
        response = signed_in.get(URL, {"range": "1995"})
        html = text_of(response)
        assert response.status_code == 200
        assert "40 dreams from 1 January 1995 to 31 December 1995" in html
        assert "Each square is a night" in html
        assert '<option value="1995" selected>1995</option>' in html
        assert '<option value="1996">1996</option>' in html

    @pytest.mark.parametrize("bad", ["1850", "2999", "19951", "１９９５"])
    def test_a_year_outside_any_journal_is_a_400_with_the_forms_error(self, signed_in, bad):
        response = signed_in.get(URL, {"range": bad})
        assert response.status_code == 400
        assert "a year from" in text_of(response) or "at most 8 characters" in text_of(response)

    def test_a_move_counts_only_within_weeks_and_the_page_says_so(
        self, signed_in, imported_and_new
    ):
        html = text_of(signed_in.get(URL))
        # The chase of 1996 did not "move on" to a turn thirty years later; last month's did.
        assert "From <strong>Chased Down a Dark Road</strong>, 1 March 1996" not in html
        assert "From <strong>Chased Down a Dark Road</strong>" in html
        assert "within 4 weeks of the dream before it" in html

    def test_each_dream_opens_its_section_with_htmx_or_a_plain_link(
        self, signed_in, imported_and_new, library
    ):
        cement = library[2]
        html = signed_in.get(URL).content.decode()
        url = f"{section_url(cement)}?range=all"
        assert f'hx-get="{url}" hx-trigger="toggle once"' in html
        assert f'<a href="{url}">' in html
        assert "Moving flat" not in html  # notes wait in the section

    def test_queries_within_budget_rebuilt_and_cached(
        self, client, imported_and_new, django_assert_max_num_queries
    ):
        client.force_login(imported_and_new)
        client.get(URL)
        Profile.journal_changed([imported_and_new.pk])
        with django_assert_max_num_queries(QUERY_BUDGET):
            assert client.get(URL).status_code == 200
        with django_assert_max_num_queries(3):
            assert client.get(URL).status_code == 200


@pytest.mark.django_db
class TestSection:
    def test_htmx_gets_the_section_alone(self, signed_in, imported_and_new, library):
        cement = library[2]
        response = signed_in.get(section_url(cement), headers={"HX-Request": "true"})
        html = text_of(response)
        assert response.status_code == 200
        assert html.lstrip().startswith('<div class="pattern-section">')
        assert "<html" not in html
        assert "Moving flat" in html  # the waking-life note beside the arrival conditions
        assert "Calendar of Legs Like Wet Cement" in html

    def test_without_javascript_it_is_a_page(self, signed_in, imported_and_new, library):
        html = text_of(signed_in.get(section_url(library[2]), {"range": "1y"}))
        assert "<html" in html and "← All patterns" in html
        assert '<h2 class="section-title">Legs Like Wet Cement</h2>' in html
        assert "Each square is a night" in html  # the chosen range, not the default

    def test_its_scenarios_recur_from_three_nights(self, signed_in, user, library):
        chase = library[0]
        road = chase.tags.create(kind=TagKind.SCENARIO, label="a road that never ends")
        faceless = chase.tags.create(kind=TagKind.SCENARIO, label="a man with no face")
        for days in (1, 5, 9):
            dream(user, ago(days), chase, tags=[road])
        dream(user, ago(2), chase, tags=[faceless])
        html = text_of(signed_in.get(section_url(chase)))
        lines = html.split('<ul class="tag-lines"', 1)[1].split("</ul>", 1)[0]
        assert "a road that never ends" in lines and "a man with no face" not in lines
        assert "Once or twice: a man with no face." in html

    @pytest.mark.parametrize("htmx", [False, True])
    def test_another_users_interpretation_is_a_404(self, client, library, htmx):
        owner, stranger = UserFactory(), UserFactory()
        dream(owner, ago(1), library[0])
        client.force_login(stranger)
        headers = {"HX-Request": "true"} if htmx else {}
        assert client.get(section_url(library[0]), headers=headers).status_code == 404

    def test_an_unknown_interpretation_is_a_404(self, signed_in, imported_and_new):
        assert signed_in.get(reverse("patterns_section", args=[999_999])).status_code == 404

    @pytest.mark.parametrize("htmx", [False, True])
    def test_a_bad_range_is_a_400_with_the_forms_error(
        self, signed_in, imported_and_new, library, htmx
    ):
        headers = {"HX-Request": "true"} if htmx else {}
        response = signed_in.get(section_url(library[2]), {"range": "week"}, headers=headers)
        assert response.status_code == 400
        assert "Unknown range &#x27;week&#x27;" in response.content.decode()
        assert ("<html" in response.content.decode()) is not htmx

    def test_anonymous_is_sent_to_log_in_and_post_is_refused(self, client, signed_in, library):
        assert signed_in.post(section_url(library[0])).status_code == 405
        signed_in.logout()
        response = client.get(section_url(library[0]))
        assert response.status_code == 302 and response.url.startswith(reverse("login"))

    def test_queries_within_budget_rebuilt_and_cached(
        self, client, imported_and_new, library, django_assert_max_num_queries
    ):
        client.force_login(imported_and_new)
        url = section_url(library[2])
        client.get(url)
        Profile.journal_changed([imported_and_new.pk])
        with django_assert_max_num_queries(QUERY_BUDGET):
            assert client.get(url, headers={"HX-Request": "true"}).status_code == 200
        with django_assert_max_num_queries(3):
            assert client.get(url, headers={"HX-Request": "true"}).status_code == 200

    def test_a_section_is_rebuilt_after_a_change(self, signed_in, user, library):
        chase = library[0]
        dream(user, ago(5), chase, waking_life="first note")
        url = section_url(chase)
        assert "first note" in text_of(signed_in.get(url))
        dream(user, ago(1), chase, waking_life="second note")
        assert "second note" in text_of(signed_in.get(url))
