"""The settings page: the time zone, and the links to the exports and to account deletion."""

from django.urls import reverse

from accounts.forms import ProfileForm
from journal.models import Profile


class TestSettings:
    def test_anonymous_is_sent_to_log_in(self, client, db):
        response = client.get(reverse("account_settings"))
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))

    def test_time_zone_is_saved(self, signed_in, user):
        response = signed_in.post(reverse("account_settings"), {"time_zone": "Europe/Paris"})
        assert response.status_code == 302
        assert Profile.for_user(user).time_zone == "Europe/Paris"

    def test_unknown_time_zone_is_refused(self, signed_in, user):
        response = signed_in.post(reverse("account_settings"), {"time_zone": "Mars/Olympus"})
        assert "is not a time zone we know" in response.content.decode()
        assert Profile.for_user(user).time_zone == "UTC"

    def test_wrong_method(self, signed_in):
        assert signed_in.put(reverse("account_settings")).status_code == 405

    def test_links_to_the_exports_and_deletion(self, signed_in):
        html = signed_in.get(reverse("account_settings")).content.decode()
        for file_format in ("json", "markdown", "csv"):
            assert reverse("export_download", args=[file_format]) in html
        assert reverse("account_delete") in html

    def test_saving_the_zone_keeps_a_journal_version_moved_on_meanwhile(self, user):
        profile = Profile.objects.create(user=user)
        Profile.journal_changed([user.pk])  # an import finishing while the page was open
        form = ProfileForm({"time_zone": "Europe/Paris"}, instance=profile)
        assert form.is_valid()
        form.save()
        saved = Profile.objects.get(user=user)
        assert (saved.time_zone, saved.journal_version) == ("Europe/Paris", 1)
