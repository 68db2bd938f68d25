"""Editing the library in the admin: inlines, import from text, versions, the editors' group."""

import pytest
import reversion
from django.urls import reverse
from reversion.models import Version

from interpretations.management.commands.import_interpretations import BUNDLED_CATALOG
from interpretations.models import Interpretation, TagKind
from tests.factories import EntryFactory, EntryTagFactory, UserFactory

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
def caught(catalog):
    return catalog.get(source="caught.txt")


@pytest.fixture
def superuser(db):
    return UserFactory(is_staff=True, is_superuser=True)


@pytest.fixture
def editor(content_editors):
    user = UserFactory(is_staff=True)
    user.groups.add(content_editors)
    return user


@pytest.mark.django_db
class TestAdminEditing:
    def test_changelist_search_and_filters(self, client, superuser, caught):
        client.force_login(superuser)
        assert client.get(CHANGELIST).status_code == 200
        found = client.get(CHANGELIST, {"q": "Caught"})
        assert list(found.context["cl"].result_list) == [caught]
        assert client.get(CHANGELIST, {"published__exact": "1"}).status_code == 200

    def test_change_page_has_every_part_and_the_public_link(self, client, superuser, caught):
        client.force_login(superuser)
        response = client.get(change_url(caught))
        html = response.content.decode()
        for prefix in ("scenarios", "markers", "arrival_conditions", "faq_entries", "next_stages"):
            assert f'name="{prefix}-TOTAL_FORMS"' in html
        assert caught.get_absolute_url() in html

    def test_editing_a_meaning_keeps_a_version_that_can_be_restored(
        self, client, superuser, caught
    ):
        client.force_login(superuser)
        scenario = caught.tags.filter(kind=TagKind.SCENARIO).first()
        original_meaning = scenario.meaning
        data = form_data(client.get(change_url(caught)))
        # As a browser sends it: every textarea's line breaks as CRLF.
        data = {k: v.replace("\n", "\r\n") if isinstance(v, str) else v for k, v in data.items()}
        data["scenarios-0-meaning"] = "An editor's corrected meaning."
        response = client.post(change_url(caught), data)
        assert response.status_code == 302, [
            f.formset.errors for f in response.context["inline_admin_formsets"]
        ] + [response.context["adminform"].form.errors]
        scenario.refresh_from_db()
        assert scenario.meaning == "An editor's corrected meaning."
        caught.refresh_from_db()
        assert "\r" not in caught.quick_answer + caught.morning_after, "browsers post CRLF"

        versions = Version.objects.get_for_object(caught)
        assert versions.count() == 2  # the import, then the edit
        original = versions.last()
        revision_url = reverse(
            "admin:interpretations_interpretation_revision", args=[caught.pk, original.pk]
        )
        restore = client.post(revision_url, form_data(client.get(revision_url)))
        assert restore.status_code == 302
        scenario.refresh_from_db()
        assert scenario.meaning == original_meaning
        assert Version.objects.get_for_object(caught).count() == 3

    def test_a_tag_added_in_an_inline_is_of_that_inlines_kind(self, client, superuser, caught):
        client.force_login(superuser)
        data = form_data(client.get(change_url(caught)))
        new = int(data["markers-TOTAL_FORMS"])
        data["markers-TOTAL_FORMS"] = str(new + 1)
        data[f"markers-{new}-label"] = "Hands still shaking"
        data[f"markers-{new}-position"] = "9"
        assert client.post(change_url(caught), data).status_code == 302
        assert caught.tags.get(label="Hands still shaking").kind == TagKind.MARKER

    def test_history_lists_versions(self, client, superuser, caught):
        client.force_login(superuser)
        url = reverse("admin:interpretations_interpretation_history", args=[caught.pk])
        assert "Imported from caught.txt" in client.get(url).content.decode()


@pytest.mark.django_db
class TestImportFromText:
    def article(self) -> str:
        return (BUNDLED_CATALOG / "frozen-in-place.txt").read_text()

    def test_preview_then_save(self, client, superuser):
        client.force_login(superuser)
        data = {"source": "pasted.txt", "text": self.article(), "_preview": "Preview"}
        preview = client.post(IMPORT_TEXT, data)
        assert preview.status_code == 200
        assert preview.context["preview"].title.startswith("Frozen Solid")
        assert "Scenarios (" in preview.content.decode()
        assert not Interpretation.objects.exists()

        saved = client.post(IMPORT_TEXT, {**data, "_save": "Save"})
        interpretation = Interpretation.objects.get(source="pasted.txt")
        assert saved.url == change_url(interpretation)
        assert interpretation.tags.filter(kind=TagKind.SCENARIO).exists()
        version = Version.objects.get_for_object(interpretation).get()
        assert version.revision.user == superuser

    def test_unreadable_text_shows_the_error_and_saves_nothing(self, client, superuser):
        client.force_login(superuser)
        response = client.post(
            IMPORT_TEXT, {"source": "x.txt", "text": "just a line", "_save": "Save"}
        )
        assert response.status_code == 200
        assert "could not be read" in response.content.decode()
        assert not Interpretation.objects.exists()

    def test_source_must_be_a_plain_file_name(self, client, superuser):
        client.force_login(superuser)
        response = client.post(
            IMPORT_TEXT, {"source": "../etc/x.txt", "text": self.article(), "_save": "Save"}
        )
        assert "without folders" in response.content.decode()

    @pytest.mark.parametrize("button", ["_preview", "_save"])
    def test_a_title_longer_than_its_column_is_a_form_error(self, client, superuser, button):
        client.force_login(superuser)
        long_title = "Frozen " + "Pneumonoultramicroscopicsilicovolcanoconiosis " * 5 + "Solid"
        article = self.article().replace("Frozen Solid", long_title, 1)
        response = client.post(IMPORT_TEXT, {"source": "long.txt", "text": article, button: "Go"})
        assert response.status_code == 200
        assert "at most 200 fit" in response.content.decode()
        assert not Interpretation.objects.filter(source="long.txt").exists()

    def test_script_in_an_imported_article_is_shown_as_text(self, client, superuser, user):
        client.force_login(superuser)
        article = self.article().replace(
            "Frozen Solid", "Frozen <script>alert(1)</script> Solid", 1
        )
        client.post(IMPORT_TEXT, {"source": "xss.txt", "text": article, "_save": "Save"})
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
    def test_editors_can_edit_the_library(self, client, editor, caught):
        client.force_login(editor)
        assert client.get(CHANGELIST).status_code == 200
        change_page = client.get(change_url(caught))
        assert change_page.status_code == 200
        assert 'name="scenarios-TOTAL_FORMS"' in change_page.content.decode()
        assert 'name="markers-TOTAL_FORMS"' in change_page.content.decode()
        assert client.get(IMPORT_TEXT).status_code == 200

    def test_editors_can_do_nothing_else(self, client, editor, user, content_editors):
        client.force_login(editor)
        assert client.get(reverse("admin:auth_user_changelist")).status_code == 403
        assert client.get(reverse("admin:auth_user_change", args=[user.pk])).status_code == 403
        assert client.get(reverse("admin:auth_group_changelist")).status_code == 403
        permissions = {
            p.content_type.app_label
            for p in content_editors.permissions.select_related("content_type")
        }
        assert permissions == {"interpretations"}


@pytest.mark.django_db
def test_saving_in_the_admin_re_scores_entries_but_keeps_what_the_user_chose(
    client, superuser, caught, user, django_capture_on_commit_callbacks
):
    import datetime as dt

    from journal.models import Origin
    from journal.tagging import rescore_entries

    narrative = "I ran and ran but the road kept stretching out, I stayed in the same spot."
    suggested = EntryFactory(user=user, night=dt.date(2026, 1, 1), narrative=narrative)
    chosen = EntryFactory(
        user=user,
        night=dt.date(2026, 1, 2),
        narrative=narrative,
        interpretation=caught,
        interpretation_origin=Origin.USER,
    )
    rescore_entries()
    suggested.refresh_from_db()
    running = suggested.interpretation
    assert running is not None and running != caught

    client.force_login(superuser)
    data = form_data(client.get(change_url(running)))
    del data["published"]
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(change_url(running), data).status_code == 302

    suggested.refresh_from_db()
    chosen.refresh_from_db()
    assert suggested.interpretation != running, "re-scored against the changed library"
    assert chosen.interpretation == caught and chosen.interpretation_origin == Origin.USER


@pytest.mark.django_db
def test_unpublishing_from_the_list_is_versioned_and_reaches_the_matcher(
    client, superuser, caught, django_capture_on_commit_callbacks
):
    from interpretations.library import current_matcher

    before = Interpretation.objects.library_version()
    client.force_login(superuser)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            CHANGELIST,
            {"action": "unpublish", "_selected_action": [caught.pk], "index": 0},
        )
    assert response.status_code == 302
    caught.refresh_from_db()
    assert not caught.published
    assert Interpretation.objects.library_version() != before
    assert Version.objects.get_for_object(caught).count() == 2
    assert caught.pk not in current_matcher().interpretations


@pytest.mark.django_db
class TestBlankSlugWithAnotherError:
    """Issue 17: a cleared slug beside another error re-renders the form, never a 500."""

    def revision_url(self, caught) -> str:
        version = Version.objects.get_for_object(caught).get()
        return reverse(
            "admin:interpretations_interpretation_revision", args=[caught.pk, version.pk]
        )

    def recover_url(self, caught) -> str:
        version = Version.objects.get_for_object(caught).get()
        caught.delete()
        return reverse("admin:interpretations_interpretation_recover", args=[version.pk])

    @pytest.mark.parametrize("view", ["change", "revision", "recover"])
    def test_the_form_answers_with_its_errors(self, client, superuser, caught, view):
        url = {
            "change": change_url,
            "revision": self.revision_url,
            "recover": self.recover_url,
        }[view](caught)
        client.force_login(superuser)
        data = form_data(client.get(url))
        data.update(slug="", title="")
        response = client.post(url, data)
        assert response.status_code == 200
        assert response.context["adminform"].form.errors["title"] == ["This field is required."]
        saved = Interpretation.objects.filter(source="caught.txt")
        assert list(saved.values_list("slug", flat=True)) == (
            [] if view == "recover" else [caught.slug]
        )

    def test_an_unsaved_interpretation_has_no_public_page_yet(self, client, superuser):
        client.force_login(superuser)
        add = reverse("admin:interpretations_interpretation_add")
        response = client.post(add, {**form_data(client.get(add)), "slug": "a-slug"})
        assert response.status_code == 200
        assert "/library/a-slug/" not in response.content.decode()
        assert not Interpretation.objects.exists()


def chosen_tag(user, scenario):
    """A user's dream with scenario accepted on it, as the journal saves it."""
    return EntryTagFactory(entry__user=user, tag=scenario, accepted=True)


@pytest.mark.django_db
class TestRestoreKeepsUsersTags:
    """Issue 17: reversion deletes the parts an old version lacks, and their users' tags."""

    def two_versions(self):
        with reversion.create_revision():
            interpretation = Interpretation.objects.create(title="Chased")
            interpretation.tags.create(kind=TagKind.SCENARIO, label="Something follows me")
        with reversion.create_revision():
            added = interpretation.tags.create(
                kind=TagKind.SCENARIO, label="A door that will not open", position=1
            )
            interpretation.save()
        return interpretation, added

    def revision_url(self, interpretation, version) -> str:
        return reverse(
            "admin:interpretations_interpretation_revision", args=[interpretation.pk, version.pk]
        )

    def test_a_restore_that_would_delete_a_chosen_tag_is_refused(self, client, superuser, user):
        interpretation, added = self.two_versions()
        tag = chosen_tag(user, added)
        first = Version.objects.get_for_object(interpretation).last()
        client.force_login(superuser)
        url = self.revision_url(interpretation, first)
        page = client.get(url)
        assert page.status_code == 200
        assert "A door that will not open" in page.content.decode(), "the reason, shown first"

        refused = client.post(url, form_data(page), follow=True)
        assert refused.redirect_chain[-1][0] == reverse(
            "admin:interpretations_interpretation_history", args=[interpretation.pk]
        )
        assert "cannot be restored" in refused.content.decode()
        assert "A door that will not open" in refused.content.decode()
        tag.refresh_from_db()
        assert tag.accepted and tag.tag == added
        assert Version.objects.get_for_object(interpretation).count() == 2

    def test_parts_no_user_chose_are_removed_as_before(self, client, superuser, user):
        interpretation, added = self.two_versions()
        suggestion = chosen_tag(user, added)
        suggestion.accepted = False
        suggestion.save()
        first = Version.objects.get_for_object(interpretation).last()
        client.force_login(superuser)
        url = self.revision_url(interpretation, first)
        assert client.post(url, form_data(client.get(url))).status_code == 302
        scenarios = interpretation.tags.filter(kind=TagKind.SCENARIO)
        assert list(scenarios.values_list("label", flat=True)) == ["Something follows me"]

    def test_recovering_from_a_shared_revision_cannot_delete_a_chosen_tag(
        self, client, superuser, user
    ):
        # One revision holding two interpretations, as the changelist's publish action saves.
        interpretation, _ = self.two_versions()
        with reversion.create_revision():
            deleted = Interpretation.objects.create(title="Falling")
            interpretation.save()
        added = interpretation.tags.create(
            kind=TagKind.SCENARIO, label="Stairs with no end", position=2
        )
        tag = chosen_tag(user, added)
        version = Version.objects.get_for_object(deleted).get()
        deleted.delete()
        client.force_login(superuser)
        url = reverse("admin:interpretations_interpretation_recover", args=[version.pk])
        refused = client.post(url, form_data(client.get(url)), follow=True)
        assert "Stairs with no end" in refused.content.decode()
        assert type(tag).objects.filter(pk=tag.pk, accepted=True).exists()
        assert not Interpretation.objects.filter(title="Falling").exists()
