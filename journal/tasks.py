"""Long work, run by the task worker (`manage.py db_worker`) instead of inside a request:
re-scoring entries after the library changes, and the periodic housekeeping."""

import datetime as dt
import logging
from functools import partial

from django.db import transaction
from django.tasks import Task, TaskResultStatus, task
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.models import DBTaskResult

from journal.jobs import RescoreStatus
from journal.models import Entry, RescoreRun
from journal.tagging import rescore_entries

logger = logging.getLogger(__name__)

# A task that raises is run again up to this many times in all, waiting FIRST_RETRY_AFTER
# before the second attempt and twice as long before each later one (30 s, then 1 min):
# long enough for a database restart or a deploy to pass.
MAX_ATTEMPTS = 3
FIRST_RETRY_AFTER = dt.timedelta(seconds=30)

# Deleted entries are purged this often, so one stays at most UNDO_WINDOW plus this long.
HOUSEKEEPING_EVERY = dt.timedelta(minutes=10)


def retry_later(task_to_retry: Task, *args, attempt: int, **kwargs) -> bool:
    """Queue task_to_retry(*args, attempt=attempt + 1, **kwargs) after a backoff, unless
    attempt was the last of MAX_ATTEMPTS. Returns whether another attempt was queued.

    django.tasks has no retries of its own. A task that wants them takes `attempt: int = 1`
    as a keyword argument, and in its `except` block first records the failure (the last
    one when `attempt >= MAX_ATTEMPTS`), then calls this, then re-raises, so every failed
    attempt keeps its traceback in the task results (DBTaskResult in the admin):

        @task
        def import_file(job_id: int, attempt: int = 1) -> None:
            try:
                ...
            except Exception:
                ImportJob.objects.get(pk=job_id).failed(last=attempt >= MAX_ATTEMPTS)
                retry_later(import_file, job_id, attempt=attempt)
                raise

    A backend that cannot defer (the immediate one, in tests) runs the next attempt at once,
    inside this call: hence recording the failure first.
    """
    if attempt >= MAX_ATTEMPTS:
        logger.error("%s failed %d times: giving up", task_to_retry.name, attempt)
        return False
    if task_to_retry.get_backend().supports_defer:
        wait = FIRST_RETRY_AFTER * 2 ** (attempt - 1)
        task_to_retry = task_to_retry.using(run_after=timezone.now() + wait)
    task_to_retry.enqueue(*args, attempt=attempt + 1, **kwargs)
    return True


# Re-scoring.


@task
def rescore_library(run_id: int, attempt: int = 1) -> dict:
    """Carry out RescoreRun run_id against the library as it is now, from the entry after
    the last batch it finished (none, the first time)."""
    run = RescoreRun.objects.claim(run_id)
    if run is None:
        return {"run": run_id, "skipped": "finished, running elsewhere, or replaced"}
    try:
        rescore_entries(
            Entry.objects.filter(pk__gt=run.last_entry_id), after_batch=run.record_batch
        )
    except RescoreRun.Stopped:
        run.stopped()
        return {"run": run_id, "stopped": "replaced by a later run or taken over"}
    except Exception as error:
        run.failed(error, will_retry=attempt < MAX_ATTEMPTS)
        retry_later(rescore_library, run_id, attempt=attempt)
        raise
    run.finish(RescoreStatus.DONE)
    return {
        "run": run_id,
        "entries_rescored": run.entries_rescored,
        "suggestions_changed": run.suggestions_changed,
    }


def rescore_after_library_change(sender, **kwargs) -> SafeString:
    """Re-score every entry once the library change is committed (connected in
    JournalConfig.ready to interpretations' library_change). Returns the line the editor
    sees: how many entries will be looked at, and where the result will show."""
    run, created = RescoreRun.objects.requested()
    # Queued for a run that was waiting too: the first task to start carries it out, the
    # others find it taken and stop at once. Robust: the change is committed whatever
    # happens here, and housekeeping queues again a run whose task never came.
    transaction.on_commit(partial(rescore_library.enqueue, run.pk), robust=True)
    when = "" if created else ", together with the changes saved before it started"
    return format_html(
        "Re-scoring is under way{}: the suggestions of {} entries will be checked against "
        'the changed library. The result will show in <a href="{}">re-scoring run {}</a>.',
        when,
        f"{run.entries_to_check:,}",
        reverse("admin:journal_rescorerun_change", args=[run.pk]),
        run.pk,
    )


# Housekeeping.


@task
def housekeeping(reschedule: bool = True) -> dict:
    """Purge the entries deleted longer ago than the undo window, queue again the
    re-scoring runs whose worker stopped (they resume after their last batch), and tidy the
    imports and exports. Queues its own next run HOUSEKEEPING_EVERY from now first, so a
    failure never ends the cycle."""
    if reschedule:
        schedule_housekeeping()
    purged = Entry.objects.purge_deleted()
    stalled = list(RescoreRun.objects.stalled().values_list("pk", flat=True))
    for run_id in stalled:
        rescore_library.enqueue(run_id)
    if purged or stalled:
        logger.info("Purged %d deleted entries; resumed re-scoring runs %s", purged, stalled)
    # Imports whose worker stopped, and expired exports (journal.transfers imports this module).
    from journal.transfers import transfer_housekeeping

    return {"purged": purged, "resumed_runs": stalled, **transfer_housekeeping()}


def schedule_housekeeping() -> bool:
    """Queue housekeeping to run HOUSEKEEPING_EVERY from now, unless a run is already
    queued. Returns whether it queued one. Only the database queue keeps such a cycle (the
    immediate backend of the tests would run it at once, for ever): with another backend it
    queues nothing."""
    backend = housekeeping.get_backend()
    if not isinstance(backend, DatabaseBackend):
        return False
    queued = DBTaskResult.objects.filter(
        task_path=housekeeping.module_path,
        status=TaskResultStatus.READY,
        backend_name=backend.alias,
    )
    if queued.exists():
        return False
    housekeeping.using(run_after=timezone.now() + HOUSEKEEPING_EVERY).enqueue()
    return True
