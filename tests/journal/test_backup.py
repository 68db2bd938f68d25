"""The backup command copies the SQLite database consistently."""

import sqlite3
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection


@pytest.mark.django_db(transaction=True)
def test_backup_writes_a_consistent_copy(tmp_path, user):
    if connection.vendor != "sqlite":
        pytest.skip("the backup command is for the embedded SQLite database")
    target = tmp_path / "dreams.sqlite3"
    call_command("backup", str(target), stdout=StringIO())
    with sqlite3.connect(target) as copy:
        usernames = [row[0] for row in copy.execute("SELECT username FROM auth_user")]
    copy.close()
    assert usernames == [user.username]
    assert not list(tmp_path.glob(".*partial"))


@pytest.mark.django_db(transaction=True)
def test_backup_refuses_to_overwrite_unless_asked(tmp_path):
    if connection.vendor != "sqlite":
        pytest.skip("the backup command is for the embedded SQLite database")
    target = tmp_path / "dreams.sqlite3"
    target.write_text("precious")
    with pytest.raises(CommandError, match="already exists"):
        call_command("backup", str(target), stdout=StringIO())
    assert target.read_text() == "precious"
    call_command("backup", str(target), "--overwrite", stdout=StringIO())
    assert target.read_bytes().startswith(b"SQLite format 3")


@pytest.mark.django_db(transaction=True)
def test_backup_into_a_missing_folder_is_a_clear_error(tmp_path):
    if connection.vendor != "sqlite":
        pytest.skip("the backup command is for the embedded SQLite database")
    with pytest.raises(CommandError, match="is not a folder"):
        call_command("backup", str(tmp_path / "nowhere" / "x.sqlite3"), stdout=StringIO())


@pytest.mark.django_db(transaction=True)
def test_backup_on_postgresql_points_to_pg_dump(tmp_path):
    if connection.vendor == "sqlite":
        pytest.skip("checks the message on other databases")
    with pytest.raises(CommandError, match="pg_dump"):
        call_command("backup", str(tmp_path / "x"), stdout=StringIO())
