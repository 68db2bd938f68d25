from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("journal", "0007_entry_tag")]

    operations = [
        migrations.CreateModel(
            name="RescoreRun",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("waiting", "Waiting for a worker"),
                            ("running", "Running"),
                            ("done", "Done"),
                            ("superseded", "Replaced by a later run"),
                            ("failed", "Failed"),
                        ],
                        default="waiting",
                        max_length=10,
                    ),
                ),
                ("changes", models.PositiveIntegerField(default=1, verbose_name="library changes")),
                ("entries_to_check", models.PositiveIntegerField(default=0)),
                ("entries_rescored", models.PositiveIntegerField(default=0)),
                (
                    "suggestions_changed",
                    models.PositiveIntegerField(
                        default=0, verbose_name="entries whose suggestions changed"
                    ),
                ),
                ("last_entry_id", models.PositiveBigIntegerField(default=0, editable=False)),
                ("attempts", models.PositiveSmallIntegerField(default=0)),
                ("error", models.TextField(blank=True)),
                ("requested_at", models.DateTimeField(auto_now_add=True)),
                ("started_at", models.DateTimeField(blank=True, null=True)),
                ("progress_at", models.DateTimeField(blank=True, null=True)),
                ("finished_at", models.DateTimeField(blank=True, null=True)),
            ],
            options={"verbose_name": "re-scoring run", "ordering": ["-pk"]},
        ),
        migrations.AddIndex(
            model_name="entry",
            index=models.Index(
                condition=models.Q(("deleted_at__isnull", False)),
                fields=["deleted_at"],
                name="entry_deleted_at",
            ),
        ),
    ]
