"""What the plans add to the patterns page: the gentle flag, rehearsal nights, plan links."""

import datetime as dt
from types import SimpleNamespace

import pytest
from django.template import Context, Template
from django.test import RequestFactory

from plans.models import FlagDismissal, RehearsalPlan, Status
from plans.patterns import patterns_additions
from tests.plans.conftest import dream

PAGE = Template(
    "{% load plans %}"
    '{% include "plans/_patterns_flag.html" with flag=plans.flag %}'
    "{% rehearsal_nights plans interpretation=interpretation %}"
    "{% rehearsal_plan_link plans interpretation=interpretation %}"
    "|{% rehearsal_nights plans scenario=scenario %}"
    "{% rehearsal_plan_link plans scenario=scenario %}"
)


def render(additions, interpretation, scenario) -> str:
    request = RequestFactory().get("/patterns/")
    context = {
        "plans": additions,
        "interpretation": interpretation,
        "scenario": scenario,
        "request": request,
        "csrf_token": "token",
    }
    return " ".join(PAGE.render(Context(context)).split())


@pytest.fixture
def scenario_item(library):
    """A scenario as the patterns page lists it: its label and its interpretation."""
    return SimpleNamespace(
        kind="scenario", label=library.corridor.label, interpretation=library.running
    )


@pytest.fixture
def plan(journal, library, today):
    plan = RehearsalPlan.objects.create(
        user=journal,
        scenario=library.corridor,
        dream_title=library.corridor.label,
        new_ending="The corridor ends in a door, and I open it.",
        starts_on=today - dt.timedelta(days=3),
    )
    plan.rehearse(today - dt.timedelta(days=2))
    plan.rehearse(today - dt.timedelta(days=1))
    return plan


def test_a_recurring_dream_without_a_plan_gets_a_link_to_make_one(
    journal, library, today, scenario_item
):
    additions = patterns_additions(journal, today)
    html = render(additions, library.running, scenario_item)
    before, after = html.split("|")
    assert f"/plans/new/?interpretation={library.running.pk}" in before
    assert f"/plans/new/?scenario={library.corridor.pk}" in after
    assert "Rehearsed" not in html
    # Turning came once: no link.
    assert render(additions, library.turning, None).strip("| ") == ""


def test_rehearsal_nights_and_the_plans_link(journal, library, today, plan, scenario_item):
    additions = patterns_additions(journal, today)
    html = render(additions, library.running, scenario_item)
    before, after = html.split("|")
    assert "Rehearsed" not in before  # the plan is for the scenario
    assert "Rehearsed on 2 nights" in after
    assert f'href="{plan.get_absolute_url()}"' in after and "(running)" in after
    plan.set_status(Status.ENDED, today)
    after = render(patterns_additions(journal, today), library.running, scenario_item)
    assert "Rehearsed on 2 nights" in after  # the nights stay on the timeline
    assert "Make a rehearsal plan" in after.split("|")[1]


def test_the_flag_once_and_dismissible(journal, library, today, scenario_item):
    for days in (3, 4, 8, 9, 10):  # with the fixture's 2 and 6: 3+ nights in each week
        dream(journal, today - dt.timedelta(days=days), library.running)
    additions = patterns_additions(journal, today)
    assert additions.flag.frequent == (library.running.title,)
    html = render(additions, library.running, scenario_item)
    assert html.count("talking to a doctor or a therapist can help") == 1
    assert "not a diagnosis" in html
    assert 'action="/plans/flag/dismiss/"' in html
    FlagDismissal.objects.create(user=journal, dismissed_on=today)
    assert patterns_additions(journal, today).flag is None


def test_a_body_sensation_of_the_same_label_gets_nothing(journal, library, today, plan):
    marker = SimpleNamespace(
        kind="marker", label=library.corridor.label, interpretation=library.running
    )
    html = render(patterns_additions(journal, today), library.turning, marker)
    assert html.strip("| ") == ""


def test_no_flag_for_an_ordinary_journal(journal, today):
    assert patterns_additions(journal, today).flag is None


def test_a_fixed_number_of_queries(journal, library, today, plan, django_assert_num_queries):
    with django_assert_num_queries(5):
        patterns_additions(journal, today)
    for days in range(30, 90):
        dream(journal, today - dt.timedelta(days=days), library.running)
    with django_assert_num_queries(5):
        patterns_additions(journal, today)


def test_an_empty_journal_costs_one_query(user, today, django_assert_num_queries):
    with django_assert_num_queries(1):
        additions = patterns_additions(user, today)
    assert additions.flag is None and additions.dreams == {}


def test_the_patterns_page_loads_the_flag_from_its_own_view(client, journal, library, today):
    client.force_login(journal)
    page = client.get("/patterns/").content.decode()
    assert 'hx-get="/plans/flag/"' in page
    for days in (3, 4, 8, 9, 10):
        dream(journal, today - dt.timedelta(days=days), library.running)
    flag = client.get("/plans/flag/", headers={"HX-Request": "true"}).content.decode()
    assert "talking to a doctor or a therapist can help" in flag
    FlagDismissal.objects.create(user=journal, dismissed_on=today)
    assert "doctor" not in client.get("/plans/flag/").content.decode()


def test_the_flag_needs_a_login(client, db):
    assert client.get("/plans/flag/").status_code == 302


def test_a_sections_plans_are_loaded_from_their_own_view(client, journal, library, today):
    plan = RehearsalPlan.objects.create(
        user=journal,
        interpretation=library.running,
        dream_title=library.running.title,
        new_ending="I turn round.",
        starts_on=today - dt.timedelta(days=3),
    )
    plan.rehearse(today - dt.timedelta(days=1))
    client.force_login(journal)
    url = f"/plans/for-dream/?interpretation={library.running.pk}"
    html = " ".join(client.get(url).content.decode().split())
    assert "Rehearsed on" in html and "Your rehearsal plan (running)" in html
    assert client.get("/plans/for-dream/?interpretation=x").status_code == 400
    other = client.get(f"/plans/for-dream/?interpretation={library.turning.pk}")
    assert "Your rehearsal plan" not in other.content.decode()
