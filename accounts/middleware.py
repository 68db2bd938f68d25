from django.utils.cache import patch_cache_control


def private_pages(get_response):
    """Pages for a signed-in person are theirs alone: no shared cache or browser history file
    keeps them (`private, no-store`), unless a view has said otherwise."""

    def middleware(request):
        response = get_response(request)
        if request.user.is_authenticated and not response.has_header("Cache-Control"):
            patch_cache_control(response, private=True, no_store=True)
        return response

    return middleware
