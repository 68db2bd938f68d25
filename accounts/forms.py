from zoneinfo import available_timezones

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm, UserCreationForm
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError

from accounts.lockout import last_try_warning, password_is_right
from accounts.time_zones import is_known_zone, zone_choices
from journal.import_files import ImportFileError
from journal.importing import format_of, read_import_data
from journal.jobs import IMPORT_FILE_MAX_BYTES
from journal.models import Profile, default_time_zone


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


class TimeZoneField(forms.ChoiceField):
    """A zone from the menu, or an alias the system knows: a browser may report one the menu
    leaves out ("Asia/Calcutta"), and static/js/time-zone.js then adds it. The zone already
    saved (kept_zone) stays valid, whatever it is."""

    kept_zone = ""

    def valid_value(self, value) -> bool:
        return str(value) == self.kept_zone or is_known_zone(str(value))


class ProfileForm(forms.ModelForm):
    time_zone = TimeZoneField(
        label="Time zone",
        help_text="Used to work out which night a dream belongs to.",
        error_messages={"invalid_choice": "“%(value)s” is not a time zone we know."},
    )

    class Meta:
        model = Profile
        fields = ["time_zone"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["time_zone"]
        field.choices = zone_choices(self.instance.time_zone)
        field.kept_zone = self.instance.time_zone
        if self.instance.time_zone == default_time_zone():
            # Most likely never chosen: the page offers the browser's own zone instead.
            field.widget.attrs["data-browser-zone"] = "offer"

    def save(self, commit=True):
        # Only the zone is written: a background import may have moved the journal version
        # on since this profile was read, and writing the old one back would undo that.
        profile = super().save(commit=False)
        if commit:
            profile.save(update_fields=self._meta.fields)
        return profile


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


class ImportFileForm(forms.Form):
    """A journal file to import: read and checked in full here, before anything is kept."""

    file = forms.FileField(
        label="File to import",
        required=False,
        help_text=(
            "A Dream Journal JSON export, a DreamBank TSV file, or a CSV file with a date "
            f"column and a text column; at most {IMPORT_FILE_MAX_BYTES // 1024 // 1024} MB."
        ),
        widget=forms.FileInput(attrs={"accept": ".json,.tsv,.csv,.txt"}),
        error_messages={"empty": "The file is empty. Nothing was imported."},
    )

    def __init__(self, *args, request, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request

    def clean_file(self):
        upload = self.cleaned_data["file"]
        too_large = "file" in getattr(self.request, "uploads_too_large", ())
        if too_large or (upload and upload.size > IMPORT_FILE_MAX_BYTES):
            raise ValidationError(
                f"The file is larger than {IMPORT_FILE_MAX_BYTES // 1024 // 1024} MB, the most "
                "one import takes. Split it into several files. Nothing was imported.",
                code="too_large",
            )
        if not upload:
            raise ValidationError("Choose a file to import.", code="required")
        data = upload.read()
        today = Profile.for_user(self.request.user).today()
        try:
            file_format = format_of(data, upload.name)
            self.read_file = read_import_data(data, upload.name, file_format, today)
        except ImportFileError as error:
            raise ValidationError(
                f"{upload.name} cannot be imported: {error}. Nothing was imported.",
                code="unreadable",
            ) from error
        self.file_format = file_format
        return upload.name, data
