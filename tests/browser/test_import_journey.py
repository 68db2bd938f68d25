"""Importing a journal in the browser: preview, start, progress that survives a reload, summary.

The task runs on the database queue, as in production, by a `db_worker` Worker in a thread of
the test, on its own database connection. It is started only once the import is queued, and
runs that one task (batch mode). Matching pauses after its first batch until the test has
reloaded the page, so "mid-progress" is a state the test holds, not a race.
"""

import threading
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connections
from playwright.sync_api import expect

from journal.models import Entry, ImportJob
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.browser

DREAMS = 12


@pytest.fixture
def database_queue(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def run_worker_once() -> threading.Thread:
    """A db_worker in a thread that runs the queued tasks, then stops."""
    from django_tasks_db.management.commands.db_worker import Worker

    worker = Worker(
        queue_names=["default"],
        interval=0.1,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="browser-test",
        excluded_queue_names=[],
    )

    def run():
        try:
            worker.run()
        finally:
            connections.close_all()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread


def test_import_with_progress_and_a_reload(page, screenshot, tmp_path, monkeypatch, database_queue):
    call_command("import_interpretations", stdout=StringIO())
    UserFactory(username="importer")
    journal = tmp_path / "my-journal.csv"
    lines = [
        f'2024-03-{day:02d},"I ran down a corridor that kept growing, night {day}"'
        for day in range(1, DREAMS + 1)
    ]
    journal.write_text("\n".join(["date,dream", *lines, "2024-03-99,no such night"]) + "\n")

    resume = threading.Event()
    record_progress = ImportJob.record_progress

    def pause_after_first_batch(job, done, total):
        record_progress(job, done, total)
        if done < total:
            resume.wait(timeout=60)

    monkeypatch.setattr("journal.importing.PROGRESS_BATCH", 5)
    monkeypatch.setattr(ImportJob, "record_progress", pause_after_first_batch)

    page.goto("/accounts/login/")
    page.get_by_label("Username").fill("importer")
    page.get_by_label("Password:").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.get_by_role("link", name="Settings").click()

    section = page.locator("#import")
    section.get_by_label("File to import").set_input_files(journal)
    section.get_by_role("button", name="Check the file").click()
    expect(section).to_contain_text(
        f"{DREAMS} dreams to import, from 1 March 2024 to 12 March 2024"
    )
    expect(section).to_contain_text("1 will be skipped")
    expect(section).to_contain_text("line 14: date")
    screenshot("import-01-preview-phone")
    assert not Entry.objects.exists()

    section.get_by_role("button", name=f"Import {DREAMS} dreams").click()
    status = page.locator("#import-status")
    expect(status).to_contain_text("waiting for its turn")
    worker = run_worker_once()
    expect(status.locator(".import-count")).to_have_text("41 % · 5 of 12 dreams matched")
    expect(status.get_by_role("progressbar")).to_have_attribute("value", "41")
    screenshot("import-02-progress-phone")

    page.reload()
    expect(page.locator("#import-status .import-count")).to_have_text(
        "41 % · 5 of 12 dreams matched"
    )
    expect(page.get_by_role("button", name="Check the file")).to_have_count(0)
    screenshot("import-03-after-reload-phone")

    resume.set()
    outcome = page.locator("#import-status .import-outcome")
    expect(outcome).to_have_text(
        f"Imported {DREAMS} dreams from my-journal.csv; skipped 1 that could not be placed.",
        timeout=20_000,
    )
    worker.join(timeout=20)
    assert Entry.objects.count() == DREAMS
    screenshot("import-04-done-phone")

    page.get_by_role("link", name="See the patterns in your dreams").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Patterns")
    expect(page.locator(".period-summary")).to_contain_text("12 March 2024")
    screenshot("import-05-patterns-phone")


def log_in(page, username: str) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password:").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()


def test_a_compressed_file_is_refused_with_the_reason(page, screenshot, tmp_path):
    UserFactory(username="zipper")
    archive = tmp_path / "journal.zip"
    archive.write_bytes(b"PK\x03\x04" + bytes(200))
    log_in(page, "zipper")
    page.goto("/accounts/settings/")
    page.get_by_label("File to import").set_input_files(archive)
    page.get_by_role("button", name="Check the file").click()
    expect(page.locator("#import")).to_contain_text(
        "journal.zip cannot be imported: this is a compressed file (zip)"
    )
    screenshot("import-06-refused-phone")
    assert not ImportJob.objects.exists()


def test_a_large_journal_export_is_prepared_then_downloaded(page, screenshot, monkeypatch):
    monkeypatch.setattr("journal.transfers.EXPORT_IN_BACKGROUND_ABOVE", 1)
    owner = UserFactory(username="prolific")
    for day in (1, 2):
        Entry.objects.create(user=owner, night=f"2024-05-0{day}", narrative=f"Dream {day}.")
    log_in(page, "prolific")
    page.goto("/accounts/settings/")
    page.get_by_role("button", name="Prepare JSON").click()
    link = page.get_by_role("link", name="Download your JSON export")
    expect(link).to_be_visible()
    screenshot("import-07-export-ready-phone")
    with page.expect_download() as download:
        link.click()
    assert download.value.suggested_filename.startswith("dream-journal-")
    assert '"Dream 2."' in Path(download.value.path()).read_text()
