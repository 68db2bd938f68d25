"""Editing the library in the admin: inlines, import from text, versions, the editors' group."""

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse
from reversion.models import Version

from interpretations.management.commands.import_interpretations import BUNDLED_CATALOG
from interpretations.models import Interpretation
from tests.factories import UserFactory

CHANGELIST = reverse("admin:interpretations_interpretation_changelist")
IMPORT_TEXT = reverse("admin:interpretations_interpretation_import_text")


def change_url(interpretation) -> str:
    return reverse("admin:interpretations_interpretation_change", args=[interpretation.pk])


def form_data(response) -> dict:
    """The POST data a browser would send back from an admin change form, unchanged."""
    data = {}
    forms = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        forms.extend(formset.forms)
        for field in formset.management_form:
            data[field.html_name] = field.value()
    for form in forms:
        for field in form:
            value = field.value()
            if value is None or value is False:
                continue
            data[field.html_name] = value
    return data


@pytest.fixture
def catalog(db):
    call_command("import_interpretations", stdout=None)
    return Interpretation.objects.get(source="caught.txt")


@pytest.fixture
def superuser(db):
    return UserFactory(is_staff=True, is_superuser=True)


@pytest.fixture
def editor(db):
    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name="Content editors"))
    return user


@pytest.mark.django_db
class TestAdminEditing:
    def test_changelist_search_and_filters(self, client, superuser, catalog):
        client.force_login(superuser)
        assert client.get(CHANGELIST).status_code == 200
        found = client.get(CHANGELIST, {"q": "Caught"})
        assert list(found.context["cl"].result_list) == [catalog]
        assert client.get(CHANGELIST, {"published__exact": "1"}).status_code == 200

    def test_change_page_has_every_part_and_the_public_link(self, client, superuser, catalog):
        client.force_login(superuser)
        response = client.get(change_url(catalog))
        html = response.content.decode()
        for prefix in ("scenarios", "markers", "arrival_conditions", "faq_entries", "next_stages"):
            assert f'name="{prefix}-TOTAL_FORMS"' in html
        assert catalog.get_absolute_url() in html

    def test_editing_a_meaning_keeps_a_version_that_can_be_restored(
        self, client, superuser, catalog
    ):
        client.force_login(superuser)
        scenario = catalog.scenarios.first()
        original_meaning = scenario.meaning
        data = form_data(client.get(change_url(catalog)))
        # As a browser sends it: every textarea's line breaks as CRLF.
        data = {k: v.replace("\n", "\r\n") if isinstance(v, str) else v for k, v in data.items()}
        data["scenarios-0-meaning"] = "An editor's corrected meaning."
        response = client.post(change_url(catalog), data)
        assert response.status_code == 302, [
            f.formset.errors for f in response.context["inline_admin_formsets"]
        ] + [response.context["adminform"].form.errors]
        scenario.refresh_from_db()
        assert scenario.meaning == "An editor's corrected meaning."
        catalog.refresh_from_db()
        assert "\r" not in catalog.quick_answer + catalog.morning_after, "browsers post CRLF"

        versions = Version.objects.get_for_object(catalog)
        assert versions.count() == 2  # the import, then the edit
        original = versions.last()
        revision_url = reverse(
            "admin:interpretations_interpretation_revision", args=[catalog.pk, original.pk]
        )
        restore = client.post(revision_url, form_data(client.get(revision_url)))
        assert restore.status_code == 302
        scenario.refresh_from_db()
        assert scenario.meaning == original_meaning
        assert Version.objects.get_for_object(catalog).count() == 3

    def test_history_lists_versions(self, client, superuser, catalog):
        client.force_login(superuser)
        url = reverse("admin:interpretations_interpretation_history", args=[catalog.pk])
        assert "Imported from caught.txt" in client.get(url).content.decode()


@pytest.mark.django_db
class TestImportFromText:
    def article(self) -> str:
        return (BUNDLED_CATALOG / "frozen-in-place.txt").read_text()

    def test_preview_then_save(self, client, superuser):
        client.force_login(superuser)
        data = {"source": "pasted.txt", "text": self.article(), "action": "preview"}
        preview = client.post(IMPORT_TEXT, data)
        assert preview.status_code == 200
        assert preview.context["preview"].title.startswith("Frozen Solid")
        assert "Scenarios (" in preview.content.decode()
        assert not Interpretation.objects.exists()

        saved = client.post(IMPORT_TEXT, {**data, "action": "save"})
        interpretation = Interpretation.objects.get(source="pasted.txt")
        assert saved.url == change_url(interpretation)
        assert interpretation.scenarios.exists()
        version = Version.objects.get_for_object(interpretation).get()
        assert version.revision.user == superuser

    def test_unreadable_text_shows_the_error_and_saves_nothing(self, client, superuser):
        client.force_login(superuser)
        response = client.post(
            IMPORT_TEXT, {"source": "x.txt", "text": "just a line", "action": "save"}
        )
        assert response.status_code == 200
        assert "could not be read" in response.content.decode()
        assert not Interpretation.objects.exists()

    def test_source_must_be_a_plain_file_name(self, client, superuser):
        client.force_login(superuser)
        response = client.post(
            IMPORT_TEXT, {"source": "../etc/x.txt", "text": self.article(), "action": "save"}
        )
        assert "without folders" in response.content.decode()

    def test_script_in_an_imported_article_is_shown_as_text(self, client, superuser, user):
        client.force_login(superuser)
        article = self.article().replace(
            "Frozen Solid", "Frozen <script>alert(1)</script> Solid", 1
        )
        client.post(IMPORT_TEXT, {"source": "xss.txt", "text": article, "action": "save"})
        interpretation = Interpretation.objects.get(source="xss.txt")
        client.force_login(user)
        html = client.get(interpretation.get_absolute_url()).content.decode()
        assert "<script>alert(1)</script>" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html

    def test_anonymous_and_non_staff_cannot_import(self, client, user):
        assert client.get(IMPORT_TEXT).status_code == 302
        client.force_login(user)
        assert client.get(IMPORT_TEXT).status_code == 302


@pytest.mark.django_db
class TestContentEditors:
    def test_editors_can_edit_the_library(self, client, editor, catalog):
        client.force_login(editor)
        assert client.get(CHANGELIST).status_code == 200
        assert client.get(change_url(catalog)).status_code == 200
        assert client.get(IMPORT_TEXT).status_code == 200

    def test_editors_can_do_nothing_else(self, client, editor, user):
        client.force_login(editor)
        assert client.get(reverse("admin:auth_user_changelist")).status_code == 403
        assert client.get(reverse("admin:auth_user_change", args=[user.pk])).status_code == 403
        assert client.get(reverse("admin:auth_group_changelist")).status_code == 403
        permissions = {
            p.content_type.app_label
            for p in Group.objects.get(name="Content editors").permissions.select_related(
                "content_type"
            )
        }
        assert permissions == {"interpretations"}


@pytest.mark.django_db
def test_saving_in_the_admin_re_scores_entries_but_keeps_what_the_user_chose(
    client, superuser, catalog, user, django_capture_on_commit_callbacks
):
    import datetime as dt

    from journal.models import Entry, Origin
    from journal.tagging import rescore_entries

    narrative = "I ran and ran but the road kept stretching out, I stayed in the same spot."
    suggested = Entry.objects.create(user=user, night=dt.date(2026, 1, 1), narrative=narrative)
    chosen = Entry.objects.create(
        user=user,
        night=dt.date(2026, 1, 2),
        narrative=narrative,
        interpretation=catalog,
        interpretation_origin=Origin.USER,
    )
    rescore_entries()
    suggested.refresh_from_db()
    running = suggested.interpretation
    assert running is not None and running != catalog

    client.force_login(superuser)
    data = form_data(client.get(change_url(running)))
    del data["published"]
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(change_url(running), data).status_code == 302

    suggested.refresh_from_db()
    chosen.refresh_from_db()
    assert suggested.interpretation != running, "re-scored against the changed library"
    assert chosen.interpretation == catalog and chosen.interpretation_origin == Origin.USER


@pytest.mark.django_db
def test_unpublishing_from_the_list_is_versioned_and_reaches_the_matcher(
    client, superuser, catalog, django_capture_on_commit_callbacks
):
    from interpretations.library import current_matcher

    before = Interpretation.objects.library_version()
    client.force_login(superuser)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            CHANGELIST,
            {"action": "unpublish", "_selected_action": [catalog.pk], "index": 0},
        )
    assert response.status_code == 302
    catalog.refresh_from_db()
    assert not catalog.published
    assert Interpretation.objects.library_version() != before
    assert Version.objects.get_for_object(catalog).count() == 2
    assert catalog.pk not in current_matcher().interpretations
