"""Fixtures shared by the whole suite: users, the shared data folder and a real browser."""

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
def browser():
    if not CHROMIUM.exists():
        missing(f"{CHROMIUM} not found: install Debian's chromium package for browser tests")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; Django refuses ORM calls
    # from a thread with a running loop unless told that this is deliberate.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            yield chromium
            chromium.close()
    finally:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


@pytest.fixture
def page(browser, live_server, transactional_db):
    """A phone-sized page against the live server, failing the test on any console error."""
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 390, "height": 844}, color_scheme="dark"
    )
    page = context.new_page()
    console_errors: list[str] = []
    page.on("console", lambda msg: msg.type == "error" and console_errors.append(msg.text))
    page.on("pageerror", lambda error: console_errors.append(str(error)))
    yield page
    context.close()
    assert not console_errors, f"browser console errors: {console_errors}"


@pytest.fixture
def screenshot(page):
    def take(name: str) -> Path:
        SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOT_DIR / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take
