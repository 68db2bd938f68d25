"""The journal's entry views: log, suggest, read, edit, delete and undo, calendar."""

import datetime as dt
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from interpretations.models import Interpretation, Tag, TagKind
from journal.models import Entry, EntryTag, Origin, Profile
from journal.querysets import UNDO_WINDOW
from tests.factories import EntryFactory

RUNNING_DREAM = (
    "I was running from something in a dark street but my legs felt like concrete. "
    "The road kept stretching out the faster I ran and I got nowhere."
)
HTMX = {"HTTP_HX_REQUEST": "true"}


def entry_for(user, **fields) -> Entry:
    return EntryFactory(user=user, **({"narrative": "A plain dream about a kitchen."} | fields))


def post_data(**fields) -> dict:
    data = {
        "narrative": RUNNING_DREAM,
        "night": "2026-11-01",
        "intensity": "3",
        "interpretation_choice": "auto",
        "submission_token": str(uuid.uuid4()),
    }
    data.update(fields)
    return {key: value for key, value in data.items() if value is not None}


def edit_data(entry: Entry, **fields) -> dict:
    return post_data(revision=str(entry.revision), submission_token=None, **fields)


class TestAnonymous:
    @pytest.mark.parametrize(
        "name, args",
        [
            ("entry_create", []),
            ("entry_detail", [1]),
            ("entry_edit", [1]),
            ("entry_delete", [1]),
            ("calendar", []),
        ],
    )
    def test_is_sent_to_log_in(self, client, db, name, args):
        url = reverse(name, args=args)
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))

    def test_post_writes_nothing(self, client, db):
        response = client.post(reverse("entry_create"), post_data())
        assert response.status_code == 302
        assert not Entry.objects.exists()

    def test_restore_is_sent_to_log_in(self, client, db):
        assert client.post(reverse("entry_restore", args=[1])).status_code == 302


class TestHome:
    def test_log_form_comes_first_then_the_journal(self, signed_in, user):
        entry_for(user, narrative="The <script>alert(1)</script> dream")
        html = signed_in.get(reverse("home")).content.decode()
        assert html.index('id="entry-form"') < html.index('id="journal-list"')
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
        assert "<script>alert(1)" not in html

    def test_night_defaults_to_last_night_in_the_users_time_zone(self, signed_in, user):
        Profile.objects.create(user=user, time_zone="Pacific/Kiritimati")
        profile = Profile.for_user(user)
        html = signed_in.get(reverse("home")).content.decode()
        assert f'value="{profile.last_night().isoformat()}"' in html

    def test_newest_first_and_paginated(self, signed_in, user):
        for day in range(1, 26):
            entry_for(user, night=dt.date(2026, 10, day), title=f"Night {day}")
        html = signed_in.get(reverse("home")).content.decode()
        assert html.index("Night 25") < html.index("Night 24")
        assert "Night 5<" not in html and "Page 1 of 2" in html
        second = signed_in.get(reverse("home"), {"page": 2}).content.decode()
        assert "Night 5<" in second

    def test_other_users_entries_and_deleted_ones_are_hidden(self, signed_in, user, other_user):
        entry_for(other_user, title="Not yours")
        entry_for(user, title="Gone", deleted_at=timezone.now())
        html = signed_in.get(reverse("home")).content.decode()
        assert "Not yours" not in html and "Gone" not in html

    def test_htmx_filter_returns_only_the_list(self, signed_in, user):
        entry_for(user, title="Kitchen")
        response = signed_in.get(
            reverse("home"), {"q": "kitchen"}, HTTP_HX_TARGET="journal-list", **HTMX
        )
        html = response.content.decode()
        assert html.lstrip().startswith('<div id="journal-list"')
        assert "Kitchen" in html and "<html" not in html

    def test_bad_filters_are_reported_not_applied(self, signed_in, user):
        entry_for(user, title="Kitchen")
        response = signed_in.get(
            reverse("home"), {"start": "not-a-date", "interpretation": "999999"}
        )
        html = response.content.decode()
        assert response.status_code == 200
        assert "Enter a valid date" in html
        assert "No dream in your journal has that interpretation" in html
        assert "Kitchen" in html


class TestCreate:
    def test_saves_entry_tags_and_interpretation(self, signed_in, user, catalog):
        preview = signed_in.post(reverse("entry_create"), post_data(action="suggest"), **HTMX)
        chip_ids = [preview.context["panel"].chips[TagKind.SCENARIO][0].tag_id]
        shown = [chip.tag_id for chips in preview.context["panel"].chips.values() for chip in chips]
        response = signed_in.post(
            reverse("entry_create"),
            post_data(scenarios=chip_ids, shown=shown, emotions=["fear", "dread"]),
        )
        entry = Entry.objects.get()
        assert response.status_code == 302 and response.url == entry.get_absolute_url()
        assert entry.user == user and entry.emotions == ["fear", "dread"]
        accepted = entry.tags.get(accepted=True)
        assert accepted.tag_id == chip_ids[0] and accepted.origin == Origin.SUGGESTED
        assert accepted.matched  # the words that triggered it
        assert entry.interpretation is not None
        assert entry.interpretation_origin == Origin.SUGGESTED and entry.interpretation_matched

    def test_double_submit_saves_once(self, signed_in, catalog):
        data = post_data()
        first = signed_in.post(reverse("entry_create"), data)
        second = signed_in.post(reverse("entry_create"), data)
        assert Entry.objects.count() == 1
        assert first.url == second.url

    def test_suggest_without_javascript_returns_the_page_with_the_panel(self, signed_in, catalog):
        response = signed_in.post(reverse("entry_create"), post_data(action="suggest"))
        html = response.content.decode()
        assert response.status_code == 200 and "<html" in html
        assert 'name="scenarios"' in html and "you wrote" in html
        assert not Entry.objects.exists()

    def test_htmx_suggest_returns_only_the_panel(self, signed_in, catalog):
        response = signed_in.post(reverse("entry_create"), post_data(action="suggest"), **HTMX)
        html = response.content.decode()
        assert html.lstrip().startswith('<section id="suggestions"')
        assert "<html" not in html and 'name="scenarios"' in html
        assert "The interpretation that fits" in html

    def test_unrelated_dream_gets_no_interpretation(self, signed_in, catalog):
        response = signed_in.post(
            reverse("entry_create"),
            post_data(action="suggest", narrative="My teeth fell out during a maths exam."),
            **HTMX,
        )
        assert "No interpretation in the library fits" in response.content.decode()

    def test_user_chooses_another_interpretation_and_adds_library_tags(self, signed_in, catalog):
        chosen = Interpretation.objects.order_by("title").last()
        scenario = chosen.tags.filter(kind=TagKind.SCENARIO).first()
        marker = Tag.objects.filter(kind=TagKind.MARKER).first()
        signed_in.post(
            reverse("entry_create"),
            post_data(
                interpretation_choice=str(chosen.pk),
                add_scenarios=[scenario.pk],
                add_markers=[marker.pk],
            ),
        )
        entry = Entry.objects.get()
        assert entry.interpretation == chosen and entry.interpretation_origin == Origin.USER
        entry_tag = entry.tags.get(tag=scenario)
        assert entry_tag.accepted and entry_tag.origin in (Origin.USER, Origin.SUGGESTED)
        assert entry.tags.get(tag=marker).accepted

    def test_user_clears_the_interpretation(self, signed_in, catalog):
        signed_in.post(reverse("entry_create"), post_data(interpretation_choice="none"))
        entry = Entry.objects.get()
        assert entry.interpretation is None and entry.interpretation_origin == Origin.USER

    @pytest.mark.parametrize(
        "fields, message",
        [
            ({"narrative": ""}, "Write down the dream"),
            ({"narrative": "   "}, "Write down the dream"),
            ({"narrative": "x" * 20_001}, "up to 20,000 characters"),
            ({"night": "2999-01-01"}, "has not happened yet"),
            ({"night": "1899-12-31"}, "before 1900"),
            ({"night": "yesterday"}, "Enter a valid date"),
            ({"emotions": ["fear", "boredom"]}, "is not one of the emotions offered"),
            ({"intensity": "9"}, "Intensity goes from 1"),
            ({"intensity": "0"}, "Intensity goes from 1"),
            ({"scenarios": ["99999999"]}, "is not in the library"),
            ({"markers": ["abc"]}, "is not a body sensation id"),
            ({"add_scenarios": ["99999999"]}, "is not in the library"),
            ({"interpretation_choice": "99999999"}, "is not in the library"),
        ],
    )
    def test_bad_input_is_explained_and_nothing_is_written(
        self, signed_in, catalog, fields, message
    ):
        response = signed_in.post(reverse("entry_create"), post_data(**fields))
        assert response.status_code == 200
        assert message in response.content.decode()
        assert not Entry.objects.exists() and not EntryTag.objects.exists()

    def test_wrong_method(self, signed_in):
        assert signed_in.put(reverse("entry_create")).status_code == 405


class TestDetail:
    def test_owner_sees_the_dream_tags_and_interpretation_explained(self, signed_in, catalog):
        signed_in.post(reverse("entry_create"), post_data())
        entry = Entry.objects.get()
        scenario_tag = entry.tags.filter(tag__kind=TagKind.SCENARIO).first()
        scenario_tag.accepted = True
        scenario_tag.save()
        html = signed_in.get(entry.get_absolute_url()).content.decode()
        assert entry.interpretation.title in html
        assert "Why:" in html and "you wrote" in html
        assert entry.interpretation.key_sentence[:40] in html
        assert scenario_tag.tag.meaning[:40] in html
        assert "Where this dream can go next" in html

    def test_saved_page_tells_the_browser_to_forget_the_draft(self, signed_in, user, catalog):
        response = signed_in.post(reverse("entry_create"), post_data(), follow=True)
        assert f'data-draft-clear="dream-journal:draft:{user.pk}:new"' in response.content.decode()
        again = signed_in.get(response.redirect_chain[-1][0]).content.decode()
        assert "data-draft-clear" not in again

    def test_narrative_html_is_shown_as_text(self, signed_in, user):
        entry = entry_for(user, narrative='<img src=x onerror="alert(1)"> and <b>bold</b>')
        html = signed_in.get(entry.get_absolute_url()).content.decode()
        assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in html
        assert "<b>bold</b>" not in html

    def test_other_users_entry_is_not_found(self, signed_in, other_user):
        entry = entry_for(other_user)
        assert signed_in.get(entry.get_absolute_url()).status_code == 404

    def test_deleted_entry_is_not_found(self, signed_in, user):
        entry = entry_for(user, deleted_at=timezone.now())
        assert signed_in.get(entry.get_absolute_url()).status_code == 404

    def test_wrong_method(self, signed_in, user):
        assert signed_in.post(entry_for(user).get_absolute_url()).status_code == 405


class TestEdit:
    def test_edit_keeps_accepted_tags_and_bumps_the_revision(self, signed_in, user, catalog):
        signed_in.post(reverse("entry_create"), post_data())
        entry = Entry.objects.get()
        entry_tag = entry.tags.filter(tag__kind=TagKind.SCENARIO).first()
        response = signed_in.post(
            reverse("entry_edit", args=[entry.pk]),
            edit_data(entry, title="The long road", scenarios=[entry_tag.tag_id]),
        )
        assert response.status_code == 302
        entry.refresh_from_db()
        assert entry.title == "The long road" and entry.revision == 2
        assert entry.tags.get(tag_id=entry_tag.tag_id).accepted

    def test_edit_form_shows_the_saved_tags_checked(self, signed_in, user, catalog):
        signed_in.post(reverse("entry_create"), post_data())
        entry = Entry.objects.get()
        entry_tag = entry.tags.filter(tag__kind=TagKind.SCENARIO).first()
        entry_tag.accepted = True
        entry_tag.save()
        html = signed_in.get(reverse("entry_edit", args=[entry.pk])).content.decode()
        assert f'value="{entry_tag.tag_id}" checked' in html
        assert f'name="revision" value="{entry.revision}"' in html

    def test_stale_save_is_refused_and_keeps_the_text(self, signed_in, user):
        entry = entry_for(user)
        stale = edit_data(entry, narrative="My newer version of the dream.")
        Entry.objects.filter(pk=entry.pk).update(revision=2)
        response = signed_in.post(reverse("entry_edit", args=[entry.pk]), stale)
        html = response.content.decode()
        assert response.status_code == 200
        assert "changed somewhere else" in html and "My newer version of the dream." in html
        entry.refresh_from_db()
        assert entry.narrative == "A plain dream about a kitchen."

    def test_other_users_entry_is_not_found_for_get_post_and_htmx(self, signed_in, other_user):
        entry = entry_for(other_user)
        url = reverse("entry_edit", args=[entry.pk])
        assert signed_in.get(url).status_code == 404
        assert signed_in.post(url, edit_data(entry, narrative="Mine now")).status_code == 404
        assert signed_in.post(url, edit_data(entry, action="suggest"), **HTMX).status_code == 404
        entry.refresh_from_db()
        assert entry.narrative == "A plain dream about a kitchen."

    def test_htmx_suggest_on_edit_returns_only_the_panel(self, signed_in, user, catalog):
        entry = entry_for(user)
        response = signed_in.post(
            reverse("entry_edit", args=[entry.pk]), edit_data(entry, action="suggest"), **HTMX
        )
        assert response.content.decode().lstrip().startswith('<section id="suggestions"')

    def test_bad_input_writes_nothing(self, signed_in, user):
        entry = entry_for(user)
        response = signed_in.post(
            reverse("entry_edit", args=[entry.pk]), edit_data(entry, narrative="", intensity="7")
        )
        assert response.status_code == 200
        entry.refresh_from_db()
        assert entry.narrative == "A plain dream about a kitchen." and entry.revision == 1

    def test_wrong_method(self, signed_in, user):
        entry = entry_for(user)
        assert signed_in.delete(reverse("entry_edit", args=[entry.pk])).status_code == 405


class TestDeleteAndUndo:
    def test_get_asks_first(self, signed_in, user):
        entry = entry_for(user)
        html = signed_in.get(reverse("entry_delete", args=[entry.pk])).content.decode()
        assert "Delete this dream?" in html
        assert Entry.objects.alive().filter(pk=entry.pk).exists()

    def test_delete_hides_then_undo_restores(self, signed_in, user):
        entry = entry_for(user, title="Stairwell")
        response = signed_in.post(reverse("entry_delete", args=[entry.pk]), follow=True)
        html = response.content.decode()
        assert "Undo" in html and reverse("entry_restore", args=[entry.pk]) in html
        assert signed_in.get(entry.get_absolute_url()).status_code == 404
        signed_in.post(reverse("entry_restore", args=[entry.pk]))
        assert signed_in.get(entry.get_absolute_url()).status_code == 200

    def test_after_the_window_it_is_gone(self, signed_in, user):
        entry = entry_for(user, deleted_at=timezone.now() - UNDO_WINDOW - dt.timedelta(seconds=1))
        assert signed_in.post(reverse("entry_restore", args=[entry.pk])).status_code == 404

    def test_other_users_entry(self, signed_in, other_user):
        entry = entry_for(other_user)
        assert signed_in.post(reverse("entry_delete", args=[entry.pk])).status_code == 404
        entry.soft_delete()
        assert signed_in.post(reverse("entry_restore", args=[entry.pk])).status_code == 404
        entry.refresh_from_db()
        assert entry.deleted_at is not None

    def test_wrong_methods(self, signed_in, user):
        entry = entry_for(user)
        assert signed_in.put(reverse("entry_delete", args=[entry.pk])).status_code == 405
        assert signed_in.get(reverse("entry_restore", args=[entry.pk])).status_code == 405


class TestCalendar:
    def test_month_shows_its_nights(self, signed_in, user, other_user):
        entry_for(user, night=dt.date(2026, 10, 3), title="October dream")
        entry_for(user, night=dt.date(2026, 9, 3), title="September dream")
        entry_for(other_user, night=dt.date(2026, 10, 4), title="Someone else")
        html = signed_in.get(reverse("calendar"), {"month": "2026-10"}).content.decode()
        assert "October 2026" in html and "October dream" in html
        assert "September dream" not in html and "Someone else" not in html
        assert 'href="#night-2026-10-03"' in html

    def test_bad_month_is_a_400_showing_last_nights_month(self, signed_in, user):
        response = signed_in.get(reverse("calendar"), {"month": "2026-13"})
        assert response.status_code == 400
        assert "is not a month" in response.content.decode()
        last_night = Profile.for_user(user).last_night()
        assert last_night.strftime("%B %Y") in response.content.decode()

    def test_the_earliest_month_has_no_previous_link(self, signed_in):
        html = signed_in.get(reverse("calendar"), {"month": "1900-01"}).content.decode()
        assert 'rel="prev"' not in html

    def test_htmx_returns_only_the_calendar(self, signed_in):
        response = signed_in.get(
            reverse("calendar"), {"month": "2026-10"}, HTTP_HX_TARGET="calendar", **HTMX
        )
        assert response.content.decode().lstrip().startswith('<section id="calendar"')

    def test_wrong_method(self, signed_in):
        assert signed_in.post(reverse("calendar")).status_code == 405


@pytest.mark.django_db
def test_the_filter_never_lists_another_editors_draft(signed_in, catalog):
    draft = catalog.first()
    draft.published = False
    draft.save()
    html = signed_in.get(reverse("home")).content.decode()
    assert catalog.exclude(pk=draft.pk).first().title.replace("'", "&#x27;") in html
    assert draft.title.replace("'", "&#x27;") not in html


@pytest.mark.django_db
def test_an_entry_never_names_itself_by_the_dream(user):
    entry = entry_for(user, night=dt.date(2026, 1, 1))
    assert entry.narrative[:12] not in str(entry)


@pytest.mark.django_db
def test_unicode_digits_as_an_interpretation_choice_are_a_form_error(signed_in, catalog):
    response = signed_in.post(reverse("entry_create"), post_data(interpretation_choice="²"))
    assert response.status_code == 200
    assert "is not in the library" in response.content.decode()
    assert not Entry.objects.exists()


@pytest.mark.django_db
def test_the_entry_page_links_only_to_published_interpretations(signed_in, catalog):
    signed_in.post(reverse("entry_create"), post_data())
    entry = Entry.objects.get()
    url = entry.interpretation.get_absolute_url()
    assert url in signed_in.get(entry.get_absolute_url()).content.decode()
    entry.interpretation.published = False
    entry.interpretation.save()
    html = signed_in.get(entry.get_absolute_url()).content.decode()
    assert entry.interpretation.title.replace("'", "&#x27;") in html
    assert f'href="{url}"' not in html
