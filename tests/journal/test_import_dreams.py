"""The import_dreams command: DreamBank TSV and our JSON export into a user's journal."""

import datetime as dt
import json
import time
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError

from interpretations.models import Interpretation, Tag, TagKind
from journal.importing import EXPORT_FORMAT, EXPORT_VERSION
from journal.models import Entry, EntryTag, Origin
from journal.tagging import suggest
from tests.factories import InterpretationFactory, TagFactory, UserFactory

# Invented dreams (never DreamBank's words): one the library fits, one it does not.
STUCK = (
    "I was running down a school hallway and it kept getting longer however fast I ran; "
    "my legs felt heavy like wet concrete and the exit never came closer."
)
FLYING = "I floated above a harbour at dusk and counted the boats, calm and warm."
TSV_HEADER = '"n"\t"date"\t"dream"\n'
DEEP = "[" * 100_000 + "]" * 100_000


def tsv_row(number: str, date: str, text: str) -> str:
    return f'"{number}"\t"{date}"\t"{text}"\n'


def run(path, username, *args) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("import_dreams", str(path), "--user", username, *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def write(tmp_path, name: str, content: str | bytes):
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


@pytest.mark.django_db
class TestDreamBankTsv:
    def test_imports_dated_dreams_matched_and_lists_the_undated(self, tmp_path, user, catalog):
        path = write(
            tmp_path,
            "series.tsv",
            TSV_HEADER
            + tsv_row("0001", "(1990-03-12)", STUCK)
            + tsv_row("0002", "(04/02/1990)", FLYING)
            + tsv_row("0003", "(1991-??-??)", FLYING)
            + tsv_row("0004", "n/a", STUCK)
            + tsv_row("0005", "(02/30/1990)", STUCK),
        )
        out, err = run(path, user.username)

        entries = Entry.objects.filter(user=user).order_by("night")
        assert [e.night for e in entries] == [dt.date(1990, 3, 12), dt.date(1990, 4, 2)]
        stuck, flying = entries
        assert stuck.interpretation is not None
        assert stuck.interpretation_origin == Origin.SUGGESTED
        assert stuck.interpretation_score >= 0.7 and stuck.interpretation_matched
        accepted = EntryTag.objects.filter(entry=stuck, accepted=True, tag__kind=TagKind.SCENARIO)
        assert accepted.exists()
        assert all(tag.origin == Origin.SUGGESTED and tag.matched for tag in accepted)
        assert flying.interpretation is None
        assert not EntryTag.objects.filter(entry=flying, tag__kind=TagKind.SCENARIO).exists()

        assert "Imported 2 dreams" in out and "Skipped 3" in out
        assert "#0003: only the year is given ('(1991-??-??)')" in err
        assert "#0004: no date given" in err
        assert "#0005: date '(02/30/1990)' is not a real night" in err

    def test_date_inside_the_text_without_a_date_column(self, tmp_path, user, catalog):
        path = write(tmp_path, "series.tsv", '"n"\t"dream"\n' + f'"7"\t"(1999-06-01) {FLYING}"\n')
        run(path, user.username)
        entry = Entry.objects.get(user=user)
        assert entry.night == dt.date(1999, 6, 1)
        assert entry.narrative == FLYING

    def test_importing_again_adds_nothing_twice(self, tmp_path, user, catalog):
        path = write(tmp_path, "series.tsv", TSV_HEADER + tsv_row("1", "(1990-03-12)", STUCK))
        run(path, user.username)
        out, _ = run(path, user.username)
        assert Entry.objects.filter(user=user).count() == 1
        assert "1 were already in the journal" in out

    def test_dry_run_writes_nothing(self, tmp_path, user, catalog):
        path = write(tmp_path, "series.tsv", TSV_HEADER + tsv_row("1", "(1990-03-12)", STUCK))
        out, _ = run(path, user.username, "--dry-run")
        assert "Would import 1 dreams" in out
        assert not Entry.objects.exists()

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

    def test_a_file_cut_short_skips_the_cut_dream_and_the_full_file_adds_it_once(
        self, tmp_path, user, catalog
    ):
        full = (
            TSV_HEADER + tsv_row("1", "(1990-03-12)", FLYING) + tsv_row("2", "(1990-03-13)", STUCK)
        )
        out, err = run(
            write(tmp_path, "cut.tsv", full[: full.index("wet concrete")]), user.username
        )
        assert "Imported 1 dreams" in out and "Skipped 1" in out
        assert "skipped #2: the file stops in the middle of line 3" in err

        out, _ = run(write(tmp_path, "full.tsv", full), user.username)
        assert "Imported 1 dreams" in out and "1 were already in the journal" in out
        assert Entry.objects.get(user=user, night=dt.date(1990, 3, 13)).narrative == STUCK

    def test_a_failure_while_writing_leaves_nothing_half_written(
        self, tmp_path, user, catalog, monkeypatch
    ):
        rows = "".join(tsv_row(str(n), "(1990-03-12)", f"{STUCK} {n}") for n in range(20))
        path = write(tmp_path, "series.tsv", TSV_HEADER + rows)

        write_tags = EntryTag.objects.bulk_create

        def write_then_fail(*args, **kwargs):
            write_tags(*args, **kwargs)
            raise DatabaseError("disk full")

        # The entries and their tags are written by then; the failure comes last.
        monkeypatch.setattr(EntryTag.objects, "bulk_create", write_then_fail)
        with pytest.raises(DatabaseError):
            run(path, user.username)
        assert not Entry.objects.exists()
        assert not EntryTag.objects.exists()

    def test_unknown_user(self, tmp_path, catalog):
        path = write(tmp_path, "series.tsv", TSV_HEADER + tsv_row("1", "(1990-03-12)", STUCK))
        with pytest.raises(CommandError, match="No user named 'nobody'"):
            run(path, "nobody")
        assert not Entry.objects.exists()

    def test_missing_file(self, tmp_path, user):
        with pytest.raises(CommandError, match="cannot be read"):
            run(tmp_path / "absent.tsv", user.username)

    def test_other_users_journal_is_untouched(self, tmp_path, user, other_user, catalog):
        path = write(tmp_path, "series.tsv", TSV_HEADER + tsv_row("1", "(1990-03-12)", STUCK))
        run(path, user.username)
        assert not Entry.objects.filter(user=other_user).exists()


def running_in_place_scenario() -> Tag:
    return Tag.objects.filter(
        kind=TagKind.SCENARIO, interpretation__source="running-in-place.txt"
    ).first()


def export(*entries, **overrides) -> str:
    document = {"format": EXPORT_FORMAT, "version": EXPORT_VERSION, "entries": list(entries)}
    return json.dumps(document | overrides)


@pytest.mark.django_db
class TestJsonExport:
    @pytest.mark.parametrize("version", [1, 2])
    def test_full_entry_keeps_the_users_own_tags(self, tmp_path, user, catalog, version):
        scenario = running_in_place_scenario()
        interpretation = scenario.interpretation
        path = write(
            tmp_path,
            "journal.json",
            export(
                {
                    "night": "2024-03-12",
                    "title": "The long hallway",
                    "narrative": STUCK,
                    "waking_body": "calves aching",
                    "emotions": ["frustration", "fear"],
                    "intensity": 4,
                    "lucid": False,
                    "recurring": True,
                    "waking_life": "Deadline moved again at work.",
                    "interpretation": interpretation.source,
                    "scenarios": [scenario.label.upper()],
                    "markers": [],
                },
                version=version,
            ),
        )
        run(path, user.username)
        entry = Entry.objects.get(user=user)
        assert (entry.night, entry.title, entry.intensity) == (
            dt.date(2024, 3, 12),
            "The long hallway",
            4,
        )
        assert entry.emotions == ["frustration", "fear"] and entry.recurring
        assert entry.waking_life == "Deadline moved again at work."
        assert entry.interpretation == interpretation
        assert entry.interpretation_origin == Origin.USER
        assert list(entry.tags.filter(accepted=True).values_list("tag", "origin")) == [
            (scenario.pk, Origin.USER)
        ]

    def test_interpretation_by_title_and_minimal_entry_is_matched(self, tmp_path, user, catalog):
        title = Interpretation.objects.get(source="turning-round.txt").title
        path = write(
            tmp_path,
            "journal.json",
            export(
                {"night": "2024-03-12", "narrative": FLYING, "interpretation": title},
                {"night": "2024-03-13", "narrative": STUCK},
            ),
        )
        run(path, user.username)
        first, second = Entry.objects.filter(user=user).order_by("night")
        assert first.interpretation.source == "turning-round.txt"
        assert second.interpretation is not None
        assert second.interpretation_origin == Origin.SUGGESTED

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

    def test_unknown_library_names_are_warned_about(self, tmp_path, user, catalog):
        path = write(
            tmp_path,
            "journal.json",
            export(
                {
                    "night": "2024-03-12",
                    "narrative": FLYING,
                    "interpretation": "no-such-article.txt",
                    "markers": ["a tingle nobody wrote about"],
                }
            ),
        )
        _, err = run(path, user.username)
        entry = Entry.objects.get(user=user)
        assert entry.interpretation is None
        assert "#1: interpretation 'no-such-article.txt' is not in the library" in err
        assert "#1: marker 'a tingle nobody wrote about' is not in the library" in err

    def test_a_drafts_names_are_not_attached(self, tmp_path, user, catalog):
        draft = InterpretationFactory(title="Draft Reading", published=False)
        TagFactory(
            interpretation=draft,
            label="a scenario still in review",
        )
        path = write(
            tmp_path,
            "journal.json",
            export(
                {
                    "night": "2024-03-12",
                    "narrative": FLYING,
                    "interpretation": "Draft Reading",
                    "scenarios": ["a scenario still in review"],
                }
            ),
        )
        _, err = run(path, user.username)
        entry = Entry.objects.get(user=user)
        assert entry.interpretation_id != draft.pk
        assert not entry.tags.filter(tag__interpretation=draft).exists()
        assert "#1: interpretation 'Draft Reading' is not in the library" in err

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

    def test_version_2_keeps_whose_each_tag_and_interpretation_is(self, tmp_path, user, catalog):
        scenario = running_in_place_scenario()
        path = write(
            tmp_path,
            "journal.json",
            export(
                {
                    "night": "2024-03-12",
                    "narrative": STUCK,
                    # Suggested: the matcher's to suggest again, whatever the file names.
                    "interpretation": "turning-round.txt",
                    "interpretation_origin": "suggested",
                    "scenarios": [{"label": scenario.label, "origin": "suggested"}],
                    "markers": [],
                },
                {
                    "night": "2024-03-13",
                    "narrative": FLYING,
                    "interpretation": None,
                    "interpretation_origin": "",
                },
                {
                    "night": "2024-03-14",
                    "narrative": STUCK,
                    "interpretation": None,
                    "interpretation_origin": "user",
                },
            ),
        )
        _, err = run(path, user.username)
        assert err == ""
        stuck, flying, none_chosen = Entry.objects.filter(user=user).order_by("night")
        assert stuck.interpretation_id == suggest(STUCK).interpretation.interpretation.key
        assert stuck.interpretation.source != "turning-round.txt"
        assert stuck.interpretation_origin == Origin.SUGGESTED
        assert list(
            stuck.tags.filter(accepted=True, tag__kind=TagKind.SCENARIO).values_list(
                "tag", "origin"
            )
        ) == [(scenario.pk, Origin.SUGGESTED)]
        assert (flying.interpretation, flying.interpretation_origin) == (None, "")
        assert (none_chosen.interpretation, none_chosen.interpretation_origin) == (None, "user")

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

    def test_version_1_is_read_as_before_everything_it_gives_is_the_users(
        self, tmp_path, user, catalog
    ):
        path = write(
            tmp_path,
            "journal.json",
            export(
                {
                    "night": "2024-03-12",
                    "narrative": STUCK,
                    "interpretation": None,
                    "interpretation_origin": "suggested",  # not version 1: ignored
                },
                {
                    "night": "2024-03-13",
                    "narrative": STUCK,
                    "scenarios": [{"label": "x", "origin": "suggested"}],
                },
                version=1,
            ),
        )
        _, err = run(path, user.username)
        entry = Entry.objects.get(user=user)
        assert (entry.night, entry.interpretation, entry.interpretation_origin) == (
            dt.date(2024, 3, 12),
            None,
            Origin.USER,
        )
        assert "skipped #2: scenarios must be a list of labels\n" in err

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


@pytest.mark.slow
@pytest.mark.django_db
def test_barb_sanders_series(shared_dir, catalog):
    """The real series: 3,114 reports, of which 31 name only a year or a month."""
    barb = UserFactory(username="barb")
    started = time.perf_counter()
    out, err = run(shared_dir / "data" / "dreambank" / "b.tsv", barb.username)
    seconds = time.perf_counter() - started

    entries = Entry.objects.filter(user=barb)
    assert entries.count() == 3_083
    assert "Skipped 31" in out
    assert err.count("skipped #") == 31
    assert "#1035: only the month and year are given ('(1988-08-??)')" in err
    assert entries.order_by("night").first().night == dt.date(1960, 5, 3)
    assert entries.order_by("night").last().night == dt.date(1997, 1, 31)
    assert entries.filter(interpretation__isnull=False).count() > 100
    assert seconds < 30


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
