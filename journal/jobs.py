"""The journal's work in the background: a user's imports and exports, and the runs that
re-score every entry after the interpretation library changes. The models are found at
journal.models, which imports them."""

import datetime as dt

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.db.models import F
from django.utils import timezone

# --- Imports and exports in the background (journal/transfers.py runs them) ----------------

# An uploaded import file is kept on its job row between the preview and the task, at most this
# large (the upload handler stops reading past it); it is emptied when the job ends.
IMPORT_FILE_MAX_BYTES = 20 * 1024 * 1024
# A prepared export can be downloaded for this long, then it is deleted.
EXPORT_LIFETIME = dt.timedelta(days=1)
# A running import reports progress every few seconds; one silent this long lost its worker.
IMPORT_STALLED_AFTER = dt.timedelta(minutes=15)
# A free worker picks a queued job up within seconds; one still waiting after this is told why.
WORKER_LATE_AFTER = dt.timedelta(minutes=1)


class JobStatus(models.TextChoices):
    PREVIEW = "preview", "Waiting for you to confirm"
    QUEUED = "queued", "Queued"
    RUNNING = "running", "Running"
    DONE = "done", "Done"
    FAILED = "failed", "Failed"


ACTIVE_STATUSES = (JobStatus.QUEUED, JobStatus.RUNNING)


class AnotherImportRunning(Exception):
    """The user's previous import is still queued or running."""


class ImportJobQuerySet(models.QuerySet["ImportJob"]):
    def stalled(self):
        """Running imports whose worker stopped (killed, or the server restarted)."""
        return self.filter(
            status=JobStatus.RUNNING, updated_at__lt=timezone.now() - IMPORT_STALLED_AFTER
        )


class ImportJob(models.Model):
    """One file a user imports: previewed, then queued, run by a task, done or failed."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="import_jobs"
    )
    status = models.CharField(max_length=10, choices=JobStatus, default=JobStatus.PREVIEW)
    file_name = models.CharField(max_length=255)
    file_format = models.CharField(max_length=8)
    data = models.BinaryField(max_length=IMPORT_FILE_MAX_BYTES, default=bytes, editable=False)
    # What the dry run found: counts, date range and the first few skipped and duplicates.
    preview = models.JSONField(default=dict, blank=True)
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    imported = models.PositiveIntegerField(default=0)
    attempts = models.PositiveSmallIntegerField(default=0)
    message = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    objects = ImportJobQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            # One import at a time per user, whichever request or worker tries a second.
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(status__in=ACTIVE_STATUSES),
                name="one_import_at_a_time",
            )
        ]

    def __str__(self) -> str:
        return f"import of {self.file_name} by {self.user}"

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_STATUSES

    @property
    def preview_nights(self) -> tuple[dt.date, dt.date] | None:
        """The first and last night of the dreams the preview found to import."""
        if not self.preview.get("first_night"):
            return None
        return (
            dt.date.fromisoformat(self.preview["first_night"]),
            dt.date.fromisoformat(self.preview["last_night"]),
        )

    @property
    def percent(self) -> int:
        return min(100, self.done * 100 // self.total) if self.total else 0

    @property
    def waiting_long(self) -> bool:
        """Queued, and not started long after a free worker would have started it."""
        return (
            self.status == JobStatus.QUEUED
            and not self.total
            and self.updated_at < timezone.now() - WORKER_LATE_AFTER
        )

    def queue(self) -> bool:
        """Confirm a previewed import: whether it was queued now (not before, by a repeated
        click). Raises AnotherImportRunning if another of the user's is under way."""
        with transaction.atomic():
            job = ImportJob.objects.select_for_update().only("status").get(pk=self.pk)
            if job.status != JobStatus.PREVIEW:
                return False
            if ImportJob.objects.filter(user=self.user_id, status__in=ACTIVE_STATUSES).exists():
                raise AnotherImportRunning
            try:
                with transaction.atomic():
                    ImportJob.objects.filter(pk=self.pk).update(
                        status=JobStatus.QUEUED, updated_at=timezone.now()
                    )
            except IntegrityError:  # a second request got past the check at the same moment
                raise AnotherImportRunning from None
        self.status = JobStatus.QUEUED
        return True

    def record_progress(self, done: int, total: int) -> None:
        ImportJob.objects.filter(pk=self.pk).update(
            done=done, total=total, updated_at=timezone.now()
        )
        self.done, self.total = done, total

    def end(self, status: str, message: str, imported: int = 0) -> None:
        """Finish the job and let go of the file."""
        self.status, self.message, self.imported = status, message, imported
        self.data = b""
        self.finished_at = timezone.now()
        self.save(
            update_fields=["status", "message", "imported", "data", "finished_at", "updated_at"]
        )


class ExportJobQuerySet(models.QuerySet["ExportJob"]):
    def expired(self):
        return self.filter(created_at__lt=timezone.now() - EXPORT_LIFETIME)

    def downloadable(self):
        return self.filter(status=JobStatus.DONE, created_at__gte=timezone.now() - EXPORT_LIFETIME)


class ExportJob(models.Model):
    """A large journal's export, written by a task and kept for a day for its owner."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="export_jobs"
    )
    file_format = models.CharField(max_length=10)
    status = models.CharField(max_length=10, choices=JobStatus, default=JobStatus.QUEUED)
    entries = models.PositiveIntegerField(default=0)
    data = models.BinaryField(default=bytes, editable=False)
    message = models.TextField(blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    objects = ExportJobQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.file_format} export for {self.user}"

    @property
    def expires_at(self) -> dt.datetime:
        return self.created_at + EXPORT_LIFETIME


# --- Re-scoring after the library changes (journal/tasks.py runs it) -------------------------

# A run that records no progress for this long has lost its worker (a batch takes about a
# second): housekeeping queues it again, and it resumes after its last finished batch.
RESCORE_STALLED_AFTER = dt.timedelta(minutes=10)


class RescoreStatus(models.TextChoices):
    WAITING = "waiting", "Waiting for a worker"
    RUNNING = "running", "Running"
    DONE = "done", "Done"
    SUPERSEDED = "superseded", "Replaced by a later run"
    FAILED = "failed", "Failed"


UNFINISHED_RESCORES = (RescoreStatus.WAITING, RescoreStatus.RUNNING)


def _live_entry_count() -> int:
    """How many entries a re-scoring run checks: all but the deleted."""
    from journal.models import Entry  # not at the top: journal.models imports this module

    return Entry.objects.alive().count()


class RescoreRunQuerySet(models.QuerySet["RescoreRun"]):
    def requested(self) -> tuple["RescoreRun", bool]:
        """The run that will re-score every entry after a library change, and whether it is
        new: changes made while a run is still waiting for a worker join it, so saves in a
        row cost one pass. Call it in the transaction that changed the library, if any.

        The entries to check are those the last run counted when it started (the worker
        counts them again): counting them here would read every entry inside the editor's
        request, 50–250 ms at 140,000 entries on PostgreSQL."""
        last_count = self.exclude(started_at=None).values_list("entries_to_check", flat=True)
        entries = last_count.first()
        if entries is None:
            entries = _live_entry_count()
        with transaction.atomic():
            run = self.select_for_update().filter(status=RescoreStatus.WAITING).last()
            if run is None:
                return self.create(entries_to_check=entries), True
            run.changes += 1
            run.entries_to_check = entries
            run.save(update_fields=["changes", "entries_to_check"])
        return run, False

    def claim(self, pk: int) -> "RescoreRun | None":
        """Start run pk, or resume it after its last finished batch; None when there is
        nothing to do: it is finished, another worker is running it, or a later run will
        re-score every entry anyway (it is then marked superseded)."""
        now = timezone.now()
        with transaction.atomic():
            run = self.select_for_update().filter(pk=pk).first()
            if run is None or not run.is_claimable:
                return None
            if self.filter(pk__gt=pk).exclude(status=RescoreStatus.FAILED).exists():
                run.finish(RescoreStatus.SUPERSEDED)
                return None
            self.filter(pk__lt=pk, status__in=UNFINISHED_RESCORES).update(
                status=RescoreStatus.SUPERSEDED, finished_at=now
            )
            run.status = RescoreStatus.RUNNING
            run.entries_to_check = _live_entry_count()
            run.attempts += 1
            run.started_at = run.started_at or now
            run.progress_at = now
            run.save()
        return run

    def stalled(self):
        """Unfinished runs no worker has moved on for RESCORE_STALLED_AFTER."""
        cutoff = timezone.now() - RESCORE_STALLED_AFTER
        return self.filter(status__in=UNFINISHED_RESCORES).filter(
            models.Q(progress_at__lt=cutoff)
            | models.Q(progress_at__isnull=True, requested_at__lt=cutoff)
        )


class RescoreRun(models.Model):
    """One pass that re-scores every entry's open suggestions against the library as it is
    when the pass runs. It records its progress with each batch, in the batch's transaction,
    so a pass stopped partway resumes after the last batch it finished."""

    class Stopped(Exception):
        """The run is no longer this worker's: a later run replaced it, or another worker
        took it over after it stalled."""

    status = models.CharField(max_length=10, choices=RescoreStatus, default=RescoreStatus.WAITING)
    changes = models.PositiveIntegerField("library changes", default=1)
    entries_to_check = models.PositiveIntegerField(default=0)
    entries_rescored = models.PositiveIntegerField(default=0)
    suggestions_changed = models.PositiveIntegerField(
        "entries whose suggestions changed", default=0
    )
    last_entry_id = models.PositiveBigIntegerField(default=0, editable=False)
    # Counts the workers that started it; a worker's writes are kept only while its count
    # is the latest, so a worker taken over after a stall cannot write on.
    attempts = models.PositiveSmallIntegerField(default=0)
    error = models.TextField(blank=True)
    requested_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    progress_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    objects = RescoreRunQuerySet.as_manager()

    class Meta:
        ordering = ["-pk"]
        verbose_name = "re-scoring run"

    def __str__(self) -> str:
        return f"Re-scoring run {self.pk}"

    @property
    def is_claimable(self) -> bool:
        if self.status == RescoreStatus.WAITING:
            return True
        stalled_since = timezone.now() - RESCORE_STALLED_AFTER
        return (
            self.status == RescoreStatus.RUNNING
            and self.progress_at is not None
            and self.progress_at < stalled_since
        )

    def _mine(self):
        return RescoreRun.objects.filter(
            pk=self.pk, status=RescoreStatus.RUNNING, attempts=self.attempts
        )

    def record_batch(self, last_entry_id: int, rescored: int, changed: int) -> None:
        """Record a finished batch. Call it inside the batch's transaction: it raises Stopped,
        and the batch is rolled back, if the run is no longer this worker's or a later run
        waits (which re-scores every entry against a newer library: saves in a row cost one
        pass, even with one worker)."""
        if RescoreRun.objects.filter(pk__gt=self.pk).exclude(status=RescoreStatus.FAILED).exists():
            raise RescoreRun.Stopped
        updated = self._mine().update(
            last_entry_id=last_entry_id,
            entries_rescored=F("entries_rescored") + rescored,
            suggestions_changed=F("suggestions_changed") + changed,
            progress_at=timezone.now(),
        )
        if not updated:
            raise RescoreRun.Stopped
        self.last_entry_id = last_entry_id
        self.entries_rescored += rescored
        self.suggestions_changed += changed

    def stopped(self) -> None:
        """Record that this worker stopped the run because a later one replaced it."""
        self._mine().update(status=RescoreStatus.SUPERSEDED, finished_at=timezone.now())

    def finish(self, status: str, error: str = "") -> None:
        self.status = status
        self.error = error
        self.finished_at = None if status == RescoreStatus.WAITING else timezone.now()
        self.save(update_fields=["status", "error", "finished_at"])

    def failed(self, error: Exception, *, will_retry: bool) -> None:
        """Record an attempt's error: the run waits for its retry, or has failed for good."""
        if self._mine().exists():
            message = f"{type(error).__name__}: {error}"[:2000]
            self.finish(RescoreStatus.WAITING if will_retry else RescoreStatus.FAILED, message)
