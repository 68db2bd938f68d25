"""Exporting a user's journal: JSON (the format `import_dreams` reads), Markdown and CSV.

The JSON document is exactly the export format described in journal/importing.py, so
export → import → export gives the same document, and the same state: each tag and the
interpretation keep whose they are (suggested or the user's). Markdown is for reading, CSV
for a spreadsheet; both carry the same fields without the origins. Entries deleted but
still restorable are left out.
"""

import csv
import io
import json

from django.db.models import Prefetch

from journal.importing import EXPORT_FORMAT, EXPORT_VERSION
from journal.models import Emotion, Entry, EntryMarker, EntryScenario, Tag

EXPORT_FORMATS = {
    # key: (file extension, content type)
    "json": ("json", "application/json"),
    "markdown": ("md", "text/markdown; charset=utf-8"),
    "csv": ("csv", "text/csv; charset=utf-8"),
}
CSV_COLUMNS = [
    "night",
    "title",
    "narrative",
    "waking_body",
    "waking_life",
    "emotions",
    "intensity",
    "lucid",
    "recurring",
    "interpretation",
    "scenarios",
    "markers",
]
# A spreadsheet runs a cell that starts with one of these as a formula ("CSV injection").
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def entries_for_export(user):
    """The user's live entries, oldest night first, with their accepted tags (3 queries)."""
    return (
        Entry.objects.for_user(user)
        .select_related("interpretation")
        .prefetch_related(
            Prefetch(
                "scenario_tags",
                EntryScenario.objects.filter(accepted=True)
                .select_related("scenario")
                .order_by("scenario__position", "scenario_id"),
                to_attr="accepted_scenarios",
            ),
            Prefetch(
                "marker_tags",
                EntryMarker.objects.filter(accepted=True)
                .select_related("marker")
                .order_by("marker__position", "marker_id"),
                to_attr="accepted_markers",
            ),
        )
        .order_by("night", "created_at", "pk")
    )


def entry_record(entry: Entry, *, for_people: bool = False) -> dict:
    """One entry as an item of the export's "entries" list: the interpretation named by its
    source file and each accepted tag with its origin, as import_dreams reads them back.
    For people, the interpretation's title and the tags' labels alone."""
    interpretation = entry.interpretation
    record = {
        "night": entry.night.isoformat(),
        "title": entry.title,
        "narrative": entry.narrative,
        "waking_body": entry.waking_body,
        "waking_life": entry.waking_life,
        "emotions": list(entry.emotions),
        "intensity": entry.intensity,
        "lucid": entry.lucid,
        "recurring": entry.recurring,
    }
    if for_people:
        return record | {
            "interpretation": interpretation.title if interpretation else None,
            "scenarios": [tag.part.label for tag in entry.accepted_scenarios],
            "markers": [tag.part.label for tag in entry.accepted_markers],
        }
    return record | {
        "interpretation": (
            (interpretation.source or interpretation.title) if interpretation else None
        ),
        "interpretation_origin": entry.interpretation_origin,
        "scenarios": [_tag_record(tag) for tag in entry.accepted_scenarios],
        "markers": [_tag_record(tag) for tag in entry.accepted_markers],
    }


def _tag_record(tag: Tag) -> dict:
    return {"label": tag.part.label, "origin": tag.origin}


def export_document(user) -> dict:
    return {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "entries": [entry_record(entry) for entry in entries_for_export(user)],
    }


def export_json(user) -> str:
    return json.dumps(export_document(user), ensure_ascii=False, indent=2) + "\n"


def export_csv(user) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for entry in entries_for_export(user):
        record = entry_record(entry, for_people=True)
        row = {
            **record,
            "emotions": "; ".join(record["emotions"]),
            "lucid": "yes" if record["lucid"] else "no",
            "recurring": "yes" if record["recurring"] else "no",
            "interpretation": record["interpretation"] or "",
            "scenarios": "; ".join(record["scenarios"]),
            "markers": "; ".join(record["markers"]),
        }
        writer.writerow([_inert_cell(row[column]) for column in CSV_COLUMNS])
    return out.getvalue()


def _inert_cell(value) -> str:
    """Text a spreadsheet shows as text: a leading formula character gets a quote before it."""
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def export_markdown(user) -> str:
    labels = dict(Emotion.choices)
    lines = [f"# Dream journal of {user.get_username()}", ""]
    entries = list(entries_for_export(user))
    if not entries:
        lines += ["No dreams logged yet.", ""]
    for entry in entries:
        record = entry_record(entry, for_people=True)
        lines += [f"## {record['night']} — {entry.display_title}", ""]
        facts = [f"Intensity {record['intensity']}/5"]
        if record["lucid"]:
            facts.append("lucid")
        if record["recurring"]:
            facts.append("had it before")
        if record["emotions"]:
            facts.append(", ".join(labels.get(value, value) for value in record["emotions"]))
        lines += ["*" + " · ".join(facts) + "*", "", record["narrative"], ""]
        for heading, key in (("On waking", "waking_body"), ("In waking life", "waking_life")):
            if record[key]:
                lines += [f"### {heading}", "", record[key], ""]
        if record["interpretation"]:
            lines += [f"**Interpretation:** {record['interpretation']}", ""]
        for heading, key in (("Scenarios", "scenarios"), ("Body on waking", "markers")):
            if record[key]:
                lines += [f"**{heading}:**", "", *(f"- {label}" for label in record[key]), ""]
    return "\n".join(lines)


def export_text(user, file_format: str) -> str:
    """The whole journal in one of EXPORT_FORMATS."""
    writers = {"json": export_json, "markdown": export_markdown, "csv": export_csv}
    return writers[file_format](user)
