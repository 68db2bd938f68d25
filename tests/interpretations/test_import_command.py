"""The import_interpretations command: seeds, bundled catalog, bad files, re-imports."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from reversion.models import Version

from interpretations.management.commands.import_interpretations import BUNDLED_CATALOG
from interpretations.models import Interpretation, NextStage, Tag, TagKind
from tests.conftest import ARTICLE_JSON_KEYS
from tests.factories import EntryTagFactory

SEED_COUNT = 5
CATALOG_FILES = 9


def run(*args) -> str:
    out = StringIO()
    call_command("import_interpretations", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def library_counts() -> tuple[int, int, int]:
    return (Interpretation.objects.count(), Tag.objects.count(), NextStage.objects.count())


@pytest.mark.django_db
class TestImport:
    def test_imports_the_seed_articles_idempotently(self, shared_dir):
        run(str(shared_dir / "seeds"))
        first = library_counts()
        assert first[0] == SEED_COUNT
        run(str(shared_dir / "seeds"))
        assert library_counts() == first
        titles = set(Interpretation.objects.values_list("title", flat=True))
        assert "Trying to Run but Staying in Place: The Kinetic Stagnation" in titles

    def test_bundled_catalog_is_the_default_and_links_its_next_stages(self):
        run()
        assert Interpretation.objects.count() == CATALOG_FILES
        stages = NextStage.objects.all()
        assert stages
        assert all(stage.target_id for stage in stages), [
            s.target_title for s in stages if not s.target_id
        ]
        for interpretation in Interpretation.objects.all():
            kinds = set(interpretation.tags.values_list("kind", flat=True))
            assert {TagKind.SCENARIO, TagKind.MARKER} <= kinds
            assert interpretation.arrival_conditions.exists()
            assert interpretation.faq_entries.exists()
            assert interpretation.key_sentence and interpretation.morning_after

    def test_seeds_add_to_the_catalog(self, shared_dir):
        run()
        run(str(shared_dir / "seeds"))
        assert Interpretation.objects.count() == CATALOG_FILES + SEED_COUNT

    def test_dry_run_json_prints_the_parse_and_writes_nothing(self, shared_dir):
        output = run(str(shared_dir / "seeds"), "--dry-run", "--json")
        documents = json.loads(output)
        assert len(documents) == SEED_COUNT
        assert all(list(doc) == ARTICLE_JSON_KEYS for doc in documents)
        first = documents[0]
        assert first["source"] == "000_e732cb230e8bdb5e.txt"
        assert (len(first["quick_answer"]), len(first["scenarios"]), len(first["markers"])) == (
            5,
            5,
            4,
        )
        assert set(first["scenarios"][0]) == {"label", "meaning"}
        assert set(first["next_stages"][0]) == {"condition", "target", "note"}
        assert Interpretation.objects.count() == 0

    def test_re_import_removes_what_the_document_lost_and_keeps_a_version(self, tmp_path):
        original = (BUNDLED_CATALOG / "caught.txt").read_text()
        article = tmp_path / "caught.txt"
        article.write_text(original)
        run(str(article))
        interpretation = Interpretation.objects.get(source="caught.txt")
        scenarios = interpretation.tags.filter(kind=TagKind.SCENARIO)
        scenarios_before = list(scenarios.values_list("label", flat=True))
        kept_id = scenarios.first().pk

        dropped = scenarios_before[-1]
        article.write_text("\n".join(line for line in original.splitlines() if dropped not in line))
        run(str(article))

        interpretation.refresh_from_db()
        labels = list(scenarios.values_list("label", flat=True))
        assert labels == scenarios_before[:-1]
        assert scenarios.filter(pk=kept_id).exists(), "unchanged parts keep their id"
        assert Interpretation.objects.count() == 1
        assert Version.objects.get_for_object(interpretation).count() == 2


@pytest.mark.django_db
class TestBadInput:
    @pytest.mark.parametrize(
        ("name", "content", "message"),
        [
            ("empty.txt", b"", "empty"),
            ("binary.txt", bytes(range(256)) * 4, "binary"),
            ("shopping.txt", b"Eggs\nMilk\nBread\n", "no recognisable section"),
        ],
    )
    def test_bad_file_is_named_exits_non_zero_and_writes_nothing(
        self, tmp_path, name, content, message
    ):
        bad = tmp_path / name
        bad.write_bytes(content)
        err = StringIO()
        with pytest.raises(CommandError, match="1 of 1 documents could not be imported"):
            call_command("import_interpretations", str(bad), stdout=StringIO(), stderr=err)
        assert name in err.getvalue()
        assert message in err.getvalue().lower()
        assert Interpretation.objects.count() == 0

    def test_unreadable_path_is_reported_and_good_documents_still_import(self, tmp_path):
        good = tmp_path / "caught.txt"
        good.write_bytes((BUNDLED_CATALOG / "caught.txt").read_bytes())
        missing = tmp_path / "missing.txt"
        err = StringIO()
        with pytest.raises(CommandError):
            call_command(
                "import_interpretations", str(missing), str(good), stdout=StringIO(), stderr=err
            )
        assert "missing.txt" in err.getvalue() and "cannot be read" in err.getvalue()
        assert Interpretation.objects.filter(source="caught.txt").exists()

    def test_text_longer_than_its_column_is_named_and_later_files_still_import(self, tmp_path):
        catalog = (BUNDLED_CATALOG / "caught.txt").read_text()
        title, rest = catalog.split("\n", 1)
        long_title = (
            title + " Pneumonoultramicroscopicsilicovolcanoconiosis" * 5
        )  # heading-shaped, 270 characters
        (tmp_path / "a-long-title.txt").write_text(long_title + "\n" + rest)
        (tmp_path / "b-long-label.txt").write_text(catalog.replace("→", "and on " * 80 + "→", 1))
        (tmp_path / "c-caught.txt").write_text(catalog)
        err = StringIO()
        with pytest.raises(CommandError, match="2 of 3 documents"):
            call_command("import_interpretations", str(tmp_path), stdout=StringIO(), stderr=err)
        assert "a-long-title.txt: The title is" in err.getvalue()
        assert "b-long-label.txt: A scenario or body-sensation label is" in err.getvalue()
        assert list(Interpretation.objects.values_list("source", flat=True)) == ["c-caught.txt"]

    def test_empty_folder_is_an_error(self, tmp_path):
        with pytest.raises(CommandError, match=r"No \.txt articles"):
            run(str(tmp_path))


@pytest.mark.django_db
def test_rewording_a_label_keeps_the_users_tags_on_it(tmp_path, user):
    from journal.models import EntryTag

    original = (BUNDLED_CATALOG / "caught.txt").read_text()
    article = tmp_path / "caught.txt"
    article.write_text(original)
    run(str(article))
    scenario = Tag.objects.filter(
        kind=TagKind.SCENARIO, interpretation__source="caught.txt"
    ).first()
    entry = EntryTagFactory(entry__user=user, tag=scenario, accepted=True).entry

    article.write_text(original.replace(scenario.label, "A freshly reworded label", 1))
    run(str(article))

    scenario.refresh_from_db()
    assert scenario.label == "A freshly reworded label"
    assert EntryTag.objects.filter(entry=entry, tag=scenario, accepted=True).exists()
