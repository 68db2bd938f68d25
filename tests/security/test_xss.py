"""Hostile text in every field a user or an editor writes is shown as text, never run."""

import datetime as dt
import uuid
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.urls import reverse

from interpretations.models import (
    ArrivalCondition,
    BodySection,
    FaqEntry,
    Interpretation,
    NextStage,
    TagKind,
)
from journal.models import Entry
from tests.factories import EntryFactory, EntryTagFactory, UserFactory

CATALOG = Path(__file__).resolve().parents[2] / "interpretations" / "catalog"
# Each payload, and what must never reach a page raw (the live part of it).
PAYLOADS = {
    "<script>window.__pwned = 1</script>": "<script>window.__pwned",
    '<img src=x onerror="window.__pwned=1">': "<img src=x onerror",
    '"><svg onload=alert(1)>': "<svg onload",
    "<a href=\"javascript:alert('x')\">tap</a>": '<a href="javascript:',
    "</textarea><iframe src=javascript:alert(1)>": "<iframe src=javascript",
    "' onmouseover='alert(1)": "' onmouseover='alert(1)",
}
ENTRY_FIELDS = ["narrative", "title", "waking_body", "waking_life"]
HTMX = {"HX-Request": "true"}


class _Elements(HTMLParser):
    """Every element of a page with its attributes, as a browser would see them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict]] = []
        self.script_text: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script and data.strip():
            self.script_text.append(data)


def assert_inert(html: str, label: str) -> None:
    for payload, live in PAYLOADS.items():
        assert live not in html, f"{label}: {payload!r} reached the page unescaped"
    # Parsed as a browser would: no element came in with an event handler or a javascript:
    # URL, and every script is one of ours (external, or JSON data).
    parser = _Elements()
    parser.feed(html)
    for tag, attrs in parser.elements:
        handlers = [name for name in attrs if name.startswith("on")]
        assert not handlers, f"{label}: <{tag}> has {handlers}"
        for name in ("href", "src", "action", "formaction", "xlink:href"):
            value = (attrs.get(name) or "").strip().lower()
            assert not value.startswith("javascript:"), f"{label}: <{tag} {name}={value!r}>"
        assert tag not in {"iframe", "object", "embed"}, f"{label}: <{tag}> on the page"
        if tag == "script":
            assert "src" in attrs or attrs.get("type") == "application/json", (label, attrs)
    assert not any("__pwned" in text or "alert(" in text for text in parser.script_text), label


def field_value(field: str, payload: str) -> str:
    """A valid value for the field carrying the payload (a title has at most 200 characters)."""
    return f"Running {payload} in the dark" if field != "title" else f"T {payload}"[:200]


@pytest.mark.parametrize("field", ENTRY_FIELDS)
@pytest.mark.parametrize("payload", list(PAYLOADS))
def test_entry_text_is_shown_as_text_everywhere(client, user, catalog, field, payload):
    client.force_login(user)
    data = {
        "narrative": "I was running but my legs felt like concrete.",
        "night": "2026-10-01",
        "intensity": "3",
        "interpretation_choice": "auto",
        "submission_token": str(uuid.uuid4()),
        field: field_value(field, payload),
    }
    response = client.post(reverse("entry_create"), data)
    assert response.status_code == 302, response.content.decode()[:1500]
    entry = Entry.objects.get(user=user)
    assert getattr(entry, field) == data[field]  # stored as written, escaped when shown
    pages = {
        "entry page": client.get(entry.get_absolute_url()),
        "journal": client.get(reverse("home")),
        "search": client.get(reverse("home"), {"q": "running dark"}),
        "journal partial": client.get(
            reverse("home"), {"q": "running"}, headers={**HTMX, "HX-Target": "journal-list"}
        ),
        "edit form": client.get(reverse("entry_edit", args=[entry.pk])),
        "delete page": client.get(reverse("entry_delete", args=[entry.pk])),
        "calendar": client.get(reverse("calendar"), {"month": "2026-10"}),
        "patterns": client.get(reverse("patterns"), {"range": "all"}),
        "suggestions": client.post(
            reverse("entry_create"), {**data, "action": "suggest"}, headers=HTMX
        ),
        "re-shown form with an error": client.post(
            reverse("entry_create"), {**data, "night": "1800-01-01"}
        ),
    }
    for label, page in pages.items():
        assert page.status_code == 200, label
        assert_inert(page.content.decode(), f"{field} on the {label}")
    detail = pages["entry page"].content.decode()
    assert "&lt;" in detail or "&quot;" in detail or "&#x27;" in detail


def test_search_box_echo_is_escaped(client, user):
    client.force_login(user)
    for payload in PAYLOADS:
        html = client.get(reverse("home"), {"q": payload[:200]}).content.decode()
        assert_inert(html, "search box")
        html = client.get(reverse("calendar"), {"month": payload}).content.decode()
        assert_inert(html, "calendar month")
        html = client.get(reverse("patterns"), {"range": payload}).content.decode()
        assert_inert(html, "patterns range")


@pytest.fixture
def hostile_interpretation(db, user):
    """An interpretation with a payload in every text an editor can write, attached to a
    dream of the user's with its scenario and marker accepted."""
    payloads = list(PAYLOADS)

    def p(n: int) -> str:
        return f"x {payloads[n % len(payloads)]} y"

    interpretation = Interpretation.objects.create(
        title=f"Running {payloads[0]}"[:200],
        source="hostile.txt",
        quick_answer=f"{p(1)}\n{p(2)}",
        key_sentence=p(3),
        morning_after=p(4),
    )
    scenario = interpretation.tags.create(kind=TagKind.SCENARIO, label=p(5), meaning=p(0))
    marker = interpretation.tags.create(kind=TagKind.MARKER, label=p(1), meaning=p(2))
    ArrivalCondition.objects.create(interpretation=interpretation, text=p(3))
    FaqEntry.objects.create(interpretation=interpretation, question=p(4), answer=p(5))
    NextStage.objects.create(
        interpretation=interpretation, condition=p(0), target_title=p(1), note=p(2)
    )
    BodySection.objects.create(interpretation=interpretation, heading=p(3), text=p(4))
    for night in (dt.date(2026, 9, 1), dt.date(2026, 10, 1)):
        entry = EntryFactory(
            user=user,
            night=night,
            narrative="The road stretched.",
            interpretation=interpretation,
            interpretation_origin="user",
            interpretation_matched=[payloads[1]],
            waking_life=p(5),
        )
        EntryTagFactory(entry=entry, tag=scenario, accepted=True, matched=[payloads[2]])
        EntryTagFactory(entry=entry, tag=marker, accepted=True)
    return interpretation


def test_interpretation_content_is_shown_as_text(client, user, hostile_interpretation):
    client.force_login(user)
    entry = Entry.objects.filter(user=user).first()
    pages = {
        "library": client.get(reverse("interpretations:library")),
        "library page": client.get(hostile_interpretation.get_absolute_url()),
        "entry page": client.get(entry.get_absolute_url()),
        "journal": client.get(reverse("home")),
        "patterns": client.get(reverse("patterns"), {"range": "all"}),
        "patterns, one interpretation": client.get(
            reverse("patterns"), {"range": "all", "interpretation": hostile_interpretation.pk}
        ),
        "patterns partial": client.get(reverse("patterns"), {"range": "1y"}, headers=HTMX),
        "edit form": client.get(reverse("entry_edit", args=[entry.pk])),
        "calendar": client.get(reverse("calendar"), {"month": "2026-10"}),
    }
    for label, page in pages.items():
        assert page.status_code == 200, label
        assert_inert(page.content.decode(), label)


def test_interpretation_content_is_shown_as_text_in_the_admin(client, hostile_interpretation):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    for url in (
        reverse("admin:interpretations_interpretation_changelist"),
        reverse("admin:interpretations_interpretation_change", args=[hostile_interpretation.pk]),
        reverse("admin:interpretations_interpretation_history", args=[hostile_interpretation.pk]),
        reverse("admin:interpretations_interpretation_delete", args=[hostile_interpretation.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        # The admin's change form shows the payloads inside <textarea>/<input value>: escaped.
        assert_inert(html, url)


def test_admin_import_from_text_preview_and_saved_article_are_inert(client, user):
    article = (CATALOG / "frozen-in-place.txt").read_text()
    payloads = iter(PAYLOADS)
    article = article.replace("Frozen Solid", f"Frozen {next(payloads)} Solid", 1)
    for anchor in (
        "Rooted or frozen, unable to move",  # a scenario
        "Woke still unable to move",  # a marker
        "Being unable to move at all",  # the quick answer
    ):
        assert anchor in article
        article = article.replace(anchor, f"{anchor} {next(payloads)}", 1)
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    url = reverse("admin:interpretations_interpretation_import_text")
    data = {"source": "hostile.txt", "text": article, "_preview": "Preview"}
    preview = client.post(url, data)
    assert preview.status_code == 200 and "Scenarios (" in preview.content.decode()
    assert_inert(preview.content.decode(), "import preview")
    saved = client.post(url, {**data, "_save": "Save"})
    assert saved.status_code == 302
    interpretation = Interpretation.objects.get(source="hostile.txt")
    assert "<script>" in interpretation.title  # kept as written
    assert_inert(client.get(saved.url).content.decode(), "admin change page after import")
    client.force_login(user)
    html = client.get(interpretation.get_absolute_url()).content.decode()
    assert_inert(html, "library page after import")
    assert "&lt;script&gt;" in html
