"""Password guessing is limited whatever the guesser does in between (issue 17).

Each test names the attack or the innocent person it protects; the rules are in
accounts.lockout."""

import datetime as dt
import re

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.core import mail
from django.db.models import F
from django.test import Client
from django.urls import reverse

from accounts.lockout import (
    FREE_FAILURES,
    LONGEST_WAIT,
    TRUSTED_COOKIE,
    wait_after,
    wait_words,
)
from accounts.models import PasswordFailure
from tests.factories import PASSWORD, UserFactory

NEW_PASSWORD = "lanterns-under-the-pier-at-dawn"
LOGIN_LIMIT = 5  # settings.AXES_FAILURE_LIMIT


def log_in(client, username, password, address="198.51.100.7"):
    return client.post(
        reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address
    )


def checked_failures(username) -> int:
    """Wrong passwords actually compared with the account's (refused tries are not)."""
    return PasswordFailure.objects.filter(username=username).count()


def age_everything(by: dt.timedelta) -> None:
    """Move every recorded failure into the past, as if time had passed."""
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - by)
    PasswordFailure.objects.update(failed_at=F("failed_at") - by)


class TestSchedule:
    def test_the_first_failures_cost_nothing(self):
        assert all(wait_after(n) == dt.timedelta(0) for n in range(FREE_FAILURES))

    def test_then_the_wait_doubles_up_to_a_cap(self):
        waits = [wait_after(FREE_FAILURES + n) for n in range(8)]
        assert waits[:3] == [dt.timedelta(seconds=s) for s in (30, 60, 120)]
        assert waits == sorted(waits)
        assert waits[-1] == LONGEST_WAIT
        assert wait_after(10**9) == LONGEST_WAIT

    @pytest.mark.parametrize(
        ("seconds", "words"),
        [
            (0.2, "1 second"),
            (40, "40 seconds"),
            (60, "1 minute"),
            (61, "2 minutes"),
            (900, "15 minutes"),
        ],
    )
    def test_waits_in_words(self, seconds, words):
        assert wait_words(dt.timedelta(seconds=seconds)) == words


@pytest.mark.django_db
class TestOneAccountFromOneAddress:
    def test_own_logins_in_between_do_not_reset_the_count_for_the_victim(self):
        """The reported hole: four guesses, a log-in to one's own account, four more..."""
        victim, attacker = UserFactory(), UserFactory()
        client = Client()
        answered = 0
        for _round in range(4):
            for _guess in range(4):
                response = log_in(client, victim.username, "guess")
                if response.status_code == 429:
                    break
                answered += 1
            assert log_in(Client(), attacker.username, PASSWORD).status_code == 302
        assert answered == LOGIN_LIMIT - 1
        refused = log_in(client, victim.username, PASSWORD)
        assert refused.status_code == 429
        assert AccessAttempt.objects.filter(username=victim.username).exists()

    def test_the_last_try_is_announced_and_the_pause_named_in_words(self, user):
        client = Client()
        for _ in range(LOGIN_LIMIT - 2):
            response = log_in(client, user.username, "guess")
            assert "One more wrong password" not in response.content.decode()
        warned = log_in(client, user.username, "guess").content.decode()
        assert (
            "One more wrong password will pause log-in to this account from here for "
            "15 minutes" in warned
        )
        paused = log_in(client, user.username, "guess")
        assert paused.status_code == 429
        assert "Try again in 15 minutes" in paused.content.decode()
        assert "PT15M" not in paused.content.decode()

    def test_tries_during_the_pause_are_not_counted_and_do_not_extend_it(self, user):
        client = Client()
        for _ in range(LOGIN_LIMIT):
            log_in(client, user.username, "guess")
        age_everything(dt.timedelta(minutes=10))
        for _ in range(3):
            response = log_in(client, user.username, "guess")
        assert "Try again in 5 minutes" in response.content.decode()
        age_everything(dt.timedelta(minutes=6))
        assert log_in(client, user.username, PASSWORD).status_code == 302

    def test_other_accounts_on_the_same_address_are_unaffected(self, user, other_user):
        for _ in range(LOGIN_LIMIT + 2):
            log_in(Client(), user.username, "guess", address="203.0.113.5")
        assert log_in(Client(), other_user.username, PASSWORD, "203.0.113.5").status_code == 302

    def test_guessing_other_accounts_from_an_address_does_not_lock_it(self, user):
        for n in range(3 * LOGIN_LIMIT):
            log_in(Client(), f"ghost{n}", "guess", address="203.0.113.5")
        assert log_in(Client(), user.username, PASSWORD, "203.0.113.5").status_code == 302

    def test_the_same_account_from_elsewhere_is_not_locked(self, user):
        for _ in range(LOGIN_LIMIT + 2):
            log_in(Client(), user.username, "guess", address="203.0.113.5")
        assert log_in(Client(), user.username, PASSWORD, "192.0.2.44").status_code == 302


@pytest.mark.django_db
class TestOneAccountFromEverywhere:
    def test_guesses_from_many_addresses_are_slowed(self, user):
        statuses = [
            log_in(
                Client(), user.username, "guess", address=f"10.9.{n // 250}.{n % 250}"
            ).status_code
            for n in range(40)
        ]
        assert statuses[:FREE_FAILURES] == [200] * FREE_FAILURES
        assert set(statuses[FREE_FAILURES:]) == {429}
        # Only the tries that were answered were compared with the password.
        assert checked_failures(user.username) == FREE_FAILURES

    def test_the_wait_is_said_in_words_and_ends(self, user):
        for n in range(FREE_FAILURES + 1):
            log_in(Client(), user.username, "guess", address=f"10.8.0.{n}")
        refused = log_in(Client(), user.username, PASSWORD, address="10.8.1.1")
        assert refused.status_code == 429
        assert re.search(r"try again in \d+ seconds", refused.content.decode())
        age_everything(dt.timedelta(minutes=1))
        assert log_in(Client(), user.username, PASSWORD, address="10.8.1.1").status_code == 302

    @pytest.mark.slow
    def test_a_guess_a_minute_for_six_hours_is_answered_about_once_a_quarter_hour(self, user):
        answered = 0
        for minute in range(6 * 60):
            address = f"10.7.{minute // 200}.{minute % 200}"
            answered += log_in(Client(), user.username, "guess", address).status_code == 200
            age_everything(dt.timedelta(minutes=1))
        # Ten free, the doubling waits (30 s to 8 min), then one every 15 minutes.
        assert FREE_FAILURES + 5 + 300 // 15 <= answered <= FREE_FAILURES + 6 + 360 // 15

    def test_the_owners_own_browser_is_not_slowed_by_someone_elses_guessing(self, user):
        own_browser = Client()
        assert log_in(own_browser, user.username, PASSWORD, "192.0.2.10").status_code == 302
        assert TRUSTED_COOKIE in own_browser.cookies
        own_browser.post(reverse("logout"))
        for n in range(FREE_FAILURES + 10):
            log_in(Client(), user.username, "guess", address=f"10.6.0.{n}")
        assert log_in(Client(), user.username, PASSWORD, "192.0.2.10").status_code == 429
        assert log_in(own_browser, user.username, PASSWORD, "192.0.2.10").status_code == 302

    def test_a_cookie_from_another_account_or_forged_earns_no_trust(self, user, other_user):
        browser = Client()
        log_in(browser, other_user.username, PASSWORD)
        browser.cookies[TRUSTED_COOKIE] = "forged"
        for n in range(FREE_FAILURES - 1):
            log_in(Client(), user.username, "guess", address=f"10.5.0.{n}")
        assert log_in(browser, user.username, "guess").status_code == 200
        assert log_in(browser, user.username, PASSWORD).status_code == 429

    def test_a_trusted_browser_still_has_the_pair_limit(self, user):
        browser = Client()
        log_in(browser, user.username, PASSWORD)
        browser.post(reverse("logout"))
        for _ in range(LOGIN_LIMIT):
            log_in(browser, user.username, "guess")
        assert log_in(browser, user.username, PASSWORD).status_code == 429


def reset_password(client, user, password=NEW_PASSWORD, address="198.51.100.7"):
    mail.outbox.clear()
    client.post(reverse("password_reset"), {"email": user.email}, REMOTE_ADDR=address)
    link = re.search(r"http://testserver(/accounts/reset/\S+/)", mail.outbox[0].body).group(1)
    form_page = client.get(link, follow=True)
    return client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": password, "new_password2": password},
        REMOTE_ADDR=address,
    )


@pytest.mark.django_db
class TestPasswordReset:
    def test_a_completed_reset_lifts_both_pauses(self, user):
        for n in range(FREE_FAILURES + 2):
            log_in(Client(), user.username, "guess", address=f"10.4.0.{n % 3}")
        assert log_in(Client(), user.username, PASSWORD, "10.4.0.1").status_code == 429
        assert reset_password(Client(), user).status_code == 302
        assert log_in(Client(), user.username, NEW_PASSWORD, "10.4.0.1").status_code == 302

    def test_an_abandoned_reset_lifts_nothing(self, user):
        for _ in range(LOGIN_LIMIT):
            log_in(Client(), user.username, "guess")
        Client().post(reverse("password_reset"), {"email": user.email})
        assert log_in(Client(), user.username, PASSWORD).status_code == 429

    def test_a_reset_withdraws_the_trust_of_browsers_that_knew_the_old_password(self, user):
        old_browser = Client()
        log_in(old_browser, user.username, PASSWORD)
        reset_password(Client(), user)
        for n in range(FREE_FAILURES + 1):
            log_in(Client(), user.username, "guess", address=f"10.3.0.{n}")
        assert log_in(old_browser, user.username, NEW_PASSWORD).status_code == 429


@pytest.mark.django_db
class TestPasswordPromptsInsideASession:
    def test_account_deletion_answers_at_most_the_limit_of_wrong_passwords(self, user):
        client = Client(REMOTE_ADDR="198.51.100.9")
        client.force_login(user)
        statuses = [
            client.post(reverse("account_delete"), {"password": "guess"}).status_code
            for _ in range(12)
        ]
        assert statuses == [200] * (LOGIN_LIMIT - 1) + [429] * (12 - LOGIN_LIMIT + 1)
        assert client.post(reverse("account_delete"), {"password": PASSWORD}).status_code == 429
        assert get_user_model().objects.filter(pk=user.pk).exists()

    def test_password_change_answers_at_most_the_limit_of_wrong_passwords(self, user):
        client = Client(REMOTE_ADDR="198.51.100.9")
        client.force_login(user)
        data = {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
        statuses = [
            client.post(reverse("password_change"), {**data, "old_password": "guess"}).status_code
            for _ in range(12)
        ]
        assert statuses == [200] * (LOGIN_LIMIT - 1) + [429] * (12 - LOGIN_LIMIT + 1)
        user.refresh_from_db()
        assert user.check_password(PASSWORD)

    @pytest.mark.parametrize("prompt", ["account_delete", "password_change"])
    def test_the_prompts_announce_the_last_try(self, user, prompt):
        client = Client(REMOTE_ADDR="198.51.100.9")
        client.force_login(user)
        data = {"password": "guess", "old_password": "guess"}
        pages = [client.post(reverse(prompt), data).content.decode() for _ in range(4)]
        assert ["One more wrong password" in page for page in pages] == [False] * 3 + [True]

    def test_prompts_and_log_in_share_one_count(self, user):
        client = Client(REMOTE_ADDR="198.51.100.9")
        client.force_login(user)
        for _ in range(LOGIN_LIMIT - 1):
            client.post(reverse("account_delete"), {"password": "guess"})
        assert log_in(Client(), user.username, "guess", "198.51.100.9").status_code == 429

    def test_a_changed_password_keeps_this_browser_trusted(self, user):
        client = Client()
        log_in(client, user.username, PASSWORD)
        client.post(
            reverse("password_change"),
            {
                "old_password": PASSWORD,
                "new_password1": NEW_PASSWORD,
                "new_password2": NEW_PASSWORD,
            },
        )
        client.post(reverse("logout"))
        for n in range(FREE_FAILURES + 1):
            log_in(Client(), user.username, "guess", address=f"10.2.0.{n}")
        assert log_in(client, user.username, NEW_PASSWORD).status_code == 302
