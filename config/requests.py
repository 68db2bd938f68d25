"""The requests our views receive, typed as the middleware leaves them (for mypy)."""

from django.contrib.auth.models import User
from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails


class HtmxRequest(HttpRequest):
    """A request through django-htmx's HtmxMiddleware, which sets request.htmx."""

    htmx: HtmxDetails


class SignedInRequest(HtmxRequest):
    """A request to a @login_required view: its user is never anonymous."""

    user: User
