"""How many passwords anyone may try, whatever they do in between (issue 17).

Three rules, each against a different attacker, hold together:

1. One account from one address (django-axes): five wrong passwords pause that pair for
   15 minutes. Other accounts on the same address and the same account elsewhere are
   unaffected, and only the pair's own successful log-in clears it: logging in to one's own
   account clears nothing recorded against anyone else's.
2. One account from everywhere (PasswordFailure): past ten wrong passwords in a day from
   browsers the account has never logged in on, each further try from such a browser waits,
   from 30 seconds doubling to 15 minutes. Guessing from many addresses is slowed to about a
   hundred tries a day, and the wait always ends: nobody is locked out for good.
3. The owner's browsers: a successful log-in leaves a signed cookie for the account, tied to
   its password, and rule 2 does not apply there, so someone else's guessing never keeps a
   person out of their own account on their own device.

A completed password reset lifts rules 1 and 2 for the account. Every password prompt,
those inside a session included (password change, account deletion), goes through
`authenticate()`, so through all three rules and the same counts.
"""

import datetime as dt
import math

from axes.helpers import get_client_username
from axes.models import AccessAttempt
from axes.utils import reset as reset_axes_attempts
from django.conf import settings
from django.contrib.auth import authenticate, get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Max
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac

from accounts.models import PasswordFailure

FREE_FAILURES = 10
FAILURE_WINDOW = dt.timedelta(days=1)
FIRST_WAIT = dt.timedelta(seconds=30)
LONGEST_WAIT = dt.timedelta(minutes=15)

TRUSTED_COOKIE = "trusted_browser"
TRUST_SALT = "accounts.lockout.trusted-browser"
TRUST_AGE = dt.timedelta(days=365)
# A shared computer remembers the last few accounts used on it, not every one.
TRUSTED_ACCOUNTS_PER_BROWSER = 5


def wait_after(failures: int) -> dt.timedelta:
    """The wait after the last of `failures` recent wrong passwords from new browsers."""
    if failures < FREE_FAILURES:
        return dt.timedelta(0)
    doublings = min(failures - FREE_FAILURES, 16)  # 2**16 × 30 s is far past the cap
    return min(FIRST_WAIT * 2**doublings, LONGEST_WAIT)


def wait_words(wait: dt.timedelta) -> str:
    """A wait as a person says it: "40 seconds", "1 minute", "15 minutes"."""
    seconds = max(1, math.ceil(wait.total_seconds()))
    if seconds < 60:
        return f"{seconds} second{'s' if seconds != 1 else ''}"
    minutes = math.ceil(seconds / 60)
    return f"{minutes} minute{'s' if minutes != 1 else ''}"


def account_wait(username: str, now: dt.datetime | None = None) -> dt.timedelta:
    """How long a browser new to this account still has to wait before trying (rule 2)."""
    now = now or timezone.now()
    recent = PasswordFailure.objects.filter(username=username, failed_at__gt=now - FAILURE_WINDOW)
    figures = recent.aggregate(count=Count("pk"), last=Max("failed_at"))
    if not figures["count"]:
        return dt.timedelta(0)
    return max(figures["last"] + wait_after(figures["count"]) - now, dt.timedelta(0))


def pair_wait(username: str, ip_address: str) -> dt.timedelta:
    """How long this account stays paused from this address (rule 1)."""
    last = AccessAttempt.objects.filter(username=username, ip_address=ip_address).aggregate(
        last=Max("attempt_time")
    )["last"]
    if last is None:
        return dt.timedelta(0)
    return max(last + settings.AXES_COOLOFF_TIME - timezone.now(), dt.timedelta(0))


def lift_lock(username: str) -> None:
    """Forget every wrong password recorded for the account (after a password reset)."""
    reset_axes_attempts(username=username)
    PasswordFailure.objects.filter(username=username).delete()


def _browser_mark(user) -> str:
    """What a trusted browser's cookie holds for a user. It changes with the password, so a
    reset withdraws the trust of every browser that knew the old one."""
    mark = salted_hmac(TRUST_SALT, f"{user.pk}:{user.password}", algorithm="sha256")
    return mark.hexdigest()[:32]


def _trusted_marks(request: HttpRequest) -> list[str]:
    value = (
        request.get_signed_cookie(TRUSTED_COOKIE, default="", salt=TRUST_SALT, max_age=TRUST_AGE)
        or ""
    )
    return [mark for mark in value.split(",") if mark]


def is_trusted_browser(request: HttpRequest, user) -> bool:
    mark = _browser_mark(user)
    return any(constant_time_compare(mark, known) for known in _trusted_marks(request))


def trust_browser(request: HttpRequest, response: HttpResponse, user) -> None:
    """Remember on this browser that the user has just proved their password here (rule 3)."""
    mark = _browser_mark(user)
    others = [known for known in _trusted_marks(request) if known != mark]
    response.set_signed_cookie(
        TRUSTED_COOKIE,
        ",".join([mark, *others][:TRUSTED_ACCOUNTS_PER_BROWSER]),
        salt=TRUST_SALT,
        max_age=int(TRUST_AGE.total_seconds()),
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


def last_try_warning(request: HttpRequest) -> str:
    """After a wrong password: a warning when the next wrong one will start the pause, else "".
    (Axes sets the count on the request as it records the failure.)"""
    failures = getattr(request, "axes_failures_since_start", None) or 0
    if settings.AXES_FAILURE_LIMIT - failures != 1:
        return ""
    return (
        f"One more wrong password will pause log-in to this account from here for "
        f"{wait_words(settings.AXES_COOLOFF_TIME)}. If you have forgotten it, reset it instead."
    )


def password_is_right(request: HttpRequest, user, password: str) -> bool:
    """Whether password is user's, checked and counted like a log-in (the prompts inside a
    session use this, so a stolen session cannot guess the password without limit)."""
    return authenticate(request, username=user.get_username(), password=password) is not None


class LimitedModelBackend(ModelBackend):
    """Django's password check under rule 2 (axes, listed before it, applies rule 1)."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None or username is None or password is None:
            return super().authenticate(request, username, password, **kwargs)
        user_model = get_user_model()
        account = user_model._default_manager.filter(
            **{user_model.USERNAME_FIELD: username}
        ).first()
        trusted = account is not None and is_trusted_browser(request, account)
        if not trusted:
            wait = account_wait(username)
            if wait:
                request.login_wait = wait
                # Refused unchecked: axes then neither counts it nor extends its own pause.
                request.axes_locked_out = True
                raise PermissionDenied
        user = super().authenticate(request, username, password, **kwargs)
        if user is None and not trusted:
            # Unknown usernames count too, so guessing which accounts exist costs the same.
            PasswordFailure.objects.filter(
                username=username, failed_at__lte=timezone.now() - FAILURE_WINDOW
            ).delete()
            PasswordFailure.objects.create(username=username)
        return user

    def get_user(self, user_id):
        """The signed-in user of each request, read with their journal settings in one query
        (journal.Profile.for_user then needs none)."""
        user_model = get_user_model()
        user = user_model._default_manager.select_related("profile").filter(pk=user_id).first()
        return user if user is not None and self.user_can_authenticate(user) else None


def lockout_response(request: HttpRequest, original_response=None, credentials=None):
    """The page for a refused password (AXES_LOCKOUT_CALLABLE): which pause, and for how long."""
    account_pause = getattr(request, "login_wait", None)
    if account_pause is not None:
        wait = account_pause
    else:
        username = get_client_username(request, credentials) or ""
        ip_address = request.axes_ip_address  # type: ignore[attr-defined]  # set by axes
        wait = pair_wait(username, ip_address) or settings.AXES_COOLOFF_TIME
    context = {
        "account_pause": account_pause is not None,
        "wait": wait_words(wait),
        "failure_limit": settings.AXES_FAILURE_LIMIT,
    }
    return render(request, "registration/locked_out.html", context, status=429)
