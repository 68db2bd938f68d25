from django.contrib import admin
from django.http import HttpResponseBadRequest
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import include, path
from django.views.decorators.http import require_safe
from django.views.generic import RedirectView


class FaviconView(RedirectView):
    """Browsers ask for /favicon.ico on pages (like the admin's) that name no icon."""

    permanent = True

    def get_redirect_url(self, *args, **kwargs) -> str:
        return static("favicon.svg")


def bad_request(request, exception):
    """Django's 400 page, without its CSRF check: that check reads the request body again, and
    a body that could not be decoded the first time (a form posted in another charset) then
    fails a second time, uncaught."""
    return HttpResponseBadRequest(render_to_string("400.html", request=request))


handler400 = bad_request

urlpatterns = [
    path("", include("journal.urls")),
    path("", include("conditions.urls")),
    path("accounts/", include("accounts.urls")),
    path("library/", include("interpretations.urls")),
    path("plans/", include("plans.urls")),
    path("admin/", admin.site.urls),
    path("favicon.ico", require_safe(FaviconView.as_view()), name="favicon"),
]
