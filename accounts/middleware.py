from django.utils import timezone
from django.utils.cache import patch_cache_control

from journal.models import Profile


def private_pages(get_response):
    """Pages for a signed-in person are theirs alone: no shared cache or browser history file
    keeps them (`private, no-store`), unless a view has said otherwise."""

    def middleware(request):
        response = get_response(request)
        if request.user.is_authenticated and not response.has_header("Cache-Control"):
            patch_cache_control(response, private=True, no_store=True)
        return response

    return middleware


def users_time_zone(get_response):
    """Times on a signed-in person's pages (when an export expires, when an import ran, the
    admin's history) in the time zone of their settings, not the server's."""

    def middleware(request):
        if not request.user.is_authenticated:
            return get_response(request)
        with timezone.override(Profile.for_user(request.user).zone):
            return get_response(request)

    return middleware
