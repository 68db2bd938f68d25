"""The interpretation library: one Interpretation per article, with its ordered parts."""

import re
from collections.abc import Callable, Iterable
from operator import attrgetter

import reversion
from django.db import models, transaction
from django.db.models import Count, Max
from django.dispatch import Signal
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from interpretations.article import ArticleError, ParsedArticle


def normalised_title(title: str) -> str:
    """A title reduced to its words, for matching next-stage targets to interpretations."""
    return " ".join(re.findall(r"[^\W_]+", title.casefold()))


def title_variants(title: str) -> set[str]:
    """The whole title and its main part before a subtitle ("Title: Subtitle", "Title — x")."""
    main = re.split(r"\s*(?::|\s—\s|\s-\s|\|)\s*", title, maxsplit=1)[0]
    return {normalised_title(title), normalised_title(main)} - {""}


# The words around a dream's name in an article's links to other dreams, written for search
# engines: "dream about being chased by a killer meaning", "dreams of falling meaning".
_SEARCH_PHRASING = re.compile(
    r"(?:dreams?\s+(?:about|of)\s+)?(?P<subject>.+?)\s+meaning", re.IGNORECASE
)


def without_search_phrasing(name: str) -> str:
    """A dream's name as an article's link gives it, without the search-engine phrasing
    around it ("dream about being chased meaning" → "being chased")."""
    name = name.strip()
    search_link = _SEARCH_PHRASING.fullmatch(name)
    return search_link["subject"] if search_link else name


def normalised_newlines(text: str) -> str:
    """text with its line breaks as \n, whatever sent them: browsers post \r\n, files hold \n."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def normalise_newlines(instance: models.Model) -> None:
    """Store line breaks as \n, however the instance was filled (an import, the shell)."""
    for field in instance._meta.concrete_fields:
        value = getattr(instance, field.attname)
        if isinstance(field, models.CharField | models.TextField) and isinstance(value, str):
            setattr(instance, field.attname, normalised_newlines(value))


class InterpretationQuerySet(models.QuerySet["Interpretation"]):
    def published(self):
        return self.filter(published=True)

    def library_version(self) -> str:
        """Changes whenever an interpretation is saved, added or deleted, and whenever
        library_changed() names one whose parts changed."""
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
            names = title_variants(stage.target_title) | title_variants(
                without_search_phrasing(stage.target_title)
            )
            target_id = next((by_title[v] for v in names if v in by_title), None)
            if target_id == stage.interpretation_id:
                target_id = None
            if stage.target_id != target_id:
                stage.target_id = target_id
                changed.append(stage)
        NextStage.objects.bulk_update(changed, ["target"])
        return len(changed)

    def import_article(self, article: ParsedArticle, user=None) -> tuple["Interpretation", bool]:
        """Create or update, in place, the interpretation imported from article.source.

        Parts are matched by their label or text so that entry tags pointing at an unchanged
        tag survive a re-import; parts the document no longer has are deleted.
        """
        check_article_fits(article)
        with transaction.atomic(), reversion.create_revision():
            interpretation: Interpretation | None = self.filter(source=article.source).first()
            created = interpretation is None
            if interpretation is None:
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
    def tags_by_kind(self) -> dict[str, list["Tag"]]:
        """Its tags by kind, read through tags.all() so that a prefetch serves them."""
        return by_kind(self.tags.all())

    @property
    def quick_answer_points(self) -> list[str]:
        return [line.strip() for line in self.quick_answer.splitlines() if line.strip()]

    def replace_parts(self, article: ParsedArticle) -> None:
        for kind, pairs in (
            (TagKind.SCENARIO, article.scenarios),
            (TagKind.MARKER, article.markers),
        ):
            rows = [{"label": pair.label, "meaning": pair.meaning} for pair in pairs]
            _sync_parts(self.tags, rows, "label", kind=kind)
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


def _sync_parts(related_manager, rows: list[dict], key_field: str, **common) -> None:
    """Make related_manager hold exactly rows, in order, among its parts with the common
    values (a tag's kind). A row keeps the identity (and so the users' entry tags) of the
    part with the same key, or else of the unclaimed part in its position, so rewording a
    label in the document does not drop the entry tags on it."""
    parts = related_manager.filter(**common)
    existing = list(parts)
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
                **{related_manager.field.name: related_manager.instance}, **common
            )
        for field, value in values.items():
            setattr(part, field, value)
        part.position = position
        part.save()
        kept.add(part.pk)
    parts.exclude(pk__in=kept).delete()


class Part(models.Model):
    """An ordered piece of an interpretation."""

    position = models.PositiveIntegerField(default=0)

    class Meta:
        abstract = True
        ordering = ["position", "id"]

    def save(self, *args, **kwargs):
        normalise_newlines(self)
        super().save(*args, **kwargs)


class TagKind(models.TextChoices):
    """What a tag names in a dream. Another kind is one more line here."""

    SCENARIO = "scenario", "Scenario"
    MARKER = "marker", "Body sensation"

    @property
    def plural(self) -> str:
        """The name of a list of this kind's tags: form fields, export keys, page anchors."""
        return f"{self.value}s"

    @property
    def plural_label(self) -> str:
        """The label of a list of them, plural as Django makes verbose names."""
        return f"{self.label}s"


def by_kind(items: Iterable, kind_of: Callable[..., str] = attrgetter("kind")) -> dict[str, list]:
    """items (tags, or things that carry one) by kind, in their order; every kind is a key."""
    groups: dict[str, list] = {kind: [] for kind in TagKind}
    for item in items:
        groups[kind_of(item)].append(item)
    return groups


class TagQuerySet(models.QuerySet["Tag"]):
    def published(self):
        """The tags of published interpretations: the only ones new entry tags may name."""
        return self.filter(interpretation__published=True)


class Tag(Part):
    """A scenario or body sensation of an interpretation: what a dream is tagged with,
    matched from its words."""

    interpretation = models.ForeignKey(
        Interpretation, on_delete=models.CASCADE, related_name="tags"
    )
    kind = models.CharField(max_length=20, choices=TagKind)
    label = models.CharField(
        max_length=500,
        help_text="What happens in the dream, or what the body felt on waking.",
    )
    meaning = models.TextField(blank=True)
    cues = models.TextField(
        blank=True,
        help_text="Optional extra phrases that should suggest it, one per line.",
    )

    objects = TagQuerySet.as_manager()

    def __str__(self) -> str:
        return self.label

    @property
    def cue_phrases(self) -> tuple[str, ...]:
        return tuple(line.strip() for line in self.cues.splitlines() if line.strip())


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

    @property
    def display_title(self) -> str:
        """What to call the dream it moves to: the linked interpretation's title while that
        is published, else the article's words without the search-engine phrasing an
        article's links carry ("dream about being chased meaning" → "Being chased")."""
        if self.target is not None and self.target.published:
            return self.target.title
        name = without_search_phrasing(self.target_title)
        return name[:1].upper() + name[1:]


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


reversion.register(
    Interpretation,
    follow=("tags", "arrival_conditions", "faq_entries", "next_stages", "sections"),
)
for part_model in (Tag, ArrivalCondition, FaqEntry, NextStage, BodySection):
    reversion.register(part_model)


# Sent by library_changed(), inside the transaction that changed the library: a receiver
# that reads the new library waits for the commit (transaction.on_commit).
library_change = Signal()


def library_changed(interpretation_ids: Iterable[int] = ()) -> list[str]:
    """Announce that the library changed: call it after any change, naming the
    interpretations added or edited, parts included (whatever else changed the rows: a
    bulk update too). A deleted one needs no name: the library version counts them.

    Re-links next stages, moves the library version on, so the matcher is rebuilt, and
    sends library_change, so the journal re-scores its entries. Returns what the receivers
    answered, for the editor (the journal: how many entries it will re-score)."""
    Interpretation.objects.filter(pk__in=list(interpretation_ids)).update(updated_at=timezone.now())
    Interpretation.objects.resolve_next_stages()
    return [reply for _, reply in library_change.send(sender=Interpretation) if reply]


def check_article_fits(article: ParsedArticle) -> None:
    """ArticleError, naming the text, when a piece of the article is longer than its column:
    PostgreSQL refuses such text, and SQLite would keep it and then refuse every later edit."""
    limits = [
        ("The title", [article.title], Interpretation, "title"),
        ("The file name", [article.source], Interpretation, "source"),
        ("A scenario or body-sensation label",
         [pair.label for pair in (*article.scenarios, *article.markers)], Tag, "label"),
        ("A next stage's title", [stage.target for stage in article.next_stages], NextStage,
         "target_title"),
        ("A section heading", [section.heading for section in article.sections], BodySection,
         "heading"),
    ]  # fmt: skip
    for what, values, model, field in limits:
        column = model._meta.get_field(field)
        if not isinstance(column, models.CharField) or column.max_length is None:
            continue  # no limit to check
        longest = column.max_length
        for value in values:
            if len(value) > longest:
                raise ArticleError(
                    f"{what} is {len(value):,} characters long, and at most {longest:,} fit: "
                    f"“{value[:60]}…”"
                )
