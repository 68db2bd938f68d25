"""Importing in the browser: upload and preview, start, progress, cancel; and large exports."""

import datetime as dt
import gzip
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from journal.jobs import JobStatus
from journal.models import Entry, ExportJob, ImportJob
from journal.transfers import prepare_export
from tests.factories import UserFactory

TSV = b"n\tdate\tdream\n1\t(1990-05-03)\tI was running and the road kept growing.\n" + (
    b"2\t(1990-05-04)\tA house with many doors.\n3\t(1990)\tNo date for this one.\n"
)


def upload(client, name: str, data: bytes, **extra):
    return client.post(reverse("import_upload"), {"file": SimpleUploadedFile(name, data)}, **extra)


def export_json(*nights_and_texts) -> bytes:
    entries = [{"night": night, "narrative": text} for night, text in nights_and_texts]
    return json.dumps({"format": "dream-journal", "version": 2, "entries": entries}).encode()


@pytest.fixture
def previewed(signed_in, user):
    upload(signed_in, "series.tsv", TSV)
    return user.import_jobs.get()


class TestUploadAndPreview:
    def test_preview_counts_range_skipped_and_duplicates(self, signed_in, user):
        Entry.objects.create(
            user=user, night=dt.date(1990, 5, 4), narrative="A house with many doors."
        )
        response = upload(signed_in, "series.tsv", TSV)
        assert response.status_code == 302 and response.url.endswith("#import")
        job = user.import_jobs.get()
        assert job.status == JobStatus.PREVIEW and job.file_format == "tsv"
        assert bytes(job.data) == TSV
        page = signed_in.get(reverse("account_settings")).content.decode()
        assert "<strong>1</strong> dream to import, from 3 May 1990 to 3 May 1990" in page
        assert "1 already in your journal" in page and "#2 (1990-05-04)" in page
        assert "1 will be skipped" in page and "#3: only the year is given" in page
        assert Entry.objects.count() == 1  # a preview writes no entry

    def test_a_new_upload_replaces_an_unconfirmed_preview(self, signed_in, user, previewed):
        upload(signed_in, "again.tsv", TSV)
        assert list(user.import_jobs.values_list("file_name", flat=True)) == ["again.tsv"]

    @pytest.mark.parametrize(
        ("name", "data", "expected"),
        [
            ("dreams.csv", b"when,words\n2020-01-01,hi\n", "a CSV file needs a date column"),
            ("dreams.tsv", b"n\tdate\tstory\n1\t(1990-05-03)\tx\n", "missing column dream"),
            ("dreams.json", b'{"format": "other"}', "not a Dream Journal export"),
            ("dreams.json", b"[1, 2", "not valid JSON"),
            ("dreams.csv", "date,text\n2020-01-01,café\n".encode("latin-1"), "not UTF-8"),
            ("dreams.csv", "date,text\n".encode("utf-16"), "not UTF-8"),
            ("dreams.zip", b"PK\x03\x04" + b"\0" * 100, "compressed file (zip)"),
            ("dreams.json", gzip.compress(b"{}" * 1000, mtime=0), "compressed file (gzip)"),
            ("dreams.tsv.gz", b"n\tdream\n", "compressed file (gz)"),
            ("dreams.csv", b"", "The file is empty."),
            ("photo.png", b"\x89PNG\r\n\x1a\n\0\0\0", "cannot be imported"),
        ],
    )
    def test_bad_files_are_refused_with_a_reason_and_nothing_kept(
        self, signed_in, user, name, data, expected
    ):
        response = upload(signed_in, name, data)
        assert response.status_code == 200
        page = response.content.decode()
        assert expected in page and "Nothing was imported." in page
        assert not ImportJob.objects.exists() and not Entry.objects.exists()

    def test_no_file(self, signed_in):
        response = signed_in.post(reverse("import_upload"), {})
        assert "Choose a file to import." in response.content.decode()

    def test_a_file_over_the_limit_is_not_stored(self, signed_in, settings, monkeypatch):
        monkeypatch.setattr("journal.uploads.IMPORT_FILE_MAX_BYTES", 1000)
        response = upload(signed_in, "big.tsv", b"n\tdream\n" + b"1\t" + b"x" * 5000 + b"\n")
        page = response.content.decode()
        assert "The file is larger than 20 MB" in page
        assert not ImportJob.objects.exists()

    def test_csv_formulas_are_kept_as_text(
        self, signed_in, user, django_capture_on_commit_callbacks
    ):
        data = b'date,dream\n2021-02-03,"=HYPERLINK(""http://x"")"\n2021-02-04,@SUM(A1)\n'
        upload(signed_in, "sheet.csv", data)
        job = user.import_jobs.get()
        with django_capture_on_commit_callbacks(execute=True):
            signed_in.post(reverse("import_start", args=[job.pk]))
        narratives = set(Entry.objects.values_list("narrative", flat=True))
        assert narratives == {'=HYPERLINK("http://x")', "@SUM(A1)"}
        exported = signed_in.get(reverse("export_download", args=["csv"])).content.decode()
        assert "'=HYPERLINK" in exported and "'@SUM(A1)" in exported

    def test_refused_while_an_import_runs(self, signed_in, user, previewed):
        ImportJob.objects.filter(pk=previewed.pk).update(status=JobStatus.RUNNING)
        response = upload(signed_in, "more.tsv", TSV, follow=True)
        assert "Your last import is still running" in response.content.decode()
        assert user.import_jobs.count() == 1

    def test_csrf_is_required(self, user, previewed):
        client = Client(enforce_csrf_checks=True)
        client.force_login(user)
        assert upload(client, "series.tsv", TSV).status_code == 403
        for name, arg in [
            ("import_start", previewed.pk),
            ("import_cancel", previewed.pk),
            ("export_prepare", "json"),
        ]:
            assert client.post(reverse(name, args=[arg])).status_code == 403, name
        assert ImportJob.objects.get().status == JobStatus.PREVIEW
        assert not ExportJob.objects.exists()

    def test_anonymous_and_get(self, client, db, user):
        assert upload(client, "series.tsv", TSV).status_code == 302
        client.force_login(user)
        assert client.get(reverse("import_upload")).status_code == 405


class TestStart:
    def test_runs_the_import_and_reports(
        self, signed_in, user, previewed, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            response = signed_in.post(reverse("import_start", args=[previewed.pk]))
        assert response.status_code == 302
        previewed.refresh_from_db()
        assert previewed.status == JobStatus.DONE and previewed.imported == 2
        assert previewed.done == previewed.total == 2 and bytes(previewed.data) == b""
        assert user.entries.count() == 2
        page = signed_in.get(reverse("account_settings")).content.decode()
        assert "Imported 2 dreams from series.tsv; skipped 1 that could not be placed." in page
        assert reverse("patterns") in page

    def test_one_import_at_a_time(self, signed_in, user, previewed):
        other = ImportJob.objects.create(user=user, file_name="x.tsv", file_format="tsv")
        ImportJob.objects.filter(pk=other.pk).update(status=JobStatus.RUNNING)
        response = signed_in.post(reverse("import_start", args=[previewed.pk]), follow=True)
        assert "still running" in response.content.decode()
        assert ImportJob.objects.get(pk=previewed.pk).status == JobStatus.PREVIEW

    def test_the_database_refuses_a_second_active_import(self, user):
        from django.db import IntegrityError, transaction

        ImportJob.objects.create(user=user, file_name="a", file_format="tsv", status="queued")
        with pytest.raises(IntegrityError), transaction.atomic():
            ImportJob.objects.create(user=user, file_name="b", file_format="tsv", status="running")

    def test_another_users_job_is_404(self, client, previewed):
        client.force_login(UserFactory())
        for name in ("import_start", "import_cancel"):
            assert client.post(reverse(name, args=[previewed.pk])).status_code == 404
        status = reverse("import_status", args=[previewed.pk])
        assert client.get(status, headers={"HX-Request": "true"}).status_code == 404
        assert ImportJob.objects.get(pk=previewed.pk).status == JobStatus.PREVIEW

    def test_get_is_405(self, signed_in, previewed):
        assert signed_in.get(reverse("import_start", args=[previewed.pk])).status_code == 405

    def test_a_failing_import_is_retried_then_says_nothing_was_kept(
        self, signed_in, user, previewed, monkeypatch, django_capture_on_commit_callbacks
    ):
        calls = []

        def broken_write(*args, **kwargs):
            calls.append(1)
            raise RuntimeError("disk full")

        monkeypatch.setattr("journal.importing.EntryTag.objects.bulk_create", broken_write)
        with django_capture_on_commit_callbacks(execute=True):
            signed_in.post(reverse("import_start", args=[previewed.pk]))
        previewed.refresh_from_db()
        assert len(calls) == 3 and previewed.attempts == 3
        assert previewed.status == JobStatus.FAILED and "disk full" in previewed.message
        assert not Entry.objects.exists()  # the entries of each attempt were rolled back
        page = signed_in.get(reverse("account_settings")).content.decode()
        assert "failed, so nothing from it was kept" in page
        assert "disk full" not in page


class TestCancel:
    def test_cancel_drops_the_preview(self, signed_in, previewed):
        signed_in.post(reverse("import_cancel", args=[previewed.pk]))
        assert not ImportJob.objects.exists()


class TestStatus:
    def test_polled_partial_shows_percentage_and_count(self, signed_in, previewed):
        ImportJob.objects.filter(pk=previewed.pk).update(status="running", done=1, total=4)
        response = signed_in.get(
            reverse("import_status", args=[previewed.pk]), headers={"HX-Request": "true"}
        )
        page = response.content.decode()
        assert "25 % · 1 of 4 dreams matched" in page and "every 1s" in page
        assert "<html" not in page

    def test_finished_partial_stops_polling(self, signed_in, previewed):
        ImportJob.objects.filter(pk=previewed.pk).update(status="done", message="Imported 2.")
        response = signed_in.get(
            reverse("import_status", args=[previewed.pk]), headers={"HX-Request": "true"}
        )
        page = response.content.decode()
        assert "every 1s" not in page and "Imported 2." in page
        assert "Import another file" in page

    @pytest.mark.parametrize(("queued_minutes_ago", "told"), [(0, False), (5, True)])
    def test_a_queued_import_no_worker_starts_says_why(
        self, signed_in, previewed, queued_minutes_ago, told
    ):
        assert previewed.queue()
        queued_at = timezone.now() - dt.timedelta(minutes=queued_minutes_ago)
        ImportJob.objects.filter(pk=previewed.pk).update(updated_at=queued_at)
        response = signed_in.get(
            reverse("import_status", args=[previewed.pk]), headers={"HX-Request": "true"}
        )
        page = response.content.decode()
        assert "waiting for its turn" in page and "every 1s" in page
        assert ("background worker is busy or stopped" in page) is told

    def test_without_htmx_goes_to_settings(self, signed_in, previewed):
        response = signed_in.get(reverse("import_status", args=[previewed.pk]))
        assert response.status_code == 302 and response.url.endswith("#import")


class TestLargeExport:
    @pytest.fixture
    def large(self, monkeypatch):
        monkeypatch.setattr("journal.transfers.EXPORT_IN_BACKGROUND_ABOVE", 1)

    def test_large_journal_is_prepared_then_downloaded(
        self, signed_in, user, large, django_capture_on_commit_callbacks
    ):
        for day in (1, 2):
            Entry.objects.create(user=user, night=dt.date(2020, 1, day), narrative=f"dream {day}")
        direct = signed_in.get(reverse("export_download", args=["json"]))
        assert direct.status_code == 302
        with django_capture_on_commit_callbacks(execute=True):
            signed_in.post(reverse("export_prepare", args=["json"]))
        job = user.export_jobs.get()
        assert job.status == JobStatus.DONE and job.entries == 2
        page = signed_in.get(reverse("account_settings")).content.decode()
        assert reverse("export_file", args=[job.pk]) in page
        response = signed_in.get(reverse("export_file", args=[job.pk]))
        assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
        assert len(json.loads(response.content)["entries"]) == 2

    def test_only_the_owner_downloads_and_not_after_a_day(
        self, client, user, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            job = prepare_export(user, "csv")
        client.force_login(UserFactory())
        assert client.get(reverse("export_file", args=[job.pk])).status_code == 404
        client.force_login(user)
        assert client.get(reverse("export_file", args=[job.pk])).status_code == 200
        ExportJob.objects.filter(pk=job.pk).update(
            created_at=dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
        )
        assert client.get(reverse("export_file", args=[job.pk])).status_code == 404

    def test_a_new_export_replaces_the_last(self, user, django_capture_on_commit_callbacks):
        with django_capture_on_commit_callbacks(execute=True):
            prepare_export(user, "csv")
            prepare_export(user, "json")
        assert list(user.export_jobs.values_list("file_format", flat=True)) == ["json"]

    def test_prepare_needs_post_and_a_known_format(self, signed_in):
        assert signed_in.get(reverse("export_prepare", args=["json"])).status_code == 405
        assert signed_in.post(reverse("export_prepare", args=["xml"])).status_code == 404

    def test_small_journal_settings_keep_instant_links(self, signed_in):
        page = signed_in.get(reverse("account_settings")).content.decode()
        assert reverse("export_download", args=["json"]) in page
        assert reverse("export_prepare", args=["json"]) not in page
