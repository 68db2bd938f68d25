"""Deleting an account: the password again, then the user, entries and tags gone for good."""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.db.models.signals import post_delete
from django.urls import reverse

from interpretations.models import Interpretation
from journal.models import Entry, EntryTag, Profile
from tests.factories import PASSWORD, EntryFactory, EntryTagFactory, TagFactory

User = get_user_model()


@pytest.fixture
def interpretation(db):
    return TagFactory(
        interpretation__title="Running in place", label="road keeps stretching"
    ).interpretation


def dream(user, interpretation, text: str) -> Entry:
    entry = EntryFactory(
        user=user, night=dt.date(2026, 10, 1), narrative=text, interpretation=interpretation
    )
    EntryTagFactory(entry=entry, tag=interpretation.tags.first(), accepted=True)
    Profile.for_user(user)
    return entry


@pytest.fixture
def two_journals(user, other_user, interpretation):
    dream(user, interpretation, "My road kept stretching.")
    dream(user, interpretation, "Again the road.")
    dream(other_user, interpretation, "Someone else's road.")


def test_get_asks_for_the_password(client, user):
    client.force_login(user)
    response = client.get(reverse("account_delete"))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="password"' in html and 'type="password"' in html


def test_right_password_deletes_everything_of_the_user_only(client, user, other_user, two_journals):
    client.force_login(user)
    response = client.post(reverse("account_delete"), {"password": PASSWORD}, follow=True)
    assert response.redirect_chain[0] == (reverse("home"), 302)
    assert "all its dreams are deleted" in response.content.decode()
    assert not response.context["user"].is_authenticated
    assert not User.objects.filter(pk=user.pk).exists()
    assert not Entry.objects.filter(user_id=user.pk).exists()
    assert not EntryTag.objects.filter(entry__user_id=user.pk).exists()
    assert not Profile.objects.filter(user_id=user.pk).exists()
    # Everyone else's data, and the library, are untouched.
    assert Entry.objects.filter(user=other_user).count() == 1
    assert EntryTag.objects.filter(entry__user=other_user).count() == 1
    assert Profile.objects.filter(user=other_user).exists()
    assert Interpretation.objects.count() == 1
    # The old session opens nothing.
    assert client.get(reverse("home")).context["user"].is_anonymous


@pytest.mark.parametrize("password", ["", "wrong-password", PASSWORD + " "])
def test_wrong_password_deletes_nothing(client, user, two_journals, password):
    client.force_login(user)
    response = client.post(reverse("account_delete"), {"password": password})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Nothing was deleted" in html or "Enter your password" in html
    assert User.objects.filter(pk=user.pk).exists()
    assert Entry.objects.filter(user=user).count() == 2
    assert EntryTag.objects.filter(entry__user=user).count() == 2


def test_anonymous_is_sent_to_log_in(client, db):
    response = client.post(reverse("account_delete"), {"password": PASSWORD})
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_wrong_method(client, user):
    client.force_login(user)
    assert client.put(reverse("account_delete")).status_code == 405


def test_a_failure_midway_deletes_nothing(client, user, two_journals):
    """One transaction: if deleting fails after the entries went, they come back."""

    def explode(sender, instance, **kwargs):
        raise RuntimeError("disk full")

    post_delete.connect(explode, sender=Entry, dispatch_uid="test-explode")
    try:
        client.force_login(user)
        with pytest.raises(RuntimeError):
            client.post(reverse("account_delete"), {"password": PASSWORD})
    finally:
        post_delete.disconnect(sender=Entry, dispatch_uid="test-explode")
    assert User.objects.filter(pk=user.pk).exists()
    assert Entry.objects.filter(user=user).count() == 2
    assert EntryTag.objects.filter(entry__user=user).count() == 2
