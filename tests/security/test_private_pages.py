"""What a signed-in person's pages leave behind, and second submissions of one form (issue 17)."""

import uuid

import pytest
from django.contrib.messages.storage.cookie import CookieStorage
from django.test import Client
from django.urls import reverse

from journal.models import Entry
from tests.journal.test_entry_views import entry_for, post_data

PRIVATE_PAGES = ["home", "calendar", "patterns", "account_settings", "account_delete"]


@pytest.mark.django_db
class TestNothingIsKept:
    @pytest.mark.parametrize("name", PRIVATE_PAGES)
    def test_private_pages_are_not_stored(self, signed_in, name):
        cache_control = signed_in.get(reverse(name))["Cache-Control"]
        assert "private" in cache_control and "no-store" in cache_control

    def test_an_entry_page_is_not_stored(self, signed_in, user):
        entry = entry_for(user)
        cache_control = signed_in.get(entry.get_absolute_url())["Cache-Control"]
        assert "no-store" in cache_control

    def test_public_pages_keep_their_caching(self, client):
        assert "no-store" not in client.get(reverse("home")).get("Cache-Control", "")

    def test_the_message_cookie_never_carries_a_dreams_title(self, signed_in, user):
        title = "Teeth crumbling at the wedding"
        entry = entry_for(user, title=title)
        for response in (
            signed_in.post(reverse("entry_delete", args=[entry.pk])),
            signed_in.post(reverse("entry_restore", args=[entry.pk])),
            signed_in.post(reverse("entry_create"), post_data(title=title)),
        ):
            assert title not in messages_in_cookie(response)


def messages_in_cookie(response) -> str:
    """The text of the flash messages a response leaves in the (signed, readable) cookie."""
    cookie = response.cookies.get(CookieStorage.cookie_name)
    if cookie is None or not cookie.value:
        return ""
    return " ".join(message.message for message in CookieStorage(None)._decode(cookie.value))


@pytest.mark.django_db
class TestSubmissionTokens:
    def test_another_users_token_saves_a_new_dream(self, signed_in, user, other_user):
        token = str(uuid.uuid4())
        theirs = Client()
        theirs.force_login(other_user)
        theirs.post(reverse("entry_create"), post_data(submission_token=token))
        response = signed_in.post(
            reverse("entry_create"), post_data(submission_token=token, title="Mine")
        )
        assert response.status_code == 302
        mine = Entry.objects.get(user=user)
        assert mine.title == "Mine"
        assert Entry.objects.filter(user=other_user).count() == 1

    def test_a_token_of_a_deleted_dream_keeps_the_text_and_says_why(self, signed_in, user):
        data = post_data(submission_token=str(uuid.uuid4()), narrative="The lift fell slowly.")
        saved = signed_in.post(reverse("entry_create"), data)
        entry = Entry.objects.get(user=user)
        signed_in.post(reverse("entry_delete", args=[entry.pk]))
        again = signed_in.post(reverse("entry_create"), data)
        assert again.status_code == 200
        html = again.content.decode()
        assert "then deleted it" in html and "The lift fell slowly." in html
        assert saved.url != again.get("Location")
        # Saving once more, with the fresh token the form now carries, keeps it as a new dream.
        fresh = again.context["form"]["submission_token"].value()
        assert fresh != data["submission_token"]
        kept = signed_in.post(reverse("entry_create"), {**data, "submission_token": fresh})
        assert kept.status_code == 302
        assert Entry.objects.for_user(user).get().narrative == "The lift fell slowly."
