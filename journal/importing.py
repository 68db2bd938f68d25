"""Importing a dated dream series into a user's journal: DreamBank TSV, our own JSON, or a
plain CSV with a date column and a text column.

Reading is separate from writing. `read_import_data` picks the reader for a file by its name
or content (TSV and CSV in journal/import_files.py, JSON in journal/import_json.py, which
describes the format) and reads the file in full, so a file that cannot be read as a whole
(wrong columns, bad encoding, not our format) raises `ImportFileError` before anything is
written. `import_dreams` then matches the dreams read and writes them in one transaction.
"""

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from django.db import transaction

from conditions.transfer import restore_life_context
from interpretations.matching import Matcher, MatchResult
from interpretations.models import Interpretation, Tag, TagKind, normalised_title
from journal.dreambank import shown
from journal.import_files import (
    ImportedDream,
    ImportFileError,
    ReadFile,
    Skipped,
    read_csv,
    read_tsv,
    unsaved_entry,
)
from journal.import_json import read_json
from journal.models import (
    Entry,
    EntryTag,
    Origin,
    Profile,
    TagRow,
    tag_matches,
    tag_rows,
)
from journal.tagging import kept_by_default
from plans.transfer import new_plans, restore_plans

# Suggestions stored per kind; those the form would tick are accepted (keeps_by_default).
SUGGESTIONS_STORED = 5
BATCH_SIZE = 500
# Dreams matched between two progress reports of an import.
PROGRESS_BATCH = 100
IMPORT_FORMATS = ("json", "tsv", "csv")
# The first bytes of compressed files (zip, gzip, bzip2, xz, zstd, 7-Zip, RAR).
_COMPRESSED_MAGIC = {
    b"PK\x03\x04": "zip",
    b"PK\x05\x06": "zip",
    b"\x1f\x8b": "gzip",
    b"BZh": "bzip2",
    b"\xfd7zXZ\x00": "xz",
    b"\x28\xb5\x2f\xfd": "zstd",
    b"7z\xbc\xaf\x27\x1c": "7z",
    b"Rar!": "rar",
}
_COMPRESSED_SUFFIXES = {".zip", ".gz", ".tgz", ".bz2", ".xz", ".zst", ".7z", ".rar"}
# How many skipped dreams and duplicates a preview names (all are counted).
PREVIEW_EXAMPLES = 5


@dataclass
class ImportReport:
    imported: int = 0
    interpreted: int = 0
    already_there: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    plans: int = 0


def read_import_file(
    path: Path, file_format: str = "auto", today: dt.date | None = None
) -> ReadFile:
    """Every dream of a DreamBank TSV, dream-journal JSON or plain CSV file, read and checked."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ImportFileError(f"cannot be read: {error.strerror or error}") from error
    return read_import_data(data, path.name, file_format, today)


def read_import_data(
    data: bytes, file_name: str, file_format: str = "auto", today: dt.date | None = None
) -> ReadFile:
    """Every dream of a file given as bytes (an upload), in the format its name or content
    says, read and checked. A compressed file is refused unopened: a few kilobytes of zip
    can unpack to gigabytes."""
    if compression := compression_of(data, file_name):
        raise ImportFileError(
            f"this is a compressed file ({compression}), which is not opened here; unpack it "
            "and import the .json, .tsv or .csv file inside"
        )
    if file_format == "auto":
        file_format = format_of(data, file_name)
    today = today or dt.date.today()
    readers = {"json": read_json, "tsv": read_tsv, "csv": read_csv}
    return readers[file_format](data, today)


def compression_of(data: bytes, file_name: str) -> str:
    """The kind of compressed file this is, by its first bytes or its name; "" for none."""
    for magic, kind in _COMPRESSED_MAGIC.items():
        if data.startswith(magic):
            return kind
    suffix = Path(file_name).suffix.lower()
    return suffix[1:] if suffix in _COMPRESSED_SUFFIXES else ""


def format_of(data: bytes, file_name: str) -> str:
    """json, tsv or csv: by the file's extension, else by its first line."""
    suffix = Path(file_name).suffix.lower()[1:]
    if suffix in IMPORT_FORMATS:
        return suffix
    start = data.lstrip(b"\xef\xbb\xbf \t\r\n")
    if start[:1] == b"{":
        return "json"
    return "tsv" if b"\t" in start.split(b"\n", 1)[0] else "csv"


class LibraryNames:
    """The published interpretations and tags by the names an export file uses, for its
    entries and its rehearsal plans alike (a draft's, named in a file, is not attached: its
    label would show on the entry)."""

    def __init__(self) -> None:
        self.interpretations: dict[str, int] = {}
        published = Interpretation.objects.published()
        for pk, source, title in published.values_list("pk", "source", "title"):
            self.interpretations.setdefault(normalised_title(title), pk)
            if source:
                self.interpretations[source.casefold()] = pk
        # kind: label: [(tag id, interpretation id)]
        self.tags: dict[str, dict[str, list[tuple[int, int]]]] = defaultdict(
            lambda: defaultdict(list)
        )
        for pk, kind, label, interpretation in Tag.objects.published().values_list(
            "pk", "kind", "label", "interpretation_id"
        ):
            self.tags[kind][normalised_title(label)].append((pk, interpretation))

    def interpretation(self, name: str) -> int | None:
        return self.interpretations.get(name.casefold()) or self.interpretations.get(
            normalised_title(name)
        )

    def tag(self, kind: str, label: str, interpretation: int | None) -> int | None:
        """The tag of this kind and label, preferring the one of the entry's interpretation."""
        candidates = self.tags[kind].get(normalised_title(label), [])
        for pk, owner in candidates:
            if owner == interpretation:
                return pk
        return candidates[0][0] if candidates else None


def preview_import(user, read: ReadFile) -> dict:
    """What importing this file would do, before any matching: how many new dreams, their
    date range, and how many (with the first few) are skipped or already in the journal.
    JSON-ready, for the import job to keep until it is confirmed."""
    dreams, duplicates = _new_and_already_there(user, read)
    nights = [dream.night for dream in dreams]
    return {
        "dreams": len(dreams),
        "first_night": min(nights).isoformat() if nights else None,
        "last_night": max(nights).isoformat() if nights else None,
        "skipped_count": len(read.skipped),
        "skipped": [[_place(s.number), s.problem] for s in read.skipped[:PREVIEW_EXAMPLES]],
        "plans": len(new_plans(user, read.plans)),
        "duplicate_count": len(duplicates),
        "duplicates": [
            [_place(dream.number), dream.night.isoformat()]
            for dream in duplicates[:PREVIEW_EXAMPLES]
        ],
    }


def _place(number: str) -> str:
    """Where a dream is in its file, as a person reads it: "#12" (its number) or "line 7"."""
    return f"#{number}" if number.isdigit() else number


def _new_and_already_there(user, read: ReadFile) -> tuple[list[ImportedDream], list[ImportedDream]]:
    """The file's dreams split into new ones and those in the journal (same night and text)."""
    existing = set(Entry.objects.for_user(user).values_list("night", "narrative"))
    new: list[ImportedDream] = []
    already_there: list[ImportedDream] = []
    for dream in read.dreams:
        (already_there if (dream.night, dream.narrative) in existing else new).append(dream)
    return new, already_there


def import_dreams(
    user,
    read: ReadFile,
    matcher: Matcher,
    *,
    dry_run: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> ImportReport:
    """Add the dreams of one file to the user's journal, matched, in one transaction.

    Dreams already in the journal (same night, same text) are left out, so importing a file
    again adds nothing twice. With `dry_run`, everything is checked and matched but nothing
    is written. `progress(done, total)` hears after each batch of dreams matched; matching
    is most of the work, and happens before the transaction, so that the progress can be
    written where others see it."""
    report = ImportReport(skipped=list(read.skipped))
    dreams, already_there = _new_and_already_there(user, read)
    report.already_there = len(already_there)
    if not dreams and not read.plans:
        return report
    library = (
        LibraryNames() if read.plans or any(_has_own_tags(dream) for dream in dreams) else None
    )
    results = []
    for start in range(0, len(dreams), PROGRESS_BATCH):
        batch = dreams[start : start + PROGRESS_BATCH]
        results += matcher.match_many(
            [(dream.narrative, dream.waking_body) for dream in batch], limit=SUGGESTIONS_STORED
        )
        if progress:
            progress(len(results), len(dreams))
    entries = []
    rows: list[tuple[Entry, TagRow]] = []
    for dream, result in zip(dreams, results, strict=True):
        entry = unsaved_entry(user, dream)
        _attach(entry, dream, result, library, report)
        entries.append(entry)
        for kind in TagKind:
            for row in _tag_rows(dream, kind, result, entry, library, report):
                rows.append((entry, row))
    report.imported = len(entries)
    report.interpreted = sum(1 for entry in entries if entry.interpretation_id)
    if dry_run:
        report.plans = len(new_plans(user, read.plans))
        return report
    with transaction.atomic():
        Entry.objects.bulk_create(entries, batch_size=BATCH_SIZE)
        Profile.journal_changed([user.pk])
        EntryTag.objects.bulk_create(
            (EntryTag.from_row(entry, row) for entry, row in rows), batch_size=BATCH_SIZE
        )
        try:
            restore_life_context(
                user,
                (
                    (entry, dream.life_tags, dream.check_ins)
                    for entry, dream in zip(entries, dreams, strict=True)
                ),
            )
        except ValueError as error:
            raise ImportFileError(str(error)) from None
        if library is not None:  # always read when the file has plans
            report.plans = restore_plans(user, read.plans, library)
    return report


def _has_own_tags(dream: ImportedDream) -> bool:
    return dream.interpretation is not None or bool(dream.tags)


def _attach(
    entry: Entry,
    dream: ImportedDream,
    result: MatchResult,
    library: LibraryNames | None,
    report: ImportReport,
) -> None:
    """The interpretation: the file's own choice if it names one, else the matcher's."""
    if dream.interpretation is None or library is None:
        entry.set_suggested_interpretation(result)
        return
    entry.interpretation_origin = Origin.USER
    if not dream.interpretation:
        return
    entry.interpretation_id = library.interpretation(dream.interpretation)
    if entry.interpretation_id is None:
        report.warnings.append(
            f"#{dream.number}: interpretation {shown(dream.interpretation)} is not in the library; "
            "imported without one"
        )
    found = result.interpretation
    if found is not None and found.interpretation.key == entry.interpretation_id:
        entry.interpretation_score = found.score
        entry.interpretation_matched = list(found.matched)


def _tag_rows(
    dream: ImportedDream,
    kind: str,
    result: MatchResult,
    entry: Entry,
    library: LibraryNames | None,
    report: ImportReport,
) -> list[TagRow]:
    own_tags = dream.tags.get(kind)
    matches = tag_matches(result, kind)
    if own_tags is None or library is None:
        # No one is there to tick the chips: those the form would tick are kept, as the form
        # keeps them, and the rest left open.
        of_kind = {match.tag.key for match in matches}
        return tag_rows(matches, kept_by_default(result) & of_kind, {})
    origins = {}
    for label, origin in own_tags:
        pk = library.tag(kind, label, entry.interpretation_id)
        if pk is None:
            report.warnings.append(f"#{dream.number}: {kind} {shown(label)} is not in the library")
        else:
            origins[pk] = origin
    # The file's tags are accepted with the origin it gives; the matcher's others are kept
    # as open suggestions.
    return [
        replace(row, origin=origins[row.tag_id]) if row.accepted else row
        for row in tag_rows(matches, set(origins), {})
    ]
