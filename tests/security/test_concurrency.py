"""Concurrency: two sessions editing one entry are told, and saves under SQLite queue instead
of failing with "database is locked"."""

import datetime as dt
import os
import sqlite3
import subprocess
import sys
import textwrap
import time
from contextlib import closing
from pathlib import Path

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from journal.models import Entry
from tests.factories import EntryFactory

REPO_ROOT = Path(__file__).resolve().parents[2]


def edit_data(entry: Entry, narrative: str) -> dict:
    return {
        "narrative": narrative,
        "night": entry.night.isoformat(),
        "intensity": "3",
        "interpretation_choice": "auto",
        "revision": str(entry.revision),
    }


class TestTwoSessionsOneEntry:
    @pytest.fixture
    def entry(self, user):
        return EntryFactory(user=user, night=dt.date(2026, 10, 1), narrative="The first version.")

    def sessions(self, user) -> tuple[Client, Client]:
        phone, laptop = Client(), Client()
        phone.force_login(user)
        laptop.force_login(user)
        return phone, laptop

    @pytest.mark.parametrize("htmx", [False, True])
    def test_the_second_save_is_told_and_keeps_its_text(self, user, entry, htmx):
        phone, laptop = self.sessions(user)
        url = reverse("entry_edit", args=[entry.pk])
        # Both open the form at revision 1.
        assert 'name="revision" value="1"' in phone.get(url).content.decode()
        assert 'name="revision" value="1"' in laptop.get(url).content.decode()
        data = edit_data(entry, "Written on the phone.")
        assert phone.post(url, data).status_code == 302
        headers = {"HX-Request": "true"} if htmx else {}
        late = laptop.post(url, edit_data(entry, "Written on the laptop."), headers=headers)
        assert late.status_code == 200
        html = late.content.decode()
        assert "changed somewhere else" in html
        assert "Written on the laptop." in html  # the text is still in the form
        entry.refresh_from_db()
        assert entry.narrative == "Written on the phone." and entry.revision == 2
        # After reloading, the laptop sees the phone's version and can save over it.
        reloaded = laptop.get(url).content.decode()
        assert "Written on the phone." in reloaded and 'name="revision" value="2"' in reloaded
        entry.refresh_from_db()
        assert laptop.post(url, edit_data(entry, "Merged.")).status_code == 302
        entry.refresh_from_db()
        assert entry.narrative == "Merged." and entry.revision == 3

    def test_a_form_without_its_revision_is_refused(self, user, entry):
        phone, _ = self.sessions(user)
        data = edit_data(entry, "No revision.")
        del data["revision"]
        response = phone.post(reverse("entry_edit", args=[entry.pk]), data)
        assert response.status_code == 200 and "missing its revision" in response.content.decode()
        entry.refresh_from_db()
        assert entry.narrative == "The first version."


# --- SQLite under concurrent writers ----------------------------------------------------------

WRITERS = 4
ENTRIES_EACH = 40
WRITER_SCRIPT = textwrap.dedent(
    """
    import pathlib, time, uuid
    from django.contrib.auth import get_user_model
    from django.http import QueryDict
    from journal.forms import EntryForm
    from journal.models import Profile

    user = get_user_model().objects.get(username="sleeper")
    folder = pathlib.Path({folder!r})
    (folder / "ready-{{WRITER}}").touch()
    while not (folder / "go").exists():  # all writers start together
        time.sleep(0.005)
    for n in range({count}):
        data = QueryDict(mutable=True)
        data.update({{
            "narrative": f"Writer {{WRITER}} dream {{n}}: running, legs like lead.",
            "night": "2026-10-01", "intensity": "3", "interpretation_choice": "auto",
            "submission_token": str(uuid.uuid4()),
        }})
        form = EntryForm(data, user=user, profile=Profile.for_user(user))
        assert form.is_valid(), form.errors
        assert form.save_entry() is not None
    print("done")
    """
)


@pytest.mark.slow
@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's single writer lock")
def test_concurrent_saves_on_a_sqlite_file_all_land(tmp_path):
    """Several processes save entries into one SQLite file at once (as gunicorn workers would),
    with the project's own database settings: every save lands, none fails with "locked"."""
    database = tmp_path / "concurrent.sqlite3"
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{database}",
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DEBUG": "true",
    }
    manage = [sys.executable, str(REPO_ROOT / "manage.py")]

    def run(*args, **kwargs):
        return subprocess.run(  # noqa: S603 (our own manage.py)
            [*manage, *args], env=env, cwd=REPO_ROOT, capture_output=True, text=True, **kwargs
        )

    prepared = run(  # one interpreter for both: each start of Django costs a second
        "shell",
        "-c",
        "from django.core.management import call_command; call_command('migrate', verbosity=0); "
        "from django.contrib.auth import get_user_model; "
        "get_user_model().objects.create_user('sleeper', password='x-long-enough-password')",
        timeout=120,
    )
    assert prepared.returncode == 0, prepared.stderr
    script = WRITER_SCRIPT.format(folder=str(tmp_path), count=ENTRIES_EACH)
    writers = [
        subprocess.Popen(  # noqa: S603 (our own manage.py)
            [*manage, "shell", "-c", script.replace("{WRITER}", str(n))],
            env=env,
            cwd=REPO_ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(WRITERS)
    ]
    deadline = time.monotonic() + 60
    while len(list(tmp_path.glob("ready-*"))) < WRITERS and time.monotonic() < deadline:
        time.sleep(0.02)  # every interpreter started, Django imported
    (tmp_path / "go").touch()
    outcomes = [writer.communicate(timeout=120) for writer in writers]
    for writer, (out, err) in zip(writers, outcomes, strict=True):
        assert "database is locked" not in err
        assert writer.returncode == 0 and "done" in out, err[-2000:]
    with closing(sqlite3.connect(database)) as counting:
        counted = counting.execute(
            "SELECT COUNT(*), COUNT(DISTINCT narrative) FROM journal_entry"
        ).fetchone()
    assert counted == (WRITERS * ENTRIES_EACH,) * 2
