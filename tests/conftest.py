"""Fixtures shared by the whole suite: users, the bundled catalog, the shared data folder and
a real browser (pytest-playwright's, on Debian's chromium)."""

import os
from pathlib import Path

import pytest

from tests.factories import UserFactory

REPO_ROOT = Path(__file__).resolve().parent.parent
SHARED_DIR = REPO_ROOT.parent / "shared"
SCREENSHOT_DIR = REPO_ROOT / "tests" / "output"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
PHONE = {"width": 390, "height": 844}
IN_CI = os.environ.get("CI") == "true"
# The keys of one document in `import_interpretations --dry-run --json`, in order (issue 3).
ARTICLE_JSON_KEYS = [
    "source",
    "title",
    "quick_answer",
    "scenarios",
    "markers",
    "arrival_conditions",
    "faq",
    "next_stages",
    "key_sentence",
    "morning_after",
    "sections",
]


def matcher_for_folder(folder: Path):
    """A Matcher over the articles in folder, read by the real parser (no database)."""
    from interpretations.matching import InterpretationRef, Matcher, Tag
    from interpretations.parsing import decode_article, parse_article

    refs, tags = [], []
    for path in sorted(folder.glob("*.txt")):
        article = parse_article(decode_article(path.read_bytes()), path.name)
        refs.append(InterpretationRef(path.name, article.title, path.name))
        for kind, pairs in (("scenario", article.scenarios), ("marker", article.markers)):
            tags += [
                Tag(f"{path.name}:{kind}:{n}", kind, pair.label, pair.meaning, path.name)
                for n, pair in enumerate(pairs)
            ]
    return Matcher(refs, tags)


def missing(reason: str):
    """Skip on a developer's machine, but fail in CI, where everything must be present."""
    if IN_CI:
        pytest.fail(f"{reason} (CI=true: required)")
    pytest.skip(reason)


class SessionCatalog:
    """The bundled catalog, imported once into each test database (one per xdist worker)
    instead of in every test that reads it: that import took a third of the suite's time.
    Tests that do not ask for `catalog` start without it, as they always have."""

    # The models the import filled from empty: the library, the import's revisions, the
    # re-scoring run it asked for. Removing every row of these undoes the import.
    filled_models: list[type] = []

    def load(self) -> None:
        from django.apps import apps
        from django.core.management import call_command

        tables = [model for model in apps.get_models() if not model._meta.proxy]
        before = {model: model._base_manager.count() for model in tables}
        call_command("import_interpretations", verbosity=0)
        if not self.filled_models:
            self.filled_models = [
                model for model, count in before.items()
                if count == 0 and model._base_manager.exists()
            ]  # fmt: skip

    def present(self) -> bool:
        from interpretations.models import Interpretation

        return Interpretation.objects.exists()

    def remove(self) -> None:
        """Empty the tables the import filled: one DELETE each, in one transaction, so the
        foreign keys (deferred) are checked only once they all are empty."""
        from django.db import connection, transaction

        with transaction.atomic(), connection.cursor() as cursor:
            for model in self.filled_models:
                table = connection.ops.quote_name(model._meta.db_table)
                cursor.execute(f"DELETE FROM {table}")  # noqa: S608 (a model's own table)


SESSION_CATALOG = SessionCatalog()

EDITORS = "Content editors"
# The editors' group as its data migration made it, by permission (app label, codename).
EDITORS_PERMISSIONS: list[tuple[str, str]] = []


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings, tmp_path_factory):
    """SQLite tests run on a file (one per xdist worker, in pytest's temporary folder), not in
    memory. An in-memory database is one connection that the live server's request threads
    and the test share, and two queries on it at once (a reload while an htmx request is
    still answered) failed a browser test at random; on a file each thread has its own."""
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        database.setdefault("TEST", {})["NAME"] = str(
            tmp_path_factory.mktemp("database") / "test.sqlite3"
        )


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """pytest-django's test databases, with the bundled catalog imported (SessionCatalog)."""
    from django.contrib.auth.models import Group

    with django_db_blocker.unblock():
        SESSION_CATALOG.load()
        EDITORS_PERMISSIONS[:] = Group.objects.get(name=EDITORS).permissions.values_list(
            "content_type__app_label", "codename"
        )


@pytest.fixture
def content_editors(db):
    """The library editors' group. A transactional test (the browser's live server) empties
    every table after it; the flush brings the permissions back but not the group, so a later
    test on the same worker gets it back from what the migration made."""
    from django.contrib.auth.models import Group, Permission

    group, created = Group.objects.get_or_create(name=EDITORS)
    if created:  # the flush recreated only the permissions of models that still exist
        wanted = set(EDITORS_PERMISSIONS)
        group.permissions.set(
            permission
            for permission in Permission.objects.select_related("content_type")
            if (permission.content_type.app_label, permission.codename) in wanted
        )
    return group


@pytest.fixture
def _session_catalog(db):
    """The session's catalog, imported again if a transactional test (live_server) emptied
    the database after it."""
    if not SESSION_CATALOG.present():
        SESSION_CATALOG.load()


@pytest.fixture
def catalog(_session_catalog):
    """The library holding the bundled catalog, as a queryset of its interpretations."""
    from interpretations.models import Interpretation

    return Interpretation.objects.all()


DATABASE_FIXTURES = {"db", "transactional_db", "live_server", "django_db_reset_sequences"}


@pytest.fixture(autouse=True)
def _library_without_catalog(request):
    """A test that uses the database but not `catalog` starts with an empty library (as one
    whose own fixture imports the catalog expects): the session's catalog is deleted inside
    the test's transaction, which is rolled back after it."""
    if "_session_catalog" in request.fixturenames:
        return
    if not (
        request.node.get_closest_marker("django_db")
        or DATABASE_FIXTURES.intersection(request.fixturenames)
    ):
        return
    request.getfixturevalue("db")
    if SESSION_CATALOG.present():
        SESSION_CATALOG.remove()


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: ids repeat across tests, cached pages must not."""
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()


@pytest.fixture
def user(db):
    return UserFactory()


@pytest.fixture
def other_user(db):
    return UserFactory()


@pytest.fixture
def signed_in(client, user):
    """The test client, logged in as `user`."""
    client.force_login(user)
    return client


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED_DIR.is_dir():
        missing(f"{SHARED_DIR} is not present: the project's shared inputs live beside the repo")
    return SHARED_DIR


@pytest.fixture(scope="session")
def playwright(playwright):
    """pytest-playwright's Playwright, whose sync API runs an event loop in this thread:
    Django refuses ORM calls from a thread with a running loop unless told that this is
    deliberate (the tests read the database while the browser waits)."""
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    yield playwright
    del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Debian's chromium, not a browser Playwright would download."""
    if not CHROMIUM.exists():
        missing(f"{CHROMIUM} not found: install Debian's chromium package for browser tests")
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM), "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def base_url(live_server):
    """Pages open paths on the live server (pytest-playwright passes it to each context)."""
    return live_server.url


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    """Every page starts phone-sized, in the dark scheme."""
    return {**browser_context_args, "viewport": PHONE, "color_scheme": "dark"}


@pytest.fixture
def page(page, transactional_db):
    """pytest-playwright's page, failing the test on any console error."""
    console_errors: list[str] = []
    page.on("console", lambda msg: msg.type == "error" and console_errors.append(msg.text))
    page.on("pageerror", lambda error: console_errors.append(str(error)))
    yield page
    assert not console_errors, f"browser console errors: {console_errors}"


@pytest.fixture
def screenshot(page):
    def take(name: str) -> Path:
        SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOT_DIR / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


@pytest.hookimpl(optionalhook=True)  # pytest-xdist's hook: absent with -p no:xdist
def pytest_xdist_auto_num_workers(config):
    """`-n auto`: one test process more than the cores this process may use (xdist's own
    PYTEST_XDIST_AUTO_NUM_WORKERS still decides when set). Browser tests spend much of their
    time waiting for Chromium, another process, and the extra worker fills that wait: on 2
    cores, 3 workers ran the suite in 90 s against 102 s for 2 (medians of three)."""
    if os.environ.get("PYTEST_XDIST_AUTO_NUM_WORKERS"):
        return None  # xdist reads it
    return len(os.sched_getaffinity(0)) + 1 if hasattr(os, "sched_getaffinity") else None
