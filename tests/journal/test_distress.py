"""How upsetting a dream was (0 to 4, optional): the entry form, the entry page, exports,
imports, and the database's own check."""

import csv
import datetime as dt
import io
import json
import re
import uuid

import pytest
from django.db import IntegrityError
from django.urls import reverse

from journal.exporting import export_csv, export_document, export_markdown
from journal.import_json import read_json
from journal.models import Entry

TODAY = dt.date(2026, 11, 29)


def post_data(**fields) -> dict:
    return {
        "narrative": "I was on a ferry that would not dock.",
        "night": "2026-11-01",
        "intensity": "3",
        "interpretation_choice": "none",
        "submission_token": str(uuid.uuid4()),
        **fields,
    }


@pytest.mark.django_db
class TestEntryForm:
    def test_unset_by_default_with_a_way_to_skip(self, signed_in):
        html = signed_in.get(reverse("entry_create")).content.decode()
        assert "How upsetting was it?" in html
        radios = re.findall(
            r'<input type="radio" name="distress" value="(\d?)"[^>]*?( checked)?>', html
        )
        assert radios == [("", " checked"), *((str(n), "") for n in range(5))]

    def test_an_edit_shows_the_rating_given(self, signed_in, user):
        entry = Entry.objects.create(user=user, night=TODAY, narrative="x", distress=2)
        html = signed_in.get(reverse("entry_edit", args=[entry.pk])).content.decode()
        assert re.search(r'name="distress" value="2"[^>]*checked', html)

    @pytest.mark.parametrize(("given", "saved"), [("0", 0), ("4", 4), ("", None)])
    def test_saved(self, signed_in, user, given, saved):
        signed_in.post(reverse("entry_create"), post_data(distress=given))
        assert Entry.objects.get(user=user).distress == saved

    def test_an_edit_changes_and_clears_it(self, signed_in, user):
        entry = Entry.objects.create(user=user, night=TODAY, narrative="x", distress=2)
        url = reverse("entry_edit", args=[entry.pk])
        for given, saved in (("4", 4), ("", None)):
            entry.refresh_from_db()
            data = post_data(distress=given, revision=str(entry.revision))
            del data["submission_token"]
            assert signed_in.post(url, data).status_code == 302
            entry.refresh_from_db()
            assert entry.distress == saved

    @pytest.mark.parametrize("given", ["5", "-1", "2.5", "very"])
    def test_outside_0_to_4_is_explained_and_nothing_is_written(self, signed_in, given):
        response = signed_in.post(reverse("entry_create"), post_data(distress=given))
        assert response.status_code == 200
        assert "How upsetting it was goes from 0 (not at all) to 4." in response.content.decode()
        assert not Entry.objects.exists()

    def test_shown_on_the_entry_page_when_given(self, signed_in, user):
        rated = Entry.objects.create(user=user, night=TODAY, narrative="x", distress=0)
        unrated = Entry.objects.create(user=user, night=TODAY, narrative="y")
        assert "Upsetting 0/4" in signed_in.get(rated.get_absolute_url()).content.decode()
        assert "Upsetting" not in signed_in.get(unrated.get_absolute_url()).content.decode()


@pytest.mark.django_db
def test_the_database_refuses_a_rating_above_4(user):
    entry = Entry.objects.create(user=user, night=TODAY, narrative="x")
    with pytest.raises(IntegrityError):
        Entry.objects.filter(pk=entry.pk).update(distress=5)


@pytest.mark.django_db
def test_exports_carry_it(user):
    Entry.objects.create(user=user, night=TODAY, narrative="rated", distress=3)
    Entry.objects.create(user=user, night=TODAY, narrative="unrated")
    entries = export_document(user)["entries"]
    assert [item["distress"] for item in entries] == [3, None]
    rows = list(csv.DictReader(io.StringIO(export_csv(user).lstrip("\ufeff"))))
    assert [row["distress"] for row in rows] == ["3", ""]
    assert "upsetting 3/4" in export_markdown(user)


def document(**fields) -> bytes:
    entry = {"night": "2026-11-01", "narrative": "A ferry.", **fields}
    return json.dumps({"format": "dream-journal", "version": 2, "entries": [entry]}).encode()


@pytest.mark.django_db
class TestImport:
    @pytest.mark.parametrize(("given", "read"), [(2, 2), (0, 0), (None, None)])
    def test_read(self, given, read):
        [dream] = read_json(document(distress=given), TODAY).dreams
        assert dream.distress == read

    def test_absent_is_not_said(self):
        [dream] = read_json(document(), TODAY).dreams
        assert dream.distress is None

    @pytest.mark.parametrize("given", [5, -1, "3", 2.5, True])
    def test_outside_0_to_4_skips_the_dream_with_a_reason(self, given):
        read = read_json(document(distress=given), TODAY)
        assert read.dreams == []
        [skipped] = read.skipped
        assert "distress" in skipped.problem
