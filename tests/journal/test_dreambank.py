import datetime as dt
import os
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from journal.dreambank import (
    DateReading,
    DreamBankError,
    DreamRecord,
    date_in_text,
    decode_tsv,
    parse_dream_date,
    read_dreambank_tsv,
)

TODAY = dt.date(2025, 6, 15)
SHARED = Path(__file__).resolve().parents[2].parent / "shared"
BARB_SANDERS = SHARED / "data" / "dreambank" / "b.tsv"


# Dates


@pytest.mark.parametrize(
    ("raw", "night"),
    [
        ("(1960-05-03)", dt.date(1960, 5, 3)),
        (" (1960-05-03) ", dt.date(1960, 5, 3)),
        ("1960-05-03", dt.date(1960, 5, 3)),
        ("(05/13/1999)", dt.date(1999, 5, 13)),  # US order: month first
        ("(7/4/91)", dt.date(1991, 7, 4)),
        ("(07/10/49)", dt.date(1949, 7, 10)),
        ("(03/03/12)", dt.date(1912, 3, 3)),  # two-digit years are always 19yy
        ("(5/1/16)", dt.date(1916, 5, 1)),
        ("(01.30/49)", dt.date(1949, 1, 30)),  # a dot typed for a slash
        ("(2025-06-15)", TODAY),
    ],
)
def test_dates_that_name_one_night(raw, night):
    assert parse_dream_date(raw, TODAY) == DateReading(night)


@pytest.mark.parametrize(
    ("raw", "problem"),
    [
        ("(9/50)", "only the month and year are given ('(9/50)')"),
        ("(12/1950)", "only the month and year are given ('(12/1950)')"),
        ("(1988-08-??)", "only the month and year are given ('(1988-08-??)')"),
        ("(10/--/23)", "only the month and year are given ('(10/--/23)')"),
        ("(1963-??-??)", "only the year is given ('(1963-??-??)')"),
        ("(1961)", "only the year is given ('(1961)')"),
        ("(--/--/16)", "only the year is given ('(--/--/16)')"),
        ("(1950s)", "only the decade is given ('(1950s)')"),
        ("(--/05/--)", "no year given ('(--/05/--)')"),
        ("????-??-??", "no date given ('????-??-??')"),
        ("n/a", "no date given ('n/a')"),
        ("(--/--/--)", "no date given ('(--/--/--)')"),
        ("", "no date given"),
        ("   ", "no date given"),
        (
            "(3004-01-02)",
            "date '(3004-01-02)' is not a real night: the year 3004 is outside 1900-2025",
        ),
        (
            "(11/12/1197)",
            "date '(11/12/1197)' is not a real night: the year 1197 is outside 1900-2025",
        ),
        ("(13/01/1999)", "date '(13/01/1999)' is not a real night: month must be in 1..12"),
        ("(13/99)", "date '(13/99)' is not a real night: month must be in 1..12"),
        ("(1999-02-30)", "date '(1999-02-30)' is not a real night: day is out of range for month"),
        ("(2025-06-16)", "date '(2025-06-16)' is not a real night: it is after today"),
        ("(last spring)", "no date given ('(last spring)')"),
        ("(1/2/3/4)", "date '(1/2/3/4)' is not in a form we can read"),
        ("(19600503)", "date '(19600503)' is not in a form we can read"),
    ],
)
def test_dates_that_do_not_name_one_night_are_reported_not_guessed(raw, problem):
    assert parse_dream_date(raw, TODAY) == DateReading(None, problem)


def test_the_future_is_judged_against_the_real_today_by_default():
    next_year = dt.date.today().year + 1

    assert parse_dream_date(f"({next_year}-01-01)").night is None
    assert parse_dream_date("(1960-05-03)").night == dt.date(1960, 5, 3)


@given(st.text())
def test_any_text_gives_a_night_or_a_problem_never_both(raw):
    reading = parse_dream_date(raw, TODAY)

    assert (reading.night is None) == bool(reading.problem)


# Dates opening a text


@pytest.mark.parametrize(
    ("text", "reading", "rest"),
    [
        (
            "(2003-03-15 (12)) I was painting a lighthouse.",
            DateReading(dt.date(2003, 3, 15)),
            "I was painting a lighthouse.",
        ),
        (
            "(2003-10-17[?] (12)) [Away] The ferry left without me.",
            DateReading(dt.date(2003, 10, 17)),
            "[Away] The ferry left without me.",
        ),
        (
            "(2005-09-26 [?] (14)) The ferry left without me.",
            DateReading(dt.date(2005, 9, 26)),
            "The ferry left without me.",
        ),
        (
            "(1997-??-?? (6)) A kite pulled me over the roofs.",
            DateReading(None, "only the year is given ('1997-??-??')"),
            "A kite pulled me over the roofs.",
        ),
        (
            "(????-??-?? (?)) A kite pulled me over the roofs.",
            DateReading(None, "no date given ('????-??-??')"),
            "A kite pulled me over the roofs.",
        ),
        (
            "(7/24/92) We are counting shells on a stair.",
            DateReading(dt.date(1992, 7, 24)),
            "We are counting shells on a stair.",
        ),
        (
            "(1950s) We are counting shells on a stair.",
            DateReading(None, "only the decade is given ('1950s')"),
            "We are counting shells on a stair.",
        ),
    ],
)
def test_date_opening_a_text(text, reading, rest):
    assert date_in_text(text, TODAY) == (reading, rest)


@pytest.mark.parametrize(
    "text",
    [
        "(Fragment) A bell rang under the water.",
        "(2nd dream, near dawn) A bell rang under the water.",
        "(3) A bell rang under the water.",
        "A bell rang under the water (5/6/77).",
        "",
    ],
)
def test_text_without_an_opening_date_comes_back_unchanged(text):
    assert date_in_text(text, TODAY) == (
        DateReading(None, "no date at the start of the text"),
        text,
    )


@given(st.text())
def test_date_in_text_only_ever_removes_an_opening(text):
    reading, rest = date_in_text(text, TODAY)

    assert text.endswith(rest)
    assert (reading.night is None) == bool(reading.problem)


# TSV files


def tsv(*lines: str) -> str:
    return "\n".join(lines) + "\n"


def test_reads_quoted_fields_numbers_and_dates():
    text = tsv(
        '"n"\t"date"\t"dream"',
        '"0001"\t"(1971-02-03)"\t"The piano was full of sand; ""play it anyway"", she said."',
        '"0002"\t"(1971-??-??)"\t"A tab\there, inside the quotes."',
        "",
        '"0003"\t"n/a"\t""',
    )

    assert read_dreambank_tsv(text, TODAY) == [
        DreamRecord(
            "0001",
            dt.date(1971, 2, 3),
            'The piano was full of sand; "play it anyway", she said.',
        ),
        DreamRecord(
            "0002",
            None,
            "A tab\there, inside the quotes.",
            "only the year is given ('(1971-??-??)')",
        ),
        DreamRecord("0003", None, "", "no date given ('n/a'); no dream text"),
    ]


def test_a_dated_row_without_a_dream_has_no_night():
    """A row skipped for want of a dream is skipped whole (found by the property test)."""
    records = read_dreambank_tsv(tsv("n\tdate\tdream", "7\t(1/1/10)\t"), TODAY)
    assert records == [DreamRecord("7", None, "", "no dream text")]


def test_without_a_date_column_the_date_is_read_from_the_text():
    text = tsv(
        '"n"\t"dream"',
        '"0001"\t"(2008-04-09 (17)) A train of paper cups crossed the yard."',
        '"0002"\t"Nothing dated here."',
    )

    assert read_dreambank_tsv(text, TODAY) == [
        DreamRecord("0001", dt.date(2008, 4, 9), "A train of paper cups crossed the yard."),
        DreamRecord("0002", None, "Nothing dated here.", "no date at the start of the text"),
    ]


def test_a_number_and_date_repeated_at_the_start_of_the_text_are_dropped():
    text = tsv(
        "n\tdate\tdream",
        "1951-004\t(2/1/51)\t#1951-004 (2/1/51) I swim through a hall of coats.",
        "1951-005\t(2/51)\t#1951-005 (2/51) I swim through a hall of coats.",
        "1951-006\t(2/4/51)\t#1951-006 (Fragment) I swim through a hall of coats.",
        "1951-007\t(2/5/51)\t(3/9/51) I swim through a hall of coats.",
    )

    assert [(r.night, r.text) for r in read_dreambank_tsv(text, TODAY)] == [
        (dt.date(1951, 2, 1), "I swim through a hall of coats."),
        (None, "I swim through a hall of coats."),
        (dt.date(1951, 2, 4), "(Fragment) I swim through a hall of coats."),
        (dt.date(1951, 2, 5), "(3/9/51) I swim through a hall of coats."),  # not a copy: kept
    ]


def test_header_names_are_read_loosely():
    text = tsv(" N \tDate\tDREAM", "7\t(1980-01-01)\tA goose read the news aloud.")

    assert read_dreambank_tsv(text, TODAY)[0].night == dt.date(1980, 1, 1)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "the file is empty"),
        ("\n \n", "the file is empty"),
        (tsv("n\tdate\tdream"), "the file has a header but no dreams"),
        (tsv("n\tdate\tdream", "", "\t\t"), "the file has a header but no dreams"),
        (
            tsv("id\tdate\ttext", "1\t(1980-01-01)\tA goose."),
            "missing column n and dream: a DreamBank file has the columns n, date (optional) "
            "and dream; this one has id, date, text",
        ),
        (tsv("n\tdate\tdream", "1\t(1980-01-01)\tA goose.", "2\tA goose."), "line 3: 2 fields"),
        (tsv("n\tdream", "1\t" + "x" * 200_000), "line 2: field larger than field limit"),
    ],
)
def test_files_that_are_not_a_series_are_refused_with_a_clear_message(text, message):
    with pytest.raises(DreamBankError, match="^" + re.escape(message)):
        read_dreambank_tsv(text, TODAY)


@pytest.mark.parametrize(
    "cut",
    [
        '"0002"\t"(1971-02-04)"\t"The piano was full of',
        '"0002"\t"(1971-02-04)"\t"The piano was full of sand."',
        "0002\t(1971-02-04)\tThe piano was full of",
        '"0002"\t"(1971-02',
        '"0002"',
    ],
)
def test_a_last_row_cut_short_is_reported_not_read(cut):
    """A file that stops mid-row (a copy or download cut short) has no line break after it;
    its last dream may be cut, so it is reported, and the full file adds it later once."""
    text = tsv('"n"\t"date"\t"dream"', '"0001"\t"(1971-02-03)"\t"A goose read the news."') + cut

    first, last = read_dreambank_tsv(text, TODAY)

    assert first == DreamRecord("0001", dt.date(1971, 2, 3), "A goose read the news.")
    assert (last.number, last.night) == ("0002", None)
    assert last.problem == "the file stops in the middle of line 3, so this dream may be cut short"


def test_a_cut_short_only_row_is_reported():
    (record,) = read_dreambank_tsv("n\tdate\tdream\n7\t(1971-02-04)\tThe piano", TODAY)
    assert record.problem.startswith("the file stops in the middle of line 2")


# Bytes


def test_decode_accepts_utf8_with_or_without_a_byte_order_mark():
    assert decode_tsv("n\tdream\n1\tA café.\n".encode()) == "n\tdream\n1\tA café.\n"
    assert decode_tsv(b"\xef\xbb\xbfn\tdream\n") == "n\tdream\n"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ("n\tdream\n1\tA café.".encode("latin-1"), "byte 0xe9 at position 15"),
        ("n\tdream\n".encode("utf-16"), "byte 0xff at position 0"),
        ("n\tdream\n".encode("utf-16-le"), "NUL bytes"),
    ],
)
def test_decode_names_the_encoding_problem(data, message):
    with pytest.raises(DreamBankError, match=message):
        decode_tsv(data)


# The real series, from ../shared when it is there


def test_barb_sanders_series_gives_nearly_every_report_a_night():
    if not BARB_SANDERS.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{BARB_SANDERS} is missing; CI must provide the shared data folder")
        pytest.skip(f"{BARB_SANDERS} not found: the shared data folder sits beside the repository")

    records = read_dreambank_tsv(decode_tsv(BARB_SANDERS.read_bytes()))

    assert len(records) == 3114
    dated = [record for record in records if record.night is not None]
    assert len(dated) / len(records) > 0.98
    assert min(r.night for r in dated).year == 1960
    assert all(record.problem.startswith("only the ") for record in records if not record.night)


def test_a_quote_left_open_is_a_whole_file_error_naming_its_line():
    text = 'n\tdate\tdream\n1\t(1960-05-03)\t"unterminated\n2\t(1960-05-04)\tx\n'
    with pytest.raises(DreamBankError, match="line 2: a quote opened in this row is never closed"):
        read_dreambank_tsv(text, today=dt.date(2026, 1, 1))
