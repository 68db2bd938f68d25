"""The entry form as a half-awake person uses it (issue 14): confident tags start ticked, chips
keep their places, intensity stays unset unless set, titles end at a word, the interpretation
menu names its suggestion, the library is a picker, and the time-zone menu is short."""

import datetime as dt
import json
import uuid

import pytest
from django.urls import reverse

from accounts.forms import ProfileForm
from accounts.time_zones import is_known_zone, place_name, zone_choices
from interpretations.matching import InterpretationMatch, InterpretationRef, MatchResult, TagMatch
from interpretations.matching import Tag as MatchedTag
from interpretations.models import Tag, TagKind
from journal.exporting import export_csv, export_markdown, export_text
from journal.importing import import_dreams, read_import_data
from journal.models import Entry, Origin, Profile, shortened
from journal.tagging import KEEP_PROBABILITY, keeps_by_default, kept_by_default, suggest

CHASE_DREAM = (
    "Running down a dark road away from a man with no face. No matter how fast I ran he "
    "stayed right behind me."
)
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def library(catalog):
    return catalog


def post_data(**fields) -> dict:
    data = {
        "narrative": CHASE_DREAM,
        "night": "2026-11-01",
        "interpretation_choice": "auto",
        "submission_token": str(uuid.uuid4()),
    }
    data.update(fields)
    return {key: value for key, value in data.items() if value is not None}


def chip_ids(response, kind: TagKind | None = None) -> list[int]:
    chips = response.context["panel"].chips
    kinds = [kind] if kind else list(TagKind)
    return [chip.tag_id for k in kinds for chip in chips[k]]


def checked_ids(response) -> set[int]:
    return {
        chip.tag_id
        for chips in response.context["panel"].chips.values()
        for chip in chips
        if chip.checked
    }


# --- The rule: pure, no database -------------------------------------------------------------


def _match(key: str, interpretation: str = "chase", score: float = 0.8) -> TagMatch:
    return TagMatch(MatchedTag(key, "scenario", key, "", interpretation), score, (key,))


def _result(probability: float, reasons: list[TagMatch], others: list[TagMatch]) -> MatchResult:
    found = InterpretationMatch(
        InterpretationRef("chase", "Chased", "chased.txt"), probability, (), tuple(reasons)
    )
    return MatchResult(found, (*reasons, *others), ())


class TestKeepsByDefault:
    def test_a_reason_for_a_confident_interpretation_is_kept(self):
        reason = _match("behind")
        assert keeps_by_default(reason, _result(KEEP_PROBABILITY, [reason], []))

    def test_below_the_probability_nothing_is_kept(self):
        reason = _match("behind")
        assert not keeps_by_default(reason, _result(KEEP_PROBABILITY - 0.01, [reason], []))

    def test_a_suggestion_that_is_no_reason_is_left_open(self):
        reason, other = _match("behind"), _match("legs free", "free-running", 1.0)
        assert not keeps_by_default(other, _result(0.99, [reason], [other]))

    def test_no_interpretation_keeps_nothing(self):
        lone = _match("behind")
        assert not keeps_by_default(lone, MatchResult(None, (lone,), ()))

    def test_suggestions_already_shown_are_the_users_to_tick(self):
        reason, also = _match("behind"), _match("road")
        result = _result(0.95, [reason, also], [])
        assert kept_by_default(result) == {"behind", "road"}
        assert kept_by_default(result, {"behind"}) == {"road"}


# --- Confident tags start ticked: the form, the save and the import --------------------------


@pytest.mark.django_db
class TestTickedByDefault:
    def test_the_chase_dream_has_a_confident_suggestion_today(self, library):
        result = suggest(CHASE_DREAM)
        assert result.interpretation is not None
        assert any(keeps_by_default(match, result) for match in result.scenarios)

    def test_confident_chips_start_ticked_and_the_form_says_so(self, signed_in, library):
        response = signed_in.post(reverse("entry_create"), post_data(action="suggest"), **HTMX)
        result = suggest(CHASE_DREAM)
        expected = {
            m.tag.key for m in (*result.scenarios, *result.markers) if keeps_by_default(m, result)
        }
        assert expected and checked_ids(response) == expected
        html = response.content.decode()
        assert "Ticked ones are kept; untick any that don" in html
        for pk in chip_ids(response):
            assert f'<input type="hidden" name="shown" value="{pk}">' in html

    def test_saving_before_the_panel_caught_up_keeps_the_confident_ones(self, signed_in, library):
        assert signed_in.post(reverse("entry_create"), post_data()).status_code == 302
        entry = Entry.objects.get()
        result = suggest(CHASE_DREAM)
        kept = set(entry.tags.filter(accepted=True).values_list("tag_id", flat=True))
        assert kept == kept_by_default(result) and kept
        assert entry.tags.filter(accepted=False).exists()  # the others are left open

    def test_a_chip_the_user_unticked_stays_unticked(self, signed_in, library):
        preview = signed_in.post(reverse("entry_create"), post_data(action="suggest"), **HTMX)
        shown = chip_ids(preview)
        scenarios = [pk for pk in chip_ids(preview, TagKind.SCENARIO) if pk in checked_ids(preview)]
        markers = [pk for pk in chip_ids(preview, TagKind.MARKER) if pk in checked_ids(preview)]
        unticked, ticked = scenarios[0], scenarios[1:]
        kept = post_data(shown=shown, scenarios=ticked, markers=markers)
        refreshed = signed_in.post(reverse("entry_create"), kept | {"action": "suggest"}, **HTMX)
        assert unticked not in checked_ids(refreshed)
        assert set(markers) <= checked_ids(refreshed)
        signed_in.post(reverse("entry_create"), kept)
        entry = Entry.objects.get()
        assert not entry.tags.get(tag_id=unticked).accepted

    def test_an_import_keeps_what_the_form_would_tick(self, user, library):
        data = json.dumps(
            {
                "format": "dream-journal",
                "version": 2,
                "entries": [{"night": "2026-10-01", "narrative": CHASE_DREAM}],
            }
        ).encode()
        from interpretations.library import current_matcher

        read = read_import_data(data, "dreams.json", "json", dt.date(2026, 11, 2))
        import_dreams(user, read, current_matcher())
        entry = Entry.objects.get(user=user)
        kept = set(entry.tags.filter(accepted=True).values_list("tag_id", flat=True))
        assert kept == kept_by_default(suggest(CHASE_DREAM))
        assert entry.intensity is None  # imports leave it unset


@pytest.mark.django_db
class TestStableChips:
    def test_chips_already_shown_keep_their_places(self, signed_in, library):
        preview = signed_in.post(reverse("entry_create"), post_data(action="suggest"), **HTMX)
        order = list(reversed(chip_ids(preview, TagKind.SCENARIO)))
        assert len(order) >= 2
        refreshed = signed_in.post(
            reverse("entry_create"),
            post_data(action="suggest", shown=order, narrative=CHASE_DREAM + " I woke up."),
            **HTMX,
        )
        assert chip_ids(refreshed, TagKind.SCENARIO)[: len(order)] == order

    def test_new_chips_come_after_the_ones_shown(self, signed_in, library):
        first = signed_in.post(
            reverse("entry_create"),
            post_data(action="suggest", narrative="A man with no face stayed right behind me."),
            **HTMX,
        )
        shown = chip_ids(first)
        later = signed_in.post(
            reverse("entry_create"), post_data(action="suggest", shown=shown), **HTMX
        )
        ids = chip_ids(later, TagKind.SCENARIO)
        still_there = [pk for pk in ids if pk in shown]
        assert ids[: len(still_there)] == still_there

    @pytest.mark.parametrize(
        "shown", [["abc"], ["-1"], ["9" * 30], ["١٢"], [""], [str(n) for n in range(500)]]
    )
    def test_shown_ids_that_are_no_ids_are_ignored(self, signed_in, library, shown):
        response = signed_in.post(
            reverse("entry_create"), post_data(action="suggest", shown=shown), **HTMX
        )
        assert response.status_code == 200
        saved = signed_in.post(reverse("entry_create"), post_data(shown=shown))
        assert saved.status_code == 302

    def test_another_users_entry_cannot_be_refreshed(self, signed_in, other_user, library):
        theirs = Entry.objects.create(user=other_user, night=dt.date(2026, 11, 1), narrative="x")
        url = reverse("entry_edit", args=[theirs.pk])
        response = signed_in.post(url, post_data(action="suggest", shown=["1"]), **HTMX)
        assert response.status_code == 404


# --- Intensity: unset means unset --------------------------------------------------------------


@pytest.mark.django_db
class TestIntensity:
    def test_a_dream_saved_without_it_has_none_and_shows_none(self, signed_in, library):
        signed_in.post(reverse("entry_create"), post_data())
        entry = Entry.objects.get()
        assert entry.intensity is None
        html = signed_in.get(entry.get_absolute_url()).content.decode()
        assert "Intensity" not in html

    def test_a_set_intensity_is_shown(self, signed_in, library):
        signed_in.post(reverse("entry_create"), post_data(intensity="4"))
        entry = Entry.objects.get()
        assert entry.intensity == 4
        assert "Intensity 4/5" in signed_in.get(entry.get_absolute_url()).content.decode()

    def test_the_form_starts_with_nothing_chosen_but_skip(self, signed_in, library):
        html = signed_in.get(reverse("entry_create")).content.decode()
        assert 'name="intensity" value="" required' not in html
        assert 'name="intensity" value="3" checked' not in html.replace('id="id_intensity_3" ', "")

    @pytest.mark.parametrize("value", ["0", "6", "three", "3.5"])
    def test_out_of_range_is_refused_with_a_message(self, signed_in, library, value):
        response = signed_in.post(reverse("entry_create"), post_data(intensity=value))
        assert response.status_code == 200
        assert "Intensity goes from 1 (faint) to 5 (overwhelming)." in response.content.decode()
        assert not Entry.objects.exists()

    def test_exports_leave_it_out_when_unset(self, user, db):
        Entry.objects.create(user=user, night=dt.date(2026, 10, 1), narrative="Falling.")
        assert "Intensity" not in export_markdown(user)
        assert json.loads(export_text(user, "json"))["entries"][0]["intensity"] is None
        header, row = export_csv(user).splitlines()[:2]
        columns = header.split(",")
        assert row.split(",")[columns.index("intensity")] == ""


# --- Titles, the delete message, the interpretation menu, the library picker ---------------------


class TestShortened:
    def test_cuts_at_a_word_with_an_ellipsis(self):
        text = "I was running through a market square and the stalls kept folding into a maze"
        assert shortened(text, 40) == "I was running through a market square…"

    def test_short_text_is_left_whole(self):
        assert shortened("A short dream", 70) == "A short dream"

    def test_a_single_long_word_is_cut(self):
        assert shortened("x" * 100, 10) == "x" * 9 + "…"

    def test_never_ends_on_a_comma(self):
        assert shortened("one, two, three, four, five, six", 12) == "one, two…"


@pytest.mark.django_db
def test_automatic_titles_end_at_a_word(user):
    entry = Entry(
        user=user,
        night=dt.date(2026, 11, 1),
        narrative="I was running through a marketplace that kept stretching on and on without "
        "end. Then I woke.",
    )
    assert entry.display_title.endswith("…")
    assert entry.display_title[:-1] in entry.narrative
    assert entry.narrative[len(entry.display_title) - 1] == " "


@pytest.mark.django_db
def test_after_a_delete_the_dream_is_named_once(signed_in, user, library):
    signed_in.post(reverse("entry_create"), post_data(title="The faceless man"), follow=True)
    entry = Entry.objects.get()
    response = signed_in.post(reverse("entry_delete", args=[entry.pk]), follow=True)
    html = response.content.decode()
    assert html.count("The faceless man") == 1
    assert 'class="messages"' not in html


@pytest.mark.django_db
class TestInterpretationMenu:
    def test_names_the_suggested_one(self, signed_in, library):
        response = signed_in.post(reverse("entry_create"), post_data(action="suggest"))
        title = response.context["panel"].interpretation.title
        assert f'<option value="auto" selected>Suggested: {title}</option>' in (
            response.content.decode()
        )

    def test_the_htmx_refresh_renames_it_out_of_band(self, signed_in, library):
        response = signed_in.post(reverse("entry_create"), post_data(action="suggest"), **HTMX)
        html = response.content.decode()
        assert 'id="interpretation-field" hx-swap-oob="true"' in html
        assert "Suggested: Chased" in html
        assert "<html" not in html

    def test_before_any_text_it_says_none_fits_yet(self, signed_in, library):
        html = signed_in.get(reverse("entry_create")).content.decode()
        assert "Suggested: none fits so far" in html


@pytest.mark.django_db
class TestLibraryPicker:
    def test_is_grouped_checkboxes_with_a_filter_that_needs_javascript(self, signed_in, library):
        html = signed_in.get(reverse("entry_create")).content.decode()
        assert html.count("data-library-picker") == len(TagKind)
        assert 'type="checkbox" name="add_scenarios"' in html
        assert '<select name="add_scenarios"' not in html
        assert "data-library-filter hidden" in html
        first = library.order_by("title").first()
        assert f"<legend>{first.title}</legend>" in html.replace("&#x27;", "'")

    def test_a_tag_added_from_the_library_is_kept_as_the_users(self, signed_in, library):
        tag = Tag.objects.filter(kind=TagKind.SCENARIO, label__icontains="treadmill").first()
        signed_in.post(reverse("entry_create"), post_data(add_scenarios=[tag.pk]))
        entry_tag = Entry.objects.get().tags.get(tag=tag)
        assert entry_tag.accepted and entry_tag.origin == Origin.USER

    @pytest.mark.parametrize("value", ["999999", "abc", "9" * 40])
    def test_an_unknown_tag_is_refused_with_a_message(self, signed_in, library, value):
        response = signed_in.post(reverse("entry_create"), post_data(add_scenarios=[value]))
        assert response.status_code == 200 and not Entry.objects.exists()
        assert "is not in the library" in response.content.decode() or "is not a scenario id" in (
            response.content.decode()
        )

    def test_the_picker_opens_when_something_is_chosen(self, signed_in, library):
        tag = Tag.objects.filter(kind=TagKind.SCENARIO).first()
        response = signed_in.post(
            reverse("entry_create"), post_data(action="suggest", add_scenarios=[tag.pk])
        )
        html = response.content.decode()
        assert "data-library-picker open" in html
        assert f'value="{tag.pk}" id="id_add_scenarios_' in html


@pytest.mark.django_db
def test_the_dream_box_is_focused_and_save_is_in_the_sticky_bar(signed_in, user, library):
    html = signed_in.get(reverse("entry_create")).content.decode()
    assert 'name="narrative"' in html and "autofocus" in html
    assert 'class="form-actions form-actions-sticky"' in html
    entry = Entry.objects.create(user=user, night=dt.date(2026, 11, 1), narrative="Falling.")
    edit = signed_in.get(reverse("entry_edit", args=[entry.pk])).content.decode()
    assert "autofocus" not in edit


# --- The time-zone menu ---------------------------------------------------------------------------


class TestTimeZones:
    def test_common_first_then_regions_without_aliases_or_system_names(self):
        groups = zone_choices()
        assert groups[0][0] == "Common" and groups[0][1][0] == ("UTC", "UTC")
        names = [zone for _, options in groups[1:] for zone, _ in options]
        for unwanted in ("Factory", "localtime", "US/Eastern", "Asia/Calcutta", "Etc/GMT+5"):
            assert unwanted not in names
        assert "Asia/Kolkata" in names and "Europe/Paris" in names
        assert [label for label, _ in groups[1:4]] == ["Africa", "Americas", "Antarctica"]
        assert len(names) < 450

    def test_places_read_as_places(self):
        assert place_name("America/Argentina/Buenos_Aires") == "Argentina – Buenos Aires"

    def test_a_browsers_alias_is_known_but_system_names_are_not(self):
        assert is_known_zone("Asia/Calcutta") and is_known_zone("UTC")
        for name in ("Factory", "localtime", "Etc/GMT+5", "Mars/Olympus", ""):
            assert not is_known_zone(name)


@pytest.mark.django_db
class TestTimeZoneSettings:
    def test_the_menu_is_grouped_and_offers_the_browsers_zone_when_unset(self, signed_in):
        html = signed_in.get(reverse("account_settings")).content.decode()
        assert '<optgroup label="Common">' in html and '<optgroup label="Europe">' in html
        assert 'data-browser-zone="offer"' in html and "js/time-zone.js" in html
        assert ">Factory<" not in html and ">localtime<" not in html

    def test_a_chosen_zone_is_not_replaced(self, signed_in, user):
        signed_in.post(reverse("account_settings"), {"time_zone": "Europe/Paris"})
        html = signed_in.get(reverse("account_settings")).content.decode()
        assert 'data-browser-zone="offer"' not in html
        assert '<option value="Europe/Paris" selected>' in html

    def test_a_browsers_alias_is_saved(self, signed_in, user):
        response = signed_in.post(reverse("account_settings"), {"time_zone": "Asia/Calcutta"})
        assert response.status_code == 302
        assert Profile.for_user(user).time_zone == "Asia/Calcutta"

    @pytest.mark.parametrize("zone", ["Factory", "localtime", "Etc/GMT+5", "x" * 500])
    def test_system_names_are_refused(self, signed_in, user, zone):
        response = signed_in.post(reverse("account_settings"), {"time_zone": zone})
        assert "is not a time zone we know" in response.content.decode()
        assert Profile.for_user(user).time_zone == "UTC"

    def test_an_old_zone_already_saved_stays_valid(self, user):
        profile = Profile.for_user(user)
        profile.time_zone = "US/Eastern"
        profile.save()
        form = ProfileForm({"time_zone": "US/Eastern"}, instance=profile)
        assert form.is_valid()
        assert form.fields["time_zone"].choices[0] == ("Your zone", [("US/Eastern", "US/Eastern")])
