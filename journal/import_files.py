"""Reading an import file's dreams: what a read file holds (ImportedDream, Skipped, ReadFile),
the checks every format holds a dream to, and the DreamBank TSV and plain CSV readers. Our JSON
export is read in journal/import_json.py; journal/importing.py picks the reader for a file.

A file that cannot be read as a whole raises `ImportFileError`; a single dream that cannot be
placed (a date that names no one night, no text, text no database can store) is skipped and
listed, never guessed.
"""

import csv
import datetime as dt
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import islice
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError

from journal.dreambank import (
    DreamBankError,
    decode_tsv,
    parse_dream_date,
    read_dreambank_tsv,
    shown,
)
from journal.models import NARRATIVE_MAX_LENGTH, Entry

# Dreams one file may hold (a dream every night for 68 years): a file of tiny rows is
# refused after its rows are split, before any of them is checked.
MAX_DREAMS_PER_FILE = 25_000
# Header names of a CSV file's columns, in order of preference.
CSV_DATE_COLUMNS = ("night", "date", "dreamt", "day")
CSV_TEXT_COLUMNS = ("narrative", "dream", "text", "description", "content")
# Characters no database column holds: NUL (PostgreSQL refuses it; the entry form refuses it
# with Django's ProhibitNullCharactersValidator) and half a UTF-16 surrogate pair, which only
# a JSON escape such as "\ud800" gives and no UTF-8 encoder writes.
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")

if TYPE_CHECKING:
    from plans.transfer import ImportedPlan


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
    # Rehearsal plans, which only our JSON export carries (plans.transfer).
    plans: list["ImportedPlan"] = field(default_factory=list)


def read_tsv(data: bytes, today: dt.date) -> ReadFile:
    try:
        records = read_dreambank_tsv(decode_tsv(data), today, max_rows=MAX_DREAMS_PER_FILE)
    except DreamBankError as error:
        raise ImportFileError(str(error)) from error
    dreams, skipped = [], []
    for record in records:
        problem = record.problem or narrative_problem(record.text)
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
    check_count(len(rows), "rows")
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
        problem = reading.problem or narrative_problem(narrative)
        if problem or reading.night is None:
            skipped.append(Skipped(number, problem))
            continue
        dream = ImportedDream(number, reading.night, narrative, title=title)
        try:
            check_fits_an_entry(dream)
        except ValueError as error:
            skipped.append(Skipped(number, str(error)))
        else:
            dreams.append(dream)
    if not dreams and not skipped:
        raise ImportFileError("the file has a header but no dreams")
    return ReadFile(dreams, skipped)


def check_count(count: int, what: str) -> None:
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


def check_fits_an_entry(dream: ImportedDream) -> None:
    """The entry's own validation (lengths, intensity from 1 to 5...), so that the file is held
    to the same rules as the form, from one place. Its owner and constraints are the writer's."""
    try:
        unsaved_entry(None, dream).full_clean(
            exclude=["user"], validate_unique=False, validate_constraints=False
        )
    except ValidationError as error:
        raise ValueError(
            "; ".join(
                f"{name}: {' '.join(problems)}" for name, problems in error.message_dict.items()
            )
        ) from None


def interpretation_names(given) -> tuple[str, str] | None:
    """The file name and the title an imported item names its interpretation by (one string
    may be either, so it is both; "" for none given), or None when the item names none."""
    if given is None:
        return None
    if isinstance(given, str):
        return given, given
    if isinstance(given, dict):
        title, file = given.get("title") or "", given.get("file") or ""
        if not isinstance(title, str) or not isinstance(file, str):
            raise ValueError('interpretation "title" and "file" must be text')
        return file.strip(), title
    raise ValueError('interpretation must be {"title": …, "file": …}, a file name, a title or null')


def text_field(item: dict, name: str) -> str:
    """A text field of an imported item, as given ("" when absent or null); ValueError when it
    is no text or holds what no database can store."""
    value = item.get(name) or ""
    if not isinstance(value, str):
        raise ValueError(f"{name} must be text, not {shown(value)}")
    check_storable(name, value)
    return value


def check_storable(name: str, text: str) -> None:
    if found := _UNSTORABLE.search(text):
        what = "a NUL character" if found[0] == "\x00" else "half of a surrogate pair"
        raise ValueError(f"{name} contains \\u{ord(found[0]):04x} ({what}), which cannot be saved")


def narrative_problem(narrative: str) -> str:
    if not narrative.strip():
        return "no dream text"
    if len(narrative) > NARRATIVE_MAX_LENGTH:
        return f"the text is longer than {NARRATIVE_MAX_LENGTH:,} characters"
    return ""


def unsaved_entry(user, dream: ImportedDream) -> Entry:
    """The entry a dream becomes; with no user while the dream is only being checked."""
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
