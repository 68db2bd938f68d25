from django.contrib import admin
from django.templatetags.static import static
from django.urls import include, path
from django.views.decorators.http import require_safe
from django.views.generic import RedirectView


class FaviconView(RedirectView):
    """Browsers ask for /favicon.ico on pages (like the admin's) that name no icon."""

    permanent = True

    def get_redirect_url(self, *args, **kwargs) -> str:
        return static("favicon.svg")


urlpatterns = [
    path("", include("journal.urls")),
    path("accounts/", include("accounts.urls")),
    path("library/", include("interpretations.urls")),
    path("admin/", admin.site.urls),
    path("favicon.ico", require_safe(FaviconView.as_view()), name="favicon"),
]
