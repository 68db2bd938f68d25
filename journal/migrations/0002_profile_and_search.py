import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

import journal.models

SEARCH_INDEX = "journal_entry_search"


def create_search_index(apps, schema_editor):
    """FTS5 table and triggers on SQLite; a GIN index on the search vector on PostgreSQL."""
    connection = schema_editor.connection
    if connection.vendor == "sqlite":
        journal.models.ensure_search_index(connection)
    elif connection.vendor == "postgresql":
        from django.contrib.postgres.indexes import GinIndex

        entry = apps.get_model("journal", "Entry")
        schema_editor.add_index(
            entry, GinIndex(journal.models.search_vector(), name=SEARCH_INDEX)
        )


def drop_search_index(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor == "sqlite":
        for trigger in journal.models.SQLITE_SEARCH_TRIGGERS:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {trigger}")
        schema_editor.execute("DROP TABLE IF EXISTS journal_entry_fts")
    elif connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {SEARCH_INDEX}")


class Migration(migrations.Migration):

    dependencies = [
        ('journal', '0001_entries'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='Profile',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('time_zone', models.CharField(default=journal.models.default_time_zone, max_length=64)),
                ('user', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='profile', to=settings.AUTH_USER_MODEL)),
            ],
        ),
        migrations.RunPython(create_search_index, drop_search_index),
    ]
