"""Entries in the admin, for support: metadata only in the lists (never the dream itself).

Dreams are private even from superusers: the entry admin opens only for someone who holds
the `journal.view_entry` (or change/delete) permission explicitly, given to them or to one
of their groups. Being a superuser is not enough: the permission is granted on purpose.
"""

from django.contrib import admin
from django.contrib.auth.models import Permission
from django.db.models import Q

from journal.models import Entry, ExportJob, ImportJob, Profile, RescoreRun


def holds_explicitly(user, codename: str, app_label: str = "journal") -> bool:
    """Whether user was given this permission themselves or through a group (superuser
    status, which implies every permission in Django, does not count)."""
    if not (user.is_active and user.is_staff):
        return False
    return (
        Permission.objects.filter(codename=codename, content_type__app_label=app_label)
        .filter(Q(user=user) | Q(group__user=user))
        .exists()
    )


@admin.register(Entry)
class EntryAdmin(admin.ModelAdmin):
    list_display = ["id", "user", "night", "interpretation", "interpretation_origin", "deleted_at"]
    list_filter = ["interpretation_origin", "lucid", "recurring"]
    list_select_related = ["user", "interpretation"]
    search_fields = ["user__username"]
    date_hierarchy = "night"
    raw_id_fields = ["interpretation"]
    # A dream is never handed to someone else: its tags carry the same owner, and the
    # owner alone may read it.
    readonly_fields = ["user"]
    show_full_result_count = False

    def has_module_permission(self, request) -> bool:
        return self.has_view_permission(request)

    def has_view_permission(self, request, obj=None) -> bool:
        return any(
            holds_explicitly(request.user, f"{action}_entry")
            for action in ("view", "change", "delete")
        )

    def has_change_permission(self, request, obj=None) -> bool:
        return holds_explicitly(request.user, "change_entry")

    def has_delete_permission(self, request, obj=None) -> bool:
        return holds_explicitly(request.user, "delete_entry")

    def has_add_permission(self, request) -> bool:
        return False  # dreams are written by their dreamers

    def delete_queryset(self, request, queryset):
        # A bulk delete skips Entry.delete(): tell the owners' cached pages all the same.
        owners = set(queryset.values_list("user_id", flat=True))
        super().delete_queryset(request, queryset)
        Profile.journal_changed(owners)


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "time_zone"]
    search_fields = ["user__username"]
    raw_id_fields = ["user"]


class ReadOnlyAdmin(admin.ModelAdmin):
    """Rows that tasks write: staff read them, nobody edits them."""

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(RescoreRun)
class RescoreRunAdmin(ReadOnlyAdmin):
    """What each re-scoring after a library change did, for whoever may change the library
    (their saves queue the runs). Read-only: the task writes these rows. A failed attempt's
    traceback is in the task results (django_tasks_db), for superusers."""

    list_display = [
        "id",
        "status",
        "requested_at",
        "changes",
        "entries_to_check",
        "entries_rescored",
        "suggestions_changed",
        "attempts",
        "finished_at",
    ]
    list_filter = ["status"]
    readonly_fields = [field.name for field in RescoreRun._meta.fields]

    def has_module_permission(self, request) -> bool:
        return self.has_view_permission(request)

    def has_view_permission(self, request, obj=None) -> bool:
        return any(
            request.user.has_perm(permission)
            for permission in ("journal.view_rescorerun", "interpretations.change_interpretation")
        )


class TransferJobAdmin(ReadOnlyAdmin):
    """Imports and exports, read-only, so staff see what failed and why (never the file)."""

    list_filter = ["status"]
    list_select_related = ["user"]
    search_fields = ["user__username"]
    date_hierarchy = "created_at"
    exclude = ["data"]

    def get_readonly_fields(self, request, obj=None):
        return [field.name for field in self.model._meta.fields if field.name != "data"]


@admin.register(ImportJob)
class ImportJobAdmin(TransferJobAdmin):
    list_display = ["id", "user", "file_name", "status", "done", "total", "imported"]
    list_display += ["attempts", "created_at", "finished_at"]


@admin.register(ExportJob)
class ExportJobAdmin(TransferJobAdmin):
    list_display = ["id", "user", "file_format", "status", "entries", "attempts", "created_at"]
