"""The export view: who may download, which formats, and how. What each format holds is
tested in tests/journal/test_export.py."""

from django.urls import reverse


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
