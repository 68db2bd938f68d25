"""Background work: re-scoring after library changes as a task (coalesced, resumable,
retried), housekeeping (the purge), and what staff see of it in the admin."""

import datetime as dt
from functools import partial

import pytest
from django.core.management import call_command
from django.db.models import F
from django.tasks import TaskResultStatus, task
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from interpretations.library import current_matcher
from interpretations.models import Interpretation, library_changed
from journal import tagging, tasks
from journal.jobs import RESCORE_STALLED_AFTER, RescoreStatus
from journal.models import Entry, EntryTag, Origin, RescoreRun
from journal.querysets import UNDO_WINDOW
from journal.tagging import suggest
from tests.factories import UserFactory
from tests.interpretations.test_admin import change_url, form_data

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
NARRATIVES = [
    f"Dream {n}: I was running from something in a dark street but my legs felt like "
    "concrete. The road kept stretching out the faster I ran and I got nowhere."
    for n in range(5)
]


@pytest.fixture
def library(catalog):
    RescoreRun.objects.all().delete()  # the import's own run never started (no commit)


@pytest.fixture
def entries(user, library) -> list[Entry]:
    saved = []
    for narrative in NARRATIVES:
        entry = Entry.objects.create(user=user, night=dt.date(2026, 11, 1), narrative=narrative)
        result = suggest(narrative)
        entry.set_interpretation(result)
        entry.save()
        entry.replace_tags(result, accepted=[])
        saved.append(entry)
    return saved


class CountingMatcher:
    """The live matcher, counting the dreams it is asked about; raises on the calls named."""

    def __init__(self, fail_on=()):
        self.calls: list[str] = []
        self.match_hook = lambda: None
        self.fail_on = set(fail_on)

    def match(self, narrative, body="", **kwargs):
        self.calls.append(narrative)
        self.match_hook()
        if len(self.calls) in self.fail_on or "always" in self.fail_on:
            raise RuntimeError("the matcher broke")
        return current_matcher().match(narrative, body, **kwargs)


@pytest.fixture
def matcher(monkeypatch, library):
    def use(fail_on=()) -> CountingMatcher:
        counting = CountingMatcher(fail_on)
        monkeypatch.setattr(tagging, "current_matcher", lambda: counting)
        return counting

    return use


@pytest.fixture
def batches_of_two(monkeypatch):
    monkeypatch.setattr(tasks, "rescore_entries", partial(tagging.rescore_entries, batch_size=2))


def unpublish_running_in_place() -> Interpretation:
    """A library change that moves the suggested interpretation of every NARRATIVES dream."""
    running = Interpretation.objects.get(source="running-in-place.txt")
    running.published = False
    running.save()
    return running


class TestCoalescing:
    def test_saves_in_a_row_share_one_run_and_one_pass(
        self, entries, matcher, django_capture_on_commit_callbacks
    ):
        counting = matcher()
        with django_capture_on_commit_callbacks(execute=True) as queued:
            for _ in range(3):
                library_changed()
        assert len(queued) == 3  # one task each: the first carries the run out
        run = RescoreRun.objects.get()
        assert run.changes == 3
        assert run.status == RescoreStatus.DONE
        assert run.entries_rescored == len(entries)
        assert sorted(counting.calls) == sorted(NARRATIVES)  # each dream matched once

    def test_a_change_during_a_run_gets_a_run_of_its_own_which_replaces_it(self, library):
        first, created = RescoreRun.objects.requested()
        assert created
        first = RescoreRun.objects.claim(first.pk)
        second, created = RescoreRun.objects.requested()
        assert created and second.pk != first.pk
        assert RescoreRun.objects.claim(second.pk) is not None
        first.refresh_from_db()
        assert first.status == RescoreStatus.SUPERSEDED
        with pytest.raises(RescoreRun.Stopped):
            first.record_batch(last_entry_id=10, rescored=2, changed=0)

    def test_a_running_pass_stops_at_its_next_batch_when_a_change_comes(
        self, entries, matcher, batches_of_two
    ):
        counting = matcher()
        first, _ = RescoreRun.objects.requested()

        def save_in_the_admin_during_the_third_match(*args, **kwargs):
            if len(counting.calls) == 3:
                RescoreRun.objects.requested()

        counting.match_hook = save_in_the_admin_during_the_third_match
        assert "stopped" in tasks.rescore_library.call(first.pk)
        first.refresh_from_db()
        assert first.status == RescoreStatus.SUPERSEDED
        assert first.last_entry_id == entries[1].pk  # its second batch was rolled back
        second = RescoreRun.objects.get(status=RescoreStatus.WAITING)
        tasks.rescore_library.call(second.pk)
        second.refresh_from_db()
        assert second.status == RescoreStatus.DONE
        assert second.entries_rescored == len(entries)

    def test_an_older_run_queued_late_does_nothing(self, library):
        older, _ = RescoreRun.objects.requested()
        RescoreRun.objects.claim(older.pk)
        newer, _ = RescoreRun.objects.requested()
        RescoreRun.objects.filter(pk=older.pk).update(status=RescoreStatus.WAITING)
        assert RescoreRun.objects.claim(older.pk) is None
        older.refresh_from_db()
        assert older.status == RescoreStatus.SUPERSEDED
        newer.refresh_from_db()
        assert newer.status == RescoreStatus.WAITING

    def test_a_finished_run_is_not_carried_out_again(self, entries, matcher):
        run, _ = RescoreRun.objects.requested()
        tasks.rescore_library.call(run.pk)
        counting = matcher()
        assert "skipped" in tasks.rescore_library.call(run.pk)
        assert counting.calls == []


class TestResume:
    def test_a_failed_attempt_resumes_after_its_last_batch(self, entries, matcher, batches_of_two):
        counting = matcher(fail_on={3})  # the first dream of the second batch, once
        unpublish_running_in_place()
        run, _ = RescoreRun.objects.requested()
        tasks.rescore_library.enqueue(run.pk)
        run.refresh_from_db()
        assert run.status == RescoreStatus.DONE
        assert run.attempts == 2
        assert run.entries_rescored == len(entries)
        assert run.suggestions_changed == len(entries)
        # The first batch was not done twice; the dream that failed was matched again.
        assert counting.calls == [*NARRATIVES[:3], *NARRATIVES[2:]]

    def test_a_run_whose_worker_died_is_resumed_by_housekeeping(
        self, entries, matcher, batches_of_two
    ):
        counting = matcher()
        run, _ = RescoreRun.objects.requested()
        run = RescoreRun.objects.claim(run.pk)
        run.record_batch(last_entry_id=entries[1].pk, rescored=2, changed=2)
        RescoreRun.objects.filter(pk=run.pk).update(
            progress_at=timezone.now() - RESCORE_STALLED_AFTER - dt.timedelta(seconds=1)
        )
        call_command("housekeeping", verbosity=0)
        run.refresh_from_db()
        assert run.status == RescoreStatus.DONE and run.attempts == 2
        assert run.entries_rescored == len(entries)
        assert counting.calls == NARRATIVES[2:]

    def test_a_running_run_is_not_taken_over_before_it_stalls(self, entries, matcher):
        run, _ = RescoreRun.objects.requested()
        RescoreRun.objects.claim(run.pk)
        counting = matcher()
        call_command("housekeeping", verbosity=0)
        assert "skipped" in tasks.rescore_library.call(run.pk)
        assert counting.calls == []

    def test_a_taken_over_worker_cannot_write_on(self, library):
        run, _ = RescoreRun.objects.requested()
        first_worker = RescoreRun.objects.claim(run.pk)
        RescoreRun.objects.filter(pk=run.pk).update(
            progress_at=timezone.now() - RESCORE_STALLED_AFTER - dt.timedelta(seconds=1)
        )
        assert RescoreRun.objects.claim(run.pk) is not None
        with pytest.raises(RescoreRun.Stopped):
            first_worker.record_batch(last_entry_id=1, rescored=1, changed=0)

    def test_a_stopped_batch_is_rolled_back(self, entries, matcher):
        matcher()
        unpublish_running_in_place()
        before = list(EntryTag.objects.order_by("pk").values_list("pk", flat=True))

        def stop(*args):
            raise RescoreRun.Stopped

        with pytest.raises(RescoreRun.Stopped):
            tagging.rescore_entries(after_batch=stop)
        assert list(EntryTag.objects.order_by("pk").values_list("pk", flat=True)) == before


class TestRescoreKeepsWhatUsersChose:
    def test_accepted_tags_and_chosen_interpretations_survive_the_task(self, user, library):
        narrative = NARRATIVES[0]
        result = suggest(narrative)
        chosen = Interpretation.objects.get(source="caught.txt")
        entry = Entry.objects.create(user=user, night=dt.date(2026, 11, 2), narrative=narrative)
        entry.set_interpretation(result, str(chosen.pk))
        entry.save()
        kept = result.scenarios[0].tag.key
        entry.replace_tags(result, accepted=[kept])
        unpublish_running_in_place()
        run, _ = RescoreRun.objects.requested()
        tasks.rescore_library.call(run.pk)
        entry.refresh_from_db()
        assert entry.interpretation == chosen and entry.interpretation_origin == Origin.USER
        assert entry.tags.get(tag_id=kept).accepted

    def test_entries_whose_suggestions_stay_the_same_are_not_written(self, entries, library):
        before = list(EntryTag.objects.order_by("pk").values_list("pk", flat=True))
        run, _ = RescoreRun.objects.requested()
        assert tasks.rescore_library.call(run.pk)["suggestions_changed"] == 0
        assert list(EntryTag.objects.order_by("pk").values_list("pk", flat=True)) == before


# A module-level task, as django.tasks requires, failing as often as told.
FLAKY_CALLS: list[int] = []


@task
def flaky(failures: int, attempt: int = 1) -> int:
    FLAKY_CALLS.append(attempt)
    try:
        if attempt <= failures:
            raise RuntimeError(f"attempt {attempt} failed")
    except RuntimeError:
        tasks.retry_later(flaky, failures, attempt=attempt)
        raise
    return attempt


class TestRetries:
    @pytest.fixture(autouse=True)
    def _forget_calls(self):
        FLAKY_CALLS.clear()

    def test_a_task_that_fails_once_succeeds_on_its_second_attempt(self):
        first = flaky.enqueue(1)
        assert first.status == TaskResultStatus.FAILED
        assert FLAKY_CALLS == [1, 2]

    def test_retries_stop_at_the_limit(self):
        flaky.enqueue(99)
        assert list(range(1, tasks.MAX_ATTEMPTS + 1)) == FLAKY_CALLS

    @override_settings(TASKS=DATABASE_QUEUE)
    def test_on_the_database_queue_the_retry_waits_longer_each_time(self, db):
        assert tasks.retry_later(flaky, 9, attempt=1)
        assert tasks.retry_later(flaky, 9, attempt=2)
        assert not tasks.retry_later(flaky, 9, attempt=tasks.MAX_ATTEMPTS)
        waits = [
            (result.run_after - result.enqueued_at).total_seconds()
            for result in DBTaskResult.objects.order_by("enqueued_at")
        ]
        assert [round(wait) for wait in waits] == [30, 60]
        attempts = [r.args_kwargs["kwargs"]["attempt"] for r in DBTaskResult.objects.all()]
        assert sorted(attempts) == [2, 3]

    def test_a_rescore_that_keeps_failing_fails_for_good_with_its_error(self, entries, matcher):
        counting = matcher(fail_on={"always"})
        run, _ = RescoreRun.objects.requested()
        result = tasks.rescore_library.enqueue(run.pk)
        assert result.status == TaskResultStatus.FAILED
        run.refresh_from_db()
        assert run.status == RescoreStatus.FAILED
        assert run.attempts == tasks.MAX_ATTEMPTS == len(counting.calls)
        assert run.error == "RuntimeError: the matcher broke"

    @override_settings(TASKS=DATABASE_QUEUE)
    def test_a_failing_rescore_is_shown_to_staff(self, client, entries, matcher, superuser):
        matcher(fail_on={"always"})
        run, _ = RescoreRun.objects.requested()
        tasks.rescore_library.enqueue(run.pk)
        # What `manage.py db_worker` does with the task (the command itself would close the
        # test's database connection).
        queued = DBTaskResult.objects.get()
        queued.claim("test-worker")
        Worker(
            queue_names=["default"],
            interval=0,
            batch=True,
            backend_name="default",
            startup_delay=False,
            max_tasks=None,
            worker_id="test-worker",
            excluded_queue_names=[],
        ).run_task(queued)
        failed = DBTaskResult.objects.get(status=TaskResultStatus.FAILED)
        retry = DBTaskResult.objects.get(status=TaskResultStatus.READY)
        assert retry.run_after > timezone.now() and retry.args_kwargs["kwargs"]["attempt"] == 2
        run.refresh_from_db()
        assert run.status == RescoreStatus.WAITING and "the matcher broke" in run.error

        client.force_login(superuser)
        page = client.get(
            reverse("admin:django_tasks_database_dbtaskresult_change", args=[failed.pk])
        )
        assert page.status_code == 200
        assert "RuntimeError: the matcher broke" in page.content.decode()
        page = client.get(reverse("admin:journal_rescorerun_change", args=[run.pk]))
        assert "RuntimeError: the matcher broke" in page.content.decode()


class TestHousekeeping:
    def test_purges_entries_past_the_undo_window_only(self, user, other_user, capsys):
        long_ago = timezone.now() - UNDO_WINDOW - dt.timedelta(seconds=1)
        gone = Entry.objects.create(user=other_user, night=dt.date(2026, 1, 1), narrative="a")
        Entry.objects.filter(pk=gone.pk).update(deleted_at=long_ago)
        undoable = Entry.objects.create(user=user, night=dt.date(2026, 1, 2), narrative="b")
        undoable.soft_delete()
        alive = Entry.objects.create(user=user, night=dt.date(2026, 1, 3), narrative="c")
        call_command("housekeeping")
        assert "Purged 1 deleted entries" in capsys.readouterr().out
        assert set(Entry.objects.values_list("pk", flat=True)) == {undoable.pk, alive.pk}

    def test_deleting_an_entry_no_longer_purges_anyone_elses(self, signed_in, user, other_user):
        theirs = Entry.objects.create(user=other_user, night=dt.date(2026, 1, 1), narrative="a")
        Entry.objects.filter(pk=theirs.pk).update(
            deleted_at=timezone.now() - UNDO_WINDOW - dt.timedelta(minutes=1)
        )
        mine = Entry.objects.create(user=user, night=dt.date(2026, 1, 2), narrative="b")
        signed_in.post(reverse("entry_delete", args=[mine.pk]))
        assert Entry.objects.filter(pk=theirs.pk).exists()

    def test_the_purge_finds_deleted_entries_by_their_index(self, db):
        from django.db import connection

        if connection.vendor == "postgresql":  # an empty table is read whole otherwise
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL enable_seqscan = off")
        plan = Entry.objects.filter(deleted_at__lt=timezone.now() - UNDO_WINDOW).explain()
        assert "entry_deleted_at" in plan

    def test_schedule_needs_the_database_queue(self, db):
        assert not tasks.schedule_housekeeping()

    @override_settings(TASKS=DATABASE_QUEUE)
    def test_schedule_queues_one_run_ten_minutes_ahead(self, db, capsys):
        call_command("housekeeping", schedule=True)
        call_command("housekeeping", schedule=True)
        out = capsys.readouterr().out
        assert "is queued" in out and "already queued" in out
        queued = DBTaskResult.objects.get()
        assert queued.task_path == "journal.tasks.housekeeping"
        wait = queued.run_after - queued.enqueued_at
        assert abs(wait - tasks.HOUSEKEEPING_EVERY) < dt.timedelta(seconds=5)

    @override_settings(TASKS=DATABASE_QUEUE)
    def test_each_run_queues_the_next(self, db):
        tasks.housekeeping.call()
        tasks.housekeeping.call()  # the next one is already queued: not a second
        assert DBTaskResult.objects.filter(status=TaskResultStatus.READY).count() == 1


@pytest.fixture
def superuser(db):
    return UserFactory(is_staff=True, is_superuser=True)


class TestAdmin:
    def test_saving_says_rescoring_is_under_way_and_the_run_shows_its_result(
        self, client, superuser, entries, django_capture_on_commit_callbacks
    ):
        running = Interpretation.objects.get(source="running-in-place.txt")
        client.force_login(superuser)
        data = form_data(client.get(change_url(running)))
        del data["published"]
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(change_url(running), data, follow=True)
        shown = [str(message) for message in response.context["messages"]]
        run = RescoreRun.objects.get()
        assert any(
            "Re-scoring is under way" in message and "the suggestions of 5 entries" in message
            for message in shown
        ), shown
        assert reverse("admin:journal_rescorerun_change", args=[run.pk]) in response.text
        page = client.get(reverse("admin:journal_rescorerun_changelist")).content.decode()
        assert "Done" in page
        run.refresh_from_db()
        assert (run.entries_rescored, run.suggestions_changed) == (5, 5)

    def test_content_editors_see_the_runs_but_cannot_change_them(
        self, client, library, content_editors
    ):
        editor = UserFactory(is_staff=True)
        editor.groups.add(content_editors)
        run, _ = RescoreRun.objects.requested()
        client.force_login(editor)
        assert client.get(reverse("admin:journal_rescorerun_changelist")).status_code == 200
        change = reverse("admin:journal_rescorerun_change", args=[run.pk])
        assert client.get(change).status_code == 200
        client.post(change, {"status": RescoreStatus.DONE})
        run.refresh_from_db()
        assert run.status == RescoreStatus.WAITING
        assert client.get(reverse("admin:journal_rescorerun_add")).status_code == 403
        delete = reverse("admin:journal_rescorerun_delete", args=[run.pk])
        assert client.get(delete).status_code == 403

    def test_other_staff_do_not(self, client, library):
        run, _ = RescoreRun.objects.requested()
        client.force_login(UserFactory(is_staff=True))
        change = reverse("admin:journal_rescorerun_change", args=[run.pk])
        assert client.get(change).status_code in (302, 403)
        assert client.get(reverse("admin:journal_rescorerun_changelist")).status_code == 403

    def test_count_in_the_message_is_the_entries_alive(self, entries):
        entries[0].soft_delete()
        Entry.objects.filter(pk=entries[1].pk).update(revision=F("revision") + 1)
        first = tasks.rescore_after_library_change(None)
        assert "the suggestions of 4 entries" in first and "together" not in first
        second = tasks.rescore_after_library_change(None)
        assert "together with the changes saved before it started" in second

    def test_once_a_run_has_started_the_message_takes_its_count(self, entries):
        run, _ = RescoreRun.objects.requested()
        run = RescoreRun.objects.claim(run.pk)
        assert run.entries_to_check == 5  # counted by the worker
        RescoreRun.objects.filter(pk=run.pk).update(entries_to_check=141_612)
        assert "the suggestions of 141,612 entries" in tasks.rescore_after_library_change(None)
