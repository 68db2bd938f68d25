"""Sign-up, settings, export and account deletion; and Django's own log-in and password views,
with the lock-out's two hooks: a successful log-in trusts the browser, and a completed password
reset lifts the account's lock."""

from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_http_methods, require_safe

from accounts.forms import (
    AccountDeletionForm,
    LimitedPasswordChangeForm,
    LoginForm,
    ProfileForm,
    SignUpForm,
)
from accounts.lockout import lift_lock, trust_browser
from journal.exporting import EXPORT_FORMATS, export_text
from journal.models import Profile


@require_http_methods(["GET", "POST"])
def signup(request: HttpRequest):
    if request.user.is_authenticated:
        return redirect("home")
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        login(request, user, backend="accounts.lockout.LimitedModelBackend")
        messages.success(request, f"Welcome, {user.username}. Your journal is ready.")
        response = redirect("home")
        trust_browser(request, response, user)
        return response
    return TemplateResponse(request, "registration/signup.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def account_settings(request: HttpRequest):
    profile = Profile.for_user(request.user)
    form = ProfileForm(request.POST if request.method == "POST" else None, instance=profile)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Settings saved.")
        return redirect("account_settings")
    return TemplateResponse(request, "accounts/settings.html", {"form": form})


@login_required
@require_safe
def export_download(request: HttpRequest, file_format: str) -> HttpResponse:
    """The signed-in user's whole journal as a download: json (what import_dreams reads back),
    markdown or csv."""
    if file_format not in EXPORT_FORMATS:
        raise Http404("No such export format.")
    extension, content_type = EXPORT_FORMATS[file_format]
    today = Profile.for_user(request.user).today()
    response = HttpResponse(export_text(request.user, file_format), content_type=content_type)
    response["Content-Disposition"] = (
        f'attachment; filename="dream-journal-{today.isoformat()}.{extension}"'
    )
    return response  # private, no-store like every signed-in page (accounts.middleware)


@login_required
@require_http_methods(["GET", "POST"])
def account_delete(request: HttpRequest):
    """Delete the account, its entries, tags and settings for good, after the password."""
    form = AccountDeletionForm(request.POST or None, request=request)
    if request.method == "POST" and form.is_valid():
        username = request.user.get_username()
        with transaction.atomic():
            # Entries, their tags and the profile go with the user (on_delete=CASCADE).
            request.user.delete()
        logout(request)
        messages.success(request, f"The account {username} and all its dreams are deleted.")
        return redirect("home")
    return TemplateResponse(request, "accounts/account_delete.html", {"form": form})


class LoginView(auth_views.LoginView):
    form_class = LoginForm

    def form_valid(self, form):
        response = super().form_valid(form)
        trust_browser(self.request, response, form.get_user())
        return response


class PasswordChangeView(auth_views.PasswordChangeView):
    form_class = LimitedPasswordChangeForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "request": self.request}

    def form_valid(self, form):
        response = super().form_valid(form)
        # The trust mark follows the password: renew it for the new one.
        trust_browser(self.request, response, form.user)
        return response


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    def form_valid(self, form):
        response = super().form_valid(form)
        lift_lock(form.user.get_username())
        return response
