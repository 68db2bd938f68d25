"""Entries in the admin, for support: metadata only in the lists (never the dream itself).

Dreams are private even from superusers: the entry admin opens only for someone who holds
the `journal.view_entry` (or change/delete) permission explicitly, given to them or to one
of their groups. Being a superuser is not enough: the permission is granted on purpose.
"""

from django.contrib import admin
from django.contrib.auth.models import Permission
from django.db.models import Q

from journal.models import Entry, Profile


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
