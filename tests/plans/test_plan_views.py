"""The plans' pages: list, new plan, plan page, edit, rehearsal, status, flag, summary."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from plans.models import FlagDismissal, PlanVersion, Rehearsal, RehearsalPlan, Status
from tests.factories import UserFactory
from tests.plans.conftest import dream, text_of

ENDING = "I stop, turn round, and the corridor opens into a garden. I walk out slowly."


@pytest.fixture
def plan(journal, library, today):
    plan = RehearsalPlan(
        user=journal,
        interpretation=library.running,
        dream_title=library.running.title,
        new_ending=ENDING,
        starts_on=today - dt.timedelta(days=7),
    )
    plan.save_version()
    return plan


@pytest.fixture
def others_plan(library, today):
    owner = UserFactory()
    plan = RehearsalPlan.objects.create(
        user=owner,
        interpretation=library.running,
        dream_title="Someone else's dream",
        new_ending="owner-secret-ending-x9",
        starts_on=today,
    )
    return plan


class TestPlanList:
    url = reverse("plans:list")

    def test_lists_plans_and_recurring_dreams_without_one(self, client, journal, library):
        client.force_login(journal)
        html = text_of(client.get(self.url))
        assert "Running Hard but Going Nowhere" in html
        assert "the corridor stretched as I ran" in html
        assert f"?interpretation={library.running.pk}" in html
        assert "Turning to Face It" not in html  # came once: not recurring

    def test_plans_show_with_their_rates(self, client, plan):
        client.force_login(plan.user)
        html = text_of(client.get(self.url))
        assert plan.get_absolute_url() in html
        assert "nights a week before" in html or "night a week before" in html

    def test_anonymous_and_wrong_method(self, client, user):
        assert client.get(self.url).url.startswith(reverse("login"))
        client.force_login(user)
        assert client.post(self.url).status_code == 405


class TestPlanCreate:
    url = reverse("plans:create")

    def post(self, client, **data):
        return client.post(self.url, {"new_ending": ENDING, **data})

    def test_the_form_offers_the_recurring_dreams_and_the_next_stages_as_ideas(
        self, client, journal, library
    ):
        client.force_login(journal)
        html = text_of(client.get(self.url, {"interpretation": library.running.pk}))
        assert f'value="interpretation:{library.running.pk}" checked' in html.replace(
            ' id="id_dream_0"', ""
        ) or re.search(rf'value="interpretation:{library.running.pk}"[^>]*checked', html)
        assert "Ideas, if you want them" in html
        assert "Turning to Face It" in html
        assert "the chase ends when you face it" in html

    def test_creates_a_plan_with_its_first_version(self, client, journal, library, today):
        client.force_login(journal)
        response = self.post(
            client, dream=f"interpretation:{library.running.pk}", starts_on=today.isoformat()
        )
        plan = RehearsalPlan.objects.get(user=journal)
        assert response.status_code == 302 and response.url == plan.get_absolute_url()
        assert plan.interpretation == library.running and plan.scenario is None
        assert plan.dream_title == library.running.title
        assert plan.status == Status.RUNNING
        assert list(plan.versions.values_list("new_ending", flat=True)) == [ENDING]

    def test_a_plan_for_a_scenario(self, client, journal, library, today):
        client.force_login(journal)
        self.post(client, dream=f"scenario:{library.corridor.pk}", starts_on=today.isoformat())
        plan = RehearsalPlan.objects.get(user=journal)
        assert plan.scenario == library.corridor and plan.interpretation is None

    @pytest.mark.parametrize(
        ("dream_value", "message"),
        [
            ("interpretation:999999", "That dream is not in your journal"),
            ("rocket:1", "That dream is not in your journal"),
            ("", "This field is required"),
        ],
    )
    def test_a_dream_the_journal_has_never_seen(self, client, journal, today, dream_value, message):
        client.force_login(journal)
        response = self.post(client, dream=dream_value, starts_on=today.isoformat())
        assert response.status_code == 200
        assert message in text_of(response)
        assert not RehearsalPlan.objects.exists()

    def test_a_dream_that_came_once_is_not_recurring(self, client, journal, library, today):
        client.force_login(journal)
        response = self.post(
            client, dream=f"interpretation:{library.turning.pk}", starts_on=today.isoformat()
        )
        assert "has come on 1 night so far" in text_of(response)
        assert not RehearsalPlan.objects.exists()

    def test_another_users_dream_is_one_this_journal_has_never_seen(self, client, library, today):
        stranger = UserFactory()
        client.force_login(stranger)
        dream(UserFactory(), today, library.running)
        response = self.post(
            client, dream=f"interpretation:{library.running.pk}", starts_on=today.isoformat()
        )
        assert "That dream is not in your journal" in text_of(response)
        assert not RehearsalPlan.objects.exists()

    def test_a_100_kb_ending_is_refused(self, client, journal, library, today):
        client.force_login(journal)
        response = client.post(
            self.url,
            {
                "dream": f"interpretation:{library.running.pk}",
                "new_ending": "x" * 100_000,
                "starts_on": today.isoformat(),
            },
        )
        assert "Keep the new ending under 5,000 characters (it has 100000)" in text_of(response)
        assert not RehearsalPlan.objects.exists() and not PlanVersion.objects.exists()

    @pytest.mark.parametrize("starts_on", ["1800-01-01", "2999-01-01", "next tuesday", ""])
    def test_a_bad_first_night(self, client, journal, library, starts_on):
        client.force_login(journal)
        response = self.post(
            client, dream=f"interpretation:{library.running.pk}", starts_on=starts_on
        )
        assert response.status_code == 200
        assert 'class="errorlist' in response.content.decode()
        assert not RehearsalPlan.objects.exists()

    def test_empty_journal_says_what_a_plan_needs(self, client, user):
        client.force_login(user)
        assert "No dream in your journal has come back" in text_of(client.get(self.url))

    def test_anonymous(self, client):
        assert client.get(self.url).url.startswith(reverse("login"))


class TestPlanDetail:
    def test_shows_the_ending_the_button_and_before_after(self, client, plan):
        client.force_login(plan.user)
        html = text_of(client.get(plan.get_absolute_url()))
        assert "the corridor opens into a garden" in html
        assert "Rehearsed tonight</button>" in html
        assert "Before and since the first night" in html
        assert '<svg class="chart before-after-chart"' in html
        assert "not a cure" in html
        assert "small numbers" in html

    def test_another_users_plan_is_not_found(self, client, user, others_plan):
        client.force_login(user)
        for name in ("plans:detail", "plans:edit"):
            assert client.get(reverse(name, args=[others_plan.pk])).status_code == 404
        for name in ("plans:rehearse", "plans:status"):
            response = client.post(reverse(name, args=[others_plan.pk]), {"action": "end"})
            assert response.status_code == 404
        others_plan.refresh_from_db()
        assert others_plan.status == Status.RUNNING and not others_plan.rehearsals.exists()

    def test_wrong_method(self, client, plan):
        client.force_login(plan.user)
        assert client.post(plan.get_absolute_url()).status_code == 405
        assert client.get(reverse("plans:rehearse", args=[plan.pk])).status_code == 405


class TestRehearse:
    def url(self, plan):
        return reverse("plans:rehearse", args=[plan.pk])

    def test_htmx_tap_returns_the_partial_and_is_idempotent_per_night(self, client, plan):
        client.force_login(plan.user)
        for _ in range(2):
            response = client.post(self.url(plan), headers={"HX-Request": "true"})
            html = text_of(response)
            assert html.strip().startswith('<div id="rehearse"')
            assert "Rehearsed tonight (" in html
            assert "<html" not in html
        assert Rehearsal.objects.filter(plan=plan).count() == 1
        html = text_of(client.get(plan.get_absolute_url()))
        assert "Rehearsed tonight (" in html and "Rehearsed tonight</button>" not in html

    def test_without_htmx_it_redirects(self, client, plan):
        client.force_login(plan.user)
        assert client.post(self.url(plan)).url == plan.get_absolute_url()
        assert plan.rehearsals.count() == 1

    def test_a_paused_plan_takes_no_rehearsal(self, client, plan, today):
        plan.set_status(Status.PAUSED, today)
        client.force_login(plan.user)
        client.post(self.url(plan))
        assert not plan.rehearsals.exists()

    def test_csrf_is_required(self, plan):
        from django.test import Client

        client = Client(enforce_csrf_checks=True)
        client.force_login(plan.user)
        assert client.post(self.url(plan), headers={"HX-Request": "true"}).status_code == 403
        assert not plan.rehearsals.exists()


class TestEditAndStatus:
    def test_an_edit_keeps_the_earlier_version(self, client, plan):
        client.force_login(plan.user)
        url = reverse("plans:edit", args=[plan.pk])
        html = text_of(client.get(url))
        assert "Save a new version" in html and "the chase ends when you face it" in html
        response = client.post(
            url, {"new_ending": "My legs work and I run home.", "starts_on": plan.starts_on}
        )
        assert response.url == plan.get_absolute_url()
        plan.refresh_from_db()
        assert plan.new_ending == "My legs work and I run home."
        assert plan.versions.count() == 2
        html = text_of(client.get(plan.get_absolute_url()))
        assert "Earlier versions (1)" in html and "the corridor opens into a garden" in html

    def test_an_edit_with_a_bad_ending_saves_nothing(self, client, plan):
        client.force_login(plan.user)
        response = client.post(
            reverse("plans:edit", args=[plan.pk]), {"new_ending": "", "starts_on": plan.starts_on}
        )
        assert "Write the dream with its new ending" in text_of(response)
        plan.refresh_from_db()
        assert plan.new_ending == ENDING and plan.versions.count() == 1

    @pytest.mark.parametrize(
        ("action", "status"),
        [("pause", Status.PAUSED), ("end", Status.ENDED), ("resume", Status.RUNNING)],
    )
    def test_pause_end_resume(self, client, plan, today, action, status):
        client.force_login(plan.user)
        client.post(reverse("plans:status", args=[plan.pk]), {"action": action})
        plan.refresh_from_db()
        assert plan.status == status
        assert plan.ended_on == (today if status == Status.ENDED else None)

    def test_an_unknown_action_changes_nothing(self, client, plan):
        client.force_login(plan.user)
        response = client.post(reverse("plans:status", args=[plan.pk]), {"action": "explode"})
        assert response.status_code == 302
        plan.refresh_from_db()
        assert plan.status == Status.RUNNING


class TestFlagDismiss:
    url = reverse("plans:flag_dismiss")

    def test_remembered_per_user(self, client, user, today):
        client.force_login(user)
        response = client.post(self.url, {"next": "/patterns/?range=3m"})
        assert response.url == "/patterns/?range=3m"
        assert FlagDismissal.objects.get(user=user).dismissed_on == today

    def test_htmx_gets_an_empty_answer_and_other_sites_are_not_followed(self, client, user):
        client.force_login(user)
        assert client.post(self.url, headers={"HX-Request": "true"}).content == b""
        assert client.post(self.url, {"next": "https://evil.example/"}).url == reverse("patterns")

    def test_anonymous_and_get(self, client, user):
        assert client.post(self.url).url.startswith(reverse("login"))
        client.force_login(user)
        assert client.get(self.url).status_code == 405
