"""The import_dreams command with what it cannot read or store: a file it cannot read is a
clear error that writes nothing; a dream it cannot place or store is skipped and listed."""

import datetime as dt
import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from journal.import_json import EXPORT_VERSION
from journal.models import Entry
from tests.journal.import_helpers import (
    FLYING,
    STUCK,
    TSV_HEADER,
    export,
    run,
    tsv_row,
    write,
)

DEEP = "[" * 100_000 + "]" * 100_000


@pytest.mark.django_db
class TestDreamBankTsv:
    @pytest.mark.parametrize(
        ("content", "message"),
        [
            ('"number"\t"when"\t"text"\n"1"\t"(1990-01-01)"\t"x"\n', "missing column n and dream"),
            (TSV_HEADER, "no dreams"),
            ("", "empty"),
            (TSV_HEADER + '"1"\t"(1990-01-01)"\n', "2 fields where the header has 3"),
            ((TSV_HEADER + tsv_row("1", "(1990-01-01)", "caf\xe9")).encode("latin-1"), "UTF-8"),
            ("\ufeffn\tdate\tdream\n".encode("utf-16"), "UTF-8"),
        ],
    )
    def test_unreadable_file_is_a_clear_error_and_writes_nothing(
        self, tmp_path, user, catalog, content, message
    ):
        path = write(tmp_path, "bad.tsv", content)
        with pytest.raises(CommandError, match=message) as error:
            run(path, user.username)
        assert "Nothing was imported" in str(error.value)
        assert not Entry.objects.exists()

    def test_a_bad_row_late_in_the_file_writes_nothing(self, tmp_path, user, catalog):
        rows = "".join(tsv_row(str(n), "(1990-03-12)", STUCK) for n in range(50))
        path = write(tmp_path, "bad.tsv", TSV_HEADER + rows + '"51"\t"(1990-01-01)"\n')
        with pytest.raises(CommandError):
            run(path, user.username)
        assert not Entry.objects.exists()

    def test_missing_file(self, tmp_path, user):
        with pytest.raises(CommandError, match="cannot be read"):
            run(tmp_path / "absent.tsv", user.username)


@pytest.mark.django_db
class TestJsonExport:
    def test_bad_entries_are_skipped_and_listed(self, tmp_path, user, catalog):
        future = (dt.date.today() + dt.timedelta(days=3)).isoformat()
        path = write(
            tmp_path,
            "journal.json",
            export(
                {"night": "2024-03-12", "narrative": FLYING},
                {"night": "12/03/2024", "narrative": FLYING},
                {"night": future, "narrative": FLYING},
                {"night": "1850-01-01", "narrative": FLYING},
                {"night": "2024-03-12", "narrative": "   "},
                {"night": "2024-03-12", "narrative": FLYING, "intensity": 9},
                {"night": "2024-03-12", "narrative": FLYING, "emotions": ["bliss"]},
                {"night": "2024-03-12", "narrative": "x" * 20_001},
            ),
        )
        out, err = run(path, user.username)
        assert Entry.objects.filter(user=user).count() == 1
        assert "Skipped 7" in out
        assert "#2: night '12/03/2024' is not a date written as YYYY-MM-DD" in err
        assert f"#3: night {future} is not between 1900 and today" in err
        assert "#4: night 1850-01-01" in err
        assert "#5: no dream text" in err
        assert "#6: intensity: Ensure this value is less than or equal to 5." in err
        assert "#7: emotions must be a list of" in err
        assert "#8: the text is longer than 20,000 characters" in err

    @pytest.mark.parametrize(
        ("content", "message"),
        [
            ("{not json", "not valid JSON"),
            (json.dumps([{"night": "2024-01-01"}]), "not a Dream Journal export"),
            (json.dumps({"format": "other", "entries": []}), "not a Dream Journal export"),
            (export(version=EXPORT_VERSION + 1), f"export version {EXPORT_VERSION + 1} is not one"),
            (export(version=True), "export version True is not one"),
            (DEEP, "not a Dream Journal export: .* nested"),
            (export("deep").replace('"deep"', DEEP), "not a Dream Journal export: .* nested"),
            (export(intensity="n").replace('"n"', "9" * 5_000), "a number thousands of digits"),
            (export("just text"), "entry 1 is not an object"),
            (b'{"format": "dream-journal", "caf\xe9": 1}', "not UTF-8"),
        ],
    )
    def test_unreadable_export_is_a_clear_error(self, tmp_path, user, catalog, content, message):
        path = write(tmp_path, "bad.json", content)
        with pytest.raises(CommandError, match=message):
            run(path, user.username)
        assert not Entry.objects.exists()

    def test_format_is_read_from_the_content_without_an_extension(self, tmp_path, user, catalog):
        path = write(tmp_path, "backup", export({"night": "2024-03-12", "narrative": FLYING}))
        run(path, user.username)
        assert Entry.objects.filter(user=user).count() == 1

    def test_version_2_bad_origins_are_skipped_and_listed(self, tmp_path, user, catalog):
        path = write(
            tmp_path,
            "journal.json",
            export(
                {"night": "2024-03-12", "narrative": FLYING, "interpretation_origin": "robot"},
                {"night": "2024-03-12", "narrative": FLYING, "scenarios": [{"label": "x"}]},
                {"night": "2024-03-12", "narrative": FLYING, "markers": [{"origin": "user"}]},
                {"night": "2024-03-12", "narrative": FLYING, "markers": "x"},
                {"night": "2024-03-13", "narrative": FLYING},
            ),
        )
        out, err = run(path, user.username)
        assert Entry.objects.get(user=user).night == dt.date(2024, 3, 13)
        assert "Skipped 4" in out
        assert '#1: interpretation_origin must be "user", "suggested" or ""' in err
        tags = 'must be a list of labels or of {"label": …, "origin": "suggested" or "user"}'
        assert f"#2: scenarios {tags}" in err
        assert f"#3: markers {tags}" in err
        assert f"#4: markers {tags}" in err

    def test_items_of_the_wrong_shape_are_skipped_not_fatal(self, tmp_path, user, catalog):
        path = write(
            tmp_path,
            "journal.json",
            export(
                {"night": "2024-03-12", "narrative": FLYING, "emotions": [["fear"]]},
                {"night": "2024-03-13", "narrative": FLYING, "emotions": [{}]},
                {"night": "2024-03-14", "narrative": FLYING, "emotions": ["fear", None]},
                {"night": "2024-03-15", "narrative": STUCK, "emotions": ["fear"]},
            ),
        )
        out, err = run(path, user.username)
        assert [entry.night.day for entry in Entry.objects.filter(user=user)] == [15]
        assert "Skipped 3" in out
        for number in (1, 2, 3):
            assert f"skipped #{number}: emotions must be a list of fear, anxiety" in err

    @pytest.mark.parametrize(
        ("bad", "named"),
        [
            ("\x00", "\\u0000 (a NUL character)"),
            ("\ud800", "\\ud800 (half of a surrogate pair)"),
            ("\udfff", "\\udfff (half of a surrogate pair)"),
        ],
    )
    @pytest.mark.parametrize(
        ("name", "value"),
        [
            ("night", "2024-03-12{}"),
            ("narrative", "I ran and ran{} and got nowhere."),
            ("title", "The {} hallway"),
            ("waking_body", "calves{}"),
            ("waking_life", "{}"),
            ("interpretation", "running-in-place.txt{}"),
            ("scenarios", ["legs {} heavy"]),
            ("markers", ["{}"]),
        ],
    )
    def test_text_no_database_can_store_is_refused_per_item(
        self, tmp_path, user, catalog, bad, named, name, value
    ):
        """NUL is refused as the entry form refuses it (PostgreSQL cannot store it); a lone
        surrogate, which only a JSON escape can give, is not text at all."""
        spiked = [value[0].format(bad)] if isinstance(value, list) else value.format(bad)
        path = write(
            tmp_path,
            "journal.json",
            export(
                {"night": "2024-03-12", "narrative": STUCK, name: spiked},
                # json.dumps writes the moon as a surrogate pair: one character, and fine.
                {"night": "2024-03-13", "narrative": "A \U0001f319 over the sea."},
            ),
        )
        assert "\\ud83c\\udf19" in path.read_text()
        out, err = run(path, user.username)
        assert Entry.objects.get(user=user).narrative == "A \U0001f319 over the sea."
        assert "Imported 1 dreams" in out and "Skipped 1" in out
        assert f"skipped #1: {name} contains {named}" in err
        err.encode("utf-8")  # the message itself can be printed


@pytest.mark.django_db
@pytest.mark.parametrize(
    "entry",
    [
        {"night": "2024-01-01", "narrative": "x", "intensity": [[[[[[[[[[]]]]]]]]]] * 3000},
        {"night": "9" * 5000, "narrative": "x"},
        {"night": "2024-01-01", "narrative": "x", "interpretation": "\x1b[2J" * 100_000},
    ],
)
def test_messages_never_repeat_a_hostile_value_whole(tmp_path, user, entry):
    path = tmp_path / "hostile.json"
    path.write_text(json.dumps({"format": "dream-journal", "version": 2, "entries": [entry]}))
    out, err = StringIO(), StringIO()
    call_command("import_dreams", str(path), user=user.username, stdout=out, stderr=err)
    assert len(out.getvalue()) + len(err.getvalue()) < 2_000
