"""Entries: one logged dream each, with the tags and interpretation attached to it."""

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import IntegrityError, models, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from interpretations.library import row_id
from interpretations.matching import MatchResult, TagMatch
from interpretations.models import Interpretation, Tag, by_kind

NARRATIVE_MAX_LENGTH = 20_000
WAKING_BODY_MAX_LENGTH = 2_000
EARLIEST_NIGHT = dt.date(1900, 1, 1)
# The distress scale runs from 0 (not at all upsetting) to this (extremely).
DISTRESS_MAX = 4
# A deleted entry can be brought back for this long; after that it is gone for good.
UNDO_WINDOW = dt.timedelta(minutes=10)
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


class EntryQuerySet(models.QuerySet["Entry"]):
    def for_user(self, user):
        return self.alive().filter(user=user)

    def alive(self):
        return self.filter(deleted_at__isnull=True)

    def search(self, text: str):
        """Entries whose title, narrative, body or waking-life notes match the words of text
        (journal.search: any text is accepted, and never fails a query)."""
        from journal.search import matching_entries

        return matching_entries(self, text)

    def with_tags(self, order_by=("pk",)):
        """Prefetch the accepted entry tags with their tags, as entry.accepted_tags (one
        query for a page), best suggestion first unless ordered otherwise."""
        return self.select_related("interpretation").prefetch_related(
            models.Prefetch(
                "tags",
                EntryTag.objects.filter(accepted=True).select_related("tag").order_by(*order_by),
                to_attr="accepted_tags",
            )
        )

    def span(self) -> "JournalSpan":
        """How many entries there are and the first and last nights they cover (one query)."""
        found = self.aggregate(
            count=models.Count("pk"), first=models.Min("night"), last=models.Max("night")
        )
        return JournalSpan(**found)

    def in_month(self, year: int, month: int):
        first = dt.date(year, month, 1)
        following = (first + dt.timedelta(days=32)).replace(day=1)
        return self.filter(night__gte=first, night__lt=following)

    def restorable(self):
        return self.filter(deleted_at__gte=timezone.now() - UNDO_WINDOW)

    def purge_deleted(self) -> int:
        """Delete for good the entries whose undo window has passed."""
        count, _ = self.filter(deleted_at__lt=timezone.now() - UNDO_WINDOW).delete()
        return count

    def with_interpretation(self, interpretation):
        return self.filter(interpretation=interpretation)

    def with_tag(self, tag):
        return self.filter(tags__tag=tag, tags__accepted=True)

    def between(self, start=None, end=None):
        if start:
            self = self.filter(night__gte=start)
        if end:
            self = self.filter(night__lte=end)
        return self


@dataclass(frozen=True)
class JournalSpan:
    """The entries of a journal, counted, and the first and last nights they cover."""

    count: int
    first: dt.date | None
    last: dt.date | None


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

    # Soft delete: hidden at once, restorable for UNDO_WINDOW, then purged.

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


# --- Imports and exports in the background (journal/transfers.py runs them) ----------------

# An uploaded import file is kept on its job row between the preview and the task, at most this
# large (the upload handler stops reading past it); it is emptied when the job ends.
IMPORT_FILE_MAX_BYTES = 20 * 1024 * 1024
# A prepared export can be downloaded for this long, then it is deleted.
EXPORT_LIFETIME = dt.timedelta(days=1)
# A running import reports progress every few seconds; one silent this long lost its worker.
IMPORT_STALLED_AFTER = dt.timedelta(minutes=15)


class JobStatus(models.TextChoices):
    PREVIEW = "preview", "Waiting for you to confirm"
    QUEUED = "queued", "Queued"
    RUNNING = "running", "Running"
    DONE = "done", "Done"
    FAILED = "failed", "Failed"


ACTIVE_STATUSES = (JobStatus.QUEUED, JobStatus.RUNNING)


class AnotherImportRunning(Exception):
    """The user's previous import is still queued or running."""


class ImportJobQuerySet(models.QuerySet["ImportJob"]):
    def stalled(self):
        """Running imports whose worker stopped (killed, or the server restarted)."""
        return self.filter(
            status=JobStatus.RUNNING, updated_at__lt=timezone.now() - IMPORT_STALLED_AFTER
        )


class ImportJob(models.Model):
    """One file a user imports: previewed, then queued, run by a task, done or failed."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="import_jobs"
    )
    status = models.CharField(max_length=10, choices=JobStatus, default=JobStatus.PREVIEW)
    file_name = models.CharField(max_length=255)
    file_format = models.CharField(max_length=8)
    data = models.BinaryField(max_length=IMPORT_FILE_MAX_BYTES, default=bytes, editable=False)
    # What the dry run found: counts, date range and the first few skipped and duplicates.
    preview = models.JSONField(default=dict, blank=True)
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    imported = models.PositiveIntegerField(default=0)
    attempts = models.PositiveSmallIntegerField(default=0)
    message = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    objects = ImportJobQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            # One import at a time per user, whichever request or worker tries a second.
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(status__in=ACTIVE_STATUSES),
                name="one_import_at_a_time",
            )
        ]

    def __str__(self) -> str:
        return f"import of {self.file_name} by {self.user}"

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_STATUSES

    @property
    def preview_nights(self) -> tuple[dt.date, dt.date] | None:
        """The first and last night of the dreams the preview found to import."""
        if not self.preview.get("first_night"):
            return None
        return (
            dt.date.fromisoformat(self.preview["first_night"]),
            dt.date.fromisoformat(self.preview["last_night"]),
        )

    @property
    def percent(self) -> int:
        return min(100, self.done * 100 // self.total) if self.total else 0

    def queue(self) -> bool:
        """Confirm a previewed import: whether it was queued now (not before, by a repeated
        click). Raises AnotherImportRunning if another of the user's is under way."""
        with transaction.atomic():
            job = ImportJob.objects.select_for_update().only("status").get(pk=self.pk)
            if job.status != JobStatus.PREVIEW:
                return False
            if ImportJob.objects.filter(user=self.user_id, status__in=ACTIVE_STATUSES).exists():
                raise AnotherImportRunning
            try:
                with transaction.atomic():
                    ImportJob.objects.filter(pk=self.pk).update(status=JobStatus.QUEUED)
            except IntegrityError:  # a second request got past the check at the same moment
                raise AnotherImportRunning from None
        self.status = JobStatus.QUEUED
        return True

    def record_progress(self, done: int, total: int) -> None:
        ImportJob.objects.filter(pk=self.pk).update(
            done=done, total=total, updated_at=timezone.now()
        )
        self.done, self.total = done, total

    def end(self, status: str, message: str, imported: int = 0) -> None:
        """Finish the job and let go of the file."""
        self.status, self.message, self.imported = status, message, imported
        self.data = b""
        self.finished_at = timezone.now()
        self.save(
            update_fields=["status", "message", "imported", "data", "finished_at", "updated_at"]
        )


class ExportJobQuerySet(models.QuerySet["ExportJob"]):
    def expired(self):
        return self.filter(created_at__lt=timezone.now() - EXPORT_LIFETIME)

    def downloadable(self):
        return self.filter(status=JobStatus.DONE, created_at__gte=timezone.now() - EXPORT_LIFETIME)


class ExportJob(models.Model):
    """A large journal's export, written by a task and kept for a day for its owner."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="export_jobs"
    )
    file_format = models.CharField(max_length=10)
    status = models.CharField(max_length=10, choices=JobStatus, default=JobStatus.QUEUED)
    entries = models.PositiveIntegerField(default=0)
    data = models.BinaryField(default=bytes, editable=False)
    message = models.TextField(blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    objects = ExportJobQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.file_format} export for {self.user}"

    @property
    def expires_at(self) -> dt.datetime:
        return self.created_at + EXPORT_LIFETIME


# --- Re-scoring after the library changes (journal/tasks.py runs it) -------------------------

# A run that records no progress for this long has lost its worker (a batch takes about a
# second): housekeeping queues it again, and it resumes after its last finished batch.
RESCORE_STALLED_AFTER = dt.timedelta(minutes=10)


class RescoreStatus(models.TextChoices):
    WAITING = "waiting", "Waiting for a worker"
    RUNNING = "running", "Running"
    DONE = "done", "Done"
    SUPERSEDED = "superseded", "Replaced by a later run"
    FAILED = "failed", "Failed"


UNFINISHED_RESCORES = (RescoreStatus.WAITING, RescoreStatus.RUNNING)


class RescoreRunQuerySet(models.QuerySet["RescoreRun"]):
    def requested(self) -> tuple["RescoreRun", bool]:
        """The run that will re-score every entry after a library change, and whether it is
        new: changes made while a run is still waiting for a worker join it, so saves in a
        row cost one pass. Call it in the transaction that changed the library, if any.

        The entries to check are those the last run counted when it started (the worker
        counts them again): counting them here would read every entry inside the editor's
        request, 50–250 ms at 140,000 entries on PostgreSQL."""
        last_count = self.exclude(started_at=None).values_list("entries_to_check", flat=True)
        entries = last_count.first()
        if entries is None:
            entries = Entry.objects.alive().count()
        with transaction.atomic():
            run = self.select_for_update().filter(status=RescoreStatus.WAITING).last()
            if run is None:
                return self.create(entries_to_check=entries), True
            run.changes += 1
            run.entries_to_check = entries
            run.save(update_fields=["changes", "entries_to_check"])
        return run, False

    def claim(self, pk: int) -> "RescoreRun | None":
        """Start run pk, or resume it after its last finished batch; None when there is
        nothing to do: it is finished, another worker is running it, or a later run will
        re-score every entry anyway (it is then marked superseded)."""
        now = timezone.now()
        with transaction.atomic():
            run = self.select_for_update().filter(pk=pk).first()
            if run is None or not run.is_claimable:
                return None
            if self.filter(pk__gt=pk).exclude(status=RescoreStatus.FAILED).exists():
                run.finish(RescoreStatus.SUPERSEDED)
                return None
            self.filter(pk__lt=pk, status__in=UNFINISHED_RESCORES).update(
                status=RescoreStatus.SUPERSEDED, finished_at=now
            )
            run.status = RescoreStatus.RUNNING
            run.entries_to_check = Entry.objects.alive().count()
            run.attempts += 1
            run.started_at = run.started_at or now
            run.progress_at = now
            run.save()
        return run

    def stalled(self):
        """Unfinished runs no worker has moved on for RESCORE_STALLED_AFTER."""
        cutoff = timezone.now() - RESCORE_STALLED_AFTER
        return self.filter(status__in=UNFINISHED_RESCORES).filter(
            models.Q(progress_at__lt=cutoff)
            | models.Q(progress_at__isnull=True, requested_at__lt=cutoff)
        )


class RescoreRun(models.Model):
    """One pass that re-scores every entry's open suggestions against the library as it is
    when the pass runs. It records its progress with each batch, in the batch's transaction,
    so a pass stopped partway resumes after the last batch it finished."""

    class Stopped(Exception):
        """The run is no longer this worker's: a later run replaced it, or another worker
        took it over after it stalled."""

    status = models.CharField(max_length=10, choices=RescoreStatus, default=RescoreStatus.WAITING)
    changes = models.PositiveIntegerField("library changes", default=1)
    entries_to_check = models.PositiveIntegerField(default=0)
    entries_rescored = models.PositiveIntegerField(default=0)
    suggestions_changed = models.PositiveIntegerField(
        "entries whose suggestions changed", default=0
    )
    last_entry_id = models.PositiveBigIntegerField(default=0, editable=False)
    # Counts the workers that started it; a worker's writes are kept only while its count
    # is the latest, so a worker taken over after a stall cannot write on.
    attempts = models.PositiveSmallIntegerField(default=0)
    error = models.TextField(blank=True)
    requested_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    progress_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    objects = RescoreRunQuerySet.as_manager()

    class Meta:
        ordering = ["-pk"]
        verbose_name = "re-scoring run"

    def __str__(self) -> str:
        return f"Re-scoring run {self.pk}"

    @property
    def is_claimable(self) -> bool:
        if self.status == RescoreStatus.WAITING:
            return True
        stalled_since = timezone.now() - RESCORE_STALLED_AFTER
        return (
            self.status == RescoreStatus.RUNNING
            and self.progress_at is not None
            and self.progress_at < stalled_since
        )

    def _mine(self):
        return RescoreRun.objects.filter(
            pk=self.pk, status=RescoreStatus.RUNNING, attempts=self.attempts
        )

    def record_batch(self, last_entry_id: int, rescored: int, changed: int) -> None:
        """Record a finished batch. Call it inside the batch's transaction: it raises Stopped,
        and the batch is rolled back, if the run is no longer this worker's or a later run
        waits (which re-scores every entry against a newer library: saves in a row cost one
        pass, even with one worker)."""
        if RescoreRun.objects.filter(pk__gt=self.pk).exclude(status=RescoreStatus.FAILED).exists():
            raise RescoreRun.Stopped
        updated = self._mine().update(
            last_entry_id=last_entry_id,
            entries_rescored=F("entries_rescored") + rescored,
            suggestions_changed=F("suggestions_changed") + changed,
            progress_at=timezone.now(),
        )
        if not updated:
            raise RescoreRun.Stopped
        self.last_entry_id = last_entry_id
        self.entries_rescored += rescored
        self.suggestions_changed += changed

    def stopped(self) -> None:
        """Record that this worker stopped the run because a later one replaced it."""
        self._mine().update(status=RescoreStatus.SUPERSEDED, finished_at=timezone.now())

    def finish(self, status: str, error: str = "") -> None:
        self.status = status
        self.error = error
        self.finished_at = None if status == RescoreStatus.WAITING else timezone.now()
        self.save(update_fields=["status", "error", "finished_at"])

    def failed(self, error: Exception, *, will_retry: bool) -> None:
        """Record an attempt's error: the run waits for its retry, or has failed for good."""
        if self._mine().exists():
            message = f"{type(error).__name__}: {error}"[:2000]
            self.finish(RescoreStatus.WAITING if will_retry else RescoreStatus.FAILED, message)
