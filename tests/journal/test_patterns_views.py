"""The patterns page: recurrence timelines per interpretation, scenario and marker."""

import datetime as dt
import re
from html import unescape
from types import SimpleNamespace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from interpretations.models import ArrivalCondition, NextStage, TagKind
from journal.models import Entry, EntryTag, Profile
from journal.pattern_periods import RANGES
from journal.patterns import gather_section, gather_summary
from tests.factories import (
    EntryFactory,
    EntryTagFactory,
    InterpretationFactory,
    TagFactory,
    UserFactory,
)

URL = reverse("patterns")


def section_url(interpretation) -> str:
    return reverse("patterns_section", args=[interpretation.pk])


@pytest.fixture
def library(db):
    running = InterpretationFactory(title="Running Hard but Going Nowhere")
    turning = InterpretationFactory(title="Turning to Face It")
    ArrivalCondition.objects.create(
        interpretation=running, text="Arrives when a deadline keeps slipping away.", position=0
    )
    ArrivalCondition.objects.create(
        interpretation=running, text="Arrives after weeks of effort with no result.", position=1
    )
    NextStage.objects.create(
        interpretation=running,
        target_title="Turning to Face It",
        target=turning,
        condition="If you stopped and looked back",
    )
    return SimpleNamespace(
        running=running,
        turning=turning,
        corridor=TagFactory(interpretation=running, label="the corridor stretched as I ran"),
        pursuer=TagFactory(interpretation=turning, label="I turned to see who came"),
        drained=TagFactory(
            interpretation=running, kind=TagKind.MARKER, label="woke up drained and heavy"
        ),
    )


def dream(user, night, interpretation=None, *, waking_life="", scenarios=(), markers=()):
    entry = EntryFactory(
        user=user,
        night=night,
        narrative="I ran along a grey corridor that never ended.",
        interpretation=interpretation,
        waking_life=waking_life,
    )
    for tag in (*scenarios, *markers):
        EntryTagFactory(entry=entry, tag=tag, accepted=True)
    return entry


def today():
    return dt.date.today()


def ago(days: int) -> dt.date:
    return today() - dt.timedelta(days=days)


def text_of(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


@pytest.fixture
def journal(user, library):
    """A user whose corridor dream has come on five nights and moved on once."""
    Profile.for_user(user)
    for days in (200, 120, 40, 10):
        dream(
            user,
            ago(days),
            library.running,
            waking_life=f"Project review, {days} days ago",
            scenarios=[library.corridor],
            markers=[library.drained],
        )
    dream(user, ago(5), library.turning, scenarios=[library.pursuer])
    dream(user, ago(3), None)  # a dream no interpretation fits
    return user


@pytest.mark.django_db
class TestPatternsPage:
    def test_anonymous_is_sent_to_log_in(self, client):
        response = client.get(URL)
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))

    def test_wrong_method(self, client, user):
        client.force_login(user)
        assert client.post(URL).status_code == 405

    def test_empty_journal_gets_a_friendly_empty_state(self, client, user):
        client.force_login(user)
        response = client.get(URL)
        assert response.status_code == 200
        html = text_of(response)
        assert "No patterns yet" in html
        assert reverse("home") in html
        assert "<svg" not in html

    def test_owner_sees_timeline_figures_conditions_and_notes(self, client, journal, library):
        client.force_login(journal)
        response = client.get(URL)
        assert response.status_code == 200
        summary = text_of(response)
        assert "Running Hard but Going Nowhere" in summary
        assert f"Sustained: 4 nights over {(ago(10) - ago(200)).days // 30} months" in summary
        assert "1 dream in this range has no interpretation" in summary
        # The full section opens on demand.
        response = client.get(section_url(library.running))
        assert response.status_code == 200
        html = text_of(response)
        assert "Arrives when a deadline keeps slipping away." in html
        assert "Project review, 10 days ago" in html
        assert "<dt>Nights in the last 7 / 30 / 90 days</dt><dd>0 / 1 / 2</dd>" in html
        assert "<dt>Longest quiet stretch</dt><dd>80 days" in html
        assert 'role="img"' in html and "<title>" in html and "<table>" in html
        # The scenario and marker timelines, and the pair they make.
        assert "the corridor stretched as I ran" in html
        assert "woke up drained and heavy" in html
        pair = re.search(r'<ul class="pairs-list">\s*<li>(.*?)</li>', html).group(1)
        assert re.sub(r"<[^>]+>", "|", pair) == (
            "woke up drained and heavy |with| the corridor stretched as I ran |· 4 dreams together|"
        )

    def test_next_stage_path_with_dates(self, client, journal):
        client.force_login(journal)
        html = text_of(client.get(URL))
        day = lambda night: f"{night.day} {night:%B %Y}"  # noqa: E731
        assert (
            f"From <strong>Running Hard but Going Nowhere</strong>, {day(ago(10))}, "
            f"to <strong>Turning to Face It</strong>, {day(ago(5))}"
        ) in html

    def test_no_inline_style_or_script(self, client, journal, library):
        client.force_login(journal)
        for url in (URL, section_url(library.running)):
            html = client.get(url).content.decode()
            assert "style=" not in html and "<style" not in html
            assert "<script>" not in html

    def test_other_users_dreams_are_not_shown(self, client, journal, other_user):
        client.force_login(other_user)
        html = text_of(client.get(URL))
        assert "No patterns yet" in html
        assert "Running Hard" not in html and "Project review" not in html

    @pytest.mark.parametrize("key", list(RANGES))
    def test_every_range_as_a_plain_link(self, client, journal, key):
        client.force_login(journal)
        response = client.get(URL, {"range": key})
        assert response.status_code == 200
        html = response.content.decode()
        assert "<html" in html
        assert f'href="{URL}?range={key}" hx-get="{URL}?range={key}"' in html
        assert re.search(rf'href="{URL}\?range={key}"[^>]*aria-current="page"', html)

    def test_three_months_leaves_out_older_nights(self, client, journal, library):
        client.force_login(journal)
        html = text_of(client.get(section_url(library.running), {"range": "3m"}))
        assert "Project review, 40 days ago" in html
        assert "Project review, 200 days ago" not in html
        assert "4 (2 in this range)" in html

    def test_htmx_range_switch_returns_only_the_region(self, client, journal):
        client.force_login(journal)
        response = client.get(URL, {"range": "all"}, headers={"HX-Request": "true"})
        assert response.status_code == 200
        html = response.content.decode()
        assert html.lstrip().startswith('<div id="patterns"')
        assert "<html" not in html and "<h1>" not in html
        assert "Running Hard but Going Nowhere" in html

    def test_htmx_from_another_user_shows_nothing_of_the_owner(self, client, journal, other_user):
        client.force_login(other_user)
        response = client.get(URL, {"range": "all"}, headers={"HX-Request": "true"})
        assert "Running Hard" not in response.content.decode()

    def test_htmx_anonymous_is_refused(self, client):
        response = client.get(URL, {"range": "all"}, headers={"HX-Request": "true"})
        assert response.status_code == 302

    @pytest.mark.parametrize("bad", ["decade", "1Y", "<script>", "0"])
    def test_unknown_range_is_a_400_that_names_the_ranges(self, client, journal, bad):
        client.force_login(journal)
        response = client.get(URL, {"range": bad})
        assert response.status_code == 400
        html = response.content.decode()
        assert "Unknown range" in html and "'3m' (3 months)" in unescape(html)
        assert "<script>" not in html.split("<body", 1)[1].split("</footer>")[0]
        assert f'href="{URL}?range=1y"' in html

    def test_unknown_range_over_htmx_is_a_400_too(self, client, journal):
        client.force_login(journal)
        response = client.get(URL, {"range": "week"}, headers={"HX-Request": "true"})
        assert response.status_code == 400
        assert "<html" not in response.content.decode()

    def test_a_section_shows_only_its_interpretations_dreams(self, client, journal, library):
        client.force_login(journal)
        response = client.get(section_url(library.turning), {"range": "all"})
        html = text_of(response)
        assert response.status_code == 200
        assert '<h2 class="section-title">Turning to Face It</h2>' in html
        assert "I turned to see who came" in html
        assert "the corridor stretched as I ran" not in html
        assert f'href="{URL}"' in html  # back to every dream

    def test_interpretation_never_dreamt_is_a_404(self, client, journal):
        unread = InterpretationFactory(title="Never dreamt")
        client.force_login(journal)
        assert client.get(section_url(unread)).status_code == 404

    @pytest.mark.parametrize("bad", ["999999", "abc", "-1", ""])
    def test_interpretation_that_does_not_exist_is_a_404(self, client, journal, bad):
        client.force_login(journal)
        assert client.get(f"{URL}{bad}/").status_code == 404

    def test_another_users_interpretation_is_a_404(self, client, journal, library, other_user):
        dream(other_user, ago(1), library.running)
        other = UserFactory()
        client.force_login(other)
        assert client.get(section_url(library.running)).status_code == 404

    def test_deleted_entries_do_not_count(self, client, journal, library):
        Entry.objects.filter(user=journal, interpretation=library.turning).update(
            deleted_at=dt.datetime.now(dt.UTC)
        )
        client.force_login(journal)
        html = text_of(client.get(URL))
        assert "Turning to Face It" not in html
        assert client.get(section_url(library.turning)).status_code == 404

    def test_frequent_dream_gets_the_gentle_note(self, client, user, library):
        for days in (0, 2, 4):
            dream(user, ago(days), library.running)
        client.force_login(user)
        assert "Frequent: 3 nights in the last 7 days" in text_of(client.get(URL))
        html = text_of(client.get(section_url(library.running)))
        assert "not a diagnosis" in html and "talk them over with someone" in html

    def test_quiet_dream_has_no_note(self, client, journal, library):
        client.force_login(journal)
        assert "not a diagnosis" not in text_of(client.get(section_url(library.running)))

    def test_nav_links_to_patterns(self, client, user):
        client.force_login(user)
        html = client.get(reverse("home")).content.decode()
        assert f'href="{URL}"' in html


@pytest.mark.django_db
class TestGatherPatterns:
    TODAY = dt.date(2025, 6, 15)

    def test_figures_cover_the_whole_history_while_charts_follow_the_range(self, user, library):
        for night in ("2024-01-10", "2025-05-01", "2025-06-01", "2025-06-12"):
            dream(user, dt.date.fromisoformat(night), library.running)
        item = gather_section(user, RANGES["3m"], self.TODAY, library.running.pk)
        assert item.timeline.recurrence.count == 4
        assert item.timeline.in_period == 3
        assert sum(bucket.count for bucket in item.timeline.strip) == 3
        assert [b.count for b in item.timeline.calendar.per_month()] == [0, 0, 1, 2]

    def test_notes_are_the_latest_few_and_counted(self, user, library):
        for days in range(8):
            dream(
                user,
                self.TODAY - dt.timedelta(days=days * 3),
                library.running,
                waking_life=f"note {days}",
            )
        dream(user, self.TODAY, library.turning, waking_life="other note")
        running = gather_section(user, RANGES["1y"], self.TODAY, library.running.pk)
        assert [note.text for note in running.notes] == [f"note {n}" for n in range(5)]
        assert running.more_notes == 3
        turning = gather_section(user, RANGES["1y"], self.TODAY, library.turning.pk)
        assert [note.text for note in turning.notes] == ["other note"]

    def test_the_summary_lists_dreams_outside_the_range_too(self, user, library):
        dream(user, dt.date(2020, 1, 1), library.turning)
        dream(user, dt.date(2025, 6, 1), library.running)
        summary = gather_summary(user, RANGES["1y"], self.TODAY)
        by_interpretation = {line.interpretation: line.in_period for line in summary.one_offs}
        assert by_interpretation == {library.running: 1, library.turning: 0}

    def test_pairs_with_equal_counts_come_in_label_order(self, user, library):
        tight = library.running.tags.create(kind=TagKind.MARKER, label="a tight chest")
        for days in range(3):
            night = self.TODAY - dt.timedelta(days=days)
            dream(user, night, library.running, scenarios=[library.corridor], markers=[tight])
            dream(user, night, library.running, scenarios=[library.pursuer], markers=[tight])
            dream(user, night, library.running, scenarios=[library.corridor])
        section = gather_section(user, RANGES["1y"], self.TODAY, library.running.pk)
        assert section.pairs == [
            ("a tight chest", library.pursuer.label, 3),  # "I turned…" sorts first
            ("a tight chest", library.corridor.label, 3),
        ]

    def test_tags_of_deleted_entries_are_left_out(self, user, library):
        dream(user, self.TODAY, library.running, scenarios=[library.corridor])
        deleted = dream(
            user,
            self.TODAY - dt.timedelta(days=1),
            library.running,
            scenarios=[library.corridor, library.pursuer],
            markers=[library.drained],
        )
        deleted.soft_delete()
        section = gather_section(user, RANGES["1y"], self.TODAY, library.running.pk)
        scenarios, markers = section.tags
        assert [(tag.label, tag.timeline.recurrence.count) for tag in scenarios.one_offs] == [
            (library.corridor.label, 1)
        ]
        assert markers.one_offs == markers.recurring == [] and section.pairs == []
        assert gather_summary(user, RANGES["1y"], self.TODAY).total_entries == 1

    def test_tags_the_user_did_not_accept_are_left_out(self, user, library):
        entry = dream(user, self.TODAY, library.running)
        EntryTagFactory(entry=entry, tag=library.corridor, accepted=False)
        section = gather_section(user, RANGES["1y"], self.TODAY, library.running.pk)
        assert section.tags[0].recurring == section.tags[0].one_offs == []


# Constant queries: the page must cost the same for 10 entries as for 3,000.


def _bulk_journal(user, count: int, library) -> None:
    """`count` dreams over the last eight years, every fifth without an interpretation, all
    with notes, tags and a move from one interpretation to the next."""
    interpretations = [library.running, library.turning, None, library.running, library.turning]
    entries = Entry.objects.bulk_create(
        Entry(
            user=user,
            night=today() - dt.timedelta(days=(index * 3) % 2900),
            narrative=f"Dream number {index} along a corridor.",
            interpretation=interpretations[index % 5],
            waking_life=f"Week {index}",
        )
        for index in range(count)
    )
    EntryTag.objects.bulk_create(
        EntryTag(entry=entry, user_id=entry.user_id, tag=tag, accepted=True)
        for tag, tagged in ((library.corridor, entries), (library.drained, entries[::2]))
        for entry in tagged
    )


def _queries_for(client, user, url=URL, **params) -> tuple[int, int]:
    """Queries of the page built afresh (just after a change) and served from the cache."""
    client.force_login(user)
    client.get(url, params)  # the first visit creates the profile
    Profile.journal_changed([user.pk])
    counts = []
    for _ in ("rebuilt", "cached"):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url, params)
        assert response.status_code == 200
        assert "Running Hard but Going Nowhere" in response.content.decode()
        counts.append(len(queries))
    return tuple(counts)


@pytest.mark.django_db
@pytest.mark.parametrize("params", [{}, {"range": "all"}, {"range": "3m"}])
def test_same_number_of_queries_for_10_and_3000_entries(client, library, params):
    few, many = UserFactory(), UserFactory()
    _bulk_journal(few, 10, library)
    _bulk_journal(many, 3_000, library)
    assert Entry.objects.filter(user=many).count() == 3_000

    queries_for_few = _queries_for(client, few, **params)
    queries_for_many = _queries_for(client, many, **params)

    assert queries_for_few == queries_for_many
    rebuilt, cached = queries_for_many
    assert rebuilt <= 8 and cached < rebuilt


@pytest.mark.django_db
def test_same_number_of_queries_for_a_section(client, library):
    few, many = UserFactory(), UserFactory()
    _bulk_journal(few, 10, library)
    _bulk_journal(many, 3_000, library)
    url = section_url(library.running)
    assert _queries_for(client, few, url, range="all") == _queries_for(
        client, many, url, range="all"
    )


@pytest.mark.django_db
def test_the_cached_page_follows_every_change_to_the_journal(client, user, library):
    dream(user, ago(30), library.running)
    client.force_login(user)
    assert "Turning to Face It" not in text_of(client.get(URL))

    newer = dream(user, ago(2), library.turning)
    assert "Turning to Face It" in text_of(client.get(URL))

    newer.soft_delete()
    assert "Turning to Face It" not in text_of(client.get(URL))

    newer.restore()
    assert "Turning to Face It" in text_of(client.get(URL))

    newer.interpretation = library.running
    newer.save()
    assert "Turning to Face It" not in text_of(client.get(URL))


@pytest.mark.django_db
def test_going_back_restores_the_whole_page_not_the_region(client, user, library):
    dream(user, ago(3), library.running)
    client.force_login(user)
    headers = {"HX-Request": "true", "HX-History-Restore-Request": "true"}
    html = client.get(URL, {"range": "all"}, headers=headers).content.decode()
    assert "<html" in html and 'aria-label="Main"' in html


@pytest.mark.django_db
@pytest.mark.parametrize("odd_digits", ["²", "١٢"])
def test_unicode_digits_in_a_section_address_are_a_404(client, user, odd_digits):
    client.force_login(user)
    assert client.get(f"{URL}{odd_digits}/").status_code == 404
