import datetime as dt
import random

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from conditions.models import LifeTag
from interpretations.library import current_matcher
from interpretations.models import Interpretation, TagKind
from journal.import_files import ImportedDream, ReadFile
from journal.importing import import_dreams
from journal.models import Entry, Profile

STRESSED_NOTES = [
    ("Deadline at work on Friday, long days.", ["deadline"]),
    ("Project due this week and overtime again.", ["deadline"]),
    ("Report due, and a row with my manager about it.", ["deadline", "conflict"]),
    ("Exams next week, revising late.", ["exams"]),
    ("Busy, behind on everything, the deadline moved up.", ["deadline"]),
]
CALM_NOTES = [
    ("A quiet week, gardening.", []),
    ("Weekend away at the coast.", ["travel"]),
    ("Visited my parents.", ["travel"]),
    ("Nothing much going on.", []),
    ("", []),
]
PLAIN_DREAMS = [
    "I was in my old kitchen making tea for people I did not know.",
    "A dog followed me politely from room to room in a house by the sea.",
    "We were looking for a lost cat and calling its name along a river.",
    "My sister was painting the hallway a bright yellow and singing.",
    "I was showing a friend around a library with glass floors.",
]


class Command(BaseCommand):
    help = (
        "Add a scripted year of dreams with life-context tags to one login: stressful spells "
        "bring deadlines and the library's recurring dream together, calm ones neither. For "
        'trying the patterns page\'s "what comes before" on realistic data.'
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--nights", type=int, default=365)
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args, username, nights, seed, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No login named {username!r}.")
        if nights < 1:
            raise CommandError("--nights must be 1 or more.")
        theme = self._theme()
        rng = random.Random(seed)  # noqa: S311 - reproducible demo data
        today = Profile.for_user(user).today()
        dreams, tags_by_number = [], {}
        stressed = False
        for offset in range(nights, 0, -1):
            if rng.random() < (0.08 if stressed else 0.03):
                stressed = not stressed
            if rng.random() > (0.6 if stressed else 0.35):
                continue
            anxious = rng.random() < (0.6 if stressed else 0.05)
            notes, tags = rng.choice(STRESSED_NOTES if stressed else CALM_NOTES)
            number = str(len(dreams) + 1)
            narrative = (
                " ".join(f"{label.rstrip('.')}." for label in rng.sample(theme, k=2))
                if anxious
                else rng.choice(PLAIN_DREAMS)
            )
            dreams.append(
                ImportedDream(
                    number=number,
                    night=today - dt.timedelta(days=offset),
                    narrative=narrative,
                    waking_life=notes,
                )
            )
            tags_by_number[number] = tags
        with transaction.atomic():
            report = import_dreams(user, ReadFile(dreams=dreams, skipped=[]), current_matcher())
            entries = Entry.objects.for_user(user).filter(
                night__gt=today - dt.timedelta(nights + 1)
            )
            by_night = {(entry.night, entry.narrative): entry for entry in entries}
            for dream in dreams:
                entry = by_night.get((dream.night, dream.narrative))
                for name in tags_by_number[dream.number] if entry else []:
                    LifeTag.add_to(entry, name)
            Profile.journal_changed([user.pk])
        self.stdout.write(
            f"Added {report.imported} dreams over {nights} nights to {username} "
            f"({report.interpreted} with an interpretation)."
        )

    def _theme(self) -> list[str]:
        """The scenarios of the first interpretation that has at least two: the dream that
        recurs in the scripted year."""
        for interpretation in Interpretation.objects.published().prefetch_related("tags"):
            scenarios = [t.label for t in interpretation.tags.all() if t.kind == TagKind.SCENARIO]
            if len(scenarios) >= 2:
                return scenarios
        raise CommandError("The library has no interpretation with two scenarios yet.")
