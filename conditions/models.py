"""What was going on in waking life around a dream: the person's life-context tags on an
entry, and their answers to the article's "when this dream arrives" questions."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction

from conditions.signals import LIFE_TAG_MAX_LENGTH, normalise_tag_name
from interpretations.models import ArrivalCondition
from journal.models import Entry

# Limits an account cannot grow past, so a page of tags always stays a page.
LIFE_TAGS_PER_USER = 200
LIFE_TAGS_PER_ENTRY = 12


class LifeTag(models.Model):
    """A condition of waking life in the person's own words ("deadline", "night shifts")."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="life_tags"
    )
    name = models.CharField(max_length=LIFE_TAG_MAX_LENGTH)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["user", "name"], name="one_life_tag_per_name")
        ]

    def __str__(self) -> str:
        return self.name

    @classmethod
    @transaction.atomic
    def add_to(cls, entry: Entry, name: str) -> "LifeTag":
        """Put the tag named name on the entry, making it the user's own tag if it is new.
        Raises ValidationError past the limits (checked under a lock on the user's tags, so
        two requests at once cannot both slip past)."""
        name = normalise_tag_name(name)
        owned = cls.objects.select_for_update().filter(user_id=entry.user_id)
        tag = owned.filter(name=name).first()
        if tag is None:
            if owned.count() >= LIFE_TAGS_PER_USER:
                raise ValidationError(
                    f"You have {LIFE_TAGS_PER_USER} tags already: reuse one of them."
                )
            tag = cls.objects.create(user_id=entry.user_id, name=name)
        if not entry.life_tags.filter(life_tag=tag).exists():
            if entry.life_tags.count() >= LIFE_TAGS_PER_ENTRY:
                raise ValidationError(f"One dream holds at most {LIFE_TAGS_PER_ENTRY} tags.")
            EntryLifeTag.objects.create(entry=entry, life_tag=tag)
        return tag


class EntryLifeTag(models.Model):
    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="life_tags")
    life_tag = models.ForeignKey(LifeTag, on_delete=models.CASCADE, related_name="entry_links")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["entry", "life_tag"], name="one_link_per_life_tag")
        ]

    def __str__(self) -> str:
        return f"{self.life_tag} on entry {self.entry_id}"


class Answer(models.TextChoices):
    YES = "yes", "Yes"
    NO = "no", "No"
    UNSURE = "unsure", "Not sure"


class CheckIn(models.Model):
    """The person's answer, for one night, to one of the article's arrival conditions."""

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="check_ins")
    condition = models.ForeignKey(ArrivalCondition, on_delete=models.CASCADE, related_name="+")
    answer = models.CharField(max_length=6, choices=Answer)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["entry", "condition"], name="one_answer_per_night"),
            models.CheckConstraint(
                condition=models.Q(answer__in=Answer.values), name="known_answer"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_answer_display()} on entry {self.entry_id}"

    @classmethod
    def record(cls, entry: Entry, condition: ArrivalCondition, answer: str) -> "CheckIn":
        check_in, _ = cls.objects.update_or_create(
            entry=entry, condition=condition, defaults={"answer": answer}
        )
        return check_in
