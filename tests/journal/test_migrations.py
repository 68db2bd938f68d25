"""Data migrations, run forwards on a database holding data from before them."""

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor


def migrate(target: list[tuple[str, str]]):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(target)
    return executor.loader.project_state(target).apps


@pytest.fixture
def back_to_latest():
    """Leaves the schema fully migrated for the tests after this one."""
    yield
    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_existing_tags_get_their_entrys_owner(back_to_latest):
    before = migrate([("journal", "0003_profile_journal_version")])
    User = before.get_model("auth", "User")
    Interpretation = before.get_model("interpretations", "Interpretation")
    interpretation = Interpretation.objects.create(title="Old reading", source="old.txt")
    scenario = before.get_model("interpretations", "Scenario").objects.create(
        interpretation=interpretation, label="an old scenario", position=1
    )
    marker = before.get_model("interpretations", "SomaticMarker").objects.create(
        interpretation=interpretation, label="an old marker", position=1
    )
    Entry = before.get_model("journal", "Entry")
    owners = [User.objects.create(username=name) for name in ("first", "second")]
    for owner in owners:
        entry = Entry.objects.create(user=owner, night=dt.date(2024, 1, 1), narrative="old")
        before.get_model("journal", "EntryScenario").objects.create(entry=entry, scenario=scenario)
        before.get_model("journal", "EntryMarker").objects.create(entry=entry, marker=marker)

    after = migrate([("journal", "0005_tag_user_required")])

    for name in ("EntryScenario", "EntryMarker"):
        tags = after.get_model("journal", name).objects.order_by("pk")
        assert [(tag.user_id, tag.entry.user_id) for tag in tags] == [
            (owner.pk, owner.pk) for owner in owners
        ]
