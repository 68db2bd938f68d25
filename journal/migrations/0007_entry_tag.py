"""One EntryTag model in place of EntryScenario and EntryMarker: every entry tag is copied
with its owner, origin, score, matched words and acceptance, onto the tag that
interpretations 0004 made of its scenario or marker.

Going back below this migration leaves the old tables empty.
"""

from itertools import batched

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

# kind: (former entry-tag model, its foreign key to the library)
FORMER_MODELS = {
    "scenario": ("EntryScenario", "scenario_id"),
    "marker": ("EntryMarker", "marker_id"),
}
BATCH_SIZE = 2000


def copy_entry_tags(apps, schema_editor):
    Tag = apps.get_model("interpretations", "Tag")
    EntryTag = apps.get_model("journal", "EntryTag")
    for kind, (model_name, former_key) in FORMER_MODELS.items():
        tag_of = dict(Tag.objects.filter(kind=kind).values_list("former_id", "pk"))
        rows = (
            apps.get_model("journal", model_name)
            .objects.order_by("pk")
            .values_list(
                former_key, "entry_id", "user_id", "origin", "score", "matched", "accepted"
            )
            .iterator(chunk_size=BATCH_SIZE)
        )
        for batch in batched(rows, BATCH_SIZE):
            EntryTag.objects.bulk_create(
                EntryTag(
                    tag_id=tag_of[former_id],
                    entry_id=entry_id,
                    user_id=user_id,
                    origin=origin,
                    score=score,
                    matched=matched,
                    accepted=accepted,
                )
                for former_id, entry_id, user_id, origin, score, matched, accepted in batch
            )


class Migration(migrations.Migration):
    dependencies = [
        ("interpretations", "0004_tag"),
        ("journal", "0006_submission_token_per_user"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="EntryTag",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "origin",
                    models.CharField(
                        choices=[("suggested", "Suggested"), ("user", "Chosen by you")],
                        default="suggested",
                        max_length=10,
                    ),
                ),
                ("score", models.FloatField(blank=True, null=True)),
                ("matched", models.JSONField(blank=True, default=list)),
                ("accepted", models.BooleanField(default=False)),
                (
                    "entry",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="tags",
                        to="journal.entry",
                    ),
                ),
                (
                    "tag",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="entry_tags",
                        to="interpretations.tag",
                    ),
                ),
                (
                    "user",
                    models.ForeignKey(
                        editable=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(fields=("entry", "tag"), name="one_entry_tag_per_tag")
                ],
            },
        ),
        migrations.RunPython(copy_entry_tags, migrations.RunPython.noop),
        migrations.DeleteModel(name="EntryScenario"),
        migrations.DeleteModel(name="EntryMarker"),
    ]
