"""The interpretation library: one Interpretation per article, with its ordered parts."""

import re

import reversion
from django.db import models, transaction
from django.db.models import Count, Max
from django.db.models.signals import post_delete, post_save
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from interpretations.parsing import ParsedArticle


def normalised_title(title: str) -> str:
    """A title reduced to its words, for matching next-stage targets to interpretations."""
    return " ".join(re.findall(r"[^\W_]+", title.casefold()))


def title_variants(title: str) -> set[str]:
    """The whole title and its main part before a subtitle ("Title: Subtitle", "Title — x")."""
    main = re.split(r"\s*(?::|\s—\s|\s-\s|\|)\s*", title, maxsplit=1)[0]
    return {normalised_title(title), normalised_title(main)} - {""}


def normalise_newlines(instance: models.Model) -> None:
    """Store line breaks as \n whatever sent them: browsers post \r\n, files hold \n, and
    a save that only changed the line endings must not show up as an edit in the history."""
    for field in instance._meta.concrete_fields:
        value = getattr(instance, field.attname)
        if isinstance(field, models.CharField | models.TextField) and isinstance(value, str):
            setattr(instance, field.attname, value.replace("\r\n", "\n").replace("\r", "\n"))


class InterpretationQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published=True)

    def library_version(self) -> str:
        """Changes whenever any interpretation or part is saved, added or deleted."""
        state = self.aggregate(latest=Max("updated_at"), count=Count("id"))
        latest = state["latest"].isoformat() if state["latest"] else "empty"
        return f"{state['count']}:{latest}"

    def resolve_next_stages(self) -> int:
        """Link every next stage to the interpretation its target title names, if any."""
        by_title: dict[str, int] = {}
        for pk, title in self.values_list("pk", "title"):
            for variant in title_variants(title):
                by_title.setdefault(variant, pk)
        changed = []
        for stage in NextStage.objects.all():
            target_id = next(
                (by_title[v] for v in title_variants(stage.target_title) if v in by_title), None
            )
            if target_id == stage.interpretation_id:
                target_id = None
            if stage.target_id != target_id:
                stage.target_id = target_id
                changed.append(stage)
        NextStage.objects.bulk_update(changed, ["target"])
        return len(changed)

    def import_article(self, article: ParsedArticle, user=None) -> tuple["Interpretation", bool]:
        """Create or update, in place, the interpretation imported from article.source.

        Parts are matched by their label or text so that tags pointing at an unchanged
        scenario survive a re-import; parts the document no longer has are deleted.
        """
        with transaction.atomic(), reversion.create_revision():
            interpretation = self.filter(source=article.source).first()
            created = interpretation is None
            if created:
                interpretation = Interpretation(source=article.source, title=article.title)
            interpretation.quick_answer = "\n".join(article.quick_answer)
            interpretation.key_sentence = article.key_sentence
            interpretation.morning_after = article.morning_after
            interpretation.save()
            interpretation.replace_parts(article)
            reversion.set_comment(
                f"{'Imported' if created else 'Re-imported'} from {article.source}"
            )
            if user is not None:
                reversion.set_user(user)
        return interpretation, created


class Interpretation(models.Model):
    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=220, unique=True, blank=True)
    source = models.CharField(
        max_length=255,
        blank=True,
        help_text="File name of the document this was imported from; re-imports match it.",
    )
    quick_answer = models.TextField(blank=True, help_text="One point per line.")
    key_sentence = models.TextField(
        blank=True, help_text="The sentence this dream was trying to say."
    )
    morning_after = models.TextField(blank=True, help_text="The morning-after reflection.")
    published = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = InterpretationQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        constraints = [
            models.UniqueConstraint(
                fields=["source"], condition=~models.Q(source=""), name="unique_source"
            )
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = self._unique_slug()
        normalise_newlines(self)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("interpretations:detail", args=[self.slug])

    def _unique_slug(self) -> str:
        base = slugify(self.title)[:200] or "interpretation"
        slug, n = base, 2
        while Interpretation.objects.filter(slug=slug).exclude(pk=self.pk).exists():
            slug, n = f"{base}-{n}", n + 1
        return slug

    @property
    def quick_answer_points(self) -> list[str]:
        return [line.strip() for line in self.quick_answer.splitlines() if line.strip()]

    def replace_parts(self, article: ParsedArticle) -> None:
        _sync_parts(
            self.scenarios,
            [{"label": p.label, "meaning": p.meaning} for p in article.scenarios],
            "label",
        )
        _sync_parts(
            self.markers,
            [{"label": p.label, "meaning": p.meaning} for p in article.markers],
            "label",
        )
        _sync_parts(
            self.arrival_conditions, [{"text": t} for t in article.arrival_conditions], "text"
        )
        _sync_parts(
            self.faq_entries,
            [{"question": f.question, "answer": f.answer} for f in article.faq],
            "answer",
        )
        _sync_parts(
            self.next_stages,
            [
                {"condition": s.condition, "target_title": s.target, "note": s.note}
                for s in article.next_stages
            ],
            "target_title",
        )
        _sync_parts(
            self.sections,
            [{"heading": s.heading, "text": s.text} for s in article.sections],
            "heading",
        )


def _sync_parts(related_manager, rows: list[dict], key_field: str) -> None:
    """Make related_manager hold exactly rows, in order. A row keeps the identity (and so
    the users' tags) of the part with the same key, or else of the unclaimed part in its
    position, so rewording a label in the document does not drop the tags on it."""
    existing = list(related_manager.all())
    by_key: dict[str, list] = {}
    for part in existing:
        by_key.setdefault(getattr(part, key_field).casefold(), []).append(part)

    def same_key(values: dict):
        candidates = by_key.get(values[key_field].casefold())
        return candidates.pop(0) if candidates else None

    chosen = [same_key(values) for values in rows]
    claimed = {part.pk for part in chosen if part is not None}
    unclaimed = {part.position: part for part in existing if part.pk not in claimed}
    kept = set()
    for position, (values, part) in enumerate(zip(rows, chosen, strict=True)):
        if part is None:
            part = unclaimed.pop(position, None) or related_manager.model(
                **{related_manager.field.name: related_manager.instance}
            )
        for field, value in values.items():
            setattr(part, field, value)
        part.position = position
        part.save()
        kept.add(part.pk)
    related_manager.exclude(pk__in=kept).delete()


class Part(models.Model):
    """An ordered piece of an interpretation."""

    position = models.PositiveIntegerField(default=0)

    class Meta:
        abstract = True
        ordering = ["position", "id"]

    def save(self, *args, **kwargs):
        normalise_newlines(self)
        super().save(*args, **kwargs)


class TagPartQuerySet(models.QuerySet):
    def published(self):
        """The parts of published interpretations: the only ones new tags may name."""
        return self.filter(interpretation__published=True)


class TagPart(Part):
    """A scenario or somatic marker: what a dream is tagged with, matched from its words."""

    label = models.CharField(max_length=500)
    meaning = models.TextField(blank=True)
    cues = models.TextField(
        blank=True,
        help_text="Optional extra phrases that should suggest it, one per line.",
    )

    objects = TagPartQuerySet.as_manager()

    class Meta(Part.Meta):
        abstract = True

    def __str__(self) -> str:
        return self.label

    @property
    def cue_phrases(self) -> tuple[str, ...]:
        return tuple(line.strip() for line in self.cues.splitlines() if line.strip())


class Scenario(TagPart):
    interpretation = models.ForeignKey(
        Interpretation, on_delete=models.CASCADE, related_name="scenarios"
    )
    label = models.CharField(max_length=500, help_text="What happens in the dream.")

    class Meta(TagPart.Meta):
        pass


class SomaticMarker(TagPart):
    interpretation = models.ForeignKey(
        Interpretation, on_delete=models.CASCADE, related_name="markers"
    )
    label = models.CharField(max_length=500, help_text="What the body felt on waking.")

    class Meta(TagPart.Meta):
        verbose_name = "somatic marker"


class ArrivalCondition(Part):
    interpretation = models.ForeignKey(
        Interpretation, on_delete=models.CASCADE, related_name="arrival_conditions"
    )
    text = models.TextField()

    class Meta(Part.Meta):
        verbose_name = "arrival condition"

    def __str__(self) -> str:
        return self.text[:80]


class FaqEntry(Part):
    interpretation = models.ForeignKey(
        Interpretation, on_delete=models.CASCADE, related_name="faq_entries"
    )
    question = models.TextField(blank=True)
    answer = models.TextField()

    class Meta(Part.Meta):
        verbose_name = "FAQ entry"
        verbose_name_plural = "FAQ entries"

    def __str__(self) -> str:
        return (self.question or self.answer)[:80]


class NextStage(Part):
    interpretation = models.ForeignKey(
        Interpretation, on_delete=models.CASCADE, related_name="next_stages"
    )
    condition = models.TextField(blank=True, help_text="When the dream moves on (“If …”).")
    target_title = models.CharField(max_length=300, help_text="Title of the dream it moves to.")
    note = models.TextField(blank=True)
    target = models.ForeignKey(
        Interpretation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="previous_stages",
        editable=False,
        help_text="Filled in automatically when the library has an interpretation with this title.",
    )

    class Meta(Part.Meta):
        verbose_name = "next stage"

    def __str__(self) -> str:
        return self.target_title


class BodySection(Part):
    interpretation = models.ForeignKey(
        Interpretation, on_delete=models.CASCADE, related_name="sections"
    )
    heading = models.CharField(max_length=300, blank=True)
    text = models.TextField(blank=True)

    class Meta(Part.Meta):
        verbose_name = "body section"

    def __str__(self) -> str:
        return self.heading


PART_MODELS = (Scenario, SomaticMarker, ArrivalCondition, FaqEntry, NextStage, BodySection)
PART_RELATIONS = (
    "scenarios",
    "markers",
    "arrival_conditions",
    "faq_entries",
    "next_stages",
    "sections",
)

reversion.register(Interpretation, follow=PART_RELATIONS)
for part_model in PART_MODELS:
    reversion.register(part_model)


def touch(interpretation_id: int) -> None:
    """Mark an interpretation changed, so the library version moves on."""
    Interpretation.objects.filter(pk=interpretation_id).update(updated_at=timezone.now())


def _touch_parent_of_changed_part(sender, instance, **kwargs) -> None:
    touch(instance.interpretation_id)


# Connected per part model, not globally: a receiver for every sender would stop Django from
# deleting any other model's rows in one fast query.
for part_model in PART_MODELS:
    for signal in (post_save, post_delete):
        signal.connect(_touch_parent_of_changed_part, sender=part_model)
