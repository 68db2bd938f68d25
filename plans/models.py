"""Rehearsal plans: a recurring dream rewritten with a new ending, read at bedtime.

Imagery rehearsal: the dreamer writes the dream again, ending it any way they like, and goes
over the new version for a few minutes each evening. A plan keeps every version of the new
ending, the nights it was rehearsed, and whether it is running, paused or ended.
"""

import datetime as dt

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models, transaction
from django.urls import reverse

from interpretations.models import Interpretation, Tag
from plans.dreams import Journal
from plans.progress import BeforeAfter, before_after

ENDING_MAX_LENGTH = 5_000
DREAM_TITLE_MAX_LENGTH = 500
# Before this hour a rehearsal belongs to the night that began the evening before: someone
# reading their plan at 1 a.m. is going to sleep on that night, not the next one.
NEW_DAY_HOUR = 5


def bedtime_night(local_now: dt.datetime) -> dt.date:
    """The night a rehearsal at `local_now` (in the dreamer's time zone) is for."""
    return (local_now - dt.timedelta(hours=NEW_DAY_HOUR)).date()


class Status(models.TextChoices):
    RUNNING = "running", "Running"
    PAUSED = "paused", "Paused"
    ENDED = "ended", "Ended"


class RehearsalPlanQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(user=user)

    def not_ended(self):
        return self.exclude(status=Status.ENDED)

    def with_rehearsals_between(self, first: dt.date, last: dt.date):
        """Each plan with `rehearsals_in_range`: its rehearsal nights from first to last."""
        return self.annotate(
            rehearsals_in_range=models.Count(
                "rehearsals", filter=models.Q(rehearsals__night__range=(first, last))
            )
        )


class RehearsalPlan(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="rehearsal_plans"
    )
    # The dream the plan works on: an interpretation or one scenario. Either may leave the
    # library; the plan keeps the title it had and stays readable.
    interpretation = models.ForeignKey(
        Interpretation, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    scenario = models.ForeignKey(
        Tag, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    dream_title = models.CharField(max_length=DREAM_TITLE_MAX_LENGTH)
    new_ending = models.TextField(
        "the dream with its new ending", validators=[MaxLengthValidator(ENDING_MAX_LENGTH)]
    )
    starts_on = models.DateField("first night")
    status = models.CharField(max_length=10, choices=Status, default=Status.RUNNING)
    ended_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = RehearsalPlanQuerySet.as_manager()

    class Meta:
        ordering = ["status", "-starts_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(interpretation__isnull=False, scenario__isnull=False),
                name="plan_for_one_dream",
            )
        ]

    def __str__(self) -> str:
        # Never the dream's words: this string may land in logs.
        return f"Rehearsal plan {self.pk} of user {self.user_id}"

    def get_absolute_url(self) -> str:
        return reverse("plans:detail", args=[self.pk])

    @property
    def dream_key(self) -> tuple[str, int] | None:
        """("interpretation", id) or ("scenario", tag id); None once it left the library."""
        if self.interpretation_id:
            return ("interpretation", self.interpretation_id)
        if self.scenario_id:
            return ("scenario", self.scenario_id)
        return None

    @property
    def dream_interpretation_id(self) -> int | None:
        """The interpretation the dream belongs to (a scenario's own), for its next stages."""
        if self.scenario is not None:
            return self.scenario.interpretation_id
        return self.interpretation_id

    @property
    def last_night(self) -> dt.date | None:
        """The last night the plan ran: the night it ended, or None while it runs."""
        return self.ended_on if self.status == Status.ENDED else None

    def progress(self, journal: Journal, today: dt.date) -> BeforeAfter:
        """Its dream's weeks before the first night and since (see plans.progress)."""
        dream = journal.dreams.get(self.dream_key) if self.dream_key else None
        return before_after(
            dream.dreams if dream else (),
            self.starts_on,
            today,
            journal_starts_on=journal.first_night,
            last_night=self.last_night,
        )

    def save_version(self) -> None:
        """Save the plan and keep this version of its ending, in one transaction."""
        with transaction.atomic():
            self.save()
            self.versions.create(new_ending=self.new_ending, starts_on=self.starts_on)

    def rehearse(self, night: dt.date) -> bool:
        """Note a rehearsal on `night`; a second tap on the same night changes nothing.
        True when this one was new."""
        _, created = self.rehearsals.get_or_create(night=night)
        return created

    def rehearsed_on(self, night: dt.date) -> bool:
        return self.rehearsals.filter(night=night).exists()

    def set_status(self, status: str, today: dt.date) -> None:
        self.status = status
        self.ended_on = today if status == Status.ENDED else None
        self.save(update_fields=["status", "ended_on", "updated_at"])


class PlanVersion(models.Model):
    """The new ending as it stood after one save: the first writing and every edit."""

    plan = models.ForeignKey(RehearsalPlan, on_delete=models.CASCADE, related_name="versions")
    new_ending = models.TextField(validators=[MaxLengthValidator(ENDING_MAX_LENGTH)])
    starts_on = models.DateField()
    saved_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-saved_at", "-pk"]

    def __str__(self) -> str:
        return f"Version {self.pk} of plan {self.plan_id}"


class Rehearsal(models.Model):
    """One night the new ending was read before sleep."""

    plan = models.ForeignKey(RehearsalPlan, on_delete=models.CASCADE, related_name="rehearsals")
    night = models.DateField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["night"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "night"], name="one_rehearsal_per_night")
        ]

    def __str__(self) -> str:
        return f"Rehearsal of plan {self.plan_id} on {self.night}"


class FlagDismissal(models.Model):
    """The day a user put away the gentle note about frequent dreams; it stays away until a
    new spell of them begins after that day."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="flag_dismissal"
    )
    dismissed_on = models.DateField()

    def __str__(self) -> str:
        return f"Flag dismissed by user {self.user_id}"
