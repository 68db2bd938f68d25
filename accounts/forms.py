from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm
from django.core.exceptions import ValidationError

from accounts.lockout import last_try_warning, password_is_right


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
