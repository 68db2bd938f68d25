"""Rehearsal plans come back from the account's JSON export on import: with their dream, every
version of the ending (and when it was written), and the nights they were rehearsed."""

import datetime as dt
import json

import pytest
from django.urls import reverse

from interpretations.library import current_matcher
from interpretations.models import Interpretation
from journal.import_files import ImportFileError
from journal.import_json import read_json
from journal.importing import import_dreams, preview_import
from plans.models import RehearsalPlan, Status
from tests.journal.import_helpers import export, run, write
from tests.plans.test_plan_account import make_plan


def exported(client, user) -> bytes:
    client.force_login(user)
    return client.get(reverse("export_download", args=["json"])).content


def imported(user, data: bytes, today):
    return import_dreams(user, read_json(data, today), current_matcher())


def plan_record(**fields) -> dict:
    return {
        "dream_title": "The corridor",
        "new_ending": "The corridor opens onto a garden.",
        "starts_on": "2026-01-05",
        **fields,
    }


def test_plans_are_restored_from_the_export_and_not_twice(client, journal, library, today):
    plan = make_plan(journal, library, today)
    plan.set_status(Status.ENDED, today)
    versions = [(v.saved_at, v.new_ending) for v in plan.versions.order_by("saved_at")]
    data = exported(client, journal)
    RehearsalPlan.objects.all().delete()

    report = imported(journal, data, today)

    assert report.plans == 1
    [back] = RehearsalPlan.objects.for_user(journal)
    assert back.scenario == library.corridor and back.interpretation is None
    assert (back.dream_title, back.new_ending, back.starts_on) == (
        plan.dream_title,
        plan.new_ending,
        plan.starts_on,
    )
    assert (back.status, back.ended_on) == (Status.ENDED, today)
    assert [(v.saved_at, v.new_ending) for v in back.versions.order_by("saved_at")] == versions
    assert list(back.rehearsals.values_list("night", flat=True)) == [today - dt.timedelta(days=1)]
    assert imported(journal, data, today).plans == 0
    assert RehearsalPlan.objects.for_user(journal).count() == 1


def test_the_preview_counts_the_plans_to_add(client, journal, library, today):
    make_plan(journal, library, today)
    data = exported(client, journal)
    assert preview_import(journal, read_json(data, today))["plans"] == 0
    RehearsalPlan.objects.all().delete()
    assert preview_import(journal, read_json(data, today))["plans"] == 1


def test_a_plan_whose_dream_left_the_library_keeps_its_title(user, library, today):
    record = plan_record(interpretation={"title": "Gone", "file": "gone.txt"}, scenario="Gone")
    report = imported(user, export(rehearsal_plans=[record]).encode(), today)
    assert report.plans == 1
    [plan] = RehearsalPlan.objects.for_user(user)
    assert plan.dream_title == "The corridor" and plan.dream_key is None


def test_a_plan_found_by_its_interpretation(user, library, today):
    record = plan_record(interpretation={"title": "?", "file": "going-nowhere.txt"})
    imported(user, export(rehearsal_plans=[record]).encode(), today)
    assert RehearsalPlan.objects.get(user=user).interpretation == library.running


def test_a_plan_found_by_title_when_its_file_name_is_gone(user, library, today):
    record = plan_record(interpretation={"title": library.turning.title, "file": "old.txt"})
    imported(user, export(rehearsal_plans=[record]).encode(), today)
    assert RehearsalPlan.objects.get(user=user).interpretation == library.turning


def test_a_plan_is_not_linked_to_a_draft(user, library, today):
    Interpretation.objects.filter(pk=library.running.pk).update(published=False)
    record = plan_record(
        interpretation={"title": library.running.title, "file": library.running.source},
        scenario=library.corridor.label,
    )
    imported(user, export(rehearsal_plans=[record]).encode(), today)
    assert RehearsalPlan.objects.get(user=user).dream_key is None


def test_a_plan_starting_next_month_comes_back(user, library, today):
    starts_on = (today + dt.timedelta(days=30)).isoformat()
    report = imported(
        user, export(rehearsal_plans=[plan_record(starts_on=starts_on)]).encode(), today
    )
    assert report.plans == 1


def test_the_command_dry_run_says_the_plans_would_be_added(tmp_path, user, library):
    path = write(tmp_path, "plans.json", export(rehearsal_plans=[plan_record()]))
    out, _ = run(path, user.username, "--dry-run")
    assert "1 rehearsal plan to add." in out
    assert not RehearsalPlan.objects.exists()


@pytest.mark.parametrize(
    ("record", "problem"),
    [
        ("a plan", "not an object"),
        (plan_record(starts_on="last week"), "starts_on must be a date"),
        (plan_record(starts_on="2999-01-01"), "starts_on 2999-01-01 is not between"),
        (plan_record(new_ending="half a pair \ud800"), "cannot be saved"),
        (plan_record(dream_title="nul \x00"), "cannot be saved"),
        (plan_record(scenario="nul \x00"), "cannot be saved"),
        (
            plan_record(status="ended", starts_on="2026-01-05", ended_on="2026-01-01"),
            "ended_on is before starts_on",
        ),
        (
            plan_record(versions=[{"saved_at": "0001-01-01T00:00:00+05:00", "new_ending": "x"}]),
            "is no time",
        ),
        (plan_record(new_ending="x" * 5_001), "new_ending"),
        (plan_record(dream_title=""), "dream_title"),
        (plan_record(dream_title=7), "dream_title must be text"),
        (plan_record(status="forgotten"), "status"),
        (plan_record(rehearsals=["yesterday"]), "a rehearsal night must be a date"),
        (plan_record(rehearsals="2026-01-05"), "rehearsals must be a list"),
        (plan_record(versions=[{"saved_at": "noon"}]), "saved_at 'noon' is no time"),
        (
            plan_record(versions=[{"saved_at": "2026-01-04T20:00:00", "new_ending": "x"}]),
            "must say its time zone",
        ),
        (plan_record(scenario=["a list"]), "a dream is named by text or null"),
    ],
)
def test_a_bad_plan_is_skipped_with_its_reason_and_the_others_kept(
    user, library, today, record, problem
):
    read = read_json(export(rehearsal_plans=[record, plan_record()]).encode(), today)
    [skipped] = read.skipped
    assert skipped.number == "rehearsal plan 1" and problem in skipped.problem
    report = import_dreams(user, read, current_matcher())
    assert report.plans == 1 and RehearsalPlan.objects.for_user(user).count() == 1


def test_plans_that_are_not_a_list_refuse_the_file(today):
    data = export(rehearsal_plans={"dream_title": "x"}).encode()
    with pytest.raises(ImportFileError, match="rehearsal_plans must be a list"):
        read_json(data, today)


def test_an_export_without_plans_reads_as_before(user, today):
    read = read_json(json.dumps(json.loads(export())).encode(), today)
    assert read.plans == [] and read.skipped == []
