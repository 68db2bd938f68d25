"""Imports and large exports as tasks (django.tasks), so that no request waits for them.

An import is previewed in the request (the file is read and checked, nothing is matched),
kept on its ImportJob row, and run by `run_import` once its owner confirms it. Matching is
most of the work and reports progress on the job; the entries are then written in one
transaction, so a failed import keeps nothing. A journal of more than EXPORT_IN_BACKGROUND_ABOVE
entries is exported by `build_export` into an ExportJob row, downloadable for a day.
"""

import logging

from django.db import transaction
from django.tasks import task
from django.utils import timezone

from interpretations.library import current_matcher
from journal.date_words import counted
from journal.exporting import export_text
from journal.import_files import ReadFile
from journal.importing import (
    ImportReport,
    import_dreams,
    preview_import,
    read_import_data,
)
from journal.jobs import JobStatus
from journal.models import Entry, ExportJob, ImportJob, Profile
from journal.tasks import MAX_ATTEMPTS, retry_later

logger = logging.getLogger(__name__)

# Journals larger than this are exported by a task (a few seconds of work at 3,000 entries).
EXPORT_IN_BACKGROUND_ABOVE = 2_000


def prepare_import(user, file_name: str, file_format: str, data: bytes, read: ReadFile):
    """A job holding the checked file and its preview, waiting for its owner to confirm. An
    earlier preview the user never confirmed is dropped."""
    with transaction.atomic():
        user.import_jobs.filter(status=JobStatus.PREVIEW).delete()
        return user.import_jobs.create(
            file_name=file_name[:255],
            file_format=file_format,
            data=data,
            preview=preview_import(user, read),
        )


def start_import(job: ImportJob) -> None:
    """Queue a previewed import (raises AnotherImportRunning); the task starts on commit."""
    if job.queue():
        transaction.on_commit(lambda: run_import.enqueue(job.pk))


@task
def run_import(job_id: int, attempt: int = 1) -> dict:
    """Import one job's file; safe to deliver twice (a job no longer queued is left alone)."""
    claimed = ImportJob.objects.filter(pk=job_id, status=JobStatus.QUEUED).update(
        status=JobStatus.RUNNING, attempts=attempt, done=0, updated_at=timezone.now()
    )
    if not claimed:
        return {"job": job_id, "ran": False}
    job = ImportJob.objects.select_related("user").get(pk=job_id)
    try:
        read = read_import_data(
            bytes(job.data), job.file_name, job.file_format, Profile.for_user(job.user).today()
        )
        report = import_dreams(job.user, read, current_matcher(), progress=job.record_progress)
    except Exception as error:
        _record_failure(job, error, last=attempt >= MAX_ATTEMPTS)
        retry_later(run_import, job_id, attempt=attempt)
        raise  # the task's own result keeps the traceback for staff
    job.end(JobStatus.DONE, import_summary(job, report), imported=report.imported)
    return {"job": job_id, "ran": True, "imported": report.imported}


def import_summary(job: ImportJob, report: ImportReport) -> str:
    parts = [f"Imported {report.imported:,} dreams from {job.file_name}"]
    if report.skipped:
        parts.append(f"skipped {len(report.skipped):,} that could not be placed")
    if report.already_there:
        parts.append(f"left out {report.already_there:,} already in your journal")
    if report.plans:
        parts.append(f"added {counted(report.plans, 'rehearsal plan')}")
    return "; ".join(parts) + "."


def prepare_export(user, file_format: str) -> ExportJob:
    """Queue the export of the user's journal, replacing any earlier one of theirs."""
    with transaction.atomic():
        user.export_jobs.all().delete()
        job = user.export_jobs.create(file_format=file_format)
    transaction.on_commit(lambda: build_export.enqueue(job.pk))
    return job


def exports_in_background(user) -> bool:
    return Entry.objects.for_user(user).count() > EXPORT_IN_BACKGROUND_ABOVE


@task
def build_export(job_id: int, attempt: int = 1) -> dict:
    claimed = ExportJob.objects.filter(pk=job_id, status=JobStatus.QUEUED).update(
        status=JobStatus.RUNNING, attempts=attempt
    )
    if not claimed:
        return {"job": job_id, "ran": False}
    job = ExportJob.objects.select_related("user").get(pk=job_id)
    try:
        data = export_text(job.user, job.file_format).encode()
    except Exception as error:
        _record_failure(job, error, last=attempt >= MAX_ATTEMPTS)
        retry_later(build_export, job_id, attempt=attempt)
        raise
    # An update, not a save: a newer export may have replaced (deleted) this one meanwhile.
    ExportJob.objects.filter(pk=job_id).update(
        data=data,
        entries=Entry.objects.for_user(job.user).count(),
        status=JobStatus.DONE,
        finished_at=timezone.now(),
    )
    expired, _ = ExportJob.objects.expired().delete()
    return {"job": job_id, "ran": True, "bytes": len(data), "expired_deleted": expired}


def _record_failure(job: ImportJob | ExportJob, error: Exception, *, last: bool) -> None:
    """Queue the job again for the next attempt, or mark it failed after the last. Its
    message is for staff (the owner is told only that it failed and that nothing was kept)."""
    logger.warning("%s failed (attempt %d of %d): %r", job, job.attempts, MAX_ATTEMPTS, error)
    now = timezone.now()
    values: dict[str, object] = {
        "status": JobStatus.FAILED if last else JobStatus.QUEUED,
        "message": f"attempt {job.attempts}: {type(error).__name__}: {error}"[:2000],
    }
    if last:
        values |= {"finished_at": now, "data": b""}
    if isinstance(job, ImportJob):
        values["updated_at"] = now
    # An update, not a save: the job is gone if its owner deleted their account meanwhile.
    type(job).objects.filter(pk=job.pk).update(**values)


def transfer_housekeeping() -> dict:
    """For the periodic housekeeping: run again the imports whose worker stopped (one
    transaction per file, so a second run writes nothing twice) or fail them after their
    last attempt, and delete the exports past their day."""
    resumed, failed = [], []
    for job in ImportJob.objects.stalled().defer("data"):
        if job.attempts >= MAX_ATTEMPTS:
            _record_failure(job, RuntimeError("the worker stopped"), last=True)
            failed.append(job.pk)
        elif ImportJob.objects.stalled().filter(pk=job.pk).update(status=JobStatus.QUEUED):
            run_import.enqueue(job.pk, attempt=job.attempts + 1)
            resumed.append(job.pk)
    expired, _ = ExportJob.objects.expired().delete()
    return {"imports_resumed": resumed, "imports_failed": failed, "exports_expired": expired}
