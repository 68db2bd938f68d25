"""Reading DreamBank-style dream series: tab-separated files with `n`, `date` and `dream`.

A report whose date does not name one night is reported, never guessed: `night` is None
and `problem` says what was there, including partial dates (a year, a month and year, a
decade), for which we do not invent a day.

Dates are read as the files write them: ISO `(1960-05-03)`, or US month/day/year
`(05/13/1999)`, `(07/10/49)`. Two-digit years are always 19yy: every DreamBank series that
writes them (dorothea 1912-1965, emma 1949-1997) ends before 2000, and any pivot toward
20yy (Python's `%y` reads 12 as 2012) would move Dorothea's 1912 nights a century on.
"""

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass
from itertools import islice

# DreamBank's series begin in 1912; an earlier year is a typo (kenneth.tsv has 1197).
EARLIEST_YEAR = 1900

_UNKNOWN = r"[?-]+"
_ISO = re.compile(
    rf"(?P<year>\d{{4}}|{_UNKNOWN})-(?P<month>\d{{1,2}}|{_UNKNOWN})-(?P<day>\d{{1,2}}|{_UNKNOWN})"
)
# One source types a dot for a slash: "(01.30/49)".
_US = re.compile(
    rf"(?P<month>\d{{1,2}}|{_UNKNOWN})[/.](?P<day>\d{{1,2}}|{_UNKNOWN})[/.](?P<year>\d{{4}}|\d{{2}}|{_UNKNOWN})"
)
_MONTH_YEAR = re.compile(r"(?P<month>\d{1,2})/(?P<year>\d{4}|\d{2})")
_YEAR = re.compile(r"(?P<year>\d{4})")
_DECADE = re.compile(r"\d{3}0s")

# A date opening a text: "(1997-??-?? (6)) I was…" (izzy-all, with the dreamer's age) or
# "(7/24/92) We are…" (emma). "[?]" after a full date is the transcriber's doubt about a
# date the dreamer did write, so the date is kept as written.
_DATE_PREFIX = re.compile(
    r"\s*\(\s*(?P<date>[\d?-]{1,4}[-/.][\d?/.-]*|\d{3}0s|\d{4})\s*(?:\[\?\])?\s*(?:\([\d?]+\))?\s*\)\s*"
)


def shown(value, longest: int = 40) -> str:
    """A value from the file as a message quotes it: a hostile file's megabyte of brackets or
    control characters must not reach the operator's terminal whole."""
    text = repr(value)
    return text if len(text) <= longest else text[:longest] + "…"


class DreamBankError(ValueError):
    """The file cannot be read as a dream series; the message says why."""


@dataclass(frozen=True)
class DateReading:
    night: dt.date | None
    problem: str = ""


@dataclass(frozen=True)
class DreamRecord:
    number: str
    night: dt.date | None
    text: str
    problem: str = ""


def parse_dream_date(raw: str, today: dt.date | None = None) -> DateReading:
    """The night a DreamBank date names, or None and the reason it names no single night."""
    today = today or dt.date.today()
    inner = raw.strip().removeprefix("(").removesuffix(")").strip()
    if not re.search(r"\d", inner):
        return DateReading(
            None, f"no date given ({shown(raw)})" if raw.strip() else "no date given"
        )
    if _DECADE.fullmatch(inner):
        return DateReading(None, f"only the decade is given ({shown(raw)})")
    for shape in (_ISO, _US, _MONTH_YEAR, _YEAR):
        if match := shape.fullmatch(inner):
            parts = match.groupdict()
            return _reading(raw, parts["year"], parts.get("month"), parts.get("day"), today)
    return DateReading(None, f"date {shown(raw)} is not in a form we can read")


def date_in_text(text: str, today: dt.date | None = None) -> tuple[DateReading, str]:
    """The date that opens a text, and the text without it.

    A text that does not open with a date comes back unchanged, with a problem saying so."""
    raw, rest = _split_date_prefix(text)
    if raw is None:
        return DateReading(None, "no date at the start of the text"), text
    return parse_dream_date(raw, today), rest


def read_dreambank_tsv(
    text: str, today: dt.date | None = None, max_rows: int | None = None
) -> list[DreamRecord]:
    """Every dream of a DreamBank TSV file, in file order, each with its night or problem.

    Columns `n` and `dream` are required; without a `date` column (izzy-all) the date is
    read from the start of the text. A last row the file stops in the middle of is reported,
    not read. Raises DreamBankError for a file that is not a series.
    """
    if not text.strip():
        raise DreamBankError("the file is empty")
    today = today or dt.date.today()
    reader = csv.reader(io.StringIO(text, newline=""), delimiter="\t")
    try:
        columns = [name.strip().lower() for name in next(reader)]
        _check_columns(columns)
        # Reading stops one row past max_rows: a file of a million tiny rows is not all split.
        numbered = ((reader.line_num, row) for row in reader)
        rows = list(islice(numbered, None if max_rows is None else max_rows + 1))
    except csv.Error as error:
        raise DreamBankError(f"line {reader.line_num}: {error}") from error
    if max_rows is not None and len(rows) > max_rows:
        raise DreamBankError(
            f"the file has more than {max_rows:,} rows, the most one file may hold"
        )
    # Every row of a whole file ends with a line break; a copy or download that stopped
    # early ends inside its last row, whose dream may then be cut short.
    cut_short = not text.endswith(("\n", "\r"))
    records = []
    for index, (line, row) in enumerate(rows, start=1):
        if not any(field.strip() for field in row):
            continue
        if any("\n" in field and "\t" in field for field in row):
            # A quote left open swallows the rows after it into one field, tabs and all.
            opened = rows[index - 2][0] + 1 if index > 1 else 2  # the line after the last row's
            raise DreamBankError(
                f"line {opened}: a quote opened in this row is never closed, so the rows "
                "after it run together"
            )
        if cut_short and index == len(rows):
            records.append(_cut_record(dict(zip(columns, row, strict=False)), line))
        elif len(row) != len(columns):
            raise DreamBankError(
                f"line {line}: {len(row)} fields where the header has {len(columns)}"
            )
        else:
            records.append(_record(dict(zip(columns, row, strict=True)), today))
    if not records:
        raise DreamBankError("the file has a header but no dreams")
    return records


def decode_tsv(data: bytes) -> str:
    """The text of a TSV file given as UTF-8 bytes (a byte-order mark is allowed)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise DreamBankError(
            f"the file is not UTF-8 text: byte 0x{data[error.start]:02x} at position "
            f"{error.start} cannot be read; save the file as UTF-8 and try again"
        ) from error
    if "\x00" in text:
        raise DreamBankError("the file contains NUL bytes: it is binary or UTF-16, not UTF-8")
    return text


def _reading(
    raw: str, year: str, month: str | None, day: str | None, today: dt.date
) -> DateReading:
    if not year.isdigit():
        return DateReading(None, f"no year given ({shown(raw)})")
    full_year = int(year) if len(year) == 4 else 1900 + int(year)
    if not EARLIEST_YEAR <= full_year <= today.year:
        reason = f"the year {full_year} is outside {EARLIEST_YEAR}-{today.year}"
        return DateReading(None, f"date {shown(raw)} is not a real night: {reason}")
    if month is None or not month.isdigit():
        return DateReading(None, f"only the year is given ({shown(raw)})")
    try:
        day_number = int(day) if day is not None and day.isdigit() else None
        night = dt.date(full_year, int(month), 1 if day_number is None else day_number)
    except ValueError as error:
        return DateReading(None, f"date {shown(raw)} is not a real night: {error}")
    if day_number is None:
        return DateReading(None, f"only the month and year are given ({shown(raw)})")
    if night > today:
        return DateReading(None, f"date {shown(raw)} is not a real night: it is after today")
    return DateReading(night)


def _split_date_prefix(text: str) -> tuple[str | None, str]:
    match = _DATE_PREFIX.match(text)
    if match is None:
        return None, text
    return match["date"], text[match.end() :]


def _check_columns(columns: list[str]) -> None:
    missing = [name for name in ("n", "dream") if name not in columns]
    if missing:
        raise DreamBankError(
            f"missing column {' and '.join(missing)}: a DreamBank file has the columns "
            f"n, date (optional) and dream; this one has {', '.join(columns) or 'none'}"
        )


def _record(fields: dict[str, str], today: dt.date | None) -> DreamRecord:
    number = fields["n"].strip()
    # emma opens each text with its own number ("#1950-017 (11/3/50) We go…").
    text = fields["dream"].strip()
    if number:
        text = text.removeprefix(f"#{number} ")
    if "date" not in fields:
        reading, text = date_in_text(text, today)
    else:
        reading = parse_dream_date(fields["date"], today)
        raw_in_text, rest = _split_date_prefix(text)
        column_raw = fields["date"].strip().removeprefix("(").removesuffix(")").strip()
        if raw_in_text == column_raw:  # the text repeats the date column: drop the copy
            text = rest
    problems = [reading.problem] if reading.problem else []
    if not text:
        problems.append("no dream text")
    # a record with a problem is skipped whole: it has no night, even one its date gave
    return DreamRecord(number, None if problems else reading.night, text, "; ".join(problems))


def _cut_record(fields: dict[str, str], line: int) -> DreamRecord:
    """The row the file stops in: whatever columns it reached, and why it is not read."""
    return DreamRecord(
        fields.get("n", "").strip(),
        None,
        fields.get("dream", "").strip(),
        f"the file stops in the middle of line {line}, so this dream may be cut short",
    )
