"""The library as a reader meets it: ordered by title, next stages named by the dream they
lead to, the Library link marked current (issue 14)."""

import re

import pytest
from django.urls import reverse

from interpretations.models import (
    Interpretation,
    NextStage,
    library_changed,
    without_search_phrasing,
)

LIBRARY = reverse("interpretations:library")
CURRENT_LIBRARY_LINK = f'<a href="{LIBRARY}" aria-current="page">Library</a>'


def interpretation(title: str, source: str, **fields) -> Interpretation:
    return Interpretation.objects.create(title=title, source=source, **fields)


def stage(of: Interpretation, target_title: str) -> NextStage:
    next_stage = of.next_stages.create(target_title=target_title)
    library_changed([of.pk])
    next_stage.refresh_from_db()
    return next_stage


class TestWithoutSearchPhrasing:
    @pytest.mark.parametrize(
        ("link_text", "name"),
        [
            ("dream about being chased by a killer meaning", "being chased by a killer"),
            ("Dreams of falling Meaning", "falling"),
            ("dream about losing control meaning ", "losing control"),
            ("losing your teeth meaning", "losing your teeth"),
        ],
    )
    def test_a_search_engines_words_are_taken_off_a_name(self, link_text, name):
        assert without_search_phrasing(link_text) == name

    @pytest.mark.parametrize(
        "name",
        [
            "repeating the same situation again and again",
            "Dream About Not Being Able to Run: The Kinetic Lock",
            "meaning",
        ],
    )
    def test_other_names_are_left_as_they_are(self, name):
        assert without_search_phrasing(name) == name


@pytest.mark.django_db
class TestLibraryOrder:
    def test_sorted_by_title_whatever_the_file_names_and_case(self, signed_in):
        for title, source in [
            ("Zebras in the Hallway", "a.txt"),
            ("falling Through Floors", "b.txt"),
            ("Being Chased", "c.txt"),
            ("Teeth Crumbling", ""),
        ]:
            interpretation(title, source)
        html = signed_in.get(LIBRARY).content.decode()
        titles = re.findall(r'<h2 class="card-title"><a href="[^"]+">([^<]+)</a>', html)
        assert titles == [
            "Being Chased",
            "falling Through Floors",
            "Teeth Crumbling",
            "Zebras in the Hallway",
        ]


@pytest.mark.django_db
class TestNextStageNames:
    def test_a_linked_stage_shows_the_linked_interpretations_title(self, signed_in):
        running = interpretation("Running in Place", "running.txt")
        chased = interpretation("Being Chased by a Killer", "chased.txt")
        linked = stage(running, "dream about being chased by a killer meaning")
        assert linked.target == chased
        html = signed_in.get(running.get_absolute_url()).content.decode()
        assert f'<a href="{chased.get_absolute_url()}">Being Chased by a Killer</a>' in html
        assert "killer meaning" not in html

    def test_an_unlinked_stage_shows_the_name_without_the_search_words(self, signed_in):
        running = interpretation("Running in Place", "running.txt")
        unlinked = stage(running, "dream about losing control of your body meaning")
        assert unlinked.target is None
        html = signed_in.get(running.get_absolute_url()).content.decode()
        assert "<strong>Losing control of your body</strong>" in html
        assert "body meaning" not in html

    def test_an_unpublished_target_is_neither_linked_nor_named(self, signed_in):
        running = interpretation("Running in Place", "running.txt")
        hidden = interpretation("Withdrawn: Caught at Last", "caught.txt", published=False)
        linked = stage(running, "Withdrawn: Caught at Last")
        assert linked.target == hidden
        html = signed_in.get(running.get_absolute_url()).content.decode()
        assert hidden.get_absolute_url() not in html
        assert "<strong>Withdrawn: Caught at Last</strong>" in html

    def test_the_page_reads_the_linked_titles_in_one_query(
        self, signed_in, django_assert_max_num_queries
    ):
        running = interpretation("Running in Place", "running.txt")
        for n in range(5):
            interpretation(f"Stage {n}", f"stage-{n}.txt")
            stage(running, f"dream about stage {n} meaning")
        with django_assert_max_num_queries(12):
            assert signed_in.get(running.get_absolute_url()).status_code == 200
        with django_assert_max_num_queries(12):
            signed_in.get(running.get_absolute_url())


@pytest.mark.django_db
class TestLibraryLinkIsCurrent:
    def test_on_the_library(self, signed_in):
        assert CURRENT_LIBRARY_LINK in signed_in.get(LIBRARY).content.decode()

    def test_on_an_interpretation_page(self, signed_in):
        page = interpretation("Running in Place", "running.txt").get_absolute_url()
        assert CURRENT_LIBRARY_LINK in signed_in.get(page).content.decode()

    @pytest.mark.parametrize("url_name", ["home", "calendar", "patterns", "account_settings"])
    def test_nowhere_else(self, signed_in, url_name):
        html = signed_in.get(reverse(url_name)).content.decode()
        assert f'<a href="{LIBRARY}">Library</a>' in html
        assert html.count('aria-current="page"') == 1
