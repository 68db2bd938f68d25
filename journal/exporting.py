"""Exporting a user's journal: JSON (the format `import_dreams` reads), Markdown and CSV.

The JSON document is exactly the export format described in journal/import_json.py, so
export → import → export gives the same document, and the same state: each tag and the
interpretation keep whose they are (suggested or the user's). Markdown is for reading, CSV
for a spreadsheet; both carry the same fields without the origins. Entries deleted but
still restorable are left out.
"""

import csv
import io
import json

from conditions.transfer import EXPORT_PREFETCH, life_context_record
from interpretations.models import TagKind
from journal.import_json import EXPORT_FORMAT, EXPORT_VERSION
from journal.models import Emotion, Entry, EntryTag
from plans.transfer import plan_records

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
    "distress",
    "lucid",
    "recurring",
    "interpretation",
    *(kind.plural for kind in TagKind),
]
# Markdown heads each kind's list with its plural label, or with this.
MARKDOWN_HEADINGS = {TagKind.MARKER: "Body on waking"}
UTF8_BOM = "\ufeff"
# A spreadsheet runs a cell that starts with one of these as a formula ("CSV injection").
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def entries_for_export(user):
    """The user's live entries, oldest night first, with their accepted tags, life tags and
    check-ins (4 queries)."""
    return (
        Entry.objects.for_user(user)
        .with_tags(order_by=("tag__position", "tag_id"))
        .prefetch_related(*EXPORT_PREFETCH)
        .order_by("night", "created_at", "pk")
    )


def entry_record(entry: Entry, *, for_people: bool = False) -> dict:
    """One entry as an item of the export's "entries" list: the interpretation named by its
    title and source file and each accepted tag with its origin, as import_dreams reads them
    back.
    For people, the interpretation's title and the tags' labels alone."""
    interpretation = entry.interpretation
    kept = entry.accepted_tags_by_kind
    record = {
        "night": entry.night.isoformat(),
        "title": entry.title,
        "narrative": entry.narrative,
        "waking_body": entry.waking_body,
        "waking_life": entry.waking_life,
        "emotions": list(entry.emotions),
        "intensity": entry.intensity,
        "distress": entry.distress,
        "lucid": entry.lucid,
        "recurring": entry.recurring,
    }
    if for_people:
        return record | {
            "interpretation": interpretation.title if interpretation else None,
            **{kind.plural: [entry_tag.tag.label for entry_tag in kept[kind]] for kind in TagKind},
        }
    return record | {
        "interpretation": (
            {"title": interpretation.title, "file": interpretation.source}
            if interpretation
            else None
        ),
        "interpretation_origin": entry.interpretation_origin,
        **{kind.plural: [_tag_record(entry_tag) for entry_tag in kept[kind]] for kind in TagKind},
        **life_context_record(entry),
    }


def _tag_record(entry_tag: EntryTag) -> dict:
    return {"label": entry_tag.tag.label, "origin": entry_tag.origin}


def export_document(user) -> dict:
    return {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "entries": [entry_record(entry) for entry in entries_for_export(user)],
        "rehearsal_plans": plan_records(user),
    }


def export_json(user) -> str:
    return json.dumps(export_document(user), ensure_ascii=False, indent=2) + "\n"


def export_csv(user) -> str:
    """The journal as CSV, starting with a byte-order mark: without it, spreadsheets read the
    UTF-8 file in the system's legacy encoding and garble any accent or dash."""
    out = io.StringIO()
    out.write(UTF8_BOM)
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for entry in entries_for_export(user):
        record = entry_record(entry, for_people=True)
        row = {
            **record,
            "emotions": "; ".join(record["emotions"]),
            "intensity": "" if record["intensity"] is None else record["intensity"],
            "distress": "" if record["distress"] is None else record["distress"],
            "lucid": "yes" if record["lucid"] else "no",
            "recurring": "yes" if record["recurring"] else "no",
            "interpretation": record["interpretation"] or "",
            **{kind.plural: "; ".join(record[kind.plural]) for kind in TagKind},
        }
        writer.writerow([inert_cell(row[column]) for column in CSV_COLUMNS])
    return out.getvalue()


def inert_cell(value) -> str:
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
        facts = []
        if record["intensity"] is not None:
            facts.append(f"Intensity {record['intensity']}/5")
        if record["distress"] is not None:
            facts.append(f"upsetting {record['distress']}/4")
        if record["lucid"]:
            facts.append("lucid")
        if record["recurring"]:
            facts.append("had it before")
        if record["emotions"]:
            facts.append(", ".join(labels.get(value, value) for value in record["emotions"]))
        if facts:
            lines += ["*" + " · ".join(facts) + "*", ""]
        lines += [record["narrative"], ""]
        for heading, key in (("On waking", "waking_body"), ("In waking life", "waking_life")):
            if record[key]:
                lines += [f"### {heading}", "", record[key], ""]
        if record["interpretation"]:
            lines += [f"**Interpretation:** {record['interpretation']}", ""]
        for kind in TagKind:
            if labels_of_kind := record[kind.plural]:
                heading = MARKDOWN_HEADINGS.get(kind, kind.plural_label)
                lines += [f"**{heading}:**", "", *(f"- {label}" for label in labels_of_kind), ""]
    return "\n".join(lines)


def export_text(user, file_format: str) -> str:
    """The whole journal in one of EXPORT_FORMATS."""
    writers = {"json": export_json, "markdown": export_markdown, "csv": export_csv}
    return writers[file_format](user)
