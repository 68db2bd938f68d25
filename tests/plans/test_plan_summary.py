"""The summary for an appointment: one printable page and a CSV, for a chosen range."""

import csv
import datetime as dt
import io

import pytest
from django.urls import reverse

from plans.models import RehearsalPlan
from plans.summary import CSV_COLUMNS, summary_for
from tests.factories import UserFactory
from tests.plans.conftest import text_of

URL = reverse("plans:summary")
CSV_URL = reverse("plans:summary_csv")


@pytest.fixture
def plan(journal, library, today):
    plan = RehearsalPlan(
        user=journal,
        interpretation=library.running,
        dream_title=library.running.title,
        new_ending="I turn round.",
        starts_on=today - dt.timedelta(days=7),
    )
    plan.save_version()
    plan.rehearse(today - dt.timedelta(days=3))
    return plan


def range_of(today, weeks=4, **extra):
    return {
        "start": (today - dt.timedelta(weeks=weeks)).isoformat(),
        "end": today.isoformat(),
        **extra,
    }


class TestSummaryFor:
    def test_figures(self, journal, plan, today):
        start = today - dt.timedelta(weeks=4)
        summary = summary_for(journal, today, start=start, end=today, include_notes=False)
        assert summary.dreams == 5 and summary.nights == 5
        assert sorted(summary.ratings) == [1, 3, 4, 4]
        assert [row.dream.title for row in summary.recurring] == [
            "Running Hard but Going Nowhere",
            "the corridor stretched as I ran",
        ]
        assert summary.recurring[0].nights_in_range == 4
        assert summary.recurring[0].mean_distress == pytest.approx(11 / 3)
        [item] = summary.plans
        assert item.rehearsals_in_range == 1
        assert item.progress.after.nights == 2  # 6 and 2 days ago
        assert summary.notes is None

    def test_a_long_range_has_a_row_a_month(self, journal, today):
        start = dt.date(today.year - 1, 1, 15)
        summary = summary_for(journal, today, start=start, end=today, include_notes=False)
        assert summary.unit == "month"
        first, second = summary.rows[:2]
        assert (first.start, first.end) == (start, dt.date(today.year - 1, 1, 31))
        february, march = dt.date(today.year - 1, 2, 1), dt.date(today.year - 1, 3, 1)
        assert (second.start, second.days) == (february, (march - february).days)
        assert summary.rows[-1].end == today
        assert summary.nights == 5

    def test_a_range_before_the_plan_leaves_it_out(self, journal, plan, today):
        end = today - dt.timedelta(days=10)
        summary = summary_for(
            journal, today, start=end - dt.timedelta(days=20), end=end, include_notes=True
        )
        assert summary.plans == []
        assert [note.text for note in summary.notes] == [
            "Deadline, 20 days ago",
            "Deadline, 13 days ago",
        ]


class TestSummaryPage:
    def test_the_form_alone_at_first(self, client, journal):
        client.force_login(journal)
        html = text_of(client.get(URL))
        assert "Show the summary" in html and "Week by week" not in html

    def test_the_summary_without_notes_unless_ticked(self, client, journal, plan, today):
        client.force_login(journal)
        html = text_of(client.get(URL, range_of(today)))
        assert "Week by week" in html
        assert "Running Hard but Going Nowhere" in html
        assert "Rehearsal plans (imagery rehearsal)" in html
        assert "Deadline" not in html
        html = text_of(client.get(URL, range_of(today, include_notes="on")))
        assert "Deadline, 13 days ago" in html

    def test_an_end_before_the_start(self, client, journal, today):
        client.force_login(journal)
        data = {"start": today.isoformat(), "end": (today - dt.timedelta(days=1)).isoformat()}
        html = text_of(client.get(URL, data))
        assert "The end of the range is before its start." in html
        assert "Week by week" not in html
        response = client.get(CSV_URL, data)
        assert response.status_code == 400
        assert "The end of the range is before its start." in response.content.decode()

    @pytest.mark.parametrize(
        "data",
        [{"start": "yesterday", "end": "2026-01-01"}, {"start": "1000-01-01", "end": "2026-01-01"}],
    )
    def test_bad_dates_and_too_long_a_range(self, client, journal, data):
        client.force_login(journal)
        response = client.get(URL, data)
        assert response.status_code == 200
        assert 'class="errorlist' in response.content.decode()

    def test_only_the_users_own_dreams(self, client, journal, plan, today):
        client.force_login(UserFactory())
        html = text_of(client.get(URL, range_of(today, include_notes="on")))
        assert "Running Hard" not in html and "Deadline" not in html

    def test_anonymous_and_wrong_method(self, client, user):
        assert client.get(URL).url.startswith(reverse("login"))
        assert client.get(CSV_URL).url.startswith(reverse("login"))
        client.force_login(user)
        assert client.post(URL).status_code == 405
        assert client.post(CSV_URL).status_code == 405


class TestSummaryCsv:
    def test_rows(self, client, journal, plan, today):
        client.force_login(journal)
        response = client.get(CSV_URL, range_of(today, include_notes="on"))
        assert response["Content-Type"] == "text/csv; charset=utf-8"
        assert "attachment;" in response["Content-Disposition"]
        rows = list(csv.reader(io.StringIO(response.content.decode())))
        assert rows[0] == CSV_COLUMNS
        sections = [row[0] for row in rows[1:]]
        assert sections.count("week") == 5  # four weeks and a day
        assert "recurring dream" in sections
        assert "rehearsal plan, before the start" in sections
        assert "rehearsal plan, since the start" in sections
        assert sections.count("waking life") == 4

    def test_notes_stay_out_unless_ticked_and_formulas_are_inert(
        self, client, journal, library, today
    ):
        from tests.plans.conftest import dream

        dream(journal, today, library.running, waking_life="=HYPERLINK(1)")
        client.force_login(journal)
        body = client.get(CSV_URL, range_of(today)).content.decode()
        assert "waking life" not in body and "HYPERLINK" not in body
        body = client.get(CSV_URL, range_of(today, include_notes="on")).content.decode()
        assert "'=HYPERLINK(1)" in body
