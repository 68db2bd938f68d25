"""The admin's history records what an editor changed, and nothing a browser did on its own:
browsers post every textarea's line breaks as CRLF, the library stores LF (issue 14)."""

import io
import json

import pytest
from django.contrib.admin.models import LogEntry
from django.core.management import call_command
from django.urls import reverse
from reversion.models import Version

from interpretations.models import Interpretation, TagKind
from tests.factories import UserFactory
from tests.interpretations.test_admin import change_url, form_data


def as_a_browser_posts(data: dict) -> dict:
    return {k: v.replace("\n", "\r\n") if isinstance(v, str) else v for k, v in data.items()}


@pytest.fixture
def catalog(db):
    call_command("import_interpretations", stdout=io.StringIO())
    return Interpretation.objects.get(source="caught.txt")


@pytest.fixture
def admin_client(client, db):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def latest_change(interpretation) -> list[dict]:
    entry = LogEntry.objects.filter(object_id=str(interpretation.pk)).latest("action_time")
    return json.loads(entry.change_message)


@pytest.mark.django_db
class TestOneEditOneChange:
    def test_the_multi_line_texts_really_have_line_breaks(self, catalog):
        """Otherwise the tests below could not fail."""
        assert "\n" in catalog.quick_answer
        assert any("\n" in tag.meaning or "\n" in tag.cues for tag in catalog.tags.all()) or (
            "\n" in catalog.morning_after
        )

    def test_a_one_label_edit_is_one_change(self, admin_client, catalog):
        scenario = catalog.tags.filter(kind=TagKind.SCENARIO).first()
        data = as_a_browser_posts(form_data(admin_client.get(change_url(catalog))))
        data["scenarios-0-label"] = "Caught at the garden gate"
        assert admin_client.post(change_url(catalog), data).status_code == 302

        assert latest_change(catalog) == [
            {
                "changed": {
                    "name": "tag",
                    "object": "Caught at the garden gate",
                    "fields": ["Label"],
                }
            }
        ]
        history = reverse("admin:interpretations_interpretation_history", args=[catalog.pk])
        comment = Version.objects.get_for_object(catalog).first().revision.comment
        assert comment == "Changed Label for tag “Caught at the garden gate”."
        assert comment in admin_client.get(history).content.decode()
        scenario.refresh_from_db()
        assert scenario.label == "Caught at the garden gate"

    def test_saving_unchanged_records_no_change(self, admin_client, catalog):
        data = as_a_browser_posts(form_data(admin_client.get(change_url(catalog))))
        assert admin_client.post(change_url(catalog), data).status_code == 302
        assert latest_change(catalog) == []
        comment = Version.objects.get_for_object(catalog).first().revision.comment
        assert comment == "No fields changed."

    def test_a_change_inside_a_text_is_still_a_change(self, admin_client, catalog):
        data = as_a_browser_posts(form_data(admin_client.get(change_url(catalog))))
        data["quick_answer"] = data["quick_answer"].replace("\r\n", "\r\n\r\nA new point.\r\n", 1)
        assert admin_client.post(change_url(catalog), data).status_code == 302
        assert latest_change(catalog) == [{"changed": {"fields": ["Quick answer"]}}]
        catalog.refresh_from_db()
        assert "\r" not in catalog.quick_answer
        assert "\n\nA new point.\n" in catalog.quick_answer
