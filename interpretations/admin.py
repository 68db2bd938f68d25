from collections.abc import Iterable
from typing import Any

import reversion
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Field, Q, TextField
from django.forms import BaseInlineFormSet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, path, reverse
from django.utils.html import format_html
from reversion.admin import VersionAdmin
from reversion.models import Revision, Version

from interpretations.forms import ArticleImportForm, TextareaField
from interpretations.models import (
    ArrivalCondition,
    BodySection,
    FaqEntry,
    Interpretation,
    NextStage,
    Tag,
    TagKind,
    library_changed,
)


def announce_library_change(request: HttpRequest, interpretation_ids: Iterable[int] = ()) -> None:
    """library_changed(), showing the editor what the journal answered (the re-scoring it
    queued, and for how many entries)."""
    for reply in library_changed(interpretation_ids):
        messages.info(request, reply)


def chosen_tags_a_restore_would_delete(revision: Revision) -> list[Tag]:
    """The tags on someone's dream that reverting revision would delete.

    Reversion deletes every tag its interpretations have now but the revision lacks, and
    the deletion cascades to the entry tags on them.
    """
    versions = Version.objects.filter(revision=revision)

    def ids(model) -> list[int]:
        return [int(pk) for pk in versions.get_for_model(model).values_list("object_id", flat=True)]

    return list(
        Tag.objects.filter(interpretation__in=ids(Interpretation), entry_tags__accepted=True)
        .exclude(pk__in=ids(Tag))
        .distinct()
    )


# Textareas compare and save their text with the library's line breaks.
TEXTAREA_OVERRIDES: dict[type[Field], dict[str, Any]] = {TextField: {"form_class": TextareaField}}


class PartInline(admin.StackedInline):
    formfield_overrides = TEXTAREA_OVERRIDES
    extra = 0
    ordering = ["position", "id"]
    classes = ["collapse"]


class TagFormSet(BaseInlineFormSet):
    """The tags of one kind, under the prefix each kind had when it was a model of its own."""

    kind: TagKind

    @classmethod
    def get_default_prefix(cls) -> str:
        return cls.kind.plural

    def save_new(self, form, commit=True):
        form.instance.kind = self.kind
        return super().save_new(form, commit)


class TagInline(PartInline):
    """One kind of tag: editors see each kind as a list of its own."""

    model = Tag
    formset = TagFormSet
    fields = ["position", "label", "meaning", "cues"]
    kind: TagKind
    label_help: str

    def get_queryset(self, request):
        return super().get_queryset(request).filter(kind=self.kind)

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, help_texts={"label": self.label_help}, **kwargs)
        formset.kind = self.kind  # a class made for this call, so never shared
        return formset


class ScenarioInline(TagInline):
    kind = TagKind.SCENARIO
    verbose_name = "scenario"
    label_help = "What happens in the dream."


class SomaticMarkerInline(TagInline):
    kind = TagKind.MARKER
    verbose_name = "somatic marker"
    label_help = "What the body felt on waking."


class ArrivalConditionInline(PartInline):
    model = ArrivalCondition
    fields = ["position", "text"]


class FaqEntryInline(PartInline):
    model = FaqEntry
    fields = ["position", "question", "answer"]


class NextStageInline(PartInline):
    model = NextStage
    fk_name = "interpretation"
    fields = ["position", "condition", "target_title", "note", "linked_interpretation"]
    readonly_fields = ["linked_interpretation"]

    @admin.display(description="Links to")
    def linked_interpretation(self, stage: NextStage) -> str:
        if stage.target_id is None:
            return "— (no interpretation with this title in the library yet)"
        url = reverse("admin:interpretations_interpretation_change", args=[stage.target_id])
        return format_html('<a href="{}">{}</a>', url, stage.target)


class BodySectionInline(PartInline):
    model = BodySection
    fields = ["position", "heading", "text"]


@admin.register(Interpretation)
class InterpretationAdmin(VersionAdmin):
    formfield_overrides = TEXTAREA_OVERRIDES
    list_display = ["title", "source", "published", "scenario_count", "marker_count", "updated_at"]
    list_filter = ["published", "updated_at"]
    search_fields = ["title", "source", "tags__label"]
    ordering = ["title"]
    readonly_fields = ["public_page", "created_at", "updated_at"]
    fields = [
        "title",
        "slug",
        "source",
        "published",
        "public_page",
        "quick_answer",
        "key_sentence",
        "morning_after",
        "created_at",
        "updated_at",
    ]
    inlines = [
        ScenarioInline,
        SomaticMarkerInline,
        ArrivalConditionInline,
        FaqEntryInline,
        NextStageInline,
        BodySectionInline,
    ]
    actions = ["publish", "unpublish"]
    change_list_template = "admin/interpretations/interpretation/change_list.html"

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                scenario_total=Count("tags", filter=Q(tags__kind=TagKind.SCENARIO)),
                marker_total=Count("tags", filter=Q(tags__kind=TagKind.MARKER)),
            )
        )

    @admin.display(description="Scenarios", ordering="scenario_total")
    def scenario_count(self, interpretation) -> int:
        return interpretation.scenario_total

    @admin.display(description="Markers", ordering="marker_total")
    def marker_count(self, interpretation) -> int:
        return interpretation.marker_total

    @admin.display(description="Public page")
    def public_page(self, interpretation: Interpretation) -> str:
        # The page as saved: a form shown again with its errors has put the input on the
        # instance, a cleared slug included.
        slug = Interpretation.objects.filter(pk=interpretation.pk).values_list("slug", flat=True)
        try:
            url = reverse("interpretations:detail", args=[slug.get()])
        except (Interpretation.DoesNotExist, NoReverseMatch):
            return "—"
        return format_html('<a href="{}">{}</a>', url, "Open the public page")

    @admin.action(description="Publish the selected interpretations")
    def publish(self, request, queryset):
        self._set_published(request, queryset, True)

    @admin.action(description="Unpublish the selected interpretations")
    def unpublish(self, request, queryset):
        self._set_published(request, queryset, False)

    def _set_published(self, request, queryset, published: bool) -> None:
        """Save each one, so the change is versioned and moves the library version on."""
        with transaction.atomic(), reversion.create_revision():
            reversion.set_user(request.user)
            reversion.set_comment("Published" if published else "Unpublished")
            for interpretation in queryset:
                interpretation.published = published
                interpretation.save()
            announce_library_change(request, [interpretation.pk for interpretation in queryset])

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        announce_library_change(request, [form.instance.pk])

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        announce_library_change(request)

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        announce_library_change(request)

    # A restore that would delete a tag someone chose is refused rather than carried out
    # with the tag kept: a tag is either in the library or deleted (only whole
    # interpretations are withdrawn, by unpublishing), and reversion deletes every tag the
    # old version lacks, with no way to spare one.

    def revision_view(self, request, object_id, version_id, extra_context=None):
        version = get_object_or_404(Version, pk=version_id, object_id=unquote(object_id))
        if self._restore_refused(request, version.revision):
            return redirect("admin:interpretations_interpretation_history", object_id)
        return super().revision_view(request, object_id, version_id, extra_context)

    def recover_view(self, request, version_id, extra_context=None):
        version = get_object_or_404(Version, pk=version_id)
        if self._restore_refused(request, version.revision):
            return redirect("admin:interpretations_interpretation_recoverlist")
        return super().recover_view(request, version_id, extra_context)

    def _restore_refused(self, request: HttpRequest, revision: Revision) -> bool:
        """Refuse to save a restore that would delete users' chosen tags; the version can
        still be looked at (reversion rolls a look back), with the reason shown."""
        if not self.has_change_permission(request):
            return False  # reversion's view answers 403
        chosen = chosen_tags_a_restore_would_delete(revision)
        if not chosen:
            return False
        labels = ", ".join(f"“{tag.label}”" for tag in chosen)
        reason = (
            f"This version cannot be restored: it would delete {labels}, which people have "
            "chosen for their dreams, and their tags with them. Edit the interpretation instead."
        )
        if request.method == "POST":
            messages.error(request, reason)
            return True
        messages.warning(request, reason)
        return False

    def get_urls(self):
        import_view = self.admin_site.admin_view(self.import_from_text)
        return [
            path("import-text/", import_view, name="interpretations_interpretation_import_text"),
            *super().get_urls(),
        ]

    def import_from_text(self, request: HttpRequest):
        """Paste an article, see what the parser makes of it, then save it."""
        if not self.has_add_permission(request) or not self.has_change_permission(request):
            raise PermissionDenied
        form = ArticleImportForm(request.POST or None)
        preview = None
        if request.method == "POST" and form.is_valid():
            if "_save" in request.POST:
                interpretation, created = Interpretation.objects.import_article(
                    form.article, user=request.user
                )
                announce_library_change(request, [interpretation.pk])
                verb = "Imported" if created else "Updated"
                messages.success(request, f"{verb} “{interpretation.title}”.")
                return redirect("admin:interpretations_interpretation_change", interpretation.pk)
            preview = form.article
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": "Import an interpretation from text",
            "form": form,
            "preview": preview,
        }
        return TemplateResponse(
            request, "admin/interpretations/interpretation/import_text.html", context
        )
