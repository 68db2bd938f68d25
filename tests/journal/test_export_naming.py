"""Exports a person's other programs read right: CSV with a byte-order mark, JSON naming the
interpretation by title and file name, and the import reading both JSON shapes (issue 14)."""

import datetime as dt
import io
import json

import pytest
from django.core.management import call_command
from django.urls import reverse

from interpretations.models import Interpretation
from journal.exporting import export_csv, export_document, export_json, export_markdown
from journal.import_json import EXPORT_FORMAT
from journal.models import Entry, Origin
from tests.factories import UserFactory

NON_ASCII = "Ωμέγα: the café’s stairs — “again”"


@pytest.fixture
def library(catalog):
    return catalog.get(source="caught.txt")


@pytest.fixture
def chosen(user, library) -> Entry:
    return Entry.objects.create(
        user=user,
        night=dt.date(2026, 3, 1),
        narrative=NON_ASCII,
        interpretation=library,
        interpretation_origin=Origin.USER,
    )


def import_document(document: dict, tmp_path) -> tuple[object, str]:
    path = tmp_path / "journal.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    user, err = UserFactory(), io.StringIO()
    call_command(
        "import_dreams", str(path), "--user", user.username, stdout=io.StringIO(), stderr=err
    )
    return user, err.getvalue()


def document_naming(interpretation, version: int = 2) -> dict:
    return {
        "format": EXPORT_FORMAT,
        "version": version,
        "entries": [
            {
                "night": "2026-03-01",
                "narrative": "Something caught me at the end of the lane.",
                "interpretation": interpretation,
                "interpretation_origin": "user",
            }
        ],
    }


@pytest.mark.django_db
class TestCsvByteOrderMark:
    def test_the_file_starts_with_one_byte_order_mark(self, user, chosen):
        text = export_csv(user)
        assert text.startswith("\ufeffnight,title,narrative,")
        assert text.count("\ufeff") == 1

    def test_the_download_is_utf8_with_the_mark_and_reads_back(self, signed_in, chosen):
        response = signed_in.get(reverse("export_download", args=["csv"]))
        assert response["Content-Type"] == "text/csv; charset=utf-8"
        assert response.content.startswith(b"\xef\xbb\xbfnight,")
        assert NON_ASCII in response.content.decode("utf-8-sig")

    def test_json_and_markdown_carry_no_mark(self, user, chosen):
        assert not export_json(user).startswith("\ufeff")
        assert not export_markdown(user).startswith("\ufeff")


@pytest.mark.django_db
class TestJsonNamesTheInterpretation:
    def test_by_title_and_file_name(self, user, chosen, library):
        record = export_document(user)["entries"][0]
        assert record["interpretation"] == {"title": library.title, "file": "caught.txt"}

    def test_one_made_in_the_admin_has_an_empty_file_name(self, user, chosen, library):
        Interpretation.objects.filter(pk=library.pk).update(source="")
        record = export_document(user)["entries"][0]
        assert record["interpretation"] == {"title": library.title, "file": ""}

    def test_none_is_null(self, user, library):
        Entry.objects.create(user=user, night=dt.date(2026, 3, 2), narrative="Flying high.")
        assert export_document(user)["entries"][0]["interpretation"] is None

    def test_export_import_export_keeps_the_names(self, user, chosen, library, tmp_path):
        first = export_document(user)
        fresh, errors = import_document(first, tmp_path)
        assert errors == ""
        assert Entry.objects.get(user=fresh).interpretation == library
        assert export_document(fresh) == first


@pytest.mark.django_db
class TestImportReadsBothShapes:
    @pytest.mark.parametrize(
        "named",
        [
            "caught.txt",  # version 2: its file name
            "Caught at Last by What Was Behind You",  # version 2: its title
            {"title": "Caught at Last by What Was Behind You", "file": "caught.txt"},
            {"title": "Caught at Last by What Was Behind You", "file": ""},
            {"title": "Another title since", "file": "caught.txt"},  # the file name decides
            {"file": "caught.txt"},
        ],
    )
    def test_finds_the_interpretation(self, library, tmp_path, named):
        fresh, errors = import_document(document_naming(named), tmp_path)
        assert errors == ""
        entry = Entry.objects.get(user=fresh)
        assert entry.interpretation == library
        assert entry.interpretation_origin == Origin.USER

    @pytest.mark.parametrize("version", [1, 2, 3])
    def test_in_every_version(self, library, tmp_path, version):
        named = {"title": library.title, "file": "caught.txt"}
        fresh, errors = import_document(document_naming(named, version), tmp_path)
        assert errors == ""
        assert Entry.objects.get(user=fresh).interpretation == library

    @pytest.mark.parametrize(
        "named", [{"title": 5, "file": "caught.txt"}, {"title": "x", "file": ["caught.txt"]}, 7]
    )
    def test_a_bad_name_skips_the_dream_with_a_reason(self, library, tmp_path, named):
        fresh, errors = import_document(document_naming(named), tmp_path)
        assert "interpretation" in errors
        assert not Entry.objects.filter(user=fresh).exists()

    def test_an_unknown_one_is_reported(self, library, tmp_path):
        named = {"title": "Not in this library", "file": "missing.txt"}
        fresh, errors = import_document(document_naming(named), tmp_path)
        assert "missing.txt" in errors and "not in the library" in errors
        assert Entry.objects.get(user=fresh).interpretation is None
