"""Accounts: sign-up, log-in, log-out, password change and reset (the lock-out rules are
tested in tests/accounts/test_lockout.py)."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client
from django.urls import reverse

from tests.factories import PASSWORD

User = get_user_model()
STRONG_PASSWORD = "lucid-moths-over-the-harbour"


def signup(client, **overrides):
    data = {
        "username": "sleepwalker",
        "email": "",
        "password1": STRONG_PASSWORD,
        "password2": STRONG_PASSWORD,
        **overrides,
    }
    return client.post(reverse("signup"), data)


@pytest.mark.django_db
class TestSignUp:
    def test_get_shows_the_form(self, client):
        response = client.get(reverse("signup"))
        assert response.status_code == 200
        assert b'name="username"' in response.content

    def test_creates_the_account_logs_in_and_opens_the_journal(self, client):
        response = signup(client)
        assert response.status_code == 302
        assert response.url == reverse("home")
        assert User.objects.filter(username="sleepwalker").exists()
        journal = client.get(reverse("home"))
        assert b"Your journal" in journal.content

    @pytest.mark.parametrize(
        ("overrides", "message"),
        [
            ({"username": "Dreamer0"}, "already exists"),
            ({"password1": "password", "password2": "password"}, "too common"),
            ({"password2": "something-else-entirely"}, "didn’t match"),
            ({"username": "x" * 151}, "at most 150 characters"),
            ({"username": "bad name!"}, "Enter a valid username"),
            ({"email": "not-an-address"}, "valid email address"),
        ],
    )
    def test_bad_input_shows_the_error_and_creates_nothing(self, client, overrides, message):
        User.objects.create_user("dreamer0", password=PASSWORD)
        before = User.objects.count()
        response = signup(client, **overrides)
        assert response.status_code == 200
        assert message in response.content.decode()
        assert User.objects.count() == before

    def test_signed_in_user_is_sent_to_the_journal(self, client, user):
        client.force_login(user)
        assert client.get(reverse("signup")).url == reverse("home")

    def test_wrong_method(self, client):
        assert client.put(reverse("signup")).status_code == 405


@pytest.mark.django_db
class TestLogin:
    def test_logs_in_and_out(self, client, user):
        response = client.post(reverse("login"), {"username": user.username, "password": PASSWORD})
        assert response.status_code == 302
        assert client.get(reverse("home")).context["user"] == user
        client.post(reverse("logout"))
        assert not client.get(reverse("home")).context["user"].is_authenticated

    def test_wrong_password_is_refused(self, client, user):
        response = client.post(reverse("login"), {"username": user.username, "password": "nope"})
        assert response.status_code == 200
        assert "Please enter a correct username and password" in response.content.decode()

    def test_repeated_failures_lock_the_account_with_a_clear_message(self, client, user):
        for _ in range(5):
            client.post(reverse("login"), {"username": user.username, "password": "wrong"})
        # Even the right password is refused while the lock holds, from a fresh client.
        response = Client().post(
            reverse("login"), {"username": user.username, "password": PASSWORD}
        )
        assert response.status_code == 429
        assert "Log-in is paused" in response.content.decode()

    def test_post_without_csrf_token_is_forbidden(self, user):
        strict = Client(enforce_csrf_checks=True)
        response = strict.post(reverse("login"), {"username": user.username, "password": PASSWORD})
        assert response.status_code == 403
        assert "This form has expired" in response.content.decode()


@pytest.mark.django_db
class TestPasswords:
    def test_change_password(self, client, user):
        client.force_login(user)
        response = client.post(
            reverse("password_change"),
            {
                "old_password": PASSWORD,
                "new_password1": STRONG_PASSWORD,
                "new_password2": STRONG_PASSWORD,
            },
        )
        assert response.url == reverse("password_change_done")
        user.refresh_from_db()
        assert user.check_password(STRONG_PASSWORD)

    def test_change_password_requires_login(self, client):
        response = client.get(reverse("password_change"))
        assert response.status_code == 302
        assert reverse("login") in response.url

    def test_reset_password_by_email(self, client, user):
        client.post(reverse("password_reset"), {"email": user.email})
        assert len(mail.outbox) == 1
        link = re.search(r"http://testserver(/accounts/reset/\S+/)", mail.outbox[0].body)
        assert link, mail.outbox[0].body
        form_page = client.get(link.group(1), follow=True)
        assert form_page.context["validlink"]
        client.post(
            form_page.redirect_chain[-1][0],
            {"new_password1": STRONG_PASSWORD, "new_password2": STRONG_PASSWORD},
        )
        user.refresh_from_db()
        assert user.check_password(STRONG_PASSWORD)


@pytest.mark.django_db
class TestSignUpTimeZone:
    def test_the_browsers_time_zone_is_kept(self, client):
        from journal.models import Profile

        signup(client, time_zone="Australia/Sydney")
        user = User.objects.get(username="sleepwalker")
        assert Profile.for_user(user).time_zone == "Australia/Sydney"

    def test_an_unknown_time_zone_falls_back_to_the_servers(self, client, settings):
        from journal.models import Profile

        signup(client, time_zone="Mars/Olympus")
        user = User.objects.get(username="sleepwalker")
        assert Profile.for_user(user).time_zone == settings.TIME_ZONE
