"""Sign-up, settings, export and account deletion; and Django's own log-in and password views,
with the lock-out's two hooks: a successful log-in trusts the browser, and a completed password
reset lifts the account's lock."""

from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from accounts.forms import (
    AccountDeletionForm,
    ImportFileForm,
    LimitedPasswordChangeForm,
    LoginForm,
    ProfileForm,
    SignUpForm,
)
from accounts.lockout import lift_lock, trust_browser
from config.requests import SignedInRequest
from journal.exporting import EXPORT_FORMATS, export_text
from journal.jobs import ACTIVE_STATUSES, AnotherImportRunning, JobStatus
from journal.models import Profile
from journal.transfers import (
    exports_in_background,
    prepare_export,
    prepare_import,
    start_import,
)


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
def account_settings(request: SignedInRequest):
    profile = Profile.for_user(request.user)
    form = ProfileForm(request.POST if request.method == "POST" else None, instance=profile)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Settings saved.")
        return redirect("account_settings")
    return _settings_page(request, form)


def _settings_page(request: SignedInRequest, form, import_form=None) -> TemplateResponse:
    user = request.user
    jobs = user.import_jobs.defer("data")
    return TemplateResponse(
        request,
        "accounts/settings.html",
        {
            "form": form,
            "import_form": import_form or ImportFileForm(request=request),
            # The running import if there is one, else the latest.
            "import_job": jobs.filter(status__in=ACTIVE_STATUSES).first() or jobs.first(),
            "export_job": user.export_jobs.defer("data").first(),
            "exports_in_background": exports_in_background(user),
            "export_choices": [("json", "JSON"), ("markdown", "Markdown"), ("csv", "CSV")],
        },
    )


@login_required
@require_POST
def import_upload(request: SignedInRequest):
    """Read and check an uploaded journal file, and show what importing it would do."""
    if request.user.import_jobs.filter(status__in=ACTIVE_STATUSES).exists():
        messages.error(request, "Your last import is still running: wait until it has finished.")
        return redirect(reverse("account_settings") + "#import")
    form = ImportFileForm(request.POST, request.FILES, request=request)
    if not form.is_valid():
        profile_form = ProfileForm(instance=Profile.for_user(request.user))
        return _settings_page(request, profile_form, import_form=form)
    file_name, data = form.cleaned_data["file"]
    prepare_import(request.user, file_name, form.file_format, data, form.read_file)
    return redirect(reverse("account_settings") + "#import")


@login_required
@require_POST
def import_start(request: SignedInRequest, pk: int):
    job = get_object_or_404(request.user.import_jobs.defer("data"), pk=pk)
    try:
        start_import(job)
    except AnotherImportRunning:
        messages.error(request, "Your last import is still running: start this one after it.")
    return redirect(reverse("account_settings") + "#import")


@login_required
@require_POST
def import_cancel(request: SignedInRequest, pk: int):
    job = get_object_or_404(request.user.import_jobs.defer("data"), pk=pk)
    if job.status == JobStatus.PREVIEW:
        job.delete()
        messages.info(request, f"{job.file_name} was not imported.")
    return redirect(reverse("account_settings") + "#import")


@login_required
@require_safe
def import_status(request: SignedInRequest, pk: int):
    """The import's progress or outcome, for the Settings page to poll with htmx."""
    job = get_object_or_404(request.user.import_jobs.defer("data"), pk=pk)
    if not request.htmx:
        return redirect(reverse("account_settings") + "#import")
    return TemplateResponse(request, "accounts/settings.html#import-status", {"import_job": job})


@login_required
@require_POST
def export_prepare(request: SignedInRequest, file_format: str):
    """Start building a large journal's export; Settings links to it when it is ready."""
    if file_format not in EXPORT_FORMATS:
        raise Http404("No such export format.")
    prepare_export(request.user, file_format)
    messages.info(
        request, "Your export is being prepared: its download link appears here when ready."
    )
    return redirect(reverse("account_settings") + "#your-data")


@login_required
@require_safe
def export_file(request: SignedInRequest, pk: int) -> HttpResponse:
    """A prepared export, for its owner alone, until it expires."""
    job = get_object_or_404(request.user.export_jobs.downloadable(), pk=pk)
    return _attachment(request, bytes(job.data), job.file_format)


@login_required
@require_safe
def export_download(request: SignedInRequest, file_format: str) -> HttpResponse:
    """The signed-in user's whole journal as a download: json (what import_dreams reads back),
    markdown or csv."""
    if file_format not in EXPORT_FORMATS:
        raise Http404("No such export format.")
    if exports_in_background(request.user):
        messages.info(request, "Your journal is large: prepare its export below.")
        return redirect(reverse("account_settings") + "#your-data")
    return _attachment(request, export_text(request.user, file_format), file_format)


def _attachment(request: SignedInRequest, content: str | bytes, file_format: str) -> HttpResponse:
    extension, content_type = EXPORT_FORMATS[file_format]
    today = Profile.for_user(request.user).today()
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = (
        f'attachment; filename="dream-journal-{today.isoformat()}.{extension}"'
    )
    return response  # private, no-store like every signed-in page (accounts.middleware)


@login_required
@require_http_methods(["GET", "POST"])
def account_delete(request: SignedInRequest):
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
