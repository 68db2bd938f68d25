import csv
import importlib.util
import json
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from interpretations.models import Interpretation
from journal.models import Entry

LOCUSTFILE = Path(__file__).resolve().parents[2] / "locustfile.py"
ACCOUNT_PREFIX = "loadtest-"


def free_loopback_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port(port: int, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise CommandError(f"gunicorn did not start listening on 127.0.0.1:{port}")


class Command(BaseCommand):
    help = (
        "Load-test the app on loopback: start gunicorn on 127.0.0.1 with the configured "
        "database, drive it with locust (simulated people signing in, reading pages and "
        "logging dreams) for a bounded time, then report throughput, latency, errors and "
        "entries created versus entries found in the database."
    )

    def add_arguments(self, parser):
        parser.add_argument("--users", type=int, default=50, help="concurrent simulated users")
        parser.add_argument("--duration", type=int, default=60, help="seconds of load")
        parser.add_argument("--workers", type=int, default=4, help="gunicorn worker processes")
        parser.add_argument("--accounts", type=int, default=20, help="distinct accounts used")
        parser.add_argument("--json", action="store_true", dest="as_json")

    def handle(self, *args, users, duration, workers, accounts, as_json, **options):
        if not 1 <= duration <= 3600 or not 1 <= users <= 1000:
            raise CommandError("--duration must be 1–3600 s and --users 1–1000.")
        if importlib.util.find_spec("locust") is None:
            raise CommandError(
                "loadtest needs locust, which is not installed. Install the load-test extra: "
                "pip install -e '.[load]'"
            )
        call_command("migrate", verbosity=0)
        if not Interpretation.objects.exists():
            call_command("import_interpretations", verbosity=0)
        credentials = self._accounts(accounts)
        load_users = get_user_model().objects.filter(username__startswith=ACCOUNT_PREFIX)
        entries_before = Entry.objects.filter(user__in=load_users).count()

        with tempfile.TemporaryDirectory(prefix="dream-loadtest-") as scratch:
            scratch = Path(scratch)
            env = self._server_env(scratch)
            subprocess.run(
                [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
                cwd=settings.BASE_DIR,
                env=env,
                check=True,
            )
            port = free_loopback_port()
            server = subprocess.Popen(  # noqa: S603
                [
                    sys.executable,
                    "-m",
                    "gunicorn",
                    "config.wsgi",
                    "--bind",
                    f"127.0.0.1:{port}",
                    "--workers",
                    str(workers),
                    "--log-level",
                    "warning",
                ],
                cwd=settings.BASE_DIR,
                env=env,
            )
            try:
                wait_for_port(port, timeout=30)
                stats = self._run_locust(port, users, duration, credentials, scratch)
            finally:
                server.terminate()
                server.wait(timeout=30)

        connection.close()
        entries_after = Entry.objects.filter(user__in=load_users).count()
        created = stats["log a dream"]["requests"] - stats["log a dream"]["failures"]
        report = {
            "database": connection.vendor,
            "users": users,
            "duration_s": duration,
            "gunicorn_workers": workers,
            "requests_per_s": stats["Aggregated"]["rps"],
            "median_ms": stats["Aggregated"]["median_ms"],
            "p95_ms": stats["Aggregated"]["p95_ms"],
            "requests": stats["Aggregated"]["requests"],
            "errors": stats["Aggregated"]["failures"],
            "entries_created": created,
            "entries_found": entries_after - entries_before,
            "pages": {name: row for name, row in stats.items() if name != "Aggregated"},
        }
        # A save still in flight when locust stops is not counted as created but does land,
        # so more found than created is fine; fewer would be a lost dream.
        report["entries_lost"] = max(0, report["entries_created"] - report["entries_found"])
        if as_json:
            self.stdout.write(json.dumps(report, indent=2))
        else:
            self._print(report)

    def _accounts(self, count: int) -> list[tuple[str, str]]:
        """Load-test accounts with fresh random passwords (they are never demo logins)."""
        user_model = get_user_model()
        credentials = []
        for number in range(1, count + 1):
            username, password = f"{ACCOUNT_PREFIX}{number}", secrets.token_urlsafe(16)
            user, _ = user_model.objects.get_or_create(username=username)
            user.set_password(password)
            user.save()
            credentials.append((username, password))
        return credentials

    def _server_env(self, scratch: Path) -> dict[str, str]:
        # Production settings, but plain HTTP: the traffic never leaves loopback.
        return {
            **os.environ,
            "DEBUG": "false",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1",
            "HTTPS_ONLY": "false",
            "LOGIN_FAILURE_LIMIT": "1000",
            # Keep database connections between requests, as a production setup would.
            "CONN_MAX_AGE": os.environ.get("CONN_MAX_AGE") or "60",
            "STATIC_ROOT": str(scratch / "static"),
            "DATABASE_URL": os.environ.get(
                "DATABASE_URL", f"sqlite:///{settings.DATABASES['default']['NAME']}"
            ),
        }

    def _run_locust(self, port, users, duration, credentials, scratch: Path) -> dict:
        prefix = scratch / "locust"
        env = {**os.environ, "LOAD_ACCOUNTS": ",".join(f"{u}:{p}" for u, p in credentials)}
        locust = subprocess.run(  # noqa: S603
            [
                sys.executable,
                "-m",
                "locust",
                "-f",
                str(LOCUSTFILE),
                "--headless",
                "--host",
                f"http://127.0.0.1:{port}",
                "--users",
                str(users),
                "--spawn-rate",
                str(max(1, users // 5)),
                "--run-time",
                f"{duration}s",
                "--stop-timeout",
                "10",
                "--csv",
                str(prefix),
                "--only-summary",
                "--loglevel",
                "WARNING",
            ],
            env=env,
            timeout=duration + 120,
            check=False,
            capture_output=True,
            text=True,
        )
        if not Path(f"{prefix}_stats.csv").exists():
            raise CommandError(f"locust produced no statistics:\n{locust.stderr[-2000:]}")
        with open(f"{prefix}_stats.csv", newline="") as rows:
            return {
                row["Name"]: {
                    "requests": int(row["Request Count"]),
                    "failures": int(row["Failure Count"]),
                    "rps": round(float(row["Requests/s"]), 1),
                    "median_ms": float(row["Median Response Time"]),
                    "p95_ms": float(row["95%"]),
                }
                for row in csv.DictReader(rows)
            }

    def _print(self, report: dict) -> None:
        self.stdout.write(
            f"{report['database']}: {report['users']} users for {report['duration_s']} s, "
            f"{report['gunicorn_workers']} gunicorn workers"
        )
        self.stdout.write(f"{'page':<18}{'requests':>9}{'errors':>8}{'median ms':>11}{'p95 ms':>9}")
        for name, row in report["pages"].items():
            self.stdout.write(
                f"{name:<18}{row['requests']:>9}{row['failures']:>8}"
                f"{row['median_ms']:>11.0f}{row['p95_ms']:>9.0f}"
            )
        self.stdout.write(
            f"total: {report['requests']} requests, {report['requests_per_s']} req/s, "
            f"median {report['median_ms']:.0f} ms, p95 {report['p95_ms']:.0f} ms, "
            f"{report['errors']} errors; entries created {report['entries_created']}, "
            f"found in the database {report['entries_found']}, lost {report['entries_lost']}"
        )
