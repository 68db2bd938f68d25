import json
import logging
import os
import platform
import statistics
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, NamedTuple

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from journal.models import Entry, Profile

HEAVY_USER = "bench-heavy"
LIGHT_USER = "bench-light"
ADMIN_USER = "bench-admin"
HEAVY_ENTRIES = 3650
LIGHT_ENTRIES = 10
POPULATION = 1000
NARRATIVE = (
    "I was running down a long corridor and my legs felt heavy as wet sand. Something was "
    "behind me and the door at the end never got closer. I woke with my heart pounding."
)

# The yardstick for the cheapest page the app serves: the not-found page is the base
# template with one paragraph, reached through the whole middleware stack and URLconf.
BASE_TEMPLATE = "base template (404 page)"
NOT_FOUND_PATH = "/no-such-page/"


class Page(NamedTuple):
    """A request to time, and what to do untimed before each one (such as the write that
    makes the patterns page rebuild)."""

    request: Callable[[Client], Any]  # the test client's response
    before: Callable[[], None] = lambda: None
    status: int | None = None  # the status it must answer with; None for any success


@contextmanager
def not_found_unlogged() -> Iterator[None]:
    """Django logs every 404 as a warning; the yardstick answers hundreds on purpose."""
    logger = logging.getLogger("django.request")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)


def percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


class Command(BaseCommand):
    help = (
        "Benchmark the pages in-process with Django's test client for a user with 3,650 "
        "entries among 1,000 users: median and p95 server time and SQL queries per page, "
        "with the admin changelist and the not-found page (the base template and one "
        "paragraph) as yardsticks, and each page's query count at 10 and at 3,650 entries. "
        "Seeds the data on first use."
    )

    def add_arguments(self, parser):
        parser.add_argument("--repeat", type=int, default=60, help="timed requests per page")
        parser.add_argument("--warmup", type=int, default=5)
        parser.add_argument("--json", action="store_true", dest="as_json")

    @override_settings(DEBUG=False, ALLOWED_HOSTS=["testserver"])
    def handle(self, *args, repeat, warmup, as_json, **options):
        if not os.environ.get("DATABASE_URL"):
            raise CommandError(
                "bench seeds 1,000 users on first use: set DATABASE_URL to a scratch "
                "database, e.g. DATABASE_URL=sqlite:////tmp/bench.sqlite3"
            )
        with not_found_unlogged():
            report = self._run(repeat, warmup)
        if as_json:
            self.stdout.write(json.dumps(report, indent=2))
        else:
            self._print(report)

    def _run(self, repeat: int, warmup: int) -> dict:
        heavy, light, admin = self._ensure_data()
        heavy_pages = self._pages(heavy)
        light_pages = self._pages(light)

        timings = {}
        for name, page in heavy_pages.items():
            client = self._client(admin if name == "admin changelist" else heavy)
            timings[name] = self._measure(client, page, repeat, warmup)
        self._forget_benchmark_entries(heavy)

        query_counts = {
            name: {
                str(LIGHT_ENTRIES): self._count_queries(
                    self._client(admin if name == "admin changelist" else light), light_pages[name]
                ),
                str(HEAVY_ENTRIES): timings[name]["queries"],
            }
            for name in light_pages
        }
        self._forget_benchmark_entries(light)
        admin_median = timings["admin changelist"]["median_ms"]
        base_median = timings[BASE_TEMPLATE]["median_ms"]
        return {
            "machine": f"{platform.machine()}, {os.cpu_count()} cores, "
            f"Python {platform.python_version()}, {connection.vendor}",
            "entries": {"heavy user": heavy.entries.count(), "users": POPULATION},
            "pages": timings,
            "ratio_to_admin_changelist": {
                name: round(row["median_ms"] / admin_median, 2) for name, row in timings.items()
            },
            "ratio_to_base_template": {
                name: round(row["median_ms"] / base_median, 2) for name, row in timings.items()
            },
            "query_counts": query_counts,
        }

    def _ensure_data(self):
        call_command("migrate", verbosity=0)  # a scratch database may be empty
        user_model = get_user_model()
        if not user_model.objects.filter(username=HEAVY_USER).exists():
            self.stderr.write("Seeding 1,000 users and the heavy user (first run only)…")
            call_command(
                "seed_demo",
                users=POPULATION - 2,
                nights=365,
                heavy_user=HEAVY_USER,
                heavy_nights=HEAVY_ENTRIES,
                seed=1,
                stdout=self.stderr,
            )
        if not user_model.objects.filter(username=LIGHT_USER).exists():
            call_command(
                "seed_demo",
                users=0,
                heavy_user=LIGHT_USER,
                heavy_nights=LIGHT_ENTRIES,
                seed=2,
                stdout=self.stderr,
            )
        if connection.vendor == "postgresql":
            # Fresh statistics, as autovacuum keeps them on a live database: just after the
            # seeding, the planner would still think the tables empty.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        admin, _ = user_model.objects.get_or_create(
            username=ADMIN_USER, defaults={"is_staff": True, "is_superuser": True}
        )
        # Entries are private even from superusers unless they hold this explicitly.
        admin.user_permissions.add(
            Permission.objects.get(codename="view_entry", content_type__app_label="journal")
        )
        return (
            user_model.objects.get(username=HEAVY_USER),
            user_model.objects.get(username=LIGHT_USER),
            admin,
        )

    def _pages(self, user) -> dict[str, Page]:
        # The latest entry with an interpretation, so both users' entry pages do the same work.
        entry = (
            Entry.objects.for_user(user)
            .filter(interpretation__isnull=False)
            .select_related("interpretation")
            .order_by("-night")
            .first()
        )
        interpretation = entry.interpretation

        def save(client):
            return client.post(
                "/entries/new/",
                {
                    "narrative": NARRATIVE,
                    "night": entry.night.isoformat(),
                    "intensity": 3,
                    "interpretation_choice": "auto",
                    "submission_token": str(uuid.uuid4()),
                },
            )

        def journal_changed():
            Profile.journal_changed([user.pk])  # what any write does: the cache must rebuild

        def suggest(client):
            return client.post(
                "/entries/new/",
                {"narrative": NARRATIVE, "action": "suggest"},
                headers={"HX-Request": "true"},
            )

        return {
            "journal": Page(lambda client: client.get("/")),
            "entry page": Page(lambda client: client.get(f"/entries/{entry.pk}/")),
            "save entry": Page(save),
            "suggestions (htmx)": Page(suggest),
            "patterns": Page(lambda client: client.get("/patterns/")),
            "patterns, just changed": Page(
                lambda client: client.get("/patterns/"), before=journal_changed
            ),
            "patterns, all years, just changed": Page(
                lambda client: client.get("/patterns/", {"range": "all"}), before=journal_changed
            ),
            "patterns section (htmx), just changed": Page(
                lambda client: client.get(
                    reverse("patterns_section", args=[interpretation.pk]),
                    headers={"HX-Request": "true"},
                ),
                before=journal_changed,
            ),
            "what comes before, just changed": Page(
                lambda client: client.get(reverse("learned_conditions")), before=journal_changed
            ),
            "interpretation page": Page(
                lambda client: client.get(interpretation.get_absolute_url())
            ),
            "admin changelist": Page(
                lambda client: client.get("/admin/journal/entry/", {"q": user.username})
            ),
            BASE_TEMPLATE: Page(lambda client: client.get(NOT_FOUND_PATH), status=404),
        }

    @staticmethod
    def _client(user) -> Client:
        client = Client()
        client.force_login(user)
        return client

    def _measure(self, client, page: Page, repeat: int, warmup: int) -> dict:
        for _ in range(warmup):
            page.before()
            self._check(page, page.request(client))
        samples, cpu_samples = [], []
        for _ in range(repeat):
            page.before()
            started, cpu_started = time.perf_counter(), time.process_time()
            response = page.request(client)
            samples.append((time.perf_counter() - started) * 1000)
            cpu_samples.append((time.process_time() - cpu_started) * 1000)
            self._check(page, response)
        return {
            "median_ms": round(statistics.median(samples), 2),
            "p95_ms": round(percentile(samples, 0.95), 2),
            # This process's CPU time: on a machine shared with other work, wall time also
            # counts the waits for a core.
            "cpu_median_ms": round(statistics.median(cpu_samples), 2),
            "queries": self._count_queries(client, page),
            "kib": round(len(response.content) / 1024, 1),
        }

    @staticmethod
    def _count_queries(client, page: Page) -> int:
        page.before()
        page.request(client)  # first requests do one-off work (a profile, the matcher index)
        page.before()
        with CaptureQueriesContext(connection) as queries:
            page.request(client)
        return len(queries)

    @staticmethod
    def _check(page: Page, response) -> None:
        if page.status is None:
            answered_as_expected = response.status_code < 400
        else:
            answered_as_expected = response.status_code == page.status
        if not answered_as_expected:
            raise RuntimeError(f"benchmark request failed: HTTP {response.status_code}")

    @staticmethod
    def _forget_benchmark_entries(user) -> None:
        Entry.objects.filter(user=user, narrative=NARRATIVE).delete()

    def _print(self, report: dict) -> None:
        self.stdout.write(report["machine"])
        self.stdout.write(
            f"{'page':<40}{'median ms':>10}{'p95 ms':>9}{'cpu ms':>8}{'queries':>9}"
            f"{'× admin':>9}{'× base':>8}{'q@10':>6}{'q@3650':>8}{'KiB':>7}"
        )
        for name, row in report["pages"].items():
            counts = report["query_counts"][name]
            self.stdout.write(
                f"{name:<40}{row['median_ms']:>10.1f}{row['p95_ms']:>9.1f}"
                f"{row['cpu_median_ms']:>8.1f}{row['queries']:>9}"
                f"{report['ratio_to_admin_changelist'][name]:>9.2f}"
                f"{report['ratio_to_base_template'][name]:>8.2f}"
                f"{counts[str(LIGHT_ENTRIES)]:>6}{counts[str(HEAVY_ENTRIES)]:>8}{row['kib']:>7.1f}"
            )
