"""Entries: one logged dream each, with the tags and interpretation attached to it."""

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from interpretations.library import row_id
from interpretations.matching import MatchResult, TagMatch
from interpretations.models import Interpretation, Tag, by_kind

# The background work's models live in journal.jobs; imported here, Django registers them with
# this app and they are found, like every model, at journal.models.
from journal.jobs import ExportJob, ImportJob, RescoreRun  # noqa: F401
from journal.querysets import EntryQuerySet

NARRATIVE_MAX_LENGTH = 20_000
WAKING_BODY_MAX_LENGTH = 2_000
EARLIEST_NIGHT = dt.date(1900, 1, 1)
# The distress scale runs from 0 (not at all upsetting) to this (extremely).
DISTRESS_MAX = 4
# An automatic title is the dream's first sentence, cut to this many characters.
TITLE_LENGTH = 70


def shortened(text: str, length: int) -> str:
    """text, or as many of its whole words as fit in length characters with "…" after them
    (a first word longer than that is cut)."""
    text = " ".join(text.split())
    if len(text) <= length:
        return text
    kept = text[: length - 1]
    if text[length - 1] != " " and " " in kept:
        kept = kept.rsplit(" ", 1)[0]
    return kept.rstrip(" ,;:-–—") + "…"


class Emotion(models.TextChoices):
    FEAR = "fear", "Fear"
    ANXIETY = "anxiety", "Anxiety"
    PANIC = "panic", "Panic"
    DREAD = "dread", "Dread"
    FRUSTRATION = "frustration", "Frustration"
    HELPLESSNESS = "helplessness", "Helplessness"
    SHAME = "shame", "Shame"
    SADNESS = "sadness", "Sadness"
    ANGER = "anger", "Anger"
    CONFUSION = "confusion", "Confusion"
    LONELINESS = "loneliness", "Loneliness"
    RELIEF = "relief", "Relief"
    CALM = "calm", "Calm"
    JOY = "joy", "Joy"
    WONDER = "wonder", "Wonder"


class Origin(models.TextChoices):
    SUGGESTED = "suggested", "Suggested"
    USER = "user", "Chosen by you"


def default_time_zone() -> str:
    return settings.TIME_ZONE


class Profile(models.Model):
    """Per-user settings, created the first time they are needed."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    time_zone = models.CharField(max_length=64, default=default_time_zone)
    # Moves on whenever the user's journal changes, so cached pages built from it (patterns)
    # are never served stale, whichever process cached them.
    journal_version = models.PositiveIntegerField(default=0, editable=False)

    def __str__(self) -> str:
        return f"Settings of {self.user}"

    @classmethod
    def for_user(cls, user) -> "Profile":
        try:
            # As read with the signed-in user at the start of the request (accounts.lockout):
            # no query, and its journal_version is the one the request's pages were keyed by.
            return user.profile
        except cls.DoesNotExist:
            profile, _ = cls.objects.get_or_create(user=user)
            return profile

    @classmethod
    def journal_changed(cls, user_ids: Iterable[int] | None = None) -> None:
        """Invalidate what was cached from these users' journals (all users' with None)."""
        profiles = (
            cls.objects.all() if user_ids is None else cls.objects.filter(user_id__in=user_ids)
        )
        profiles.update(journal_version=F("journal_version") + 1)

    @property
    def zone(self) -> ZoneInfo:
        try:
            return ZoneInfo(self.time_zone)
        except (ValueError, KeyError):  # a zone the system no longer knows
            return ZoneInfo(settings.TIME_ZONE)

    def local_now(self) -> dt.datetime:
        return timezone.now().astimezone(self.zone)

    def today(self) -> dt.date:
        return self.local_now().date()

    def last_night(self) -> dt.date:
        """Last night, named (like every night) by the evening it began."""
        return self.today() - dt.timedelta(days=1)


@dataclass(frozen=True)
class TagRow:
    """What one entry tag should hold after matching."""

    tag_id: int
    origin: str
    score: float | None
    matched: list[str]
    accepted: bool


class Entry(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="entries"
    )
    night = models.DateField(help_text="The night you dreamt it.")
    title = models.CharField(max_length=200, blank=True)
    narrative = models.TextField(validators=[MaxLengthValidator(NARRATIVE_MAX_LENGTH)])
    waking_body = models.TextField(
        "how your body felt on waking",
        blank=True,
        validators=[MaxLengthValidator(WAKING_BODY_MAX_LENGTH)],
    )
    emotions = models.JSONField(default=list, blank=True)
    # 1 (faint) to 5 (overwhelming); None: not said, and never shown as if it were.
    intensity = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    # How upsetting the dream was, 0 (not at all) to 4 (extremely); None: not said.
    distress = models.PositiveSmallIntegerField(
        "how upsetting it was",
        null=True,
        blank=True,
        validators=[MaxValueValidator(DISTRESS_MAX)],
    )
    lucid = models.BooleanField("lucid", default=False)
    recurring = models.BooleanField("I've had this dream before", default=False)
    waking_life = models.TextField(
        "what is going on in waking life", blank=True, validators=[MaxLengthValidator(5_000)]
    )
    interpretation = models.ForeignKey(
        Interpretation, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    interpretation_origin = models.CharField(max_length=10, choices=Origin, blank=True)
    interpretation_score = models.FloatField(null=True, blank=True)
    interpretation_matched = models.JSONField(default=list, blank=True)
    # A token the form carries, so a double submit saves the dream once.
    submission_token = models.UUIDField(null=True, blank=True, editable=False)
    # Bumped on every save, so two tabs editing one entry cannot overwrite each other.
    revision = models.PositiveIntegerField(default=1, editable=False)
    deleted_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = EntryQuerySet.as_manager()
    accepted_tags: list["EntryTag"]  # fetched by EntryQuerySet.with_tags()

    class Meta:
        ordering = ["-night", "-created_at"]
        verbose_name_plural = "entries"
        indexes = [
            models.Index(fields=["user", "-night", "-created_at"]),
            # The purge looks for deleted entries only: a handful among every entry.
            models.Index(
                fields=["deleted_at"],
                condition=models.Q(deleted_at__isnull=False),
                name="entry_deleted_at",
            ),
        ]
        constraints = [
            # Per user: a token copied from someone else's form cannot collide with theirs.
            models.UniqueConstraint(
                fields=["user", "submission_token"], name="one_entry_per_submission"
            ),
            models.CheckConstraint(
                condition=models.Q(distress__lte=DISTRESS_MAX), name="distress_from_0_to_4"
            ),
        ]

    def __str__(self) -> str:
        # Never the dream's words: this string lands in admin pages and the admin's log.
        return f"Entry {self.pk} of user {self.user_id}"

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        Profile.journal_changed([self.user_id])

    def get_absolute_url(self) -> str:
        return reverse("entry_detail", args=[self.pk])

    def delete(self, *args, **kwargs):
        deleted = super().delete(*args, **kwargs)
        Profile.journal_changed([self.user_id])
        return deleted

    @property
    def display_title(self) -> str:
        """The title, or one derived from the narrative's first sentence."""
        if self.title.strip():
            return self.title.strip()
        first = re.split(r"(?<=[.!?…])\s|\n", self.narrative.strip(), maxsplit=1)[0]
        return shortened(first.rstrip("."), TITLE_LENGTH) or "Untitled dream"

    @property
    def emotion_labels(self) -> list[str]:
        labels = dict(Emotion.choices)
        return [labels[value] for value in self.emotions if value in labels]

    @property
    def match_strength(self) -> str:
        """The attached interpretation's score in words a person reads at 6 a.m."""
        score = self.interpretation_score or 0.0
        if score >= 0.9:
            return "a close match"
        if score >= 0.8:
            return "a good match"
        return "a possible match"

    @property
    def interpretation_is_chosen(self) -> bool:
        return self.interpretation_origin == Origin.USER

    # Soft delete: hidden at once, restorable for UNDO_WINDOW (journal.querysets), then purged.

    def soft_delete(self) -> None:
        self.deleted_at = timezone.now()
        self.save(update_fields=["deleted_at"])

    def restore(self) -> None:
        self.deleted_at = None
        self.save(update_fields=["deleted_at"])

    # Tags.

    @property
    def accepted_tags_by_kind(self) -> dict[str, list["EntryTag"]]:
        """The accepted entry tags that with_tags() fetched, by kind."""
        return entry_tags_by_kind(self.accepted_tags)

    def replace_tags(
        self, result: MatchResult, *, accepted: Iterable[int], is_new: bool = False
    ) -> None:
        """Save the tags the user accepted or added (ids of tags) and the suggestions left
        open. A new entry has no tags yet, so there is nothing to look up or clear first."""
        origins = {}
        if not is_new:
            origins = dict(self.tags.values_list("tag_id", "origin"))
            EntryTag.objects.filter(entry=self).delete()
        rows = tag_rows(tag_matches(result), set(accepted), origins)
        EntryTag.objects.bulk_create(EntryTag.from_row(self, row) for row in rows)

    def set_interpretation(self, result: MatchResult, choice: str = "auto") -> None:
        """Attach the suggested interpretation ("auto"), none ("none") or the one chosen (its
        id, as a string), with the words that support it. Does not save."""
        if choice == "auto":
            self.set_suggested_interpretation(result)
            return
        self.interpretation_origin = Origin.USER
        if choice == "none":
            self.interpretation = None
            self.interpretation_score = None
            self.interpretation_matched = []
            return
        chosen = int(choice)
        support = [m for m in tag_matches(result) if m.tag.interpretation_key == chosen]
        self.interpretation_id = chosen
        self.interpretation_score = max((m.score for m in support), default=None)
        self.interpretation_matched = list(
            dict.fromkeys(word for m in support for word in m.matched)
        )

    @property
    def interpretation_choice(self) -> str:
        """The value of the form's interpretation select that reproduces this entry's state."""
        if self.interpretation_origin != Origin.USER:
            return "auto"
        return str(self.interpretation_id) if self.interpretation_id else "none"

    def set_suggested_interpretation(self, result: MatchResult) -> None:
        found = result.interpretation
        self.interpretation_id = row_id(found.interpretation.key) if found else None
        self.interpretation_origin = Origin.SUGGESTED if found else ""
        self.interpretation_score = found.score if found else None
        self.interpretation_matched = list(found.matched) if found else []


def tag_matches(result: MatchResult, kind: str | None = None) -> tuple[TagMatch, ...]:
    """The tags the matcher suggested (of one kind, if given), each kind best first."""
    matches = (*result.scenarios, *result.markers)
    return matches if kind is None else tuple(m for m in matches if m.tag.kind == kind)


def tag_rows(
    suggestions: Iterable[TagMatch], accepted: set[int], origins: dict[int, str]
) -> list[TagRow]:
    """The entry tags an entry keeps: every suggestion (accepted or left open), then each
    accepted tag that was not suggested this time, keeping whether it was ever suggested
    (origins: the entry's tag ids and their origin so far)."""
    rows = []
    for match in suggestions:
        rows.append(
            TagRow(
                row_id(match.tag.key),
                Origin.SUGGESTED,
                match.score,
                list(match.matched),
                match.tag.key in accepted,
            )
        )
    suggested = {row.tag_id for row in rows}
    for tag_id in sorted(accepted - suggested):
        rows.append(TagRow(tag_id, origins.get(tag_id, Origin.USER), None, [], True))
    return rows


class EntryTag(models.Model):
    """A tag on an entry: suggested by the matcher and left open, or accepted (ticked by
    its owner, added by them, or taken by an import)."""

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="tags")
    tag = models.ForeignKey(Tag, on_delete=models.CASCADE, related_name="entry_tags")
    # The entry's owner, copied from it so that one user's entry tags are found by an index
    # of their own: through the entries, PostgreSQL read every user's entry tags to pick out
    # one user's. An entry never changes hands, so the copy cannot go stale.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", editable=False
    )
    origin = models.CharField(max_length=10, choices=Origin, default=Origin.SUGGESTED)
    score = models.FloatField(null=True, blank=True)
    matched = models.JSONField(default=list, blank=True)
    accepted = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["entry", "tag"], name="one_entry_tag_per_tag")
        ]

    def __str__(self) -> str:
        return f"tag {self.tag_id} of entry {self.entry_id}"

    @classmethod
    def from_row(cls, entry: Entry, row: TagRow) -> "EntryTag":
        return cls(
            entry=entry,
            user_id=entry.user_id,
            tag_id=row.tag_id,
            origin=row.origin,
            score=row.score,
            matched=row.matched,
            accepted=row.accepted,
        )


def entry_tags_by_kind(entry_tags: Iterable[EntryTag]) -> dict[str, list[EntryTag]]:
    """Entry tags (with their tags fetched) by kind, in their order; every kind is a key."""
    return by_kind(entry_tags, lambda entry_tag: entry_tag.tag.kind)
