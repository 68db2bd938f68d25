"""Full-text search over a user's journal: one interface, SQLite FTS5 or PostgreSQL."""

import sqlite3

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from journal.models import Entry
from journal.search import fts5_query
from tests.factories import EntryFactory


def entry_for(user, narrative, **fields) -> Entry:
    return EntryFactory(user=user, narrative=narrative, **fields)


@pytest.fixture
def dreams(user, other_user):
    return {
        "treadmill": entry_for(user, "I was running on a treadmill that sped up."),
        "sea": entry_for(user, "Swimming in a warm sea at night.", waking_life="Exams at work"),
        "other": entry_for(other_user, "Someone else's treadmill dream."),
    }


def test_finds_words_with_stemming_in_one_users_journal(user, dreams):
    found = Entry.objects.for_user(user).search("treadmills run")
    assert list(found) == [dreams["treadmill"]]


def test_searches_waking_life_and_title(user, dreams):
    assert list(Entry.objects.for_user(user).search("exams")) == [dreams["sea"]]


def test_every_word_is_required(user, dreams):
    assert not Entry.objects.for_user(user).search("treadmill sea").exists()


def test_follows_edits_and_deletes(user, dreams):
    entry = dreams["sea"]
    entry.narrative = "A lighthouse in fog."
    entry.save()
    assert list(Entry.objects.search("lighthouse")) == [entry]
    assert not Entry.objects.search("swimming").exists()
    entry.delete()
    assert not Entry.objects.search("lighthouse").exists()


@pytest.mark.parametrize(
    "text", ['"', "AND", "OR NOT", "tread*", "(", "NEAR(a b)", "a:b", "💤", "-", "''", "^x"]
)
def test_search_syntax_never_fails(user, dreams, text):
    list(Entry.objects.for_user(user).search(text))


def test_soft_deleted_entries_are_not_found(user, dreams):
    dreams["treadmill"].soft_delete()
    assert not Entry.objects.for_user(user).search("treadmill").exists()


_FTS = sqlite3.connect(":memory:")
_FTS.execute("CREATE VIRTUAL TABLE t USING fts5(body, tokenize='porter unicode61')")


@given(st.text(max_size=40))
@settings(max_examples=300, deadline=None)
def test_any_text_makes_a_valid_fts5_query(text):
    query = fts5_query(text)
    if query:
        _FTS.execute("SELECT rowid FROM t WHERE t MATCH ?", (query,)).fetchall()


def test_prefix_on_the_last_word():
    assert fts5_query("tread") == '"tread"*'
    assert fts5_query('"slow motion" legs') == '"slow motion" "legs"*'
