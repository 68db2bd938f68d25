import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

import journal.models

SEARCH_INDEX = "journal_entry_search"

# What journal/search.py held when this migration was written, copied rather than imported so
# that this migration never changes when the live code does.
SEARCHED_FIELDS = ("title", "narrative", "waking_body", "waking_life")
CREATE_FTS_TABLE = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS journal_entry_fts USING fts5("
    "title, narrative, waking_body, waking_life, "
    "content='journal_entry', content_rowid='id', "
    "tokenize='porter unicode61 remove_diacritics 2')"
)
SQLITE_SEARCH_TRIGGERS = {
    "journal_entry_fts_insert": """
        CREATE TRIGGER IF NOT EXISTS journal_entry_fts_insert AFTER INSERT ON journal_entry
        BEGIN
            INSERT INTO journal_entry_fts(rowid, title, narrative, waking_body, waking_life)
            VALUES (new.id, new.title, new.narrative, new.waking_body, new.waking_life);
        END""",
    "journal_entry_fts_delete": """
        CREATE TRIGGER IF NOT EXISTS journal_entry_fts_delete AFTER DELETE ON journal_entry
        BEGIN
            INSERT INTO journal_entry_fts(
                journal_entry_fts, rowid, title, narrative, waking_body, waking_life
            )
            VALUES ('delete', old.id, old.title, old.narrative, old.waking_body, old.waking_life);
        END""",
    "journal_entry_fts_update": """
        CREATE TRIGGER IF NOT EXISTS journal_entry_fts_update
        AFTER UPDATE OF title, narrative, waking_body, waking_life ON journal_entry
        BEGIN
            INSERT INTO journal_entry_fts(
                journal_entry_fts, rowid, title, narrative, waking_body, waking_life
            )
            VALUES ('delete', old.id, old.title, old.narrative, old.waking_body, old.waking_life);
            INSERT INTO journal_entry_fts(rowid, title, narrative, waking_body, waking_life)
            VALUES (new.id, new.title, new.narrative, new.waking_body, new.waking_life);
        END""",
}


def create_search_index(apps, schema_editor):
    """FTS5 table and triggers on SQLite; a GIN index on the search vector on PostgreSQL."""
    connection = schema_editor.connection
    if connection.vendor == "sqlite":
        schema_editor.execute(CREATE_FTS_TABLE)
        for sql in SQLITE_SEARCH_TRIGGERS.values():
            schema_editor.execute(sql)
        schema_editor.execute("INSERT INTO journal_entry_fts(journal_entry_fts) VALUES ('rebuild')")
    elif connection.vendor == "postgresql":
        from django.contrib.postgres.indexes import GinIndex
        from django.contrib.postgres.search import SearchVector

        entry = apps.get_model("journal", "Entry")
        vector = SearchVector(*SEARCHED_FIELDS, config="english")
        schema_editor.add_index(entry, GinIndex(vector, name=SEARCH_INDEX))


def drop_search_index(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor == "sqlite":
        for trigger in SQLITE_SEARCH_TRIGGERS:
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
