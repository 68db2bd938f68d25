from django.contrib import admin

from accounts.models import PasswordFailure


@admin.register(PasswordFailure)
class PasswordFailureAdmin(admin.ModelAdmin):
    """Wrong passwords from browsers new to the account: what slows guessing across addresses."""

    list_display = ["username", "failed_at"]
    search_fields = ["username"]
    date_hierarchy = "failed_at"

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
