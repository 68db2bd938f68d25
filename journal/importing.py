"""Importing a dated dream series into a user's journal: DreamBank TSV, our own JSON, or a
plain CSV with a date column and a text column (CSV_DATE_COLUMNS, CSV_TEXT_COLUMNS).

Reading is separate from writing: a file is read in full and checked first, so a file that
cannot be read as a whole (wrong columns, bad encoding, not our format) raises
`ImportFileError` before anything is written. Single dreams that cannot be placed (a date
that names no one night, no text, text no database can store) are skipped and listed,
never guessed.

Our JSON export format, version 3 (journal/exporting.py writes it)::

    {"format": "dream-journal", "version": 3, "entries": [
        {"night": "2024-03-12",            # required, ISO date, 1900 to today
         "narrative": "…",                 # required, at most 20,000 characters
         "title": "", "waking_body": "", "waking_life": "",
         "emotions": ["fear", "relief"],   # values of journal.models.Emotion
         "intensity": 3, "lucid": false, "recurring": false,  # intensity 1 to 5, or null
         "distress": 2,                    # how upsetting, 0 to 4, or null: not said
         "interpretation": {"title": "Running Hard…", "file": "running-in-place.txt"},  # or null
         "interpretation_origin": "suggested",      # "user", "suggested" or "" (none found)
         "scenarios": [{"label": "…", "origin": "suggested"}, …],  # the accepted ones
         "markers": [{"label": "…", "origin": "user"}, …],
         "life_tags": ["deadline"],        # what was going on in waking life (optional)
         "check_ins": [{"condition": "…", "answer": "yes"}]}]}  # yes, no or unsure

Only `night` and `narrative` are required. What a file gives keeps the origin it states:
tags stay accepted, each suggested or the user's; an interpretation the user chose (or
null: they chose none) is kept, while a suggested one, or none found, is the matcher's to
suggest again, as re-scoring would. A bare label, and an interpretation without
`interpretation_origin`, are the user's. Version 1 is the same without the origins, so
everything it gives is the user's. Versions 1 and 2 name the interpretation by one string,
its source file or its title; that is still read, in any version. An interpretation is found
by its file name when the file gives one (a file name names one interpretation), else by its
title. When `interpretation`, `scenarios` or `markers` is absent, the matcher's suggestions
are used, as for a DreamBank file. A check-in is kept when the entry's interpretation still
has that arrival condition, word for word.
"""

import csv
import datetime as dt
import io
import json
import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from itertools import islice
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction

from conditions.transfer import read_life_context, restore_life_context
from interpretations.matching import Matcher, MatchResult
from interpretations.models import Interpretation, Tag, TagKind, normalised_title
from journal.dreambank import (
    EARLIEST_YEAR,
    DreamBankError,
    decode_tsv,
    parse_dream_date,
    read_dreambank_tsv,
    shown,
)
from journal.models import (
    NARRATIVE_MAX_LENGTH,
    Emotion,
    Entry,
    EntryTag,
    Origin,
    Profile,
    TagRow,
    tag_matches,
    tag_rows,
)
from journal.tagging import kept_by_default

EXPORT_FORMAT = "dream-journal"
# The version the exporter writes; every version from 1 up to it is read.
EXPORT_VERSION = 3
# Suggestions stored per kind; those the form would tick are accepted (keeps_by_default).
SUGGESTIONS_STORED = 5
BATCH_SIZE = 500
# Dreams matched between two progress reports of an import.
PROGRESS_BATCH = 100
# Dreams one file may hold (a dream every night for 68 years): a file of tiny rows is
# refused after its rows are split, before any of them is checked.
MAX_DREAMS_PER_FILE = 25_000
IMPORT_FORMATS = ("json", "tsv", "csv")
# Header names of a CSV file's columns, in order of preference.
CSV_DATE_COLUMNS = ("night", "date", "dreamt", "day")
CSV_TEXT_COLUMNS = ("narrative", "dream", "text", "description", "content")
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
_OPTIONAL_TEXTS = ("title", "waking_body", "waking_life")
# Characters no database column holds: NUL (PostgreSQL refuses it; the entry form refuses it
# with Django's ProhibitNullCharactersValidator) and half a UTF-16 surrogate pair, which only
# a JSON escape such as "\ud800" gives and no UTF-8 encoder writes.
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


class ImportFileError(ValueError):
    """The file cannot be imported at all; the message says why. Nothing was written."""


@dataclass(frozen=True)
class ImportedDream:
    number: str  # DreamBank's `n`, or the entry's position in a JSON file (from 1)
    night: dt.date
    narrative: str
    title: str = ""
    waking_body: str = ""
    waking_life: str = ""
    emotions: tuple[str, ...] = ()
    intensity: int | None = None  # not said
    distress: int | None = None
    lucid: bool = False
    recurring: bool = False
    # None: not given, let the matcher suggest; "": given as none.
    interpretation: str | None = None
    # The accepted tags the file gives, by kind, as (label, Origin value); a kind it does not
    # mention is left to the matcher (an empty list is given as none).
    tags: dict[str, tuple[tuple[str, str], ...]] = field(default_factory=dict)
    # What was going on in waking life (conditions.transfer): tag names, and
    # (arrival condition text, answer) pairs.
    life_tags: tuple[str, ...] = ()
    check_ins: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Skipped:
    number: str
    problem: str


@dataclass(frozen=True)
class ReadFile:
    dreams: list[ImportedDream]
    skipped: list[Skipped]


@dataclass
class ImportReport:
    imported: int = 0
    interpreted: int = 0
    already_there: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


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


def read_tsv(data: bytes, today: dt.date) -> ReadFile:
    try:
        records = read_dreambank_tsv(decode_tsv(data), today, max_rows=MAX_DREAMS_PER_FILE)
    except DreamBankError as error:
        raise ImportFileError(str(error)) from error
    dreams, skipped = [], []
    for record in records:
        problem = record.problem or _narrative_problem(record.text)
        if problem or record.night is None:
            skipped.append(Skipped(record.number, problem))
        else:
            dreams.append(ImportedDream(record.number, record.night, record.text))
    return ReadFile(dreams, skipped)


def read_csv(data: bytes, today: dt.date) -> ReadFile:
    """A plain CSV with a header: a date column and a text column (CSV_DATE_COLUMNS and
    CSV_TEXT_COLUMNS name them, case ignored), and an optional title. Cells are kept as
    text: one that starts with = + - @ is a dream's words, never a formula."""
    try:
        text = decode_tsv(data)
    except DreamBankError as error:
        raise ImportFileError(str(error)) from error
    if not text.strip():
        raise ImportFileError("the file is empty")
    first_line = text.lstrip().split("\n", 1)[0]
    delimiter = max(",;\t", key=first_line.count)
    reader = csv.reader(io.StringIO(text.lstrip(), newline=""), delimiter=delimiter)
    try:
        columns = [name.strip().lower() for name in next(reader)]
        night_column = _csv_column(columns, CSV_DATE_COLUMNS)
        text_column = _csv_column(columns, CSV_TEXT_COLUMNS)
        if night_column is None or text_column is None:
            raise ImportFileError(
                "a CSV file needs a date column (named "
                f"{' or '.join(CSV_DATE_COLUMNS)}) and a text column (named "
                f"{' or '.join(CSV_TEXT_COLUMNS)}); this one has "
                f"{', '.join(shown(name, 30) for name in columns if name) or 'no named columns'}"
            )
        title_column = _csv_column(columns, ("title",))
        # Reading stops one row past the most a file may hold (see read_dreambank_tsv).
        numbered = ((reader.line_num, row) for row in reader)
        rows = list(islice(numbered, MAX_DREAMS_PER_FILE + 1))
    except csv.Error as error:
        raise ImportFileError(f"line {reader.line_num}: {error}") from error
    _check_count(len(rows), "rows")
    dreams, skipped = [], []
    for line, row in rows:
        if not any(cell.strip() for cell in row):
            continue
        number = f"line {line}"
        if len(row) <= max(night_column, text_column):
            skipped.append(Skipped(number, f"{len(row)} of the header's {len(columns)} fields"))
            continue
        reading = parse_dream_date(row[night_column], today)
        narrative = row[text_column].strip()
        title = (
            row[title_column].strip()
            if title_column is not None and title_column < len(row)
            else ""
        )
        problem = reading.problem or _narrative_problem(narrative)
        if problem or reading.night is None:
            skipped.append(Skipped(number, problem))
            continue
        dream = ImportedDream(number, reading.night, narrative, title=title)
        try:
            _check_fits_an_entry(dream)
        except ValueError as error:
            skipped.append(Skipped(number, str(error)))
        else:
            dreams.append(dream)
    if not dreams and not skipped:
        raise ImportFileError("the file has a header but no dreams")
    return ReadFile(dreams, skipped)


def _check_count(count: int, what: str) -> None:
    if count > MAX_DREAMS_PER_FILE:
        raise ImportFileError(
            f"the file has more than {MAX_DREAMS_PER_FILE:,} {what}, the most one file may "
            "hold: split it into several"
        )


def _csv_column(columns: list[str], names: Sequence[str]) -> int | None:
    for name in names:
        if name in columns:
            return columns.index(name)
    return None


def read_json(data: bytes, today: dt.date) -> ReadFile:
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as error:
        raise ImportFileError(
            f"the file is not UTF-8 text: byte 0x{data[error.start]:02x} at position "
            f"{error.start} cannot be read"
        ) from error
    except json.JSONDecodeError as error:
        raise ImportFileError(
            f"the file is not valid JSON: {error.msg} at line {error.lineno}"
        ) from error
    except RecursionError as error:
        raise ImportFileError(
            "not a Dream Journal export: its JSON is nested far deeper than an export is"
        ) from error
    except ValueError as error:  # by default Python reads no integer of over 4,300 digits
        raise ImportFileError(
            "not a Dream Journal export: it holds a number thousands of digits long"
        ) from error
    if (
        not isinstance(document, dict)
        or document.get("format") != EXPORT_FORMAT
        or not isinstance(document.get("entries"), list)
    ):
        raise ImportFileError(
            f'not a Dream Journal export: expected an object with "format": "{EXPORT_FORMAT}", '
            f'"version": {EXPORT_VERSION} and a list of "entries"'
        )
    version = document.get("version")
    if type(version) is not int or not 1 <= version <= EXPORT_VERSION:
        raise ImportFileError(
            f"export version {shown(version)} is not one this version of Dream Journal reads "
            f"(it reads versions 1 to {EXPORT_VERSION})"
        )
    _check_count(len(document["entries"]), "entries")
    dreams, skipped = [], []
    for position, item in enumerate(document["entries"], start=1):
        number = str(position)
        if not isinstance(item, dict):
            raise ImportFileError(f"entry {number} is not an object")
        try:
            dreams.append(_dream_from_json(number, item, today, version))
        except ValueError as problem:
            skipped.append(Skipped(number, str(problem)))
    return ReadFile(dreams, skipped)


def _dream_from_json(number: str, item: dict, today: dt.date, version: int) -> ImportedDream:
    night = _night(item.get("night"), today)
    narrative = _text(item, "narrative").strip()
    if problem := _narrative_problem(narrative):
        raise ValueError(problem)
    texts = {name: _text(item, name) for name in _OPTIONAL_TEXTS}
    emotions = item.get("emotions") or []
    known = set(Emotion.values)
    if not isinstance(emotions, list) or not all(
        isinstance(value, str) and value in known for value in emotions
    ):
        raise ValueError(f"emotions must be a list of {', '.join(Emotion.values)}")
    intensity = item.get("intensity")
    if intensity is not None and type(intensity) is not int:
        raise ValueError(
            f"intensity must be a whole number from 1 to 5 or null, not {shown(intensity)}"
        )
    distress = item.get("distress")
    if distress is not None and type(distress) is not int:
        raise ValueError(
            f"distress must be a whole number from 0 to 4 or null, not {shown(distress)}"
        )
    flags = {}
    for name in ("lucid", "recurring"):
        flags[name] = item.get(name, False)
        if not isinstance(flags[name], bool):
            raise ValueError(f"{name} must be true or false")
    interpretation = _interpretation_name(item.get("interpretation"))
    _check_storable("interpretation", interpretation or "")
    life_tags, check_ins = read_life_context(item)
    dream = ImportedDream(
        life_tags=life_tags,
        check_ins=check_ins,
        number=number,
        night=night,
        narrative=narrative,
        emotions=tuple(dict.fromkeys(emotions)),
        intensity=intensity,
        distress=distress,
        interpretation=(
            (interpretation or "").strip() if _users_interpretation(item, version) else None
        ),
        tags={
            kind: given
            for kind in TagKind
            if (given := _tags(item, kind.plural, version)) is not None
        },
        **texts,  # type: ignore[arg-type]  # the text fields (_OPTIONAL_TEXTS) only
        **flags,
    )
    _check_fits_an_entry(dream)
    return dream


def _night(value, today: dt.date) -> dt.date:
    if not isinstance(value, str) or not value.strip():
        raise ValueError("no night given")
    _check_storable("night", value)
    try:
        night = dt.date.fromisoformat(value.strip())
    except ValueError:
        raise ValueError(f"night {shown(value)} is not a date written as YYYY-MM-DD") from None
    if night.year < EARLIEST_YEAR or night > today:
        raise ValueError(f"night {night} is not between {EARLIEST_YEAR} and today")
    return night


def _text(item: dict, name: str) -> str:
    value = item.get(name) or ""
    if not isinstance(value, str):
        raise ValueError(f"{name} must be text")
    _check_storable(name, value)
    return value.strip()


def _check_fits_an_entry(dream: ImportedDream) -> None:
    """The entry's own validation (lengths, intensity from 1 to 5...), so that the file is held
    to the same rules as the form, from one place. Its owner and constraints are the writer's."""
    try:
        _entry(None, dream).full_clean(
            exclude=["user"], validate_unique=False, validate_constraints=False
        )
    except ValidationError as error:
        raise ValueError(
            "; ".join(
                f"{name}: {' '.join(problems)}" for name, problems in error.message_dict.items()
            )
        ) from None


def _check_storable(name: str, text: str) -> None:
    if found := _UNSTORABLE.search(text):
        what = "a NUL character" if found[0] == "\x00" else "half of a surrogate pair"
        raise ValueError(f"{name} contains \\u{ord(found[0]):04x} ({what}), which cannot be saved")


def _interpretation_name(given) -> str | None:
    """The name to find an entry's interpretation by: its file name, else its title."""
    if isinstance(given, dict):
        title, file = given.get("title") or "", given.get("file") or ""
        if not isinstance(title, str) or not isinstance(file, str):
            raise ValueError('interpretation "title" and "file" must be text')
        return file.strip() or title
    if given is not None and not isinstance(given, str):
        raise ValueError(
            'interpretation must be {"title": …, "file": …}, a file name, a title or null'
        )
    return given


def _users_interpretation(item: dict, version: int) -> bool:
    """Whether the file gives an interpretation as the user's choice, to keep as it is."""
    origin = item.get("interpretation_origin", Origin.USER) if version >= 2 else Origin.USER
    if origin not in ("", *Origin.values):
        raise ValueError('interpretation_origin must be "user", "suggested" or ""')
    return "interpretation" in item and origin == Origin.USER


def _tags(item: dict, name: str, version: int) -> tuple[tuple[str, str], ...] | None:
    """The accepted tags as (label, origin). A bare label is the user's; from version 2 a
    tag may also be {"label": …, "origin": …}."""
    if name not in item:
        return None
    value = item[name] or []
    shape = "a list of labels"
    if version >= 2:
        shape += ' or of {"label": …, "origin": "suggested" or "user"}'
    if not isinstance(value, list):
        raise ValueError(f"{name} must be {shape}")
    tags = []
    for tag in value:
        if isinstance(tag, str):
            label, origin = tag, Origin.USER
        elif (
            version >= 2
            and isinstance(tag, dict)
            and isinstance(tag.get("label"), str)
            and tag.get("origin") in Origin.values
        ):
            label, origin = tag["label"], tag["origin"]
        else:
            raise ValueError(f"{name} must be {shape}")
        _check_storable(name, label)
        if label.strip():
            tags.append((label.strip(), origin))
    return tuple(tags)


def _narrative_problem(narrative: str) -> str:
    if not narrative.strip():
        return "no dream text"
    if len(narrative) > NARRATIVE_MAX_LENGTH:
        return f"the text is longer than {NARRATIVE_MAX_LENGTH:,} characters"
    return ""


# --- Writing ---------------------------------------------------------------------------------


class _Library:
    """The published interpretations and tags by the names an export file uses (a draft's,
    named in a file, is not attached: its label would show on the entry)."""

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
    if not dreams:
        return report
    library = _Library() if any(_has_own_tags(dream) for dream in dreams) else None
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
        entry = _entry(user, dream)
        _attach(entry, dream, result, library, report)
        entries.append(entry)
        for kind in TagKind:
            for row in _tag_rows(dream, kind, result, entry, library, report):
                rows.append((entry, row))
    report.imported = len(entries)
    report.interpreted = sum(1 for entry in entries if entry.interpretation_id)
    if dry_run:
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
    return report


def _has_own_tags(dream: ImportedDream) -> bool:
    return dream.interpretation is not None or bool(dream.tags)


def _entry(user, dream: ImportedDream) -> Entry:
    return Entry(
        user=user,
        night=dream.night,
        title=dream.title,
        narrative=dream.narrative,
        waking_body=dream.waking_body,
        waking_life=dream.waking_life,
        emotions=list(dream.emotions),
        intensity=dream.intensity,
        distress=dream.distress,
        lucid=dream.lucid,
        recurring=dream.recurring,
    )


def _attach(
    entry: Entry,
    dream: ImportedDream,
    result: MatchResult,
    library: _Library | None,
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
    library: _Library | None,
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
