"""The import and export tasks (journal/transfers.py) and the import preview."""

import datetime as dt

import pytest
from django.utils import timezone

from journal.importing import import_dreams, preview_import, read_import_data
from journal.jobs import JobStatus
from journal.models import Entry, ExportJob, ImportJob
from journal.transfers import (
    build_export,
    prepare_export,
    prepare_import,
    run_import,
    start_import,
    transfer_housekeeping,
)

CSV = b"date,dream\n" + b"".join(
    f"2024-01-{day:02d},dream of night {day}\n".encode() for day in range(1, 8)
)


def previewed_job(user, data: bytes = CSV) -> ImportJob:
    read = read_import_data(data, "dreams.csv")
    return prepare_import(user, "dreams.csv", "csv", data, read)


class TestPreview:
    def test_counts_and_first_few(self, user, monkeypatch):
        monkeypatch.setattr("journal.importing.PREVIEW_EXAMPLES", 2)
        for day in (1, 2, 3):
            Entry.objects.create(
                user=user, night=dt.date(2024, 1, day), narrative=f"dream of night {day}"
            )
        data = CSV + b"2024-02-30,no such night\n"
        preview = preview_import(user, read_import_data(data, "dreams.csv"))
        assert preview["dreams"] == 4
        assert (preview["first_night"], preview["last_night"]) == ("2024-01-04", "2024-01-07")
        assert preview["duplicate_count"] == 3
        assert preview["duplicates"] == [["line 2", "2024-01-01"], ["line 3", "2024-01-02"]]
        assert preview["skipped_count"] == 1 and preview["skipped"][0][0] == "line 9"

    def test_another_users_entries_are_not_duplicates(self, user, other_user):
        Entry.objects.create(
            user=other_user, night=dt.date(2024, 1, 1), narrative="dream of night 1"
        )
        assert preview_import(user, read_import_data(CSV, "d.csv"))["duplicate_count"] == 0


class TestProgress:
    def test_reported_after_each_batch(self, user, monkeypatch):
        from interpretations.library import current_matcher

        monkeypatch.setattr("journal.importing.PROGRESS_BATCH", 3)
        seen = []
        import_dreams(
            user,
            read_import_data(CSV, "d.csv"),
            current_matcher(),
            progress=lambda done, total: seen.append((done, total)),
        )
        assert seen == [(3, 7), (6, 7), (7, 7)]


class TestRunImport:
    def test_a_second_delivery_does_nothing(self, user, django_capture_on_commit_callbacks):
        job = previewed_job(user)
        with django_capture_on_commit_callbacks(execute=True):
            start_import(job)
        assert run_import.call(job.pk) == {"job": job.pk, "ran": False}
        assert user.entries.count() == 7

    def test_a_preview_is_never_run(self, user):
        job = previewed_job(user)
        assert run_import.call(job.pk)["ran"] is False
        assert not Entry.objects.exists()

    def test_starting_twice_queues_once(self, user, django_capture_on_commit_callbacks):
        job = previewed_job(user)
        with django_capture_on_commit_callbacks() as callbacks:
            start_import(job)
            start_import(job)
        assert len(callbacks) == 1


class TestHousekeeping:
    def test_a_stalled_import_runs_again(self, user, django_capture_on_commit_callbacks):
        job = previewed_job(user)
        an_hour_ago = timezone.now() - dt.timedelta(hours=1)
        ImportJob.objects.filter(pk=job.pk).update(
            status=JobStatus.RUNNING, attempts=1, updated_at=an_hour_ago
        )
        assert transfer_housekeeping()["imports_resumed"] == [job.pk]
        job.refresh_from_db()
        assert job.status == JobStatus.DONE and job.attempts == 2
        assert user.entries.count() == 7

    def test_a_stalled_import_on_its_last_attempt_fails(self, user):
        job = previewed_job(user)
        an_hour_ago = timezone.now() - dt.timedelta(hours=1)
        ImportJob.objects.filter(pk=job.pk).update(
            status=JobStatus.RUNNING, attempts=3, updated_at=an_hour_ago
        )
        assert transfer_housekeeping()["imports_failed"] == [job.pk]
        job.refresh_from_db()
        assert job.status == JobStatus.FAILED and bytes(job.data) == b""

    def test_a_running_import_with_recent_progress_is_left_alone(self, user):
        job = previewed_job(user)
        ImportJob.objects.filter(pk=job.pk).update(status=JobStatus.RUNNING)
        assert transfer_housekeeping()["imports_resumed"] == []

    def test_expired_exports_are_deleted(self, user, django_capture_on_commit_callbacks):
        with django_capture_on_commit_callbacks(execute=True):
            job = prepare_export(user, "json")
        assert transfer_housekeeping()["exports_expired"] == 0
        ExportJob.objects.filter(pk=job.pk).update(created_at=timezone.now() - dt.timedelta(days=2))
        assert transfer_housekeeping()["exports_expired"] == 1


class TestBuildExport:
    def test_failure_is_retried_then_recorded(self, user, monkeypatch):
        def broken(*args):
            raise OSError("no space")

        monkeypatch.setattr("journal.transfers.export_text", broken)
        job = ExportJob.objects.create(user=user, file_format="json")
        with pytest.raises(OSError):
            build_export.call(job.pk)
        job.refresh_from_db()
        # The immediate backend ran attempts 2 and 3 inside the first.
        assert job.status == JobStatus.FAILED and job.attempts == 3
        assert "no space" in job.message


def test_the_periodic_housekeeping_includes_the_transfers(user):
    from journal.tasks import housekeeping

    job = previewed_job(user)
    an_hour_ago = timezone.now() - dt.timedelta(hours=1)
    ImportJob.objects.filter(pk=job.pk).update(
        status=JobStatus.RUNNING, attempts=1, updated_at=an_hour_ago
    )
    assert housekeeping.call(reschedule=False)["imports_resumed"] == [job.pk]
