from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm
from django.core.exceptions import ValidationError

from accounts.lockout import password_is_right, wait_words


class LoginForm(AuthenticationForm):
    """Django's log-in form, which also says when the next wrong password is the last."""

    def get_invalid_login_error(self) -> ValidationError:
        error = super().get_invalid_login_error()
        # Set by axes as it counts this failure against the account from this address.
        failures = getattr(self.request, "axes_failures_since_start", None) or 0
        if settings.AXES_FAILURE_LIMIT - failures == 1:
            pause = wait_words(settings.AXES_COOLOFF_TIME)
            return ValidationError(
                [
                    error,
                    ValidationError(
                        f"One more wrong password will pause log-in to this account from "
                        f"here for {pause}. If you have forgotten it, reset it instead.",
                        code="last_try",
                    ),
                ]
            )
        return error


class LimitedPasswordChangeForm(PasswordChangeForm):
    """Changing the password asks for the old one under the log-in's limits."""

    def __init__(self, user, *args, request, **kwargs):
        super().__init__(user, *args, **kwargs)
        self.request = request

    def clean_old_password(self) -> str:
        old_password = self.cleaned_data["old_password"]
        if not password_is_right(self.request, self.user, old_password):
            raise ValidationError(
                self.error_messages["password_incorrect"], code="password_incorrect"
            )
        return old_password
