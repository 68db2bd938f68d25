"""The export view: who may download, which formats, and how. What each format holds is
tested in tests/journal/test_export.py."""

import datetime as dt
from unittest.mock import patch

from django.urls import reverse

from journal.jobs import JobStatus
from journal.models import ExportJob, Profile


class TestAccess:
    def test_anonymous_is_sent_to_log_in(self, client, db):
        response = client.get(reverse("export_download", args=["json"]))
        assert response.status_code == 302 and response.url.startswith(reverse("login"))

    def test_unknown_format_is_404(self, client, user):
        client.force_login(user)
        assert client.get(reverse("export_download", args=["xml"])).status_code == 404

    def test_post_is_405(self, client, user):
        client.force_login(user)
        assert client.post(reverse("export_download", args=["json"])).status_code == 405

    def test_not_cached(self, client, user):
        client.force_login(user)
        response = client.get(reverse("export_download", args=["json"]))
        assert response.status_code == 200
        assert "no-store" in response["Cache-Control"]


def test_an_export_expires_at_a_time_in_the_users_own_zone(client, user):
    Profile.objects.create(user=user, time_zone="Pacific/Auckland")
    job = ExportJob.objects.create(user=user, file_format="json", status=JobStatus.DONE)
    created = dt.datetime(2026, 11, 28, 20, 30, tzinfo=dt.UTC)  # 9:30 the next day in Auckland
    ExportJob.objects.filter(pk=job.pk).update(created_at=created)
    client.force_login(user)
    with patch("accounts.views.exports_in_background", return_value=True):
        page = client.get(reverse("account_settings")).content.decode()
    assert "available until 30 Nov 2026, 9:30 a.m." in page  # in UTC: 29 Nov, 8:30 p.m.
