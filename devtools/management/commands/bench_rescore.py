import os
import statistics
import subprocess
import sys
import time

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.test import Client
from django.test.utils import setup_test_environment, teardown_test_environment
from django.urls import reverse

from interpretations.models import Interpretation, library_change
from journal.jobs import RescoreStatus
from journal.models import Entry, RescoreRun
from journal.tasks import rescore_after_library_change

ADMIN_USER = "bench-admin"
# Unpublishing it moves the suggested interpretation of many seeded dreams: a heavy pass.
TOGGLED_SOURCE = "running-in-place.txt"
FINISHED: tuple[str, ...] = (RescoreStatus.DONE, RescoreStatus.FAILED, RescoreStatus.SUPERSEDED)


def cpu_seconds(pid: int) -> float:
    """CPU time a process has used so far (Linux): the machine may be busy with others."""
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class Command(BaseCommand):
    help = (
        "Time an interpretation saved in the admin on a seeded database (seed_demo): the time "
        "to the response, and the time until a task worker, started here, has re-scored "
        "every entry. Rounds unpublish and publish the interpretation in turn; a burst saves "
        "several times in a row to show the saves sharing one run. Prints medians."
    )

    def add_arguments(self, parser):
        parser.add_argument("--rounds", type=int, default=0, help="saves each waited out")
        parser.add_argument("--burst", type=int, default=0, help="saves in a row, then waited")
        parser.add_argument(
            "--pairs",
            type=int,
            default=9,
            help="first time this many saves each with and without the journal listening "
            "(the cost re-scoring adds to a save, whatever else the machine is doing)",
        )

    def handle(self, *args, rounds: int, burst: int, pairs: int, **options):
        if not os.environ.get("DATABASE_URL"):
            raise CommandError("Set DATABASE_URL to a database seeded with seed_demo.")
        if settings.TASKS["default"]["BACKEND"] != "django_tasks_db.DatabaseBackend":
            raise CommandError("bench_rescore needs the database task queue.")
        entries = Entry.objects.alive().count()
        interpretation = Interpretation.objects.get(source=TOGGLED_SOURCE)
        client = self._admin_client()
        url = reverse("admin:interpretations_interpretation_change", args=[interpretation.pk])
        data = self._form_data(client, url)
        self.stdout.write(
            f"{entries:,} entries; database {settings.DATABASES['default']['ENGINE']}"
        )
        self._pairs(client, url, data, pairs)
        if rounds < 1 and burst < 1:
            return
        worker = subprocess.Popen(
            [sys.executable, "manage.py", "db_worker", "--interval", "0.2", "--no-reload"],
            env=os.environ,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            self._rounds(client, url, data, rounds, worker.pid)
            self._burst(client, url, data, burst)
        finally:
            worker.terminate()
            worker.wait(timeout=600)

    def _pairs(self, client, url, data, pairs) -> None:
        if pairs < 1:
            return
        listening: list[float] = []
        alone: list[float] = []
        for _ in range(pairs):
            for samples in (listening, alone):
                if samples is alone:
                    library_change.disconnect(dispatch_uid="journal_rescore")
                data["published"] = "" if data.get("published") else "on"
                try:
                    samples.append(self._save(client, url, data) * 1000)
                finally:
                    library_change.connect(
                        rescore_after_library_change, dispatch_uid="journal_rescore"
                    )
        added = [with_it - without for with_it, without in zip(listening, alone, strict=True)]
        self.stdout.write(
            f"{pairs} saves each: median {statistics.median(listening):.0f} ms with the "
            f"re-scoring queued, {statistics.median(alone):.0f} ms without (the admin alone); "
            f"median difference of a pair {statistics.median(added):.0f} ms"
        )

    def _rounds(self, client, url, data, rounds, worker_pid) -> None:
        if rounds < 1:
            return
        responses, done = [], []
        for _ in range(rounds):
            data["published"] = "" if data.get("published") else "on"
            started = time.time()
            worker_cpu = cpu_seconds(worker_pid)
            save_cpu = time.process_time()
            responses.append(self._save(client, url, data))
            save_cpu = time.process_time() - save_cpu
            run = self._wait_for_last_run()
            done.append(run.finished_at.timestamp() - started)  # type: ignore[union-attr]  # finished
            self.stdout.write(
                f"save {responses[-1] * 1000:.0f} ms ({save_cpu * 1000:.0f} ms CPU); "
                f"run {run.pk} {run.status} after {done[-1]:.1f} s "
                f"(worker CPU {cpu_seconds(worker_pid) - worker_cpu:.1f} s): "
                f"{run.entries_rescored:,} entries re-scored, "
                f"{run.suggestions_changed:,} changed "
                f"({run.entries_rescored / (run.finished_at - run.started_at).total_seconds():.0f}"  # type: ignore[operator]  # finished
                " entries/s)"
            )
        self.stdout.write(
            f"median of {rounds}: response {statistics.median(responses) * 1000:.0f} ms, "
            f"re-scoring done {statistics.median(done):.1f} s after the save"
        )

    def _burst(self, client, url, data, burst) -> None:
        if burst < 1:
            return
        first_run = (
            RescoreRun.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        ) + 1
        started = time.time()
        responses = []
        for _ in range(burst):
            data["published"] = "" if data.get("published") else "on"
            responses.append(self._save(client, url, data))
        timings = ", ".join(f"{response * 1000:.0f}" for response in responses)
        self.stdout.write(
            f"burst of {burst} saves ({timings} ms): "
            f"median response {statistics.median(responses) * 1000:.0f} ms"
        )
        self.stdout.flush()
        last = self._wait_for_last_run()
        runs = RescoreRun.objects.filter(pk__gte=first_run)
        passes = runs.filter(status=RescoreStatus.DONE).count()
        self.stdout.write(
            f"{runs.count()} runs ({passes} carried out to the end, the others replaced or "
            f"joined), all done {last.finished_at.timestamp() - started:.1f} s after the first"  # type: ignore[union-attr]  # finished
        )

    @staticmethod
    def _save(client, url, data) -> float:
        started = time.perf_counter()
        response = client.post(url, data)
        elapsed = time.perf_counter() - started
        if response.status_code != 302:
            raise CommandError(f"the admin save failed: HTTP {response.status_code}")
        return elapsed

    @staticmethod
    def _wait_for_last_run() -> RescoreRun:
        while True:
            run = RescoreRun.objects.order_by("-pk").first()
            if run is not None and run.status in FINISHED and run.finished_at:
                return run
            time.sleep(0.2)

    @staticmethod
    def _admin_client() -> Client:
        admin, _ = get_user_model().objects.get_or_create(
            username=ADMIN_USER, defaults={"is_staff": True, "is_superuser": True}
        )
        client = Client(HTTP_HOST="localhost")
        client.force_login(admin)
        return client

    @staticmethod
    def _form_data(client, url) -> dict:
        """The POST data a browser sends back from the change form, unchanged (the form's
        context is recorded only in Django's test environment, set up for this one GET)."""
        setup_test_environment()
        try:
            response = client.get(url)
        finally:
            teardown_test_environment()
        data = {}
        forms = [response.context["adminform"].form]
        for inline in response.context["inline_admin_formsets"]:
            forms.extend(inline.formset.forms)
            for field in inline.formset.management_form:
                data[field.html_name] = field.value()
        for form in forms:
            for field in form:
                value = field.value()
                if value is not None and value is not False:
                    data[field.html_name] = value
        return data
