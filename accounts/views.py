"""Django's own log-in and password views, with the lock-out's two hooks: a successful log-in
trusts the browser, and a completed password reset lifts the account's lock."""

from django.contrib.auth import views as auth_views

from accounts.forms import LimitedPasswordChangeForm, LoginForm
from accounts.lockout import lift_lock, trust_browser


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
