"""Inputs from the query string, path and forms that once reached a traceback (issue 17): each
gets a clear answer, the same on SQLite and PostgreSQL."""

import pytest
from django.test import Client
from django.urls import reverse

from journal.models import NARRATIVE_MAX_LENGTH, Entry
from journal.views import SUGGESTION_RATES
from tests.journal.test_entry_views import post_data as entry_data

HUGE_ID = "99999999999999999999999"
# Longer than Python converts to an int without complaint (4,300 digits).
ENDLESS_ID = "9" * 5000


@pytest.mark.django_db
class TestOutOfRangeQueries:
    @pytest.mark.parametrize(
        "month",
        ["9999-12", "0001-01", "1899-12", "2999-01", "2024-13", "2024-00", "junk", "２０２４-０１"],
    )
    def test_a_month_outside_the_calendar_is_a_400_that_says_why(self, signed_in, month):
        response = signed_in.get(reverse("calendar"), {"month": month})
        assert response.status_code == 400
        assert "month" in response.content.decode().lower()

    def test_a_month_in_range_is_shown(self, signed_in):
        assert signed_in.get(reverse("calendar"), {"month": "1900-01"}).status_code == 200

    @pytest.mark.parametrize(
        "query",
        [
            {"interpretation": HUGE_ID},
            {"scenario": HUGE_ID},
            {"marker": HUGE_ID},
            {"interpretation": ENDLESS_ID},
            {"scenario": ENDLESS_ID},
            {"start": "9999-12-31", "end": "9999-12-31"},
            {"page": HUGE_ID},
        ],
    )
    def test_journal_filters_out_of_range(self, signed_in, query):
        assert signed_in.get(reverse("home"), query).status_code == 200

    @pytest.mark.parametrize("pk", [HUGE_ID, ENDLESS_ID])
    def test_patterns_with_a_huge_interpretation_id(self, signed_in, pk):
        response = signed_in.get(reverse("patterns_section", args=[pk]))
        assert response.status_code == 404

    def test_entry_paths_with_a_huge_id(self, signed_in):
        assert signed_in.get(f"/entries/{HUGE_ID}/").status_code == 404
        assert signed_in.post(f"/entries/{HUGE_ID}/restore/").status_code == 404


@pytest.mark.django_db
class TestTagFieldsOutOfRange:
    @pytest.mark.parametrize("pk", [HUGE_ID, ENDLESS_ID])
    @pytest.mark.parametrize("field", ["scenarios", "markers", "add_scenarios", "add_markers"])
    def test_a_huge_tag_id_is_a_form_error(self, signed_in, field, pk):
        response = signed_in.post(reverse("entry_create"), entry_data(**{field: pk}))
        assert response.status_code == 200
        assert response.context["form"].errors[field]
        assert not Entry.objects.exists()

    def test_an_unknown_chip_is_reported_once(self, signed_in):
        response = signed_in.post(reverse("entry_create"), entry_data(scenarios=HUGE_ID))
        assert response.content.decode().count("is not in the library") == 1

    @pytest.mark.parametrize("pk", [HUGE_ID, ENDLESS_ID])
    def test_a_huge_interpretation_choice_is_a_form_error(self, signed_in, pk):
        response = signed_in.post(reverse("entry_create"), entry_data(interpretation_choice=pk))
        assert response.context["form"].errors["interpretation_choice"]


HTMX_SUGGEST = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def match_calls(monkeypatch):
    """The lengths of the texts the matcher was asked to read."""
    from interpretations.matching import Matcher

    calls, real_match = [], Matcher.match

    def counting_match(self, narrative, body="", **kwargs):
        calls.append(len(narrative) + len(body))
        return real_match(self, narrative, body, **kwargs)

    monkeypatch.setattr(Matcher, "match", counting_match)
    return calls


@pytest.mark.django_db
class TestTextTooLongToMatch:
    """A 2 MB dream once kept a worker matching for seconds before its length was checked."""

    @pytest.mark.parametrize(
        "fields",
        [
            {"narrative": "I ran and ran. " * 140_000},
            {"narrative": "I ran.", "waking_body": "Heavy legs. " * 1_000},
        ],
    )
    def test_suggestions_while_typing_do_not_match_it(self, signed_in, match_calls, fields):
        data = entry_data(**fields, action="suggest")
        response = signed_in.post(reverse("entry_create"), data, **HTMX_SUGGEST)
        assert response.status_code == 200
        assert "longer than one entry can hold" in response.content.decode()
        assert match_calls == []

    def test_saving_it_is_refused_before_matching(self, signed_in, match_calls):
        data = entry_data(narrative="I ran and ran. " * 140_000)
        response = signed_in.post(reverse("entry_create"), data)
        assert f"up to {NARRATIVE_MAX_LENGTH:,} characters" in response.content.decode()
        assert match_calls == []
        assert not Entry.objects.exists()

    def test_text_at_the_limit_is_still_matched(self, signed_in, match_calls):
        data = entry_data(narrative="r" * NARRATIVE_MAX_LENGTH, action="suggest")
        signed_in.post(reverse("entry_create"), data, **HTMX_SUGGEST)
        assert match_calls == [NARRATIVE_MAX_LENGTH]


# The limits as shipped, and a tenth of them for the tests below: the same rule at a tenth
# of the requests (each one a match).
SHIPPED_RATES = (("user", "60/m"), ("ip", "300/m"))
PER_PERSON, PER_ADDRESS = 6, 30


def test_the_shipped_suggestion_rates():
    assert SUGGESTION_RATES == SHIPPED_RATES


@pytest.mark.django_db
class TestSuggestionRate:
    @pytest.fixture(autouse=True)
    def _one_window(self, monkeypatch):
        """The limits count per clock minute: hold the clock, so no test straddles two."""
        import django_ratelimit.core

        frozen = django_ratelimit.core.time.time()
        monkeypatch.setattr(django_ratelimit.core.time, "time", lambda: frozen)
        monkeypatch.setattr(
            "journal.views.SUGGESTION_RATES",
            (("user", f"{PER_PERSON}/m"), ("ip", f"{PER_ADDRESS}/m")),
        )

    def ask(self, client, **extra):
        data = entry_data(action="suggest")
        return client.post(reverse("entry_create"), data, **HTMX_SUGGEST, **extra)

    def test_a_person_is_paused_past_the_rate_and_others_are_not(
        self, signed_in, match_calls, other_user
    ):
        statuses = [self.ask(signed_in).status_code for _ in range(PER_PERSON + 1)]
        assert statuses == [200] * PER_PERSON + [429]
        assert len(match_calls) == PER_PERSON
        assert "Suggestions are paused" in self.ask(signed_in).content.decode()
        someone_else = Client()
        someone_else.force_login(other_user)
        assert self.ask(someone_else, REMOTE_ADDR="192.0.2.80").status_code == 200

    def test_a_new_account_on_the_same_address_does_not_reset_the_limit(self, django_user_model):
        """Signing up again gives a fresh per-person count, but the address keeps its own."""
        answered = 0
        for n in range(8):
            client = Client()
            client.force_login(django_user_model.objects.create_user(f"script{n}"))
            answered += sum(
                self.ask(client, REMOTE_ADDR="203.0.113.66").status_code == 200
                for _ in range(PER_PERSON)
            )
        assert answered == PER_ADDRESS

    def test_saves_sent_back_with_an_error_count_too(self, signed_in, match_calls):
        for _ in range(PER_PERSON + 1):
            signed_in.post(reverse("entry_create"), entry_data(night=""))
        assert len(match_calls) == PER_PERSON
        paused = signed_in.post(reverse("entry_create"), entry_data(night=""))
        assert paused.status_code == 429
        assert "Suggestions are paused" in paused.content.decode()

    def test_saving_is_never_paused(self, signed_in):
        for _ in range(PER_PERSON + 1):
            self.ask(signed_in)
        response = signed_in.post(reverse("entry_create"), entry_data())
        assert response.status_code == 302


@pytest.mark.django_db
class TestUnreadableRequests:
    @pytest.mark.parametrize("path", ["/accounts/login/", "/accounts/signup/", "/admin/login/"])
    def test_a_form_in_another_charset_is_a_400_page_with_the_usual_headers(self, path):
        client = Client(enforce_csrf_checks=True)  # the check is what read the body again
        client.cookies["csrftoken"] = "abcdefghijklmnopqrstuvwxyz012345"
        response = client.generic(
            "POST",
            path,
            "x=%E9t%E9",
            content_type="application/x-www-form-urlencoded; charset=latin-1",
        )
        assert response.status_code == 400
        assert "could not be read" in response.content.decode()
        assert "Content-Security-Policy" in response.headers

    @pytest.mark.parametrize(
        "url",
        [
            "/admin/interpretations/interpretation/%00/history/",
            "/admin/autocomplete/?term=%00&app_label=interpretations&model_name=nextstage"
            "&field_name=target",
            "/calendar/?month=%00",
        ],
    )
    def test_a_nul_in_the_address_is_a_400(self, signed_in, url):
        assert signed_in.get(url).status_code == 400

    def test_a_path_number_too_long_for_any_row_is_a_404(self, admin_client):
        response = admin_client.get(f"/admin/r/15/{HUGE_ID}/")
        assert response.status_code == 404
