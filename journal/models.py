"""Entries: one logged dream each, with the tags and interpretation attached to it."""

from django.conf import settings
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models

from interpretations.models import Interpretation, Scenario, SomaticMarker

NARRATIVE_MAX_LENGTH = 20_000


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


class EntryQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(user=user, deleted_at__isnull=True)

    def with_interpretation(self, interpretation):
        return self.filter(interpretation=interpretation)

    def with_scenario(self, scenario):
        return self.filter(scenario_tags__scenario=scenario, scenario_tags__accepted=True)

    def with_marker(self, marker):
        return self.filter(marker_tags__marker=marker, marker_tags__accepted=True)

    def between(self, start=None, end=None):
        if start:
            self = self.filter(night__gte=start)
        if end:
            self = self.filter(night__lte=end)
        return self


class Entry(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="entries"
    )
    night = models.DateField(help_text="The night you dreamt it.")
    title = models.CharField(max_length=200, blank=True)
    narrative = models.TextField(validators=[MaxLengthValidator(NARRATIVE_MAX_LENGTH)])
    waking_body = models.TextField(
        "how your body felt on waking", blank=True, validators=[MaxLengthValidator(2_000)]
    )
    emotions = models.JSONField(default=list, blank=True)
    intensity = models.PositiveSmallIntegerField(
        default=3, validators=[MinValueValidator(1), MaxValueValidator(5)]
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
    submission_token = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    # Bumped on every save, so two tabs editing one entry cannot overwrite each other.
    revision = models.PositiveIntegerField(default=1, editable=False)
    deleted_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = EntryQuerySet.as_manager()

    class Meta:
        ordering = ["-night", "-created_at"]
        verbose_name_plural = "entries"
        indexes = [models.Index(fields=["user", "-night", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.night}: {self.title}"


class Tag(models.Model):
    origin = models.CharField(max_length=10, choices=Origin, default=Origin.SUGGESTED)
    score = models.FloatField(null=True, blank=True)
    matched = models.JSONField(default=list, blank=True)
    accepted = models.BooleanField(default=False)

    class Meta:
        abstract = True


class EntryScenario(Tag):
    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="scenario_tags")
    scenario = models.ForeignKey(Scenario, on_delete=models.CASCADE, related_name="entry_tags")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["entry", "scenario"], name="one_tag_per_scenario")
        ]


class EntryMarker(Tag):
    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="marker_tags")
    marker = models.ForeignKey(SomaticMarker, on_delete=models.CASCADE, related_name="entry_tags")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["entry", "marker"], name="one_tag_per_marker")
        ]
