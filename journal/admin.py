"""Entries in the admin, for support: metadata only in the lists (never the dream itself)."""

from django.contrib import admin

from journal.models import Entry, Profile


@admin.register(Entry)
class EntryAdmin(admin.ModelAdmin):
    list_display = ["id", "user", "night", "interpretation", "interpretation_origin", "deleted_at"]
    list_filter = ["interpretation_origin", "lucid", "recurring"]
    list_select_related = ["user", "interpretation"]
    search_fields = ["user__username"]
    date_hierarchy = "night"
    raw_id_fields = ["user", "interpretation"]
    show_full_result_count = False


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "time_zone"]
    search_fields = ["user__username"]
    raw_id_fields = ["user"]
