"""One Tag model with a kind in place of Scenario and SomaticMarker: their rows are copied
with new ids (the old ones wait in former_id until journal 0007 has moved the entry tags
over; 0005 drops the old models and the column), and the library's history is rewritten so
that restoring an old version of an interpretation restores its tags.

Going back below this migration leaves the old tables empty.
"""

import json
from itertools import batched

import django.db.models.deletion
from django.contrib.auth.management import create_permissions
from django.db import migrations, models

# The model each kind of tag was.
FORMER_MODELS = {"scenario": "scenario", "marker": "somaticmarker"}
BATCH_SIZE = 1000


def copy_tags(apps, schema_editor):
    Tag = apps.get_model("interpretations", "Tag")
    for kind, model_name in FORMER_MODELS.items():
        rows = apps.get_model("interpretations", model_name).objects.order_by("pk").iterator()
        for batch in batched(rows, BATCH_SIZE):
            Tag.objects.bulk_create(
                Tag(
                    former_id=row.pk,
                    kind=kind,
                    interpretation_id=row.interpretation_id,
                    position=row.position,
                    label=row.label,
                    meaning=row.meaning,
                    cues=row.cues,
                )
                for row in batch
            )
    rewrite_history(apps)
    let_content_editors_edit_tags(apps)


def rewrite_history(apps):
    """Point the saved versions of scenarios and markers at their tags: the Tag content type,
    the new id, and the kind in the serialized fields."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Version = apps.get_model("reversion", "Version")
    Tag = apps.get_model("interpretations", "Tag")
    tag_type, _ = ContentType.objects.get_or_create(app_label="interpretations", model="tag")
    for kind, model_name in FORMER_MODELS.items():
        versions = Version.objects.filter(
            content_type__app_label="interpretations", content_type__model=model_name
        )
        new_ids = dict(Tag.objects.filter(kind=kind).values_list("former_id", "pk"))
        deleted = {int(pk) for pk in versions.values_list("object_id", flat=True)} - set(new_ids)
        new_ids.update(zip(sorted(deleted), reserve_tag_ids(apps, len(deleted)), strict=True))
        for version in versions.iterator():
            new_id = new_ids[int(version.object_id)]
            data = json.loads(version.serialized_data)
            for item in data:
                item.update(model="interpretations.tag", pk=new_id)
                item["fields"]["kind"] = kind
            version.content_type = tag_type
            version.object_id = str(new_id)
            version.serialized_data = json.dumps(data)
            version.save(update_fields=["content_type", "object_id", "serialized_data"])


def reserve_tag_ids(apps, count: int) -> list[int]:
    """Ids no tag will ever be given, for the versions of scenarios and markers deleted since:
    a restore brings such a tag back under its id. Rows are created and deleted again, and
    neither database hands out an id twice (SQLite tables here use AUTOINCREMENT)."""
    if not count:
        return []
    Interpretation = apps.get_model("interpretations", "Interpretation")
    holder = Interpretation.objects.create(
        title="Ids of deleted tags", slug="migration-0004-ids-of-deleted-tags"
    )
    Tag = apps.get_model("interpretations", "Tag")
    Tag.objects.bulk_create(Tag(interpretation=holder, label="") for _ in range(count))
    ids = list(holder.tags.order_by("pk").values_list("pk", flat=True))
    holder.delete()
    return ids


def let_content_editors_edit_tags(apps):
    """The editors' group (migration 0002) gets the permissions on the new model."""
    app_config = apps.get_app_config("interpretations")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Permission = apps.get_model("auth", "Permission")
    for group in apps.get_model("auth", "Group").objects.filter(name="Content editors"):
        group.permissions.add(
            *Permission.objects.filter(
                content_type__app_label="interpretations", content_type__model="tag"
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("interpretations", "0003_tag_part_help"),
        ("reversion", "0002_add_index_on_version_for_content_type_and_db"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.CreateModel(
            name="Tag",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("position", models.PositiveIntegerField(default=0)),
                (
                    "kind",
                    models.CharField(
                        choices=[("scenario", "Scenario"), ("marker", "Body sensation")],
                        max_length=20,
                    ),
                ),
                (
                    "label",
                    models.CharField(
                        help_text="What happens in the dream, or what the body felt on waking.",
                        max_length=500,
                    ),
                ),
                ("meaning", models.TextField(blank=True)),
                (
                    "cues",
                    models.TextField(
                        blank=True,
                        help_text="Optional extra phrases that should suggest it, one per line.",
                    ),
                ),
                (
                    "interpretation",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="tags",
                        to="interpretations.interpretation",
                    ),
                ),
                ("former_id", models.BigIntegerField(editable=False, null=True)),
            ],
            options={"ordering": ["position", "id"], "abstract": False},
        ),
        migrations.RunPython(copy_tags, migrations.RunPython.noop),
    ]
