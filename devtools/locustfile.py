"""Locust scenario for `manage.py loadtest`: people signing in, reading and logging dreams.

Runs inside locust (not Django): the loadtest command passes the accounts in LOAD_ACCOUNTS
("name:password,…") and points --host at a gunicorn it started on loopback.
"""

import os
import random
import re
import uuid
from datetime import date, timedelta

from locust import HttpUser, between, task

ACCOUNTS = [item.split(":", 1) for item in os.environ["LOAD_ACCOUNTS"].split(",")]
OPENINGS = [
    "I was running down a corridor that kept getting longer.",
    "Something was behind me in the dark and my legs would not move.",
    "The ground turned to mud and every step took forever.",
    "I was back at my old school, late for something I could not name.",
    "My legs felt heavy as wet sand while a dog chased me.",
    "I was on a treadmill in the middle of a field, running hard and going nowhere.",
]
ENDINGS = [
    "I woke with my heart pounding.",
    "Then the dream changed and I was at home.",
    "I turned around and there was nothing there.",
    "I woke up exhausted, as if I had really run all night.",
]
ENTRY_LINK = re.compile(r'href="/entries/(\d+)/"')
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
TOKEN_FIELD = re.compile(r'name="submission_token" value="([^"]+)"')


class Dreamer(HttpUser):
    wait_time = between(0.5, 2)

    def on_start(self) -> None:
        self.username, password = random.choice(ACCOUNTS)  # noqa: S311 - load only
        page = self.client.get("/accounts/login/", name="login page")
        self.client.post(
            "/accounts/login/",
            {
                "username": self.username,
                "password": password,
                "csrfmiddlewaretoken": _field(CSRF_FIELD, page.text),
            },
            name="log in",
        )
        self.entry_ids: list[str] = []

    @task(5)
    def read_journal(self) -> None:
        page = self.client.get("/", name="journal")
        self.entry_ids = ENTRY_LINK.findall(page.text) or self.entry_ids

    @task(3)
    def read_an_entry(self) -> None:
        if self.entry_ids:
            entry_id = random.choice(self.entry_ids)  # noqa: S311
            self.client.get(f"/entries/{entry_id}/", name="entry page")

    @task(1)
    def read_patterns(self) -> None:
        self.client.get("/patterns/", name="patterns")

    @task(1)
    def read_library(self) -> None:
        self.client.get("/library/", name="library")

    @task(2)
    def log_a_dream(self) -> None:
        form = self.client.get("/entries/new/", name="new entry form")
        narrative = " ".join(
            [random.choice(OPENINGS), random.choice(ENDINGS), f"(load {uuid.uuid4().hex})"]  # noqa: S311
        )
        with self.client.post(
            "/entries/new/",
            {
                "csrfmiddlewaretoken": _field(CSRF_FIELD, form.text),
                "submission_token": _field(TOKEN_FIELD, form.text),
                "narrative": narrative,
                "night": (date.today() - timedelta(days=random.randint(1, 365))).isoformat(),  # noqa: S311
                "intensity": random.randint(1, 5),  # noqa: S311
                "interpretation_choice": "auto",
            },
            name="log a dream",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code == 302 and "/entries/" in response.headers.get("Location", ""):
                response.success()
            else:
                response.failure(f"not saved: HTTP {response.status_code}")


def _field(pattern: re.Pattern, html: str) -> str:
    found = pattern.search(html)
    return found.group(1) if found else ""
