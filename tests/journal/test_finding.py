"""Finding old dreams (issue 14): the calendar's month jump, the journal's span, the
interpretation filter of this journal only, and a reversed date range."""

import datetime as dt

import pytest
from django.urls import reverse

from interpretations.models import Interpretation
from journal.models import EARLIEST_NIGHT, Entry, Profile
from journal.query_forms import CalendarMonthForm

HTMX = {"HTTP_HX_REQUEST": "true"}
TODAY = dt.date(2026, 11, 29)
LAST_NIGHT = TODAY - dt.timedelta(days=1)


def entry_for(user, night: dt.date, **fields) -> Entry:
    return Entry.objects.create(user=user, night=night, narrative=f"A dream of {night}.", **fields)


def interpretation(title: str) -> Interpretation:
    return Interpretation.objects.create(title=title, source=f"{title.lower()}.txt", published=True)


class TestCalendarMonthForm:
    @pytest.mark.parametrize(
        "value, month",
        [("1995-03", dt.date(1995, 3, 1)), ("", dt.date(2026, 11, 1)), ("1900-01", EARLIEST_NIGHT)],
    )
    def test_reads_a_month(self, value, month):
        form = CalendarMonthForm({"month": value}, today=TODAY, last_night=LAST_NIGHT)
        assert form.is_valid() and form.cleaned_data["month"] == month

    def test_absent_is_last_nights_month(self):
        form = CalendarMonthForm({}, today=TODAY, last_night=LAST_NIGHT)
        assert form.is_valid() and form.cleaned_data["month"] == dt.date(2026, 11, 1)
        # on the first of a month, last night's dream is in the month before
        first = dt.date(2026, 12, 1)
        form = CalendarMonthForm({}, today=first, last_night=first - dt.timedelta(days=1))
        assert form.is_valid() and form.cleaned_data["month"] == dt.date(2026, 11, 1)

    @pytest.mark.parametrize(
        "value, message",
        [
            ("1995-3", "is not a month: months are written like 2026-03"),
            ("March 1995", "is not a month"),
            ("1995-13", "is not a month"),
            ("1899-12", "The calendar goes from January 1900 to November 2026"),
            ("2026-12", "is outside it"),
            ("x" * 5000, "is not a month"),
        ],
    )
    def test_a_bad_month_says_why(self, value, message):
        form = CalendarMonthForm({"month": value}, today=TODAY, last_night=LAST_NIGHT)
        assert not form.is_valid()
        assert message in form.errors["month"][0]
        assert len(form.errors["month"][0]) < 200


@pytest.mark.django_db
class TestCalendarJump:
    def test_jumps_to_a_month_decades_back(self, signed_in, user):
        entry_for(user, dt.date(1995, 3, 12), title="The flooded school")
        response = signed_in.get(reverse("calendar"), {"month": "1995-03"})
        html = response.content.decode()
        assert response.status_code == 200
        assert "The flooded school" in html
        assert 'type="month" id="month-jump" name="month"' in html
        assert 'value="1995-03"' in html

    def test_the_jump_swaps_only_the_calendar(self, signed_in, user):
        response = signed_in.get(
            reverse("calendar"), {"month": "1995-03"}, HTTP_HX_TARGET="calendar", **HTMX
        )
        html = response.content.decode()
        assert html.lstrip().startswith('<section id="calendar"') and "<html" not in html

    @pytest.mark.parametrize("value", ["abc", "1995-13", "1850-01", "2999-01", "'<script>"])
    def test_a_bad_month_is_a_clear_400(self, signed_in, value):
        response = signed_in.get(reverse("calendar"), {"month": value})
        html = response.content.decode()
        assert response.status_code == 400
        assert 'role="alert"' in html and "Traceback" not in html
        assert "<script>" not in html

    def test_an_empty_jump_shows_last_nights_month(self, signed_in, user):
        response = signed_in.get(reverse("calendar"), {"month": ""})
        last_night = Profile.for_user(user).last_night()
        assert response.status_code == 200
        assert last_night.strftime("%B %Y") in response.content.decode()

    def test_links_to_the_first_dream(self, signed_in, user):
        entry_for(user, dt.date(1912, 3, 4))
        entry_for(user, dt.date(2026, 11, 1))
        html = signed_in.get(reverse("calendar")).content.decode()
        assert 'href="?month=1912-03"' in html and "March 1912" in html

    def test_another_users_dreams_are_not_counted_or_linked(self, signed_in, user, other_user):
        entry_for(other_user, dt.date(1950, 6, 1), title="Not yours")
        html = signed_in.get(reverse("calendar"), {"month": "1950-06"}).content.decode()
        assert "Not yours" not in html and '1950-06"' not in html.split("month-jump")[0]
        assert "Your first dream" not in html


@pytest.mark.django_db
class TestJournalSpan:
    def test_says_how_many_dreams_from_when_to_today(self, signed_in, user):
        today = Profile.for_user(user).today()
        entry_for(user, dt.date(1912, 3, 4))
        entry_for(user, dt.date(2001, 5, 6))
        entry_for(user, today - dt.timedelta(days=1))
        html = signed_in.get(reverse("home")).content.decode()
        assert "3 dreams, March 1912 – today" in html
        assert 'action="/calendar/"' in html and 'min="1912-03"' in html

    def test_an_old_journal_ends_at_its_last_month(self, signed_in, user):
        entry_for(user, dt.date(1990, 1, 2))
        html = signed_in.get(reverse("home")).content.decode()
        assert "1 dream, January 1990 – January 1990" in html

    def test_counts_neither_deleted_nor_other_users_dreams(self, signed_in, user, other_user):
        from django.utils import timezone

        entry_for(user, dt.date(2020, 1, 1))
        entry_for(user, dt.date(1901, 1, 1), deleted_at=timezone.now())
        entry_for(other_user, dt.date(1902, 1, 1))
        html = signed_in.get(reverse("home")).content.decode()
        assert "1 dream, January 2020" in html and "1901" not in html and "1902" not in html

    def test_an_empty_journal_has_no_span(self, signed_in):
        html = signed_in.get(reverse("home")).content.decode()
        assert "month-jump" not in html


@pytest.mark.django_db
class TestInterpretationFilter:
    def test_lists_only_the_interpretations_of_this_journal(self, signed_in, user, other_user):
        mine, theirs, nobodys = (
            interpretation("Mine"),
            interpretation("Theirs"),
            interpretation("None"),
        )
        entry_for(user, dt.date(2026, 1, 1), interpretation=mine)
        entry_for(other_user, dt.date(2026, 1, 1), interpretation=theirs)
        html = signed_in.get(reverse("home")).content.decode()
        options = html.split('id="filter_interpretation"')[1].split("</select>")[0]
        assert ">Mine<" in options
        assert ">Theirs<" not in options and ">None<" not in options
        assert nobodys.pk

    def test_another_users_interpretation_is_refused_in_the_list(self, signed_in, user, other_user):
        theirs = interpretation("Theirs")
        entry_for(other_user, dt.date(2026, 1, 1), interpretation=theirs)
        entry_for(user, dt.date(2026, 1, 2), title="Still listed")
        response = signed_in.get(
            reverse("home"),
            {"interpretation": theirs.pk},
            HTTP_HX_TARGET="journal-list",
            **HTMX,
        )
        html = response.content.decode()
        assert "Interpretation: No dream in your journal has that interpretation." in html
        assert "Still listed" in html  # an invalid filter is reported, not applied


@pytest.mark.django_db
class TestReversedDates:
    def test_says_so_and_applies_neither_date(self, signed_in, user):
        entry_for(user, dt.date(2026, 1, 10), title="Early")
        entry_for(user, dt.date(2026, 3, 10), title="Late")
        response = signed_in.get(reverse("home"), {"start": "2026-03-01", "end": "2026-02-01"})
        html = response.content.decode()
        assert "The dates are the wrong way round" in html
        assert "1 February 2026" in html and "1 March 2026" in html
        assert "Early" in html and "Late" in html
        assert html.count("The dates are the wrong way round") == 1

    def test_an_htmx_update_of_the_list_carries_the_message(self, signed_in, user):
        response = signed_in.get(
            reverse("home"),
            {"start": "2026-03-01", "end": "2026-02-01"},
            HTTP_HX_TARGET="journal-list",
            **HTMX,
        )
        html = response.content.decode()
        assert "<html" not in html and 'role="alert"' in html
        assert "The dates are the wrong way round" in html

    def test_a_date_that_is_none_is_named(self, signed_in):
        html = signed_in.get(reverse("home"), {"start": "2026-02-31"}).content.decode()
        assert "From: Enter a valid date." in html

    def test_dates_in_order_filter(self, signed_in, user):
        entry_for(user, dt.date(2026, 1, 10), title="Early")
        entry_for(user, dt.date(2026, 3, 10), title="Late")
        html = signed_in.get(
            reverse("home"), {"start": "2026-03-01", "end": "2026-03-31"}
        ).content.decode()
        assert "Late" in html and "Early" not in html and "wrong way round" not in html
