"""The pause on one account from one address, as a person meets it, lifted by a completed
password reset as the page promises (issue 14's sign-in points; the rules are issue 17's)."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.accounts.test_lockout import LOGIN_LIMIT, NEW_PASSWORD, log_in, reset_password
from tests.factories import PASSWORD


def pause(username: str) -> None:
    for _ in range(LOGIN_LIMIT):
        log_in(Client(), username, "guess")


@pytest.mark.django_db
class TestAResetLiftsThePause:
    def test_the_paused_page_offers_the_reset(self, user):
        pause(user.username)
        refused = log_in(Client(), user.username, PASSWORD)
        assert refused.status_code == 429
        html = refused.content.decode()
        assert "Resetting your password lifts the pause at once" in html
        assert reverse("password_reset") in html

    def test_a_completed_reset_lifts_the_pause_on_this_account_from_this_address(self, user):
        pause(user.username)
        assert log_in(Client(), user.username, PASSWORD).status_code == 429
        assert reset_password(Client(), user).status_code == 302
        assert log_in(Client(), user.username, NEW_PASSWORD).status_code == 302

    def test_it_lifts_that_accounts_pause_alone(self, user, other_user):
        pause(user.username)
        pause(other_user.username)
        reset_password(Client(), user)
        assert log_in(Client(), user.username, NEW_PASSWORD).status_code == 302
        assert log_in(Client(), other_user.username, PASSWORD).status_code == 429
