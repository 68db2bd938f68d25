"""Plans belong to the account: in its JSON export, and deleted with it."""

import datetime as dt
import json

from django.urls import reverse

from plans.models import FlagDismissal, PlanVersion, Rehearsal, RehearsalPlan
from tests.factories import PASSWORD


def make_plan(user, library, today, ending="I turn round and the road ends at home."):
    plan = RehearsalPlan(
        user=user,
        scenario=library.corridor,
        dream_title=library.corridor.label,
        new_ending=ending,
        starts_on=today - dt.timedelta(days=5),
    )
    plan.save_version()
    plan.new_ending = ending + " Then I sleep."
    plan.save_version()
    plan.rehearse(today - dt.timedelta(days=1))
    return plan


def test_the_json_export_carries_the_plans_their_versions_and_rehearsals(
    client, journal, library, today, other_user
):
    make_plan(journal, library, today)
    make_plan(other_user, library, today, ending="Not yours owner-ending-q1")
    client.force_login(journal)
    document = json.loads(client.get(reverse("export_download", args=["json"])).content)
    [plan] = document["rehearsal_plans"]
    assert plan["dream_title"] == library.corridor.label
    assert plan["interpretation"] == {
        "title": "Running Hard but Going Nowhere",
        "file": "going-nowhere.txt",
    }
    assert plan["scenario"] == library.corridor.label
    assert plan["new_ending"].endswith("Then I sleep.")
    assert plan["status"] == "running" and plan["ended_on"] is None
    assert plan["rehearsals"] == [(today - dt.timedelta(days=1)).isoformat()]
    assert [version["new_ending"] for version in plan["versions"]] == [
        "I turn round and the road ends at home.",
        "I turn round and the road ends at home. Then I sleep.",
    ]
    assert "owner-ending-q1" not in json.dumps(document)


def test_deleting_the_account_deletes_its_plans_only(client, journal, library, today, other_user):
    mine = make_plan(journal, library, today)
    FlagDismissal.objects.create(user=journal, dismissed_on=today)
    theirs = make_plan(other_user, library, today)
    client.force_login(journal)
    client.post(reverse("account_delete"), {"password": PASSWORD})
    assert not RehearsalPlan.objects.filter(pk=mine.pk).exists()
    assert not PlanVersion.objects.filter(plan_id=mine.pk).exists()
    assert not Rehearsal.objects.filter(plan_id=mine.pk).exists()
    assert not FlagDismissal.objects.filter(user_id=journal.pk).exists()
    assert RehearsalPlan.objects.get(pk=theirs.pk).versions.count() == 2
