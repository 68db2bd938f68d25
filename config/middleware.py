from django.http import HttpResponseBadRequest, HttpResponseNotFound

# Longer than any 64-bit row id: such a number in a path names nothing.
LONGEST_ID_DIGITS = 19


def refuse_unreadable_requests(get_response):
    """Answer before any view for what no view can use: a NUL character in the address (which
    PostgreSQL refuses in any text it is compared with) and path numbers too long to be a row
    id (which SQLite overflows on)."""

    def middleware(request):
        if "\x00" in request.path or "%00" in request.META.get("QUERY_STRING", ""):
            return HttpResponseBadRequest("A NUL character has no place in an address.")
        if any(
            segment.isdigit() and len(segment) > LONGEST_ID_DIGITS
            for segment in request.path.split("/")
        ):
            return HttpResponseNotFound("No such page.")
        return get_response(request)

    return middleware
