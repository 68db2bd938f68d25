"""Data migrations, run forwards on a database holding data from before them."""

import datetime as dt
from itertools import product

import pytest
from django.core import serializers
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from interpretations.models import Interpretation, Tag
from journal.models import EntryTag
from tests.factories import UserFactory
from tests.interpretations.test_admin import form_data

BEFORE_ONE_TAG_MODEL = [
    ("interpretations", "0003_tag_part_help"),
    ("journal", "0006_submission_token_per_user"),
    ("reversion", "0002_add_index_on_version_for_content_type_and_db"),
]
# kind: (the library model it was, the entry-tag model, the entry tag's key to the library)
FORMER = {
    "scenario": ("Scenario", "EntryScenario", "scenario"),
    "marker": ("SomaticMarker", "EntryMarker", "marker"),
}


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
    before = migrate(
        [("journal", "0003_profile_journal_version"), ("interpretations", "0003_tag_part_help")]
    )
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


# Scenarios, somatic markers and their entry tags becoming one Tag and one EntryTag model
# (interpretations 0004 and 0005, journal 0007).


def fill_old_library(apps) -> dict:
    """Two interpretations with scenarios and markers, and a revision of the first one that
    still holds a scenario deleted since."""
    Interpretation = apps.get_model("interpretations", "Interpretation")
    running = Interpretation.objects.create(title="Running", slug="running", source="run.txt")
    draft = Interpretation.objects.create(title="Draft", slug="draft", published=False)
    tags = {}
    for kind, (model_name, _, _) in FORMER.items():
        model = apps.get_model("interpretations", model_name)
        tags[kind] = [
            model.objects.create(
                interpretation=running,
                position=position,
                label=f"{kind} {position}",
                meaning=f"what {kind} {position} means",
                cues=f"a cue for {kind} {position}\nanother",
            )
            for position in range(4)
        ]
        model.objects.create(interpretation=draft, label=f"draft {kind}", position=7)
    gone = apps.get_model("interpretations", "Scenario").objects.create(
        interpretation=running, label="a scenario deleted since", position=4
    )
    revision = apps.get_model("reversion", "Revision").objects.create(
        date_created=timezone.now(), comment="Imported from run.txt"
    )
    ContentType = apps.get_model("contenttypes", "ContentType")
    for obj in [running, gone, *tags["scenario"], *tags["marker"]]:
        content_type, _ = ContentType.objects.get_or_create(
            app_label="interpretations", model=obj._meta.model_name
        )
        apps.get_model("reversion", "Version").objects.create(
            revision=revision,
            object_id=str(obj.pk),
            content_type=content_type,
            db="default",
            format="json",
            serialized_data=serializers.serialize("json", [obj]),
            object_repr=str(obj),
        )
    gone.delete()
    return tags


def fill_old_journal(apps, tags: dict) -> None:
    """Entry tags of both kinds with every origin and acceptance, on two users' entries."""
    Entry = apps.get_model("journal", "Entry")
    owners = [apps.get_model("auth", "User").objects.create(username=n) for n in ("ann", "bo")]
    entries = [
        Entry.objects.create(user=owner, night=dt.date(2024, 1, 1), narrative="A long road.")
        for owner in owners
    ]
    for kind, (_, model_name, key) in FORMER.items():
        model = apps.get_model("journal", model_name)
        for number, (origin, accepted) in enumerate(product(("suggested", "user"), (True, False))):
            suggested = origin == "suggested"
            model.objects.create(
                entry=entries[0],
                user=owners[0],
                **{key: tags[kind][number]},
                origin=origin,
                accepted=accepted,
                score=0.71 + number / 100 if suggested else None,
                matched=[f"words {number}", "ran"] if suggested else [],
            )
        model.objects.create(
            entry=entries[1], user=owners[1], **{key: tags[kind][0]}, origin="user", accepted=True
        )


def old_state(apps) -> tuple[set, set]:
    """Every library tag and every entry tag, as values that survive a change of ids."""
    library, entry_tags = set(), set()
    for kind, (library_model, entry_model, key) in FORMER.items():
        for tag in apps.get_model("interpretations", library_model).objects.all():
            library.add(
                (tag.interpretation_id, kind, tag.label, tag.meaning, tag.cues, tag.position)
            )
        for entry_tag in apps.get_model("journal", entry_model).objects.select_related(key):
            entry_tags.add(
                (
                    entry_tag.entry_id,
                    entry_tag.user_id,
                    kind,
                    getattr(entry_tag, key).label,
                    entry_tag.origin,
                    entry_tag.score,
                    tuple(entry_tag.matched),
                    entry_tag.accepted,
                )
            )
    return library, entry_tags


def new_state() -> tuple[set, set]:
    library = {
        (tag.interpretation_id, tag.kind, tag.label, tag.meaning, tag.cues, tag.position)
        for tag in Tag.objects.all()
    }
    entry_tags = {
        (
            entry_tag.entry_id,
            entry_tag.user_id,
            entry_tag.tag.kind,
            entry_tag.tag.label,
            entry_tag.origin,
            entry_tag.score,
            tuple(entry_tag.matched),
            entry_tag.accepted,
        )
        for entry_tag in EntryTag.objects.select_related("tag")
    }
    return library, entry_tags


@pytest.mark.django_db(transaction=True)
def test_every_tag_and_entry_tag_survives_and_history_still_restores(client, back_to_latest):
    before = migrate(BEFORE_ONE_TAG_MODEL)
    fill_old_journal(before, fill_old_library(before))
    library, entry_tags = old_state(before)
    assert len(library) == 10 and len(entry_tags) == 10

    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    assert new_state() == (library, entry_tags)
    assert Tag.objects.count() == 10 and EntryTag.objects.count() == 10

    # The revision taken before the migration restores the tags it holds, the deleted
    # scenario included, under ids no other tag has.
    running = Interpretation.objects.get(source="run.txt")
    Tag.objects.filter(interpretation=running).update(label="edited", meaning="")
    version = Version.objects.get_for_object(running).get()
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    url = reverse("admin:interpretations_interpretation_revision", args=[running.pk, version.pk])
    assert client.post(url, form_data(client.get(url))).status_code == 302

    restored = {
        (tag.interpretation_id, tag.kind, tag.label, tag.meaning, tag.cues, tag.position)
        for tag in running.tags.all()
    }
    assert restored == {row for row in library if row[0] == running.pk} | {
        (running.pk, "scenario", "a scenario deleted since", "", "", 4)
    }
    # Re-scoring after the restore replaced the open suggestions; the accepted ones stay.
    accepted = {row for row in entry_tags if row[-1]}
    assert {row for row in new_state()[1] if row[-1]} == accepted
