"""The admin's import-from-text page looks and answers like the rest of the admin (issue 14)."""

import re

import pytest
from django.urls import reverse

from interpretations.management.commands.import_interpretations import BUNDLED_CATALOG
from interpretations.models import Interpretation
from tests.factories import UserFactory

IMPORT_TEXT = reverse("admin:interpretations_interpretation_import_text")


@pytest.fixture
def admin_client(client, db):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def article(name: str = "caught.txt") -> str:
    return (BUNDLED_CATALOG / name).read_text()


def buttons(html: str) -> list[str]:
    return re.findall(r'<input type="submit" name="_\w+" value="([^"]*)"', html)


@pytest.mark.django_db
class TestImportPage:
    def test_the_breadcrumb_bar_is_the_admins(self, admin_client):
        html = admin_client.get(IMPORT_TEXT).content.decode()
        assert '<ol class="breadcrumbs">' in html
        assert '<li aria-current="page">Import from text</li>' in html
        changelist = reverse("admin:interpretations_interpretation_changelist")
        assert f'<a href="{changelist}">Interpretations</a>' in html

    def test_buttons_are_labelled_like_the_admins(self, admin_client):
        assert buttons(admin_client.get(IMPORT_TEXT).content.decode()) == ["Preview"]
        data = {"source": "caught-again.txt", "text": article(), "_preview": "Preview"}
        previewed = admin_client.post(IMPORT_TEXT, data).content.decode()
        assert buttons(previewed) == ["Save", "Preview again"]

    def test_a_section_without_a_heading_is_shown_by_its_first_words(self, admin_client):
        data = {"source": "caught-again.txt", "text": article(), "_preview": "Preview"}
        response = admin_client.post(IMPORT_TEXT, data)
        untitled = [s for s in response.context["preview"].sections if not s.heading]
        assert untitled, "the bundled article has a section without a heading"
        html = response.content.decode()
        assert "<li></li>" not in html
        first_words = " ".join(untitled[0].text.split()[:4])
        assert re.search(rf"<li><em>Untitled:</em> {re.escape(first_words)}", html)


@pytest.mark.django_db
class TestTheFileNameIsRequiredByTheServer:
    @pytest.mark.parametrize("action", ["_preview", "_save"])
    @pytest.mark.parametrize("source", [None, "", "   "])
    def test_a_missing_file_name_is_a_form_error(self, admin_client, action, source):
        data = {"text": article(), action: "Go"}
        if source is not None:
            data["source"] = source
        response = admin_client.post(IMPORT_TEXT, data)
        assert response.status_code == 200
        assert response.context["form"].errors["source"] == [
            "Give the document a file name, e.g. chased-by-a-dog.txt."
        ]
        assert "Give the document a file name" in response.content.decode()
        assert response.context["preview"] is None
        assert not Interpretation.objects.exists()

    @pytest.mark.parametrize("source", [".", "..", "-"])
    def test_a_name_with_no_letter_or_digit_is_refused(self, admin_client, source):
        response = admin_client.post(
            IMPORT_TEXT, {"source": source, "text": article(), "_save": "Save"}
        )
        assert "at least one letter or digit" in response.content.decode()
        assert not Interpretation.objects.exists()
