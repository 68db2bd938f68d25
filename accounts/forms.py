from zoneinfo import available_timezones

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm, UserCreationForm
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError

from accounts.lockout import last_try_warning, password_is_right
from journal.models import Profile


def with_last_try_warning(error: ValidationError, request) -> ValidationError:
    """A wrong-password error, followed by the warning when the next one starts the pause."""
    warning = last_try_warning(request)
    if not warning:
        return error
    return ValidationError([error, ValidationError(warning, code="last_try")])


class LoginForm(AuthenticationForm):
    """Django's log-in form, which also says when the next wrong password is the last."""

    def get_invalid_login_error(self) -> ValidationError:
        return with_last_try_warning(super().get_invalid_login_error(), self.request)


class LimitedPasswordChangeForm(PasswordChangeForm):
    """Changing the password asks for the old one under the log-in's limits."""

    def __init__(self, user, *args, request, **kwargs):
        super().__init__(user, *args, **kwargs)
        self.request = request

    def clean_old_password(self) -> str:
        old_password = self.cleaned_data["old_password"]
        if not password_is_right(self.request, self.user, old_password):
            wrong = ValidationError(
                self.error_messages["password_incorrect"], code="password_incorrect"
            )
            raise with_last_try_warning(wrong, self.request)
        return old_password


class SignUpForm(UserCreationForm):
    email = forms.EmailField(
        required=False,
        help_text="Optional. Only used to reset your password if you forget it.",
    )

    # Filled in by the browser (static/js/time-zone.js), so "last night" is the user's own
    # from the first dream on; a missing or unknown zone falls back to the server's.
    time_zone = forms.CharField(required=False, widget=forms.HiddenInput, max_length=64)

    class Meta(UserCreationForm.Meta):
        model = User
        fields = ("username", "email")

    def clean_time_zone(self) -> str:
        zone = self.cleaned_data["time_zone"]
        return zone if zone in available_timezones() else ""

    def save(self, commit: bool = True):
        user = super().save(commit=commit)
        if commit and self.cleaned_data["time_zone"]:
            Profile.objects.create(user=user, time_zone=self.cleaned_data["time_zone"])
        return user


class ProfileForm(forms.ModelForm):
    time_zone = forms.ChoiceField(
        label="Time zone",
        help_text="Used to work out which night a dream belongs to.",
        error_messages={"invalid_choice": "“%(value)s” is not a time zone we know."},
    )

    class Meta:
        model = Profile
        fields = ["time_zone"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["time_zone"].choices = [(zone, zone) for zone in sorted(available_timezones())]


class AccountDeletionForm(forms.Form):
    """Deleting an account asks for the password again, so an open session alone cannot."""

    password = forms.CharField(
        label="Your password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": "Enter your password to delete your account."},
    )

    def __init__(self, *args, request, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not password_is_right(self.request, self.request.user, password):
            wrong = ValidationError(
                "That is not your password. Nothing was deleted.", code="wrong_password"
            )
            raise with_last_try_warning(wrong, self.request)
        return password
