"""The import_dreams command: DreamBank TSV and our JSON export into a user's journal. Files
and dreams it cannot read or store: test_import_files.py."""

import datetime as dt

import pytest
from django.core.management import CommandError
from django.db import DatabaseError

from interpretations.models import Interpretation, Tag, TagKind
from journal.models import Entry, EntryTag, Origin
from journal.tagging import suggest
from tests.factories import InterpretationFactory, TagFactory, UserFactory
from tests.journal.import_helpers import (
    FLYING,
    STUCK,
    TSV_HEADER,
    export,
    run,
    tsv_row,
    write,
)


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

    def test_other_users_journal_is_untouched(self, tmp_path, user, other_user, catalog):
        path = write(tmp_path, "series.tsv", TSV_HEADER + tsv_row("1", "(1990-03-12)", STUCK))
        run(path, user.username)
        assert not Entry.objects.filter(user=other_user).exists()


def running_in_place_scenario() -> Tag:
    return Tag.objects.filter(
        kind=TagKind.SCENARIO, interpretation__source="running-in-place.txt"
    ).first()


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


@pytest.mark.slow
@pytest.mark.django_db
def test_barb_sanders_series(shared_dir, catalog):
    """The real series: 3,114 reports, of which 31 name only a year or a month."""
    barb = UserFactory(username="barb")
    out, err = run(shared_dir / "data" / "dreambank" / "b.tsv", barb.username)

    entries = Entry.objects.filter(user=barb)
    assert entries.count() == 3_083
    assert "Skipped 31" in out
    assert err.count("skipped #") == 31
    assert "#1035: only the month and year are given ('(1988-08-??)')" in err
    assert entries.order_by("night").first().night == dt.date(1960, 5, 3)
    assert entries.order_by("night").last().night == dt.date(1997, 1, 31)
    assert entries.filter(interpretation__isnull=False).count() > 100
