"""Reading uploaded files: the plain CSV reader, format detection and compressed files."""

import datetime as dt

import pytest

from journal.import_files import ImportFileError, read_csv
from journal.importing import compression_of, format_of, read_import_data

TODAY = dt.date(2026, 1, 1)


class TestReadCsv:
    def test_date_and_text_columns_by_name_in_any_order(self):
        read = read_csv(b"Title,Dream,Night\nStairs,I climbed for ever,2024-03-12\n", TODAY)
        [dream] = read.dreams
        assert (dream.night, dream.narrative, dream.title) == (
            dt.date(2024, 3, 12),
            "I climbed for ever",
            "Stairs",
        )
        assert dream.number == "line 2"

    @pytest.mark.parametrize("delimiter", [",", ";", "\t"])
    def test_delimiters(self, delimiter):
        data = f"date{delimiter}text\n2024-03-12{delimiter}a dream\n".encode()
        assert [d.narrative for d in read_csv(data, TODAY).dreams] == ["a dream"]

    def test_our_own_csv_export_reads_back(self):
        data = b"night,title,narrative,waking_body\n2024-03-12,,The sea,\n"
        assert read_csv(data, TODAY).dreams[0].narrative == "The sea"

    def test_missing_columns_name_what_was_expected(self):
        with pytest.raises(ImportFileError) as raised:
            read_csv(b"when,what\n2024-03-12,x\n", TODAY)
        message = str(raised.value)
        assert "night or date or dreamt or day" in message
        assert "narrative or dream or text" in message and "'when', 'what'" in message

    def test_rows_that_cannot_be_placed_are_skipped_with_reasons(self):
        data = (
            b"date,dream\n2024-13-40,bad date\n2024-03-12,\n2030-01-01,future\n"
            b"2024-03-12\n\n2024-03-13,kept\n"
        )
        read = read_csv(data, TODAY)
        assert [d.narrative for d in read.dreams] == ["kept"]
        problems = {s.number: s.problem for s in read.skipped}
        assert "not a real night" in problems["line 2"]
        assert problems["line 3"] == "no dream text"
        assert "outside 1900-2026" in problems["line 4"]
        assert problems["line 5"] == "1 of the header's 2 fields"

    def test_formula_cells_stay_text(self):
        data = b"date,dream\n2024-03-12,=1+1\n2024-03-13,\"+cmd|' /C calc'!A0\"\n"
        assert [d.narrative for d in read_csv(data, TODAY).dreams] == [
            "=1+1",
            "+cmd|' /C calc'!A0",
        ]

    def test_too_long_text_is_skipped(self):
        data = b"date,dream\n2024-03-12," + b"x" * 20_001 + b"\n"
        assert "longer than 20,000" in read_csv(data, TODAY).skipped[0].problem

    def test_a_title_too_long_for_an_entry_is_skipped(self):
        data = b"date,dream,title\n2024-03-12,words," + b"t" * 500 + b"\n"
        read = read_csv(data, TODAY)
        assert not read.dreams and "title" in read.skipped[0].problem

    def test_wrong_encoding_and_binary(self):
        with pytest.raises(ImportFileError, match="not UTF-8"):
            read_csv("date,text\n2024-03-12,rêve\n".encode("cp1252"), TODAY)
        with pytest.raises(ImportFileError, match="NUL"):
            read_csv(b"date,text\n\0\0\0", TODAY)

    def test_header_only(self):
        with pytest.raises(ImportFileError, match="no dreams"):
            read_csv(b"date,text\n", TODAY)


class TestFormatsAndCompression:
    @pytest.mark.parametrize(
        ("data", "name", "expected"),
        [
            (b"{}", "a.json", "json"),
            (b"n\tdream\n", "a.tsv", "tsv"),
            (b"date,text\n", "a.CSV", "csv"),
            (b'\xef\xbb\xbf {"format"', "export.txt", "json"),
            (b"n\tdate\tdream\n", "series", "tsv"),
            (b"date;text\n", "journal.txt", "csv"),
        ],
    )
    def test_format_of(self, data, name, expected):
        assert format_of(data, name) == expected

    @pytest.mark.parametrize(
        ("data", "name", "expected"),
        [
            (b"PK\x03\x04rest", "dreams.json", "zip"),
            (b"\x1f\x8b\x08", "dreams.csv", "gzip"),
            (b"BZh91AY", "dreams.tsv", "bzip2"),
            (b"\xfd7zXZ\x00", "x", "xz"),
            (b"plain", "dreams.zip", "zip"),
            (b"date,text\n", "dreams.csv", ""),
        ],
    )
    def test_compression_of(self, data, name, expected):
        assert compression_of(data, name) == expected

    def test_compressed_files_are_refused_unopened(self):
        with pytest.raises(ImportFileError, match="compressed file"):
            read_import_data(b"PK\x03\x04" + b"\0" * 30, "dreams.json", today=TODAY)


class TestSizeOfAFile:
    @pytest.mark.parametrize(
        ("data", "name", "what"),
        [
            (b"date,text\n" + b"2024-01-01,x\n" * 4, "d.csv", "rows"),
            (b"n\tdate\tdream\n" + b"1\t(2024-01-01)\tx\n" * 4, "d.tsv", "rows"),
            (
                b'{"format": "dream-journal", "version": 2, "entries": [{}, {}, {}, {}]}',
                "d.json",
                "entries",
            ),
        ],
    )
    def test_more_dreams_than_one_file_may_hold(self, monkeypatch, data, name, what):
        monkeypatch.setattr("journal.import_files.MAX_DREAMS_PER_FILE", 3)
        expected = f"the file has more than 3 {what}, the most one file may hold"
        with pytest.raises(ImportFileError, match=expected):
            read_import_data(data, name, today=TODAY)
