"""Export of a user's whole journal: JSON that import_dreams reads back, Markdown and CSV."""

import csv
import datetime as dt
import io
import json
import uuid
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from interpretations.models import Interpretation, Tag, TagKind
from journal.exporting import export_document
from journal.import_json import EXPORT_FORMAT, EXPORT_VERSION
from journal.models import Entry, Profile
from journal.tagging import suggest
from tests.factories import EntryFactory, UserFactory

RUNNING = (
    "I was running from something in a dark street but my legs felt like concrete. "
    "The road kept stretching out the faster I ran and I got nowhere."
)
FLYING = 'I floated over a harbour; the boats sang "Ωμέγα" 🌙 and a sign said <b>=SUM(A1)</b>.'


@pytest.fixture
def journal(client, user, other_user, catalog):
    """Three dreams logged through the form (one with tags chosen), one deleted, and another
    user's dream."""
    client.force_login(user)
    scenario = Tag.objects.filter(kind=TagKind.SCENARIO, interpretation__published=True).first()
    marker = scenario.interpretation.tags.filter(kind=TagKind.MARKER).first()

    def log(**fields):
        data = {
            "night": "2026-10-01",
            "intensity": "3",
            "interpretation_choice": "auto",
            "submission_token": str(uuid.uuid4()),
            **fields,
        }
        response = client.post(reverse("entry_create"), data)
        assert response.status_code == 302, response.content.decode()[:2000]

    log(
        narrative=RUNNING,
        title="The long road",
        waking_body="Heavy legs, chest tight.",
        waking_life="Deadline at work.",
        emotions=["fear", "frustration"],
        intensity="4",
        recurring="on",
        add_scenarios=[str(scenario.pk)],
        add_markers=[str(marker.pk)],
    )
    log(narrative=FLYING, night="2026-09-14", lucid="on", emotions=["joy"])
    log(narrative="-1 rooms in a house\nthat kept folding.", night="2026-09-14", intensity="1")
    EntryFactory(user=user, night=dt.date(2026, 9, 1), narrative="Deleted one.").soft_delete()
    EntryFactory(user=other_user, night=dt.date(2026, 9, 2), narrative="Not yours at all.")
    return client


def journal_state(user) -> list[tuple]:
    """Per entry: its interpretation, whose it is, and every tag with its origin and whether
    it is accepted."""
    return [
        (
            entry.night,
            entry.interpretation_id,
            entry.interpretation_origin,
            entry.interpretation_choice,
            set(entry.tags.values_list("tag_id", "origin", "accepted")),
        )
        for entry in Entry.objects.for_user(user).order_by("night")
    ]


def download(client, file_format: str):
    response = client.get(reverse("export_download", args=[file_format]))
    assert response.status_code == 200
    return response


class TestJson:
    def test_is_the_import_format_with_everything_the_user_wrote(self, journal, user):
        response = download(journal, "json")
        today = Profile.for_user(user).today().isoformat()
        assert response["Content-Type"] == "application/json"
        assert response["Content-Disposition"] == (
            f'attachment; filename="dream-journal-{today}.json"'
        )
        document = json.loads(response.content)
        assert document["format"] == EXPORT_FORMAT and document["version"] == EXPORT_VERSION
        nights = [item["night"] for item in document["entries"]]
        assert nights == ["2026-09-14", "2026-09-14", "2026-10-01"]
        running = document["entries"][-1]
        assert running["title"] == "The long road"
        assert running["waking_body"] == "Heavy legs, chest tight."
        assert running["waking_life"] == "Deadline at work."
        assert running["emotions"] == ["fear", "frustration"]
        assert running["intensity"] == 4 and running["recurring"] is True
        assert running["interpretation"]  # the attached interpretation, by its source file
        assert running["scenarios"] and running["markers"]
        assert document["entries"][0]["narrative"] == FLYING
        text = response.content.decode()
        assert "Deleted one" not in text and "Not yours" not in text

    def test_export_import_export_gives_the_same_document(self, journal, user, tmp_path):
        first = json.loads(download(journal, "json").content)
        path = tmp_path / "export.json"
        path.write_text(json.dumps(first), encoding="utf-8")
        fresh = UserFactory()
        err = StringIO()
        call_command(
            "import_dreams", str(path), "--user", fresh.username, stdout=StringIO(), stderr=err
        )
        assert err.getvalue() == ""  # nothing skipped, no label it could not place
        assert export_document(fresh) == first
        assert Entry.objects.for_user(fresh).count() == 3

    def test_round_trip_keeps_whose_each_tag_and_interpretation_is(
        self, client, user, catalog, tmp_path
    ):
        """Suggested stays suggested, open stays open, hand-added stays the user's: an
        imported journal is re-scored like the original when the library changes."""
        client.force_login(user)
        found = suggest(RUNNING)
        ticked, left_open = found.scenarios[0].tag.key, found.scenarios[1].tag.key
        suggested_markers = {match.tag.key for match in found.markers}
        hand_added = (
            Tag.objects.filter(kind=TagKind.MARKER)
            .published()
            .exclude(pk__in=suggested_markers)
            .first()
        )
        chosen = (
            Interpretation.objects.published()
            .exclude(pk=found.interpretation.interpretation.key)
            .first()
        )
        for night, narrative, choice, fields in [
            (
                "2026-09-01",
                RUNNING,
                "auto",
                {"scenarios": [ticked], "add_markers": [hand_added.pk]},
            ),
            ("2026-09-02", FLYING, "auto", {}),  # nothing found: no interpretation, not chosen
            ("2026-09-03", RUNNING, "none", {}),
            ("2026-09-04", FLYING, str(chosen.pk), {}),
        ]:
            response = client.post(
                reverse("entry_create"),
                {
                    "night": night,
                    "narrative": narrative,
                    "intensity": "3",
                    "interpretation_choice": choice,
                    "submission_token": str(uuid.uuid4()),
                    **fields,
                },
            )
            assert response.status_code == 302, response.content.decode()[:2000]
        before = journal_state(user)
        assert [entry[2] for entry in before] == ["suggested", "", "user", "user"]
        assert (ticked, "suggested", True) in before[0][4]
        assert (left_open, "suggested", False) in before[0][4]
        assert (hand_added.pk, "user", True) in before[0][4]

        path = tmp_path / "export.json"
        path.write_text(json.dumps(export_document(user)), encoding="utf-8")
        fresh = UserFactory()
        call_command("import_dreams", str(path), "--user", fresh.username, stdout=StringIO())

        assert journal_state(fresh) == before
        assert export_document(fresh) == export_document(user)

    def test_empty_journal(self, client, user):
        client.force_login(user)
        document = json.loads(download(client, "json").content)
        assert document == {
            "format": EXPORT_FORMAT,
            "version": EXPORT_VERSION,
            "entries": [],
            "rehearsal_plans": [],
        }


class TestMarkdownAndCsv:
    def test_markdown(self, journal, user):
        response = download(journal, "markdown")
        assert response["Content-Type"].startswith("text/markdown")
        assert response["Content-Disposition"].endswith('.md"')
        text = response.content.decode()
        assert "## 2026-10-01 — The long road" in text
        assert "Deadline at work." in text and FLYING in text
        assert "Not yours" not in text
        # People read titles; file names are for import_dreams.
        attached = Entry.objects.filter(user=user, interpretation__isnull=False).first()
        assert f"**Interpretation:** {attached.interpretation.title}" in text

    def test_csv_has_every_entry_and_neutralises_formulas(self, journal):
        response = download(journal, "csv")
        assert response["Content-Type"].startswith("text/csv")
        assert response["Content-Disposition"].endswith('.csv"')
        rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
        assert [row["night"] for row in rows] == ["2026-09-14", "2026-09-14", "2026-10-01"]
        assert rows[0]["narrative"] == FLYING and rows[0]["lucid"] == "yes"
        assert rows[1]["narrative"].startswith("'-1 rooms")  # shown as text, never a formula
        assert rows[2]["emotions"] == "fear; frustration"
