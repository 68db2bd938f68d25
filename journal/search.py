"""Searching a journal's words: SQLite's FTS5 table kept by triggers, PostgreSQL's full-text
search over the same fields (a GIN expression index from migration 0002), and plain
substring matching on any other database. Any text is accepted: words are quoted, so search
syntax can never fail a query."""

import re

from django.db import connections, models
from django.db.models.expressions import RawSQL

SEARCHED_FIELDS = ("title", "narrative", "waking_body", "waking_life")

# SQLite keeps the FTS table in step with journal_entry through these triggers.
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
CREATE_FTS_TABLE = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS journal_entry_fts USING fts5("
    "title, narrative, waking_body, waking_life, "
    "content='journal_entry', content_rowid='id', "
    "tokenize='porter unicode61 remove_diacritics 2')"
)


def fts5_query(text: str) -> str:
    """A user's search text as a safe FTS5 query: every word or "quoted phrase" quoted, all
    required, the last word also matching as a prefix (so "treadm" finds "treadmill")."""
    parts = []
    for phrase, word in re.findall(r'"([^"]*)"|([^\W_]+)', text):
        words = re.findall(r"[^\W_]+", phrase) if phrase else [word]
        if words:
            parts.append('"' + " ".join(words) + '"')
    if parts and not text.rstrip().endswith('"'):
        parts[-1] += "*"
    return " ".join(parts)


def search_vector():
    """The document PostgreSQL searches; the GIN index of migration 0002 is built on it."""
    from django.contrib.postgres.search import SearchVector

    return SearchVector(*SEARCHED_FIELDS, config="english")


def matching_entries(entries: models.QuerySet, text: str) -> models.QuerySet:
    """The entries whose searched fields hold the words of text."""
    text = text.strip()
    if not text:
        return entries
    vendor = connections[entries.db].vendor
    if vendor == "sqlite":
        query = fts5_query(text)
        if not query:
            return entries.none()
        return entries.filter(
            pk__in=RawSQL(
                "SELECT rowid FROM journal_entry_fts WHERE journal_entry_fts MATCH %s", (query,)
            )
        )
    if vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery

        return entries.annotate(search_document=search_vector()).filter(
            search_document=SearchQuery(text, search_type="websearch", config="english")
        )
    condition = models.Q()
    for word in re.findall(r"[^\W_]+", text):
        condition &= models.Q(narrative__icontains=word) | models.Q(title__icontains=word)
    return entries.filter(condition)


def ensure_search_index(connection) -> None:
    """Create the FTS5 table and its triggers on SQLite if any is missing, and rebuild it then.

    SQLite's schema editor rebuilds a table to alter it, which drops its triggers; running
    this after every migrate (JournalConfig.ready connects it) puts them back, so search never
    silently goes stale.
    """
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE name = 'journal_entry' AND type = 'table'"
        )
        if cursor.fetchone() is None:
            return
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE name LIKE 'journal_entry_fts%' "
            "AND type IN ('table', 'trigger')"
        )
        present = {name for (name,) in cursor.fetchall()}
        if {"journal_entry_fts", *SQLITE_SEARCH_TRIGGERS} <= present:
            return
        cursor.execute(CREATE_FTS_TABLE)
        for sql in SQLITE_SEARCH_TRIGGERS.values():
            cursor.execute(sql)
        cursor.execute("INSERT INTO journal_entry_fts(journal_entry_fts) VALUES ('rebuild')")


def ensure_search_index_after_migrate(sender, using="default", **kwargs) -> None:
    ensure_search_index(connections[using])
