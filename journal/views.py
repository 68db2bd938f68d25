from django.contrib import messages
from django.contrib.auth import login
from django.http import HttpRequest
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_http_methods, require_safe

from journal.forms import SignUpForm


@require_safe
def home(request: HttpRequest) -> TemplateResponse:
    if not request.user.is_authenticated:
        return TemplateResponse(request, "journal/welcome.html")
    return TemplateResponse(request, "journal/journal.html")


@require_http_methods(["GET", "POST"])
def signup(request: HttpRequest):
    if request.user.is_authenticated:
        return redirect("home")
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, f"Welcome, {user.username}. Your journal is ready.")
        return redirect("home")
    return TemplateResponse(request, "registration/signup.html", {"form": form})
